"""Group commit: the submissions waiting to be stored share one transaction, one fsync.

A 201 promises the submission survives a power cut, so every commit is synchronous (SQLite
``synchronous=FULL``, PostgreSQL ``synchronous_commit=on``); one commit per submission made the
commit, and waiting for the single writer, most of ingest's time. Here a writer thread per worker
process (four on PostgreSQL) takes every submission queued while the previous transaction
committed, stores each, commits once, and only then answers each request.

``store`` refuses a submission (raises one of ``refusals``) only before its first write, so a
refused one leaves nothing in the shared transaction and needs no savepoint (two round trips each
on PostgreSQL). It raises ``Retry``, also before writing, when another process stored the same
key first; that submission is stored again in the next transaction, where it takes the resend
path. Any other error fails the transaction, and nothing of it is stored: a batch of several is
then stored one submission at a time, so that only the one at fault gets the error (an answer of
5xx or 400 to its request; the others are stored and answered 201). Exactly-once holds as before:
nothing is answered before the commit that holds it.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection

from sync.server.db import Database

log = logging.getLogger("encuentro.server.ingest")

MAX_BATCH = 64
# Two, not four: with writers that keep their connection, 8 clients on 2 workers went from 405/s
# to 482/s (and 2.7 to 2.35 ms of server CPU per submission): fewer, fuller transactions, each
# with its BEGIN, token check and COMMIT round trips. One writer measured about the same as two.
POSTGRES_WRITERS = 2

Job = TypeVar("Job")
Result = TypeVar("Result")


class Retry(Exception):
    """Raised by ``store`` before any write: another process stored the same key meanwhile."""


@dataclass
class _Waiting(Generic[Job]):
    job: Job
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future[Any]
    attempts: int = 0


class GroupCommit(Generic[Job, Result]):
    """Runs ``store(conn, job, memo)`` for queued jobs in shared transactions, from one thread
    (``memo`` is a dict that lives as long as one transaction, for checks made once per batch)."""

    def __init__(
        self,
        db: Database,
        store: Callable[[Connection, Job, dict[Any, Any]], Result],
        refusals: tuple[type[Exception], ...],
        *,
        inline: bool = False,
    ) -> None:
        self.db = db
        # Inline: each event-loop turn's jobs are stored by the loop's own thread, which then
        # waits for the commit. Only for a loop with nothing else to do meanwhile (the shared
        # writer's): it saves two thread hand-overs per transaction, and what arrives during the
        # commit forms the next batch.
        self.inline = inline
        self.store = store
        self.refusals = refusals
        # SQLite has one writer at a time anyway. PostgreSQL takes several transactions at once,
        # and a second writer fills the time the first waits for answers on its socket.
        self.writers = 1 if db.dialect == "sqlite" else POSTGRES_WRITERS
        # Items are the jobs of one event-loop turn (see _hand_over), or None to stop a writer.
        self._queue: queue.SimpleQueue[list[_Waiting[Job]] | None] = queue.SimpleQueue()
        self._turn_jobs: dict[asyncio.AbstractEventLoop, list[_Waiting[Job]]] = {}
        self._threads: list[threading.Thread] = []
        self._start_lock = threading.Lock()
        # Each writer's own connection (Database.writer_connection), kept between transactions.
        self._held = threading.local()
        self.batches = 0  # transactions committed (for benchmarks and tests)
        self.stored = 0

    async def submit(self, job: Job) -> Result:
        """Store ``job``; returns once its transaction has committed (or raises its refusal)."""
        loop = asyncio.get_running_loop()
        waiting = _Waiting(job, loop, loop.create_future())
        if not self.inline:
            self._ensure_thread()
        self._hand_over(waiting)
        result: Result = await waiting.future
        return result

    def _hand_over(self, waiting: _Waiting[Job]) -> None:
        """Queue a job for the writers at the end of this event-loop turn, with the others of the
        same turn: a sleeping writer is then woken once for them all rather than once per
        request (each wake-up is a context switch, which a busy machine makes costly)."""
        jobs = self._turn_jobs.get(waiting.loop)
        if jobs is None:  # only this loop's thread touches its entry
            self._turn_jobs[waiting.loop] = jobs = []
            waiting.loop.call_soon(self._end_of_turn, waiting.loop)
        jobs.append(waiting)

    def _end_of_turn(self, loop: asyncio.AbstractEventLoop) -> None:
        jobs = self._turn_jobs.pop(loop)
        if not self.inline:
            self._queue.put(jobs)
            return
        while jobs:  # retries go again at once, as a writer thread's do
            batch, jobs = jobs[:MAX_BATCH], jobs[MAX_BATCH:]
            jobs = self._write(batch) + jobs

    def close(self) -> None:
        """Stop the writer threads after the jobs already queued."""
        with self._start_lock:
            threads, self._threads = self._threads, []
        for _thread in threads:
            self._queue.put(None)
        for thread in threads:
            thread.join(timeout=30)
        self._drop_connection()  # the inline writer's (the caller's thread)

    def _ensure_thread(self) -> None:
        with self._start_lock:
            self._threads = [thread for thread in self._threads if thread.is_alive()]
            while len(self._threads) < self.writers:
                thread = threading.Thread(
                    target=self._run, name="encuentro-ingest-writer", daemon=True
                )
                thread.start()
                self._threads.append(thread)

    def _run(self) -> None:
        # Jobs taken from the queue and not stored yet: those to retry first, then any beyond
        # MAX_BATCH, then what the queue holds.
        carried: list[_Waiting[Job]] = []
        stop = False
        while not stop:
            if not carried:
                first = self._queue.get()
                if first is None:
                    return
                carried = first
            while len(carried) < MAX_BATCH:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    stop = True
                    break
                carried = carried + more
            batch, carried = carried[:MAX_BATCH], carried[MAX_BATCH:]
            carried = self._write(batch) + carried
        while carried:  # stopping: store what was taken (retries end after three attempts)
            batch, carried = carried[:MAX_BATCH], carried[MAX_BATCH:]
            carried = self._write(batch) + carried
        self._drop_connection()

    def _connection(self) -> Connection:
        conn: Connection | None = getattr(self._held, "conn", None)
        if conn is None or conn.closed or conn.invalidated:
            conn = self._held.conn = self.db.writer_connection()
        return conn

    def _drop_connection(self) -> None:
        conn: Connection | None = getattr(self._held, "conn", None)
        self._held.conn = None
        if conn is not None:
            try:
                conn.close()
            except Exception as error:  # already broken: nothing more to release
                log.info("a writer's connection did not close cleanly: %r", error)

    def _write(self, batch: list[_Waiting[Job]], *, fresh: bool = False) -> list[_Waiting[Job]]:
        """One transaction for the batch; answers each waiting request; returns those to retry.

        A connection the database dropped (a restart) is replaced and the batch tried once more
        (``fresh``): even if its commit got through before the drop, the second try finds each
        submission stored and answers it as a resend."""
        outcomes: list[tuple[_Waiting[Job], bool, Any]] = []
        retry: list[_Waiting[Job]] = []
        try:
            with self.db.write_with(self._connection()) as conn:
                memo: dict[Any, Any] = {}
                for waiting in batch:
                    try:
                        result = self.store(conn, waiting.job, memo)
                    except Retry as error:
                        waiting.attempts += 1
                        if waiting.attempts >= 3:
                            outcomes.append((waiting, False, error))
                        else:
                            retry.append(waiting)
                    except self.refusals as error:  # this one only; it wrote nothing
                        outcomes.append((waiting, False, error))
                    else:
                        outcomes.append((waiting, True, result))
        except Exception as error:
            # The transaction failed as a whole (commit, connection, or one submission's value
            # that the database refused): nothing of it was stored. Alone, each submission gets
            # its own answer, so one bad value does not fail the others, and on a new connection,
            # so that one the database dropped (a restart) is not used again.
            self._drop_connection()
            if getattr(error, "connection_invalidated", False) and not fresh:
                log.warning("the database connection was lost (%r); trying again", error)
                return self._write(batch, fresh=True)
            if len(batch) > 1:
                log.warning(
                    "a group of %d submissions failed (%r); storing each alone", len(batch), error
                )
                retry = []
                for waiting in batch:
                    retry += self._write([waiting])
                return retry
            log.error("a submission could not be stored: %r", error)
            retry = []
            outcomes = [(waiting, False, error) for waiting in batch]
        else:
            self.batches += 1
            self.stored += sum(1 for _w, ok, _r in outcomes if ok)
        # One hand-back per event loop for the whole batch, not one wake-up per request.
        answers: dict[asyncio.AbstractEventLoop, list[tuple[asyncio.Future[Any], bool, Any]]] = {}
        for waiting, ok, value in outcomes:
            answers.setdefault(waiting.loop, []).append((waiting.future, ok, value))
        for loop, settled in answers.items():
            loop.call_soon_threadsafe(_settle, settled)
        return retry


def _settle(settled: list[tuple[asyncio.Future[Any], bool, Any]]) -> None:
    for future, ok, value in settled:
        if future.done():  # the request was cancelled (client gone); what was stored stays stored
            continue
        if ok:
            future.set_result(value)
        else:
            future.set_exception(value)
