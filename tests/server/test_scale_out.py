"""Scale out: two server processes (``main.py server``) over one PostgreSQL behave as one server:
both migrate the same empty database at once, every session is stored exactly once whichever
process takes it (resends through the other one are duplicates), the login throttle counts
failures made on either, and a review made through one is seen through the other."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select

from sync.server import accounts, schema
from sync.server.db import Database
from sync.server.migrations import LATEST_VERSION
from tests.server.conftest import fresh_database, instance_of, publish_xml, submission_xml
from tests.server.test_live import free_port

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 8
SESSIONS_PER_CLIENT = 4
RESENT_PER_CLIENT = 2  # of which this many also go, at the same moment, through the other process


@dataclass
class Process:
    port: int
    popen: subprocess.Popen
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def start(url: str, folder: Path, name: str) -> Process:
    port = free_port()
    log = folder / f"{name}.log"
    with open(log, "ab") as out:
        popen = subprocess.Popen(
            [sys.executable, "main.py", "server", "--port", str(port), "--database-url", url],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Process(port, popen, log)


def wait_ready(process: Process, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.popen.poll() is not None:
            break
        try:
            health = requests.get(f"{process.base}/api/v1/health", timeout=2)
            if health.status_code == 200:
                assert health.json()["schema_version"] == LATEST_VERSION
                return
        except requests.ConnectionError:
            time.sleep(0.05)  # polling for the port to open, not a fixed wait
    pytest.fail(f"server on {process.port} did not start:\n" + process.log.read_text())


def stop(process: Process) -> None:
    if process.popen.poll() is None:
        os.killpg(process.popen.pid, signal.SIGTERM)
        try:
            process.popen.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.popen.pid, signal.SIGKILL)
            process.popen.wait(timeout=10)


@pytest.fixture
def two_servers(tmp_path: Path) -> Iterator[tuple[list[Process], str]]:
    with fresh_database("postgresql", tmp_path) as url:
        processes = [start(url, tmp_path, "a"), start(url, tmp_path, "b")]  # both migrate at once
        try:
            for process in processes:
                wait_ready(process)
            yield processes, url
        finally:
            for process in processes:
                stop(process)


def submit(base: str, token: str, xml: bytes) -> requests.Response:
    parts = [("xml_submission_file", ("submission.xml", xml, "text/xml"))]
    return requests.post(
        f"{base}/submission",
        headers={"Authorization": f"Bearer {token}"},
        files=parts,
        timeout=60,
    )


def test_two_processes_over_one_postgresql_behave_as_one_server(
    two_servers: tuple[list[Process], str], tmp_path: Path
) -> None:
    processes, url = two_servers
    db = Database(url)
    try:
        accounts.create_project(db, "Piloto")
        accounts.create_user(db, "ana", "ana-password", "supervisor", ["Piloto"])
        accounts.create_user(db, "beto", "beto-password", "supervisor", ["Piloto"])
        publish_xml(db, "Piloto", tmp_path)
        codes = [
            accounts.create_enrollment_code(db, "Piloto", f"Laptop {n}") for n in range(CLIENTS)
        ]
        limit = 10  # ServerSettings.max_failed_attempts, the CLI's default

        def client(n: int) -> list[tuple[str, requests.Response]]:
            """One field laptop: enrolls through its process, sends its sessions there, and
            resends some at the same moment through the other (a lost answer, a second tab)."""
            home, other = processes[n % 2], processes[(n + 1) % 2]
            enrolled = requests.post(
                f"{home.base}/api/v1/enroll", json={"code": codes[n]}, timeout=60
            )
            assert enrolled.status_code == 200, enrolled.text
            token = enrolled.json()["token"]
            sessions = [
                submission_xml(community=f"Comunidad {n}-{k}") for k in range(SESSIONS_PER_CLIENT)
            ]
            answers = []
            with ThreadPoolExecutor(2) as pair:
                for k, xml in enumerate(sessions):
                    targets = [home, other] if k < RESENT_PER_CLIENT else [home]
                    sent = pair.map(lambda p, xml=xml: submit(p.base, token, xml), targets)
                    answers += [(instance_of(xml), answer) for answer in sent]
            return answers

        with ThreadPoolExecutor(CLIENTS) as pool:
            answers = [a for per_client in pool.map(client, range(CLIENTS)) for a in per_client]

        assert len(answers) == CLIENTS * (SESSIONS_PER_CLIENT + RESENT_PER_CLIENT)
        assert {answer.status_code for _, answer in answers} == {201}, [
            answer.text for _, answer in answers if answer.status_code != 201
        ]
        outcomes: dict[str, Counter[str]] = {}
        for instance_id, answer in answers:
            outcome = answer.headers["X-Encuentro-Submission"]
            outcomes.setdefault(instance_id, Counter())[outcome] += 1
        assert len(outcomes) == CLIENTS * SESSIONS_PER_CLIENT
        assert all(counts["created"] == 1 for counts in outcomes.values()), outcomes
        assert sum(counts["duplicate"] for counts in outcomes.values()) == (
            CLIENTS * RESENT_PER_CLIENT
        )
        with db.read() as conn:
            stored = conn.execute(
                select(schema.submissions.c.instance_id, func.count()).group_by(
                    schema.submissions.c.instance_id
                )
            ).all()
            versions = conn.execute(select(schema.schema_migrations.c.version)).scalars().all()
        assert dict(stored) == dict.fromkeys(outcomes, 1)  # every session, exactly once
        assert sorted(versions) == list(range(1, LATEST_VERSION + 1))  # migrated once, not twice

        # The login throttle is one: failures alternate between the processes, and both refuse.
        for n in range(limit):
            wrong = requests.post(
                f"{processes[n % 2].base}/api/v1/login",
                json={"username": "beto", "password": "guess1234"},
                timeout=60,
            )
            assert wrong.status_code == 401, wrong.text
        for process in processes:
            held = requests.post(
                f"{process.base}/api/v1/login",
                json={"username": "beto", "password": "beto-password"},
                timeout=60,
            )
            assert held.status_code == 429, held.text

        # A review made through one process is what the other one shows and tells the device.
        token = requests.post(
            f"{processes[0].base}/api/v1/login",
            json={"username": "ana", "password": "ana-password"},
            timeout=60,
        ).json()["token"]
        supervisor = {"Authorization": f"Bearer {token}"}
        reviewed = next(iter(outcomes))
        done = requests.post(
            f"{processes[0].base}/api/v1/submissions/{reviewed}/review",
            headers=supervisor,
            json={"state": "has_issues", "comment": "Falta la lista de asistencia"},
            timeout=60,
        )
        assert done.status_code == 200, done.text
        seen = requests.get(
            f"{processes[1].base}/api/v1/submissions/{reviewed}", headers=supervisor, timeout=60
        ).json()
        assert (seen["review_state"], seen["review_comment"]) == (
            "has_issues",
            "Falta la lista de asistencia",
        )
    finally:
        db.dispose()
