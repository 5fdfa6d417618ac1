"""Supervisor mode's core over the real server: sign in and out, pull into the cache, render,
review offline and online, exactly once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.store.review_cache import ReviewFilter
from app.supervisor.account import saved_account
from app.supervisor.desk import SupervisorDesk
from sync.backoff import MAX_DELAY_S
from sync.http import NetworkError
from sync.server import schema
from sync.supervisor_api import SupervisorApiError
from tests.supervisor.conftest import PASSWORD, SUPERVISOR
from tests.sync.harness import FORM_ID, CentralServer, Laptop


def review_events(server: CentralServer, instance_id: str) -> list[tuple[str, str | None]]:
    s, ev = schema.submissions, schema.review_events
    with server.db.read() as conn:
        rows = conn.execute(
            select(ev.c.state, ev.c.comment)
            .select_from(ev.join(s, ev.c.submission_pk == s.c.id))
            .where(s.c.instance_id == instance_id)
            .order_by(ev.c.id)
        )
        return [(r[0], r[1]) for r in rows]


def test_sign_in_pull_render_and_sign_out(server: CentralServer, laptop: Laptop, desk):
    first = laptop.finalize_session("Ana", photo=b"\xff\xd8 foto")
    second = laptop.finalize_session("Berta", photo=None, comment="Todo bien")
    assert sorted(laptop.client.sync().sent) == sorted([first, second])

    with pytest.raises(SupervisorApiError) as wrong:
        desk.sign_in(server.url, SUPERVISOR, "not the password")
    assert wrong.value.kind == "unauthorized"
    assert desk.account() is None

    account = desk.sign_in(server.url, SUPERVISOR, PASSWORD)
    assert account.username == SUPERVISOR and account.project_ids == [1]
    token = desk.vault.get(account.key)
    assert token and token not in str(desk.store.settings.get("supervisor.account"))

    _sent, pulled = desk.sync()
    assert pulled.listed == 2 and pulled.fetched == 2
    assert desk.count(ReviewFilter()) == 2
    rows = desk.list(ReviewFilter())
    assert {r.instance_id for r in rows} == {first, second}
    assert all(r.device_name == "Laptop de Ana" and r.form_id == FORM_ID for r in rows)
    assert desk.count(ReviewFilter(text="laptop de ANA")) == 2

    english = desk.rendering(first, "en")
    spanish = desk.rendering(first, "es")
    assert english is not None and spanish is not None
    answers = {label: shown for s in english.sections for _ref, label, shown in s.answers}
    assert answers["Name"] == "Ana"
    assert {label for s in spanish.sections for _r, label, _v in s.answers} >= {"Nombre"}
    files = [name for s in english.sections for _label, name in s.files]
    assert files == ["foto_señora.jpg"]

    opened = desk.open_attachment(first, "foto_señora.jpg")
    assert opened.read_bytes() == b"\xff\xd8 foto"
    assert desk.store.review_cache.attachment_data(first, "foto_señora.jpg") == b"\xff\xd8 foto"

    # A second pull with nothing new fetches no details again.
    _sent, again = desk.sync()
    assert again.listed == 2 and again.fetched == 0

    desk.sign_out()
    assert desk.account() is None and saved_account(desk.store) is None
    assert desk.vault.get(account.key) is None
    assert not desk.opened_dir.exists()
    assert desk.store.review_cache.count() == 2  # the cache stays, behind a new sign-in
    assert server_token_revoked(server)


def server_token_revoked(server: CentralServer) -> bool:
    t = schema.tokens
    with server.db.read() as conn:
        return (
            conn.execute(
                select(func.count()).where(t.c.user_id.is_not(None), t.c.revoked_at.is_(None))
            ).scalar_one()
            == 0
        )


def test_a_review_made_offline_is_sent_once_when_the_server_is_back(
    server: CentralServer, laptop: Laptop, desk: SupervisorDesk
):
    session = laptop.finalize_session("Carla", photo=None)
    laptop.client.sync()
    desk.sign_in(server.url, SUPERVISOR, PASSWORD)
    desk.sync()

    server.kill()
    queued = desk.review(session, "has_issues", "Falta el nombre completo")
    assert desk.get(session).shown_state == "queued"
    with pytest.raises(NetworkError):
        desk.sync()
    waiting = desk.queued_reviews()
    assert [q.id for q in waiting] == [queued.id] and waiting[0].attempts == 1
    assert waiting[0].next_attempt_at is not None  # backoff, not given up

    server.start()
    assert desk.send_reviews().sent == []  # not due yet: the backoff holds
    desk.clock = lambda: datetime.now(UTC) + timedelta(seconds=MAX_DELAY_S + 60)
    report = desk.send_reviews()
    assert report.sent == [session]
    assert desk.queued_reviews() == []
    assert desk.get(session).shown_state == "has_issues"
    assert review_events(server, session) == [("has_issues", "Falta el nombre completo")]
    assert [e.comment for e in desk.history(session)] == ["Falta el nombre completo"]


def test_a_review_whose_answer_was_lost_is_not_recorded_twice(
    server: CentralServer, laptop: Laptop, desk: SupervisorDesk
):
    session = laptop.finalize_session("Dora", photo=None)
    laptop.client.sync()
    desk.sign_in(server.url, SUPERVISOR, PASSWORD)
    desk.sync()
    queued = desk.review(session, "approved", None)
    # The request reached the server, then the laptop crashed before recording the answer.
    api, _account = desk.api()
    api.review(session, queued.state, queued.comment, queued.after_event)
    api.http.close()
    assert desk.send_reviews().sent == [session]
    assert review_events(server, session) == [("approved", None)]


def test_returning_or_rejecting_needs_a_reason(server, laptop: Laptop, desk: SupervisorDesk):
    session = laptop.finalize_session("Eva", photo=None)
    laptop.client.sync()
    desk.sign_in(server.url, SUPERVISOR, PASSWORD)
    desk.sync()
    from app.store import StoreError

    for state in ("has_issues", "rejected"):
        with pytest.raises(StoreError):
            desk.review(session, state, "   ")
    assert desk.queued_reviews() == []


def test_a_review_over_a_newer_one_is_held_with_the_reason_until_withdrawn(
    server: CentralServer, laptop: Laptop, desk: SupervisorDesk
):
    session = laptop.finalize_session("Fina", photo=None)
    laptop.client.sync()
    desk.sign_in(server.url, SUPERVISOR, PASSWORD)
    desk.sync()
    server.review(session, "approved", None)  # another supervisor, after our pull
    queued = desk.review(session, "rejected", "Sesión duplicada")
    report = desk.send_reviews()
    assert report.held == [session] and report.sent == []
    held = desk.queued_reviews()[0]
    assert held.next_attempt_at is None and held.last_error.startswith("conflict:")
    assert desk.send_reviews().held == []  # not retried by itself
    assert review_events(server, session) == [("approved", None)]
    desk.withdraw_review(queued.id)
    assert desk.queued_reviews() == []
    desk.sync()
    assert desk.get(session).shown_state == "approved"
    assert [e.reviewer for e in desk.history(session)] == ["supervisora"]


def test_a_token_the_server_no_longer_accepts_asks_to_sign_in_again(
    server: CentralServer, laptop: Laptop, desk: SupervisorDesk
):
    from app.supervisor.pull import SignInNeeded

    laptop.finalize_session("Gina", photo=None)
    laptop.client.sync()
    desk.sign_in(server.url, SUPERVISOR, PASSWORD)
    api, _account = desk.api()
    api.logout()  # revoked on the server (an admin, or expiry after 14 days)
    api.http.close()
    with pytest.raises(SignInNeeded):
        desk.sync()
    desk.expire()
    assert desk.account() is None and desk.last_server() == server.url


def test_a_pull_cut_short_after_the_list_is_completed_by_the_next(
    server: CentralServer, laptop: Laptop, desk: SupervisorDesk
):
    sent = [laptop.finalize_session(name, photo=None) for name in ("Hilda", "Irma", "Julia")]
    laptop.client.sync()
    desk.sign_in(server.url, SUPERVISOR, PASSWORD)
    api, _account = desk.api()
    items, _more = api.submissions_page(0)  # the first step of a pull, then the laptop died
    api.http.close()
    desk.store.review_cache.upsert_listed(items)
    assert sorted(desk.store.review_cache.missing_details()) == sorted(sent)
    _sent, pulled = desk.sync()
    assert pulled.fetched == 3 and desk.store.review_cache.missing_details() == []
    assert desk.count(ReviewFilter()) == 3
    assert all(desk.rendering(i, "es") is not None for i in sent)
