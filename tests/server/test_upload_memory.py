"""Issue 7 item 11: an upload's memory does not grow with its size, and each worker takes only a
few submission bodies at once (the others wait, then get 503 with Retry-After).

A real uvicorn server runs in a thread of the test process (the body must arrive in network-sized
pieces, as in production; the in-process test client hands the app the whole body at once), so
tracemalloc sees the server's allocations.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import stat
import threading
import time
import tracemalloc
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy import select

from sync.server import accounts, schema, uploads
from sync.server.app import ServerSettings, create_app
from sync.server.uploads import BodyTurns
from tests.server.conftest import publish_xml, submission_xml

MB = 1024 * 1024
BOUNDARY = "encuentro-memory-test"


class Served:
    def __init__(self, app, server: uvicorn.Server, port: int, token: str) -> None:
        self.app, self.server, self.port, self.token = app, server, port, token

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)

    def start_upload(self, xml: bytes, name: str, size: int) -> tuple:
        """Headers and the body up to the file's bytes; returns (connection, head, tail)."""
        head = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="xml_submission_file"; '
            'filename="submission.xml"\r\nContent-Type: text/xml\r\n\r\n'
        ).encode() + xml
        head += (
            f'\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{name}"\r\nContent-Type: image/jpeg\r\n\r\n'
        ).encode()
        tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        conn = self.connection()
        conn.putrequest("POST", "/submission")
        conn.putheader("Authorization", f"Bearer {self.token}")
        conn.putheader("Content-Type", f"multipart/form-data; boundary={BOUNDARY}")
        conn.putheader("Content-Length", str(len(head) + size + len(tail)))
        conn.endheaders()
        conn.send(head)
        return conn, tail


def file_bytes(size: int, seed: int = 7) -> Iterator[bytes]:
    """``size`` bytes of a pattern, in 64 KB pieces (never the whole file in memory)."""
    piece = hashlib.sha256(str(seed).encode()).digest() * 2048  # 64 KB
    sent = 0
    while sent < size:
        chunk = piece[: min(len(piece), size - sent)]
        sent += len(chunk)
        yield chunk


@pytest.fixture
def served(db_url: str, tmp_path: Path) -> Iterator[Served]:
    app = create_app(ServerSettings(database_url=db_url, max_submission_bytes=64 * MB))
    db = app.state.db
    accounts.create_project(db, "Piloto")
    publish_xml(db, "Piloto", tmp_path)
    token = accounts.enroll_device(db, accounts.create_enrollment_code(db, "Piloto", "L"))["token"]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield Served(app, server, port, token)
    finally:
        server.should_exit = True
        thread.join(timeout=60)
        db.dispose()


def stored_photo(served: Served, instance_id: str) -> tuple[int, str]:
    s, a = schema.submissions, schema.submission_attachments
    with served.app.state.db.read() as conn:
        row = conn.execute(
            select(a.c.size, a.c.sha256, a.c.data)
            .join(s, a.c.submission_pk == s.c.id)
            .where(s.c.instance_id == instance_id)
        ).one()
    assert len(row.data) == row.size and hashlib.sha256(row.data).hexdigest() == row.sha256
    return row.size, row.sha256


def test_a_30_mb_upload_costs_the_server_far_less_than_30_mb(served: Served) -> None:
    size = 30 * MB
    xml = submission_xml(photo="grande.jpg")
    expected = hashlib.sha256()
    for chunk in file_bytes(size):
        expected.update(chunk)
    tracemalloc.start()
    try:
        baseline, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        conn, tail = served.start_upload(xml, "grande.jpg", size)
        for chunk in file_bytes(size):
            conn.send(chunk)
        conn.send(tail)
        response = conn.getresponse()
        body = response.read()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status == 201, body
    growth = peak - baseline
    assert growth < 8 * MB, f"the server held {growth / MB:.1f} MB for a 30 MB upload"
    instance_id = xml.split(b"<orx:instanceID>")[1].split(b"<")[0].decode()
    assert stored_photo(served, instance_id) == (size, expected.hexdigest())
    folder = Path(uploads.upload_folder())
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert os.listdir(folder) == []  # spooled parts are unlinked at creation: nothing left behind


def test_bodies_beyond_the_limit_wait_their_turn_then_get_503(served: Served) -> None:
    turns = served.app.state.body_turns = BodyTurns(limit=1, wait_s=0.3)
    held_xml = submission_xml(photo="a.jpg")
    held, tail = served.start_upload(held_xml, "a.jpg", 2 * MB)
    pieces = file_bytes(2 * MB)
    held.send(next(pieces))  # the first body is being received, and stops half-way
    deadline = time.monotonic() + 30
    while turns.in_flight < 1:
        assert time.monotonic() < deadline, "the first upload never got its turn"
        time.sleep(0.01)
    other_xml = submission_xml(photo="b.jpg")
    conn, other_tail = served.start_upload(other_xml, "b.jpg", 1000)
    conn.send(b"x" * 1000 + other_tail)
    refused = conn.getresponse()
    assert refused.status == 503
    assert int(refused.getheader("Retry-After")) > 0
    assert b"many submissions at once" in refused.read()
    for chunk in pieces:  # the first upload goes on and is stored
        held.send(chunk)
    held.send(tail)
    assert held.getresponse().status == 201
    assert turns.most_in_flight == 1 and turns.in_flight == 0
    served.app.state.body_turns = BodyTurns(limit=2, wait_s=60)
    results: list[int] = []

    def send_one(i: int) -> None:
        xml = submission_xml(f"uuid:{uuid.uuid4()}", photo=f"f{i}.jpg")
        connection, end = served.start_upload(xml, f"f{i}.jpg", MB)
        for chunk in file_bytes(MB, seed=i):
            connection.send(chunk)
        connection.send(end)
        results.append(connection.getresponse().status)

    threads = [threading.Thread(target=send_one, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert results == [201] * 6  # the others waited for a turn rather than being refused
    assert served.app.state.body_turns.most_in_flight <= 2
