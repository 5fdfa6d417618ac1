"""main.py --self-test: the checks of an installation, alone and sending to a real server."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.server.forms import publish_form
from tests.sync.harness import PROJECT, CentralServer

ROOT = Path(__file__).resolve().parents[2]
CHECKS = [
    "built-in questionnaires",
    "session",
    "TLS",
    "keyring",
    "Qt",
    "translations",
    "image formats",
    "screens",
]


def self_test(*extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", "--self-test", *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


@pytest.fixture
def central(tmp_path: Path) -> Iterator[CentralServer]:
    server = CentralServer(tmp_path / "server")
    publish_form(server.db, PROJECT, ROOT / "forms" / "grupo_focal_mujeres.md", [])
    server.start()
    yield server
    server.stop()


def test_self_test_checks_everything_and_passes() -> None:
    done = self_test()
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for check in CHECKS:
        assert any(line.startswith(f"ok   {check}:") for line in lines), check
    assert "5 loaded" in done.stdout
    assert lines[-1].startswith("self-test passed")


def test_self_test_sends_its_session_to_a_server(central: CentralServer) -> None:
    before = set(central.submission_counts())
    done = self_test("--sync-to", central.url, "--enroll-code", central.enrollment_code())
    assert done.returncode == 0, done.stdout + done.stderr
    assert any(line.startswith("ok   sync:") for line in done.stdout.splitlines())
    sent = set(central.submission_counts()) - before
    assert len(sent) == 1
    (instance_id,) = sent
    assert "grupo_focal_mujeres" in (central.xml(instance_id) or "")


def test_a_refused_enrollment_fails_the_self_test_and_names_it(central: CentralServer) -> None:
    done = self_test("--sync-to", central.url, "--enroll-code", "NOT-A-CODE")
    assert done.returncode == 1
    assert done.stdout.splitlines()[-1].startswith("FAIL sync")
    assert central.submission_counts() == {}
