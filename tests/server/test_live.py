"""A real server process (uvicorn, 2 workers) on a loopback port, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from sync.server import accounts
from sync.server.db import Database
from sync.server.migrations import LATEST_VERSION, migrate
from tests.server.conftest import fresh_database, instance_of, publish_xml, submission_xml

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveServer:
    database_url: str
    folder: Path
    port: int = 0
    process: subprocess.Popen | None = None
    device_token: str = ""
    supervisor_token: str = ""

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.port = free_port()
        log = open(self.folder / "server.log", "ab")  # noqa: SIM115 (kept open for the process)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sync.server",
                "server",
                "--port",
                str(self.port),
                "--database-url",
                self.database_url,
                "--workers",
                "2",
                "--max-submission-mb",
                "1",
                "--access-log",  # on, so that the tests can read what a request leaves there
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the workers die with it
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.base}/api/v1/health", timeout=1).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.1)
        self.kill()
        pytest.fail("server did not start:\n" + (self.folder / "server.log").read_text())

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=10)
        self.process = None

    def auth(self, token: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {token or self.device_token}"}

    def submit(self, xml: bytes, files: dict[str, bytes] | None = None) -> requests.Response:
        parts = [("xml_submission_file", ("submission.xml", xml, "text/xml"))]
        parts += [(n, (n, data, "application/octet-stream")) for n, data in (files or {}).items()]
        return requests.post(
            f"{self.base}/submission", headers=self.auth(), files=parts, timeout=30
        )

    def stored(self, instance_id: str) -> requests.Response:
        return requests.get(
            f"{self.base}/api/v1/submissions/{instance_id}",
            headers=self.auth(self.supervisor_token),
            timeout=10,
        )


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def live(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp(f"live-{request.param}")
    with fresh_database(request.param, folder) as url:
        db = Database(url)
        migrate(db)
        accounts.create_project(db, "Piloto")
        accounts.create_user(db, "ana", "ana-password", "supervisor", ["Piloto"])
        publish_xml(db, "Piloto", folder)
        code = accounts.create_enrollment_code(db, "Piloto", "Laptop")
        db.dispose()
        server = LiveServer(database_url=url, folder=folder)
        server.start()
        try:
            enrolled = requests.post(
                f"{server.base}/api/v1/enroll", json={"code": code}, timeout=10
            )
            server.device_token = enrolled.json()["token"]
            login = requests.post(
                f"{server.base}/api/v1/login",
                json={"username": "ana", "password": "ana-password"},
                timeout=10,
            )
            server.supervisor_token = login.json()["token"]
            yield server
        finally:
            server.kill(signal.SIGTERM)


def test_concurrent_split_resends_end_with_one_copy_and_every_attachment(live: LiveServer) -> None:
    preflight = requests.head(f"{live.base}/submission", headers=live.auth(), timeout=10)
    assert preflight.status_code == 204
    assert preflight.headers["X-OpenRosa-Version"] == "1.0"
    xml = submission_xml(photo="foto0.jpg", audio=tuple(f"foto{i}.jpg" for i in range(1, 8)))
    with ThreadPoolExecutor(8) as pool:
        answers = list(
            pool.map(lambda i: live.submit(xml, {f"foto{i}.jpg": bytes([i]) * 100}), range(8))
        )
    assert [a.status_code for a in answers] == [201] * 8
    assert sum(a.headers["X-Encuentro-Submission"] == "created" for a in answers) == 1
    record = live.stored(instance_of(xml)).json()
    assert sorted(a["name"] for a in record["attachments"]) == [f"foto{i}.jpg" for i in range(8)]
    listing = requests.get(
        f"{live.base}/api/v1/submissions", headers=live.auth(), params={"limit": 500}, timeout=10
    ).json()
    assert [i["instance_id"] for i in listing["items"]].count(instance_of(xml)) == 1


def test_the_same_instance_id_from_8_connections_at_once_is_stored_exactly_once(
    live: LiveServer,
) -> None:
    same = submission_xml()
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: live.submit(same), range(8)))
    assert [a.status_code for a in answers] == [201] * 8
    outcomes = sorted(a.headers["X-Encuentro-Submission"] for a in answers)
    assert outcomes == ["created"] + ["duplicate"] * 7
    instance_id = f"uuid:{uuid.uuid4()}"
    variants = [submission_xml(instance_id, community=f"versión {i}") for i in range(8)]
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(live.submit, variants))
    codes = sorted(a.status_code for a in answers)
    assert codes == [201] + [409] * 7, [a.text for a in answers]
    winner = variants[[a.status_code for a in answers].index(201)]
    assert live.stored(instance_id).json()["xml"] == winner.decode()
    listing = requests.get(
        f"{live.base}/api/v1/submissions",
        headers=live.auth(),
        params={"limit": 500, "include_old_versions": True},
        timeout=10,
    ).json()
    ids = [item["instance_id"] for item in listing["items"]]
    assert ids.count(instance_of(same)) == 1 and ids.count(instance_id) == 1


def test_8_different_edits_of_one_version_at_once_make_exactly_one_new_version(
    live: LiveServer,
) -> None:
    original = submission_xml()
    assert live.submit(original).status_code == 201
    edits = [
        submission_xml(community=f"edición {i}", deprecated_id=instance_of(original))
        for i in range(8)
    ]
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(live.submit, edits))
    assert sorted(a.status_code for a in answers) == [201] + [409] * 7
    winner = edits[[a.status_code for a in answers].index(201)]
    record = live.stored(instance_of(original)).json()
    assert record["versions"] == [instance_of(original), instance_of(winner)]
    assert record["is_current"] is False


def test_one_enrollment_code_used_from_8_connections_at_once_enrolls_one_device(
    live: LiveServer,
) -> None:
    db = Database(live.database_url)
    try:
        code = accounts.create_enrollment_code(db, "Piloto", "Laptop disputada")
    finally:
        db.dispose()

    def enroll(_: int) -> requests.Response:
        return requests.post(f"{live.base}/api/v1/enroll", json={"code": code}, timeout=30)

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(enroll, range(8)))
    assert sorted(a.status_code for a in answers) == [200] + [403] * 7
    devices = requests.get(
        f"{live.base}/api/v1/devices", headers=live.auth(live.supervisor_token), timeout=10
    ).json()
    assert [d["name"] for d in devices].count("Laptop disputada") == 1


def test_keyed_url_tokens_never_reach_the_access_log(live: LiveServer) -> None:
    base = f"{live.base}/v1/key/{live.device_token}/projects/1"
    assert requests.get(f"{base}/formList", timeout=10).status_code == 200
    assert requests.get(f"{base}/forms/no_existe.xml", timeout=10).status_code == 404
    # The access-log line is written after the answer: wait for it rather than guess how long.
    log_file, deadline = live.folder / "server.log", time.monotonic() + 60
    while "/projects/1/forms/no_existe.xml" not in (log := log_file.read_text(errors="replace")):
        assert time.monotonic() < deadline, log[-2000:]
        time.sleep(0.05)
    assert "/v1/key/[redacted]/projects/1/formList" in log
    assert live.device_token not in log


def test_huge_request_headers_are_refused_and_the_server_stays_up(live: LiveServer) -> None:
    # h11 stops buffering a request head past 16 KB plus one socket read (64 KB here): a header of
    # a megabyte or more is refused without being held in memory.
    for size in (1024 * 1024, 4 * 1024 * 1024):
        head = (
            f"GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {live.device_token}\r\n"
            f"X-Padding: {'p' * size}\r\n\r\n"
        ).encode()
        try:
            answer = raw_exchange(live.port, head)
        except (BrokenPipeError, ConnectionResetError):
            answer = b""  # cut off while still sending: also a refusal
        assert answer == b"" or answer.startswith(b"HTTP/1.1 400"), answer[:80]
    assert requests.get(f"{live.base}/api/v1/me", headers=live.auth(), timeout=10).ok


def raw_exchange(port: int, data: bytes, read: bool = True) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        if not read:
            return b""
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except (ConnectionResetError, TimeoutError):
            pass
        return b"".join(chunks)


def test_garbage_and_cut_uploads_leave_the_server_up_and_store_nothing(live: LiveServer) -> None:
    assert b"400" in raw_exchange(live.port, b"\x00\xffNOT HTTP AT ALL\r\n\r\n")
    xml = submission_xml()
    boundary = b"cut"
    body = (
        b'--cut\r\nContent-Disposition: form-data; name="xml_submission_file"; '
        b'filename="s.xml"\r\nContent-Type: text/xml\r\n\r\n' + xml
    )
    head = (
        f"POST /submission HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {live.device_token}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary.decode()}\r\n"
        f"Content-Length: {len(body) + 5000}\r\n\r\n"
    ).encode()
    raw_exchange(live.port, head + body, read=False)  # the connection drops mid-upload
    raw_exchange(live.port, head[:40], read=False)  # and mid-headers
    assert live.stored(instance_of(xml)).status_code == 404
    # Created, not "duplicate": nothing of the cut upload was kept (no sleep needed to know it).
    whole = live.submit(xml)
    assert whole.status_code == 201 and whole.headers["X-Encuentro-Submission"] == "created"


def test_a_declared_oversized_body_is_413_before_it_is_sent(live: LiveServer) -> None:
    head = (
        f"POST /submission HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {live.device_token}\r\n"
        "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 50000000\r\n\r\n"
    ).encode()
    assert raw_exchange(live.port, head).startswith(b"HTTP/1.1 413")
    assert requests.get(f"{live.base}/api/v1/health", timeout=10).status_code == 200


def test_a_killed_server_keeps_every_acknowledged_submission(live: LiveServer) -> None:
    sent = [submission_xml(community=f"antes de morir {i}") for i in range(5)]
    assert [live.submit(xml).status_code for xml in sent] == [201] * 5
    live.kill(signal.SIGKILL)
    live.start()
    for xml in sent:
        assert live.stored(instance_of(xml)).json()["xml"] == xml.decode()
    again = live.submit(sent[0])
    assert again.status_code == 201 and again.headers["X-Encuentro-Submission"] == "duplicate"


def test_main_py_server_starts_with_sqlite_in_the_data_folder(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    process = subprocess.Popen(
        [
            sys.executable,
            "main.py",
            "server",
            "--port",
            str(port),
            "--data-dir",
            str(tmp_path),
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline, health = time.monotonic() + 30, None
        while time.monotonic() < deadline and health is None:
            try:
                health = requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).json()
            except requests.ConnectionError:
                time.sleep(0.1)
        assert health == {"status": "ok", "database": "sqlite", "schema_version": LATEST_VERSION}
        assert (tmp_path / "encuentro-server.sqlite3").exists()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)


def _workers_environment(server: LiveServer) -> list[dict[str, str]]:
    """The environment of each worker process of a live server (Linux /proc)."""
    assert server.process is not None
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == server.process.pid:
            continue
        try:
            if os.getpgid(int(entry.name)) != server.process.pid:
                continue
            raw = (entry / "environ").read_bytes()
        except OSError:
            continue
        pairs = (item.split(b"=", 1) for item in raw.split(b"\0") if b"=" in item)
        found.append({k.decode(): v.decode(errors="replace") for k, v in pairs})
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc")
def test_on_sqlite_the_workers_store_through_the_main_process(live: LiveServer) -> None:
    """The real `server --workers 2` on SQLite runs the shared writer; on PostgreSQL it does not
    (every worker writes at once there). Concurrent sends still end with one copy each."""
    workers = [env for env in _workers_environment(live) if "ENCUENTRO_SERVER_DATABASE_URL" in env]
    assert len(workers) >= 2
    sockets = {env.get("ENCUENTRO_SERVER_INGEST_SOCKET") for env in workers}
    if live.database_url.startswith("sqlite"):
        assert len(sockets) == 1 and None not in sockets
        folder = Path(next(iter(sockets))).parent
        assert folder.stat().st_mode & 0o077 == 0
    else:
        assert sockets == {None}
    sent = [submission_xml(community=f"Comunidad {i}") for i in range(16)]
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(live.submit, sent + sent[:4]))
    assert [a.status_code for a in answers] == [201] * 20
    kinds = [a.headers["X-Encuentro-Submission"] for a in answers]
    assert kinds.count("created") == 16 and kinds.count("duplicate") == 4
    for xml in sent:
        assert live.stored(instance_of(xml)).json()["xml"] == xml.decode()
