"""The main process's shared writer (several workers on one SQLite file): submissions travel to
it and back with the same answers as when a worker stores them itself; a process without its
secret stores nothing; when it cannot be reached a worker stores its own."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from sync.server import accounts, schema
from sync.server.app import ServerSettings, create_app
from sync.server.fair_accept import FairAcceptLoop
from sync.server.shared_writer import ENV_SECRET, ENV_SOCKET, SharedWriter, available
from tests.server.conftest import (
    TEST_LIMIT,
    Pilot,
    fresh_database,
    instance_of,
    publish_xml,
    submission_xml,
)

pytestmark = pytest.mark.skipif(not available(), reason="Unix sockets: not on Windows")


@pytest.fixture
def writer_and_pilot(tmp_path: Path) -> Iterator[tuple[SharedWriter, Pilot]]:
    with fresh_database("sqlite", tmp_path) as url:
        shared = SharedWriter(url)
        env = shared.start()
        app = create_app(
            ServerSettings(
                database_url=url,
                max_submission_bytes=TEST_LIMIT,
                shared_writer=(env[ENV_SOCKET], env[ENV_SECRET]),
            )
        )
        pilot = _pilot(app, tmp_path)
        # One request at a time here: without this, each would be stored by its worker (alone).
        app.state.ingest.alone_locally = False
        try:
            yield shared, pilot
        finally:
            pilot.client.__exit__(None, None, None)
            shared.stop()
            app.state.db.dispose()


def _pilot(app, tmp_path: Path) -> Pilot:
    db = app.state.db
    project_id = accounts.create_project(db, "Piloto")
    accounts.create_user(db, "ana", "ana-password", "supervisor", ["Piloto"])
    publish_xml(db, "Piloto", tmp_path)
    client = TestClient(app)
    client.__enter__()
    pilot = Pilot(client=client, app=app, tmp=tmp_path, project_id=project_id)
    enrolled = pilot.enroll()
    pilot.device_token, pilot.device_id = enrolled["token"], enrolled["device_id"]
    pilot.supervisor_token = pilot.login("ana", "ana-password")
    return pilot


def stored_count(pilot: Pilot) -> int:
    with pilot.db.read() as conn:
        return conn.execute(select(func.count()).select_from(schema.submissions)).scalar()


def test_submissions_are_stored_by_the_main_process_with_the_same_answers(
    writer_and_pilot: tuple[SharedWriter, Pilot],
) -> None:
    shared, pilot = writer_and_pilot
    local = pilot.app.state.ingest.local
    xml = submission_xml(community="Jucuarán")
    first = pilot.submit(xml)
    assert first.status_code == 201 and first.headers["X-Encuentro-Submission"] == "created"
    again = pilot.submit(xml)
    assert again.status_code == 201 and again.headers["X-Encuentro-Submission"] == "duplicate"
    changed = pilot.submit(xml.replace(b"Jucuar\xc3\xa1n", b"Usulut\xc3\xa1n"))
    assert changed.status_code == 409 and "already stored" in changed.text
    # Stored byte for byte (the text crossed the socket as JSON), by the shared writer only.
    record = pilot.client.get(
        f"/api/v1/submissions/{instance_of(xml)}", headers=pilot.auth(pilot.supervisor_token)
    ).json()
    assert record["xml"] == xml.decode()
    assert shared.group_commit is not None and shared.group_commit.stored == 2  # new + resend
    assert local.stored == 0 and stored_count(pilot) == 1
    # An edit (deprecatedID) too.
    edit = submission_xml(deprecated_id=instance_of(xml), community="Jiquilisco")
    assert pilot.submit(edit).status_code == 201
    assert shared.group_commit.stored == 3 and stored_count(pilot) == 2


def test_a_token_revoked_meanwhile_is_refused_by_the_main_process(
    writer_and_pilot: tuple[SharedWriter, Pilot],
) -> None:
    _shared, pilot = writer_and_pilot
    assert pilot.submit(submission_xml()).status_code == 201  # the token is now remembered
    with pilot.db.read() as conn:
        token_hash = conn.execute(select(schema.tokens.c.token_hash)).scalars().all()
    for digest in token_hash:
        accounts.revoke_token(pilot.db, digest)
    refused = pilot.submit(submission_xml())
    assert refused.status_code == 401 and "revoked" in refused.text
    assert stored_count(pilot) == 1


def test_submissions_with_files_are_stored_by_their_worker(
    writer_and_pilot: tuple[SharedWriter, Pilot],
) -> None:
    shared, pilot = writer_and_pilot
    # The published form has a photo question; its file stays in the worker that received it.
    xml = submission_xml(photo="foto.jpg")
    response = pilot.submit(xml, files={"foto.jpg": b"\xff\xd8 a photo"})
    assert response.status_code == 201
    assert pilot.app.state.ingest.local.stored == 1
    assert shared.group_commit is not None and shared.group_commit.stored == 0


def test_a_process_without_the_secret_stores_nothing(
    tmp_path: Path, writer_and_pilot: tuple[SharedWriter, Pilot]
) -> None:
    shared, pilot = writer_and_pilot
    pilot.app.state.ingest.secret = "not-the-secret"
    xml = submission_xml()
    refused = pilot.submit(xml)
    assert refused.status_code == 503 and refused.headers["Retry-After"]
    assert stored_count(pilot) == 0
    pilot.app.state.ingest.secret = shared.secret
    assert pilot.submit(xml).headers["X-Encuentro-Submission"] == "created"
    assert stored_count(pilot) == 1


def test_without_the_main_process_a_worker_stores_its_own(
    writer_and_pilot: tuple[SharedWriter, Pilot],
) -> None:
    shared, pilot = writer_and_pilot
    assert pilot.submit(submission_xml()).status_code == 201
    shared.stop()  # the main process's writer goes away (its link breaks)
    late = pilot.submit(submission_xml())
    assert late.status_code == 201 and late.headers["X-Encuentro-Submission"] == "created"
    assert pilot.app.state.ingest.local.stored == 1 and stored_count(pilot) == 2


def test_the_socket_and_its_folder_are_private(
    writer_and_pilot: tuple[SharedWriter, Pilot],
) -> None:
    shared, _pilot = writer_and_pilot
    assert shared.folder.stat().st_mode & 0o077 == 0
    assert shared.path.stat().st_mode & 0o077 == 0


def test_a_worker_accepts_one_waiting_connection_per_wake_up() -> None:
    """Connections waiting together are not all taken by the first worker awake."""
    loop = FairAcceptLoop()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.setblocking(False)
    clients = [socket.create_connection(listener.getsockname()) for _ in range(3)]
    try:
        accepted: list[asyncio.Protocol] = []

        def protocol() -> asyncio.Protocol:
            accepted.append(asyncio.Protocol())
            return accepted[-1]

        loop._accept_connection(protocol, listener, None, None, 100)
        left = 0
        while True:  # the ones the loop left for the other workers
            try:
                conn, _address = listener.accept()
            except BlockingIOError:
                break
            conn.close()
            left += 1
        assert left == 2
        loop.run_until_complete(asyncio.sleep(0.05))
        assert len(accepted) == 1
    finally:
        for client in clients:
            client.close()
        listener.close()
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()


def test_alone_a_worker_stores_its_own_and_with_others_in_flight_they_travel(
    writer_and_pilot: tuple[SharedWriter, Pilot],
) -> None:
    shared, pilot = writer_and_pilot
    client = pilot.app.state.ingest
    client.alone_locally = True
    principal = accounts.principal_for_token(pilot.db, pilot.device_token)
    inbox = pilot.app.state.inbox
    jobs = [inbox.prepare(principal, submission_xml(), []) for _ in range(6)]

    async def send_all() -> list[bool]:
        results = await asyncio.gather(*(client.submit(job) for job in jobs))
        return [result.created for result in results]

    assert asyncio.run(send_all()) == [True] * 6
    # The first found its worker idle; the five sent while it was in flight went to the main
    # process (in one or two of its transactions).
    assert client.local.stored == 1
    assert shared.group_commit is not None and shared.group_commit.stored == 5
    assert stored_count(pilot) == 6
