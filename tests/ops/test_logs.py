"""Log files: where they go, who may read them, and that no answer, token or password is in them.

The full check runs a real session through the Workspace and a real sync to the real server
(``main.py server`` in a subprocess on a loopback port), everything at DEBUG, then greps every
log file of the laptop and of the server.
"""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from app.logs import init_logging, redact
from tests.sync.harness import FORM_ID, PROJECT, CentralServer, client_for, free_port
from tests.sync.harness import open_workspace as open_laptop

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """init_logging replaces the root handlers: put pytest's back afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    loggers = {
        name: (lg.level, lg.handlers[:], lg.propagate)
        for name, lg in logging.Logger.manager.loggerDict.items()
        if isinstance(lg, logging.Logger)
    }
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:], root.level = handlers, level
    for name, (lvl, hs, propagate) in loggers.items():
        lg = logging.getLogger(name)
        lg.level, lg.handlers[:], lg.propagate = lvl, hs, propagate


def test_secrets_are_redacted() -> None:
    assert "abc.DEF-123" not in redact("Authorization: Bearer abc.DEF-123")
    assert "tok3n" not in redact("GET /v1/key/tok3n/projects/1/formList 200")
    assert "pw9" not in redact("postgresql://enc:pw9@db/encuentro")
    assert "s3cret" not in redact('{"username": "ana", "password": "s3cret"}')
    assert "t0k" not in redact("token=t0k&x=1")
    assert redact("GET /formList 200") == "GET /formList 200"


def test_log_file_is_private_rotates_and_follows_verbose(
    tmp_path: Path, restore_logging: None
) -> None:
    log_file = init_logging(tmp_path, console=False)
    assert log_file == tmp_path / "logs" / "encuentro.log"
    logging.getLogger("encuentro.test").debug("hidden at INFO")
    logging.getLogger("encuentro.test").info("shown at INFO, Bearer s3cr3t-token")
    text = log_file.read_text(encoding="utf-8")
    assert "shown at INFO" in text and "hidden at INFO" not in text
    assert "s3cr3t-token" not in text
    if os.name == "posix":
        assert stat.S_IMODE(log_file.stat().st_mode) == 0o600
        assert stat.S_IMODE(log_file.parent.stat().st_mode) == 0o700
    init_logging(tmp_path, verbose=True, console=False)
    logging.getLogger("encuentro.test").debug("now at DEBUG")
    assert "now at DEBUG" in log_file.read_text(encoding="utf-8")
    # Rotation keeps five old files, each owner-only.
    handler = next(h for h in logging.getLogger().handlers if hasattr(h, "doRollover"))
    for _ in range(7):
        handler.doRollover()
    names = sorted(p.name for p in log_file.parent.iterdir())
    assert names == ["encuentro.log"] + [f"encuentro.log.{n}" for n in range(1, 6)]
    if os.name == "posix":
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in log_file.parent.iterdir())


def run_main(args: list[str], data_dir: Path, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", "--verbose", "--data-dir", str(data_dir), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


def wait_healthy(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited"
        try:
            if requests.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.1)
    raise AssertionError("the server did not come up in 60 s")


@pytest.mark.slow
def test_no_answer_token_or_password_in_any_log_after_a_session_and_a_sync(
    tmp_path: Path, restore_logging: None
) -> None:
    server_dir = tmp_path / "server"
    central = CentralServer(server_dir)  # database migrated, project and form published
    url_db = central.url_db
    central.db.dispose()
    marker = f"MARKER{uuid.uuid4().hex}"
    password = f"PW{uuid.uuid4().hex}"
    # The admin CLI (server.log) is given the password on stdin.
    added = run_main(
        ["admin", "add-supervisor", "marta", "--project", PROJECT, "--password-stdin"]
        + ["--database-url", url_db],
        server_dir,
        input=password + "\n",
    )
    assert added.returncode == 0, added.stderr
    code_run = run_main(
        ["admin", "enroll-code", "--project", PROJECT, "--device-name", "Laptop 1"]
        + ["--database-url", url_db],
        server_dir,
    )
    assert code_run.returncode == 0, code_run.stderr
    code = code_run.stdout.split()[-1] if code_run.stdout.split() else ""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "main.py", "--verbose", "--data-dir", str(server_dir), "server"]
        + ["--port", str(port), "--workers", "1", "--access-log", "--database-url", url_db],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    laptop_dir = tmp_path / "laptop"
    try:
        wait_healthy(url, server)
        init_logging(laptop_dir, verbose=True, console=False)
        workspace = open_laptop(laptop_dir)
        try:
            from tests.sync.harness import FORM_VERSION, XFORM

            workspace.store.forms.add(FORM_ID, FORM_VERSION, "Visita", XFORM)
            session = workspace.start_session(FORM_ID)
            assert session.answer("/data/nombre", f"{marker}-name") is None
            assert session.answer("/data/comentario", f"{marker}-comment") is None
            assert session.finalize() == []
            client = client_for(workspace)
            client.enroll(code, url)
            token = client.vault.get(client.address.keyring_name)
            assert token
            report = client.sync()
            assert report.sent == [session.instance_id]
            # A supervisor logs in with the password and returns it with a comment.
            login = requests.post(
                f"{url}/api/v1/login", json={"username": "marta", "password": password}, timeout=10
            )
            login.raise_for_status()
            review = requests.post(
                f"{url}/api/v1/submissions/{session.instance_id}/review",
                json={"state": "has_issues", "comment": f"{marker}-review"},
                headers={"Authorization": f"Bearer {login.json()['token']}"},
                timeout=10,
            )
            review.raise_for_status()
            client.sync()  # pulls the review back
        finally:
            workspace.close()
    finally:
        server.terminate()
        server.wait(30)
    for handler in logging.getLogger().handlers:
        handler.flush()
    server_log = server_dir / "logs" / "server.log"
    laptop_log = laptop_dir / "logs" / "encuentro.log"
    # The logs are real: DEBUG lines from both sides, the request lines of the server.
    assert "POST /submission" in server_log.read_text(encoding="utf-8")
    assert "DEBUG" in laptop_log.read_text(encoding="utf-8")
    files = list((server_dir / "logs").iterdir()) + list((laptop_dir / "logs").iterdir())
    for log_file in files:
        text = log_file.read_text(encoding="utf-8", errors="replace")
        for secret in (marker, token, password, code):
            assert secret not in text, f"{secret[:8]}… in {log_file}"
