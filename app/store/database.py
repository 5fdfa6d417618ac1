"""One connection to the data file, shared by the store's parts: transactions, lock, errors."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlite_utils

from app.store.errors import DB_ERRORS, NOT_FOUND, PROGRAMMING_ERRORS, StoreError, translate

log = logging.getLogger(__name__)

# The write-ahead log keeps every page a commit wrote, so old versions of a draft (words typed and
# erased, a discarded session) stay readable in `<file>-wal` until a checkpoint truncates it. A
# TRUNCATE checkpoint costs a few fsyncs, so autosaves truncate only once the log holds this much,
# or (on a timer thread) this long after the first autosave not yet truncated; deleting or
# finalising answers truncates at once.
WAL_SCRUB_BYTES = 1024 * 1024
WAL_SCRUB_SECONDS = 30.0


@lru_cache(maxsize=4096)  # the list repeats a few dozen communities and names
def fold(text: str | None) -> str | None:
    """Text for searching: case and accents ignored ("PEÑA", "pena" and "Peña" all match)."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Database:
    """The open data file. Every public store call goes through `write()` or `read()`.

    The connection is in autocommit mode (isolation_level=None) so transactions are exactly the
    `write()` blocks: BEGIN IMMEDIATE ... COMMIT, committed (and, with synchronous=FULL, on disk)
    before the block returns. A lock serialises calls, so one Store can be used from the UI's
    database worker thread and the main thread without interleaving transactions.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path
        self.lock = threading.RLock()
        self.utils = sqlite_utils.Database(conn, execute_plugins=False)
        conn.create_function("fold", 1, fold, deterministic=True)
        self.wal_path = Path(f"{path}-wal")
        self._scrub: str | None = None  # None, "soon" (answers overwritten) or "now" (dropped)
        self._timer: threading.Timer | None = None  # the "soon" truncation, WAL_SCRUB_SECONDS on
        self._closed = False

    def adopt(self, other: Database) -> None:
        """Carry on over `other`'s connection (this one's is closed), e.g. once the file was
        encrypted in place or another profile unlocked its own: every part of the Store keeps
        working."""
        with self.lock:
            self.conn = other.conn
            self.utils = other.utils
            # Another profile's file (app/protection.py) is another path, with its own log.
            self.path, self.wal_path = other.path, other.wal_path
            self._scrub, self._closed = None, False

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def encrypted(self) -> bool:
        """True when the file is SQLCipher-encrypted (opened through sqlcipher3's driver)."""
        return type(self.conn).__module__.startswith("sqlcipher3")

    def answers_dropped(self) -> None:
        """Call inside a write() that deletes answers or replaces them for good (a discarded
        draft, a finalised one): the log is truncated as soon as that transaction commits."""
        self._scrub = "now"

    def answers_overwritten(self) -> None:
        """Call inside a write() that overwrites answers (an autosave): the log is truncated
        after the commit once it holds WAL_SCRUB_BYTES, else WAL_SCRUB_SECONDS later."""
        if self._scrub is None:
            self._scrub = "soon"

    def scrub_wal(self) -> bool:
        """Fold the write-ahead log into the file and truncate it to zero bytes now, so no old
        version of an answer stays in it. False when another connection was reading (it is
        tried again after the next change); never raises: the data itself is already saved."""
        with self.lock:
            try:
                if self.conn.in_transaction:
                    return False
                # Never wait for another connection's reader: the GUI thread may be the caller.
                timeout = self.conn.execute("PRAGMA busy_timeout").fetchone()[0]
                self.conn.execute("PRAGMA busy_timeout = 0")
                try:
                    busy = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
                finally:
                    self.conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")
            except PROGRAMMING_ERRORS:
                return False  # already closed
            except DB_ERRORS as error:
                log.warning("Could not truncate the write-ahead log: %s", error)
                return False
            if busy:
                return False
            self._scrub = None
            return True

    def _after_commit(self) -> None:
        wanted, self._scrub = self._scrub, None
        if wanted is None:
            return
        if wanted == "soon":
            try:
                size = os.stat(self.wal_path).st_size
            except OSError:
                size = 0
            if size < WAL_SCRUB_BYTES:
                self._scrub = "soon"  # pending: a later commit or the timer truncates it
                self._start_timer()
                return
        if not self.scrub_wal():
            self._scrub = wanted
            self._start_timer()  # e.g. another connection was reading: try again later

    def _start_timer(self) -> None:
        if self._closed or (self._timer is not None and self._timer.is_alive()):
            return
        self._timer = threading.Timer(WAL_SCRUB_SECONDS, self._scrub_if_pending)
        self._timer.daemon = True  # never holds the application open
        self._timer.start()

    def _scrub_if_pending(self) -> None:
        with self.lock:
            self._timer = None
            if not self._closed and self._scrub is not None and not self.scrub_wal():
                self._start_timer()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all its statements are saved together, or none is."""
        with self.lock:
            if self.conn.in_transaction:  # nested call: part of the caller's transaction
                yield self.conn
                return
            pending = self._scrub
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self.conn
                    self.conn.execute("COMMIT")
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    self._scrub = pending  # nothing of this transaction reached the log
                    raise
            except PROGRAMMING_ERRORS:
                raise  # a bug (closed store, wrong parameters), not something a person can fix
            except DB_ERRORS as error:
                raise translate(error, self.path) from error
            self._after_commit()

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """Reads, with sqlite errors turned into StoreError."""
        with self.lock:
            try:
                yield self.conn
            except PROGRAMMING_ERRORS:
                raise
            except DB_ERRORS as error:
                raise translate(error, self.path) from error

    def rows(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """All rows of a query as dicts."""
        with self.read():
            return list(self.utils.query(sql, params))

    def xml_by_instance(self, table: str, instance_ids: list[str]) -> dict[str, str]:
        """instance_id -> instance_xml of these rows of `table` (one of ours, never a person's
        text), a few hundred ids per query (SQLite caps a statement's parameters)."""
        found: dict[str, str] = {}
        for start in range(0, len(instance_ids), 500):
            chunk = instance_ids[start : start + 500]
            rows = self.rows(
                f"SELECT instance_id, instance_xml FROM {table} WHERE instance_id IN"
                f" ({', '.join('?' * len(chunk))}) AND instance_xml IS NOT NULL",
                tuple(chunk),
            )
            found.update({row["instance_id"]: row["instance_xml"] for row in rows})
        return found

    def row(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def close(self) -> None:
        with self.lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self.conn.close()


def not_found(what: str) -> StoreError:
    """The error for a missing record, e.g. not_found("Session uuid:...")."""
    return StoreError(NOT_FOUND, f"{what} is not in this laptop's data.", "")
