"""``main.py server --certfile/--keyfile`` serves HTTPS itself, with exactly the options uvicorn
gets from the command line; a half-given pair is refused before anything starts."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest
import requests
from fastapi import FastAPI

from main import main
from sync.server.certs import make_certificate
from sync.wire import fingerprint_of_pem
from tests.server.test_transport import app, server_args, serving

__all__ = ["app"]  # the same app fixture as the transport tests (SQLite and PostgreSQL)


def test_the_server_answers_https_with_the_certificate_it_was_given(
    app: FastAPI, tmp_path: Path
) -> None:
    made = make_certificate(tmp_path / "tls", ["127.0.0.1", "localhost"])
    args = server_args("--certfile", str(made.cert_path), "--keyfile", str(made.key_path))
    with serving(app, args) as plain_base:
        base = plain_base.replace("http://", "https://")
        answer = requests.get(f"{base}/api/v1/health", verify=str(made.cert_path), timeout=30)
        assert answer.status_code == 200
        presented = ssl.get_server_certificate(("127.0.0.1", args.port), timeout=30)
        assert fingerprint_of_pem(presented) == made.fingerprint
        with pytest.raises(requests.exceptions.SSLError):  # not in any public store
            requests.get(f"{base}/api/v1/health", timeout=30)
        with pytest.raises(requests.exceptions.ConnectionError):  # no plain HTTP beside it
            requests.get(f"{plain_base}/api/v1/health", timeout=30)


def test_a_certificate_without_its_key_is_refused_at_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = make_certificate(tmp_path / "tls", ["127.0.0.1"])
    data = str(tmp_path / "data")
    assert main(["server", "--data-dir", data, "--certfile", str(made.cert_path)]) == 1
    assert "--certfile and --keyfile go together" in capsys.readouterr().err
    other = make_certificate(tmp_path / "other", ["127.0.0.1"])
    wrong_pair = ["--certfile", str(made.cert_path), "--keyfile", str(other.key_path)]
    assert main(["server", "--data-dir", data, *wrong_pair]) == 1
    assert "cannot use" in capsys.readouterr().err
