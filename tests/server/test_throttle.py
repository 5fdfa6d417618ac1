"""Guessing passwords and enrollment codes, on SQLite and PostgreSQL: attempts are counted before
the slow password check, per username and per address, in the database (so every worker and every
server process shares them), and only a few argon2 checks run at once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sync.server import accounts, security
from sync.server.app import ServerSettings, create_app
from sync.server.db import Database
from sync.server.errors import Refused
from sync.server.migrations import migrate
from sync.server.throttle import AttemptThrottle, Key

OFFICE = ("198.51.100.10", 5000)  # one address shared by a whole office
ELSEWHERE = ("203.0.113.20", 5000)


class GaugedHasher(PasswordHasher):
    """Real argon2 (a system edge), counting checks and how many ran at the same moment."""

    def __init__(self) -> None:
        # Costlier than the suite's fast hasher, so that parallel checks do overlap in time.
        super().__init__(time_cost=2, memory_cost=8192, parallelism=1)
        self._lock = threading.Lock()
        self.verified = 0
        self.running = 0
        self.peak = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:  # noqa: A002
        with self._lock:
            self.verified += 1
            self.running += 1
            self.peak = max(self.peak, self.running)
        try:
            return super().verify(hash, password)
        finally:
            with self._lock:
                self.running -= 1


def login(client: TestClient, username: str, password: str):
    return client.post("/api/v1/login", json={"username": username, "password": password})


def make_app(db_url: str, **settings: object) -> FastAPI:
    return create_app(ServerSettings(database_url=db_url, **settings))


@pytest.fixture
def office_app(db_url: str) -> Iterator[FastAPI]:
    app = make_app(db_url)
    accounts.create_project(app.state.db, "Piloto")
    accounts.create_user(app.state.db, "admin", "admin-password", "admin")
    accounts.create_user(app.state.db, "ana", "ana-password", "supervisor", ["Piloto"])
    accounts.create_user(app.state.db, "beto", "beto-password", "supervisor", ["Piloto"])
    yield app
    app.state.db.dispose()


def test_a_username_is_locked_after_its_failures_but_others_at_the_address_still_log_in(
    office_app: FastAPI,
) -> None:
    limit = office_app.state.settings.max_failed_attempts
    with TestClient(office_app, client=OFFICE) as office:
        for _ in range(limit):
            assert login(office, "ana", "guess1234").status_code == 401
        held = login(office, "ana", "ana-password")
        assert held.status_code == 429
        assert 1 <= int(held.headers["retry-after"]) <= 300
        assert "too many failed login" in held.json()["detail"]
        # a colleague behind the same address is not locked out with her
        assert login(office, "beto", "beto-password").status_code == 200
    with TestClient(office_app, client=ELSEWHERE) as other:
        # the lock is the account's: a guesser cannot hop to another address
        assert login(other, "ana", "ana-password").status_code == 429


def test_an_address_is_held_after_more_failures_than_a_username(office_app: FastAPI) -> None:
    settings = office_app.state.settings
    assert settings.max_failed_per_address > settings.max_failed_attempts
    with TestClient(office_app, client=OFFICE) as office:
        for n in range(settings.max_failed_per_address - 1):
            assert login(office, f"nadie{n}", "guess1234").status_code == 401
        # a colleague's good login takes back only its own attempt, not the guesser's failures
        assert login(office, "beto", "beto-password").status_code == 200
        assert login(office, "nadie-mas", "guess1234").status_code == 401
        assert login(office, "admin", "admin-password").status_code == 429
    with TestClient(office_app, client=ELSEWHERE) as other:
        assert login(other, "admin", "admin-password").status_code == 200
    code = accounts.create_enrollment_code(office_app.state.db, "Piloto", "Laptop")
    with TestClient(office_app, client=OFFICE) as office:
        for _ in range(settings.max_failed_per_address):
            guess = office.post("/api/v1/enroll", json={"code": "AAAA-BBBB-CCCC"})
            assert guess.status_code == 403
        held = office.post("/api/v1/enroll", json={"code": code})
        assert held.status_code == 429 and int(held.headers["retry-after"]) >= 1
    with TestClient(office_app, client=ELSEWHERE) as other:
        assert other.post("/api/v1/enroll", json={"code": code}).status_code == 200


def test_parallel_guesses_of_one_password_are_counted_before_argon2_runs(
    office_app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    hasher = GaugedHasher()
    monkeypatch.setattr(security, "_hasher", hasher)
    limit = office_app.state.settings.max_failed_attempts
    with TestClient(office_app, client=OFFICE) as office, ThreadPoolExecutor(40) as pool:
        answers = list(pool.map(lambda _: login(office, "ana", "guess1234").status_code, range(40)))
    assert answers.count(401) == limit and answers.count(429) == 40 - limit
    assert hasher.verified == limit  # before: every one of the 40 reached argon2


def test_no_more_than_the_bound_of_password_checks_run_at_once(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    hasher = GaugedHasher()
    monkeypatch.setattr(security, "_hasher", hasher)
    app = make_app(db_url, max_failed_per_address=1000, password_checks_at_once=2)
    try:
        with TestClient(app, client=OFFICE) as office, ThreadPoolExecutor(40) as pool:
            answers = list(pool.map(lambda n: login(office, f"nadie{n}", "guess1234"), range(40)))
    finally:
        app.state.db.dispose()
    statuses = [a.status_code for a in answers]
    assert set(statuses) <= {401, 503}, statuses
    assert all(int(a.headers["retry-after"]) >= 1 for a in answers if a.status_code == 503)
    assert hasher.verified == statuses.count(401) >= 1
    assert 1 <= hasher.peak <= 2


def test_two_servers_over_one_database_share_the_counts(db_url: str) -> None:
    first, second = make_app(db_url), make_app(db_url)
    try:
        accounts.create_user(first.state.db, "ana", "ana-password", "admin")
        limit = first.state.settings.max_failed_attempts
        with (
            TestClient(first, client=OFFICE) as one,
            TestClient(second, client=ELSEWHERE) as two,
        ):
            for n in range(limit):
                assert login(one if n % 2 else two, "ana", "guess1234").status_code == 401
            assert login(one, "ana", "ana-password").status_code == 429
            assert login(two, "ana", "ana-password").status_code == 429
    finally:
        first.state.db.dispose()
        second.state.db.dispose()


def test_a_lock_ends_after_its_time_and_the_next_lock_lasts_twice_as_long(
    db_url: str, tmp_path: Path
) -> None:
    db = Database(db_url)
    migrate(db)
    now = [datetime(2026, 12, 7, 12, 0, tzinfo=UTC)]
    throttle = AttemptThrottle(db, window_s=60, clock=lambda: now[0])
    key = [Key("login-user", "ana", 2)]
    try:
        throttle.begin(key, "login")
        throttle.begin(key, "login")
        with pytest.raises(Refused) as first_lock:
            throttle.begin(key, "login")
        assert first_lock.value.status == 429
        assert first_lock.value.headers["Retry-After"] == "60"
        throttle.begin([Key("login-user", "beto", 2)], "login")  # other keys are free
        now[0] += timedelta(seconds=61)
        throttle.begin(key, "login")  # the lock has passed: a new window
        throttle.begin(key, "login")
        with pytest.raises(Refused) as second_lock:
            throttle.begin(key, "login")
        assert second_lock.value.headers["Retry-After"] == "120"  # backoff
        now[0] += timedelta(seconds=121)
        throttle.begin(key, "login")
        throttle.forgive(key, clear=key)  # a success clears the username's slate
        throttle.begin(key, "login")
        throttle.begin(key, "login")
        with pytest.raises(Refused) as after_success:
            throttle.begin(key, "login")
        assert after_success.value.headers["Retry-After"] == "60"
        assert throttle.forget_old(now[0]) == 0  # all recent, and ana is locked
        assert throttle.forget_old(now[0] + timedelta(days=2)) == 2  # ana and beto, a day on
        throttle.begin(key, "login")  # forgotten: a fresh count
    finally:
        db.dispose()
