"""Failed logins and enrollments, counted in the database per username and per client address.

Passwords and enrollment codes are guessed one request at a time, so guesses are counted, and
counted BEFORE the slow password check: a burst of parallel guesses cannot all reach argon2 (64 MiB
each) before the first failure is recorded. The counts live in a table (``attempt_counts``), so
every uvicorn worker and every server process over one database shares them.

Two kinds of key, each with its own limit per window:

* the username (logins): after ``per_user`` failures that account is locked for a while, from
  every address, with a lock that doubles at each new lockout (backoff);
* the client address (logins and enrollments): a higher limit, so one person mistyping behind an
  office's shared address does not lock out everyone else there.

An attempt counts as a failure until it succeeds: a success takes its count back (and clears the
username's lockouts). Behind a reverse proxy the address is the proxy's unless uvicorn trusts its
X-Forwarded-For (``--forwarded-allow-ips``); see README's deployment section.
"""

from __future__ import annotations

import hashlib
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, case, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from sync.server import schema
from sync.server.db import Database, to_utc_text
from sync.server.errors import Refused

MAX_BACKOFF_DOUBLINGS = 5  # the 6th lockout and later last window * 32 (160 min for 5 minutes)
FORGET_AFTER = timedelta(days=1)  # rows untouched this long are deleted (and their lockouts)
CLEANUP_EVERY = 200  # attempts per process between two clean-ups


@dataclass(frozen=True)
class Key:
    """One thing attempts are counted for, with its limit per window."""

    kind: str  # "login-user" | "login-address" | "enroll-address"
    value: str
    limit: int

    @property
    def digest(self) -> str:
        return hashlib.sha256(f"{self.kind}\0{self.value}".encode()).hexdigest()


class AttemptThrottle:
    """Counts attempts per key in the database; refuses with 429 and Retry-After past a limit."""

    def __init__(
        self,
        db: Database,
        *,
        window_s: float,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.db = db
        self.window = timedelta(seconds=window_s)
        self._clock = clock
        self._calls = itertools.count(1)

    def begin(self, keys: Sequence[Key], what: str) -> None:
        """Count one attempt on every key, or refuse (429) if any key is held back.

        Call before checking the secret; call ``forgive`` when the attempt succeeded."""
        now = self._clock()
        refusal: Refused | None = None
        with self.db.write() as conn:
            rows = [self._row(conn, key, now) for key in _in_lock_order(keys)]
            for key, row in rows:
                wait = self._held_for(conn, key, row, now)
                if wait is not None:
                    refusal = Refused(
                        429,
                        f"too many failed {what} attempts; try again in {wait} s",
                        headers={"Retry-After": str(wait)},
                    )
                    break
            if refusal is None:
                for key, row in rows:
                    self._update(conn, key, failures=row["failures"] + 1, updated_at=now)
        if next(self._calls) % CLEANUP_EVERY == 0:
            self.forget_old(now)
        if refusal is not None:
            raise refusal

    def forgive(self, keys: Sequence[Key], *, clear: Sequence[Key] = ()) -> None:
        """Take back the attempt ``begin`` counted (it succeeded, or was never checked); the keys
        in ``clear`` start afresh (a username whose right password was given).

        An address is never cleared: one good login must not wipe the failures a guesser at the
        same address has piled up."""
        now = self._clock()
        t = schema.attempt_counts
        cleared = {key.digest for key in clear}
        with self.db.write() as conn:
            for key in _in_lock_order(keys):
                values = {"failures": _at_least_zero(t.c.failures - 1), "updated_at": _text(now)}
                if key.digest in cleared:
                    values.update(failures=0, lockouts=0, locked_until=None)
                conn.execute(t.update().where(t.c.key == key.digest).values(**values))

    def _row(self, conn: Connection, key: Key, now: datetime) -> tuple[Key, dict[str, Any]]:
        """The key's row, created if new and locked against other transactions (PostgreSQL)."""
        t = schema.attempt_counts
        new_row = {
            "key": key.digest,
            "failures": 0,
            "window_started_at": _text(now),
            "lockouts": 0,
            "updated_at": _text(now),
        }
        insert = postgresql.insert if self.db.dialect == "postgresql" else sqlite.insert
        conn.execute(insert(t).values(**new_row).on_conflict_do_nothing(index_elements=["key"]))
        # SQLite writers are already one at a time (BEGIN IMMEDIATE); FOR UPDATE is for PostgreSQL.
        query = select(t).where(t.c.key == key.digest).with_for_update()
        return key, dict(conn.execute(query).mappings().one())

    def _held_for(
        self, conn: Connection, key: Key, row: dict[str, Any], now: datetime
    ) -> int | None:
        """Seconds the key is held back, or None; starts a lock when the window's limit is used
        up, and a new window when the old one (or the lock) has passed."""
        locked_until = _moment(row["locked_until"])
        if locked_until is not None and locked_until > now:
            return _seconds(locked_until - now)
        # window_started_at is NOT NULL (schema.attempt_counts)
        window_started = datetime.fromisoformat(row["window_started_at"])
        if locked_until is not None or window_started + self.window <= now:
            row.update(failures=0)
            self._update(conn, key, failures=0, window_started_at=now, locked_until=None)
        if row["failures"] < key.limit:
            return None
        lock = self.window * 2 ** min(row["lockouts"], MAX_BACKOFF_DOUBLINGS)
        self._update(
            conn, key, locked_until=now + lock, lockouts=row["lockouts"] + 1, updated_at=now
        )
        return _seconds(lock)

    def _update(self, conn: Connection, key: Key, **values: object) -> None:
        t = schema.attempt_counts
        stored = {k: _text(v) if isinstance(v, datetime) else v for k, v in values.items()}
        conn.execute(t.update().where(t.c.key == key.digest).values(**stored))

    def forget_old(self, now: datetime | None = None) -> int:
        """Delete counts untouched for a day (and not locked); returns how many. Runs every
        ``CLEANUP_EVERY`` attempts, so the table holds only recent guessers."""
        now = now or self._clock()
        t = schema.attempt_counts
        # SKIP LOCKED (PostgreSQL): rows a login holds right now are left for next time, so the
        # clean-up never waits on a login, nor a login on it (no deadlock between the two).
        stale = (
            select(t.c.key)
            .where(
                t.c.updated_at < _text(now - FORGET_AFTER),
                or_(t.c.locked_until.is_(None), t.c.locked_until < _text(now)),
            )
            .limit(1000)
            .with_for_update(skip_locked=True)
        )
        with self.db.write() as conn:
            return conn.execute(t.delete().where(t.c.key.in_(stale))).rowcount


def login_keys(username: str, address: str, per_user: int, per_address: int) -> list[Key]:
    return [Key("login-user", username, per_user), Key("login-address", address, per_address)]


def enrollment_keys(address: str, per_address: int) -> list[Key]:
    return [Key("enroll-address", address, per_address)]


def _in_lock_order(keys: Sequence[Key]) -> list[Key]:
    # One order for every transaction: two requests locking the same two rows cannot deadlock.
    return sorted(keys, key=lambda k: k.digest)


def _at_least_zero(expression: ColumnElement[int]) -> ColumnElement[int]:
    return case((expression < 0, 0), else_=expression)


def _text(moment: datetime) -> str:
    return to_utc_text(moment)


def _moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _seconds(delta: timedelta) -> int:
    return max(1, math.ceil(delta.total_seconds()))
