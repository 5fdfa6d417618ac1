"""One connection to the data file, shared by the store's parts: transactions, lock, errors."""

from __future__ import annotations

import sqlite3
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlite_utils

from app.store.errors import NOT_FOUND, StoreError, translate


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

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all its statements are saved together, or none is."""
        with self.lock:
            if self.conn.in_transaction:  # nested call: part of the caller's transaction
                yield self.conn
                return
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self.conn
                    self.conn.execute("COMMIT")
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
            except sqlite3.ProgrammingError:
                raise  # a bug (closed store, wrong parameters), not something a person can fix
            except sqlite3.Error as error:
                raise translate(error, self.path) from error

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """Reads, with sqlite errors turned into StoreError."""
        with self.lock:
            try:
                yield self.conn
            except sqlite3.ProgrammingError:
                raise
            except sqlite3.Error as error:
                raise translate(error, self.path) from error

    def rows(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        """All rows of a query as dicts."""
        with self.read():
            return list(self.utils.query(sql, params))

    def row(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def close(self) -> None:
        with self.lock:
            self.conn.close()


def not_found(what: str) -> StoreError:
    """The error for a missing record, e.g. not_found("Session uuid:...")."""
    return StoreError(NOT_FOUND, f"{what} is not in this laptop's data.", "")
