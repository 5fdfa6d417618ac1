"""Group commit on SQLite and PostgreSQL: queued jobs share a transaction; a refusal, a retry and
a database error each reach only their own request; nothing is answered before its commit."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError

from sync.server import schema
from sync.server.db import Database, utc_now
from sync.server.errors import Refused
from sync.server.group_commit import GroupCommit, Retry
from sync.server.migrations import migrate
from tests.server.conftest import fresh_database


def test_jobs_share_transactions_and_only_the_faulty_one_fails(db_url: str) -> None:
    db = Database(db_url)
    migrate(db)
    gate = threading.Event()
    retried: set[str] = set()
    committed_when_answered: list[int] = []

    def store(conn: Connection, name: str, memo: dict) -> str:
        if name.startswith("first"):
            gate.wait(30)  # holds the writer so the others queue up behind it
        if name == "refused":
            raise Refused(409, "no")
        if name == "retry" and name not in retried:
            retried.add(name)
            raise Retry(name)
        conn.execute(schema.projects.insert().values(name=name, created_at=utc_now()))
        return name

    commit = GroupCommit(db, store, (Refused,))

    def committed() -> int:
        with db.read() as conn:
            return len(conn.execute(select(schema.projects.c.id)).all())

    async def send(name: str) -> object:
        try:
            result = await commit.submit(name)
        except Exception as error:  # each job's own outcome
            return error
        committed_when_answered.append(committed())
        return result

    async def scenario(names: list[str]) -> list[object]:
        gate.clear()
        first = asyncio.ensure_future(send(f"first-{names[0]}"))
        while not commit._threads:
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.05)
        others = [asyncio.ensure_future(send(name)) for name in names]
        await asyncio.sleep(0.1)
        gate.set()
        return [await first] + [await task for task in others]

    try:
        names = [f"p{i}" for i in range(10)] + ["refused", "retry"]
        results = asyncio.run(scenario(names))
        assert results[0] == "first-p0" and results[1:11] == [f"p{i}" for i in range(10)]
        assert isinstance(results[11], Refused)
        assert results[12] == "retry"
        assert committed() == 12
        # first alone; the 12 queued behind it in one; the retry in a third
        assert commit.batches == 3
        assert all(count >= 1 for count in committed_when_answered)  # answered after commit
        # Two "dup" in one batch: the unique name fails that transaction; stored one at a time,
        # the first gets in and only the second gets the error.
        retried.clear()
        results = asyncio.run(scenario(["a", "dup", "dup", "b"]))
        assert results[1:3] == ["a", "dup"] and isinstance(results[3], IntegrityError)
        assert results[4] == "b"
        assert committed() == 12 + 4
    finally:
        commit.close()
        db.dispose()


def test_close_stops_the_writers(db_url: str) -> None:
    db = Database(db_url)
    migrate(db)
    commit = GroupCommit(db, lambda conn, job, memo: job, (Refused,))
    assert asyncio.run(commit.submit("x")) == "x"
    threads = list(commit._threads)
    commit.close()
    assert threads and not any(thread.is_alive() for thread in threads)
    db.dispose()


def test_a_connection_the_database_dropped_is_replaced_without_failing_anyone(
    tmp_path: Path,
) -> None:
    """The writer keeps its connection between transactions; when PostgreSQL drops it (a
    restart, an administrator's pg_terminate_backend) the next batch is stored on a new one.
    (PostgreSQL only: nothing drops a SQLite file's connection.)"""
    with fresh_database("postgresql", tmp_path) as url:
        _dropped_connection_is_replaced(url)


def _dropped_connection_is_replaced(db_url: str) -> None:
    db = Database(db_url)
    migrate(db)
    backends: list[int] = []

    def store(conn: Connection, name: str, memo: dict) -> str:
        backends.append(conn.exec_driver_sql("SELECT pg_backend_pid()").scalar())
        conn.execute(schema.projects.insert().values(name=name, created_at=utc_now()))
        return name

    commit = GroupCommit(db, store, (Refused,))
    try:
        assert asyncio.run(commit.submit("before")) == "before"
        with db.read() as conn:
            assert conn.exec_driver_sql(f"SELECT pg_terminate_backend({backends[-1]})").scalar()
        assert asyncio.run(commit.submit("after")) == "after"
        assert backends[-1] != backends[0]
        with db.read() as conn:
            names = set(conn.execute(select(schema.projects.c.name)).scalars())
        assert names == {"before", "after"}
    finally:
        commit.close()
        db.dispose()
