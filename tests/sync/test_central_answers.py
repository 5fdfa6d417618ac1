"""ODK Central's own answers (issue 7, items 18, 19, 21), played by a scripted loopback server:
403 for a revoked app user pauses like 401, a closed form's 409 keeps the session queued, a new
project URL puts sessions refused for authorization back in line, and submissions carry
Collect's deviceID query parameter."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from sync.client import SyncPaused
from sync.messages import SyncMessage, parse_stored
from tests.sync.harness import Laptop
from tests.sync.hostile import HostileServer, Reply, form_list

BASE = "/v1/key/{key}/projects/1"
CLOSED = (
    b'<OpenRosaResponse xmlns="http://openrosa.org/http/response"><message>'
    b"This form is not accepting submissions at this time.</message></OpenRosaResponse>"
)


@pytest.fixture
def central() -> Iterator[HostileServer]:
    server = HostileServer()
    yield server
    server.close()


def open_laptop(tmp_path: Path, central: HostileServer, key: str = "appUserKey1") -> Laptop:
    base = BASE.format(key=key)
    central.route("HEAD", f"{base}/submission", Reply(204))
    central.route("GET", f"{base}/formList", Reply(200, form_list()))
    return Laptop.open(tmp_path / "laptop", f"{central.url}{base}", timeout=5.0)


def outbox(laptop: Laptop, instance_id: str):
    return next(e for e in laptop.store.outbox.list() if e.instance_id == instance_id)


@pytest.mark.parametrize("where", ["HEAD", "POST", "formList"])
def test_a_403_from_central_pauses_and_asks_for_a_new_project_url(
    tmp_path: Path, central: HostileServer, where: str
) -> None:
    laptop = open_laptop(tmp_path, central)
    base = BASE.format(key="appUserKey1")
    try:
        session = laptop.finalize_session("Ana") if where != "formList" else None
        central.route("POST", f"{base}/submission", Reply(201))
        route = {"HEAD": ("HEAD", "/submission"), "POST": ("POST", "/submission")}
        method, path = route.get(where, ("GET", "/formList"))
        central.route(method, f"{base}{path}", Reply(403, b'{"message":"forbidden"}'))
        with pytest.raises(SyncPaused) as paused:
            laptop.client.sync()
        message = paused.value.sync_message
        assert message.key == "unauthorized_central"
        assert "may have been revoked" in message.render("en")
        assert "nueva dirección de proyecto" in message.render("es")
        assert laptop.client.paused_message == message
        if session:
            entry = outbox(laptop, session)
            assert entry.next_attempt_at is not None  # still waiting, never refused for good
            assert laptop.status(session) in ("finalized", "queued")
    finally:
        laptop.close()


def test_a_new_project_url_puts_sessions_refused_for_authorization_back_in_line(
    tmp_path: Path, central: HostileServer
) -> None:
    laptop = open_laptop(tmp_path, central)
    try:
        # Refused for good by an earlier version on Central's 403, and one true conflict.
        revoked = laptop.finalize_session("Ana")
        conflict = laptop.finalize_session("Berta")
        ledger = laptop.client.ledger
        ledger.mark_failed(revoked, SyncMessage("refused_403"), None)
        ledger.mark_failed(conflict, SyncMessage("refused_409"), None)
        laptop.client.settings.set("sync.paused_reason", SyncMessage("unauthorized").to_json())
        new_base = BASE.format(key="appUserKey2")
        central.route("HEAD", f"{new_base}/submission", Reply(204))
        central.route("POST", f"{new_base}/submission", Reply(201))
        central.route("GET", f"{new_base}/formList", Reply(200, form_list()))
        laptop.client.set_server(f"{central.url}{new_base}")
        assert outbox(laptop, revoked).next_attempt_at is not None
        assert outbox(laptop, conflict).next_attempt_at is None  # a conflict stays refused
        report = laptop.client.sync()
        assert report.sent == [revoked] and laptop.status(revoked) == "sent"
    finally:
        laptop.close()


def test_a_closed_form_keeps_the_session_queued_and_says_so(
    tmp_path: Path, central: HostileServer
) -> None:
    laptop = open_laptop(tmp_path, central)
    base = BASE.format(key="appUserKey1")
    try:
        session = laptop.finalize_session("Ana")
        central.route("POST", f"{base}/submission", Reply(409, CLOSED))
        report = laptop.client.sync()
        assert session not in report.refused
        reason = report.retry_later[session]
        assert reason.key == "form_closed"
        assert "must reopen the form" in reason.render("en")
        assert "volver a abrirlo" in reason.render("es")
        assert "different version" not in reason.render("en")  # not a conflicting copy
        entry = outbox(laptop, session)
        assert entry.next_attempt_at is not None
        assert parse_stored(entry.last_error).key == "form_closed"
        assert "form_closed" in [p.key for p in report.problems]
        # Reopened: the next sync (once the retry time has come) sends it.
        central.route("POST", f"{base}/submission", Reply(201))
        laptop.wait_past_backoff()
        assert laptop.client.sync().sent == [session]
    finally:
        laptop.close()


def test_submissions_carry_collects_device_id(tmp_path: Path, central: HostileServer) -> None:
    laptop = open_laptop(tmp_path, central)
    base = BASE.format(key="appUserKey1")
    try:
        laptop.finalize_session("Ana")
        central.route("POST", f"{base}/submission", Reply(201))
        assert len(laptop.client.sync().sent) == 1
        posts = [s for s in central.seen if s.method == "POST"]
        query = parse_qs(urlsplit(posts[0].path).query)
        assert query == {"deviceID": [laptop.workspace.device_id()]}
        assert all("authorization" not in s.headers for s in central.seen)  # the key is the path
    finally:
        laptop.close()
