"""Database connection for the central server: SQLite by default, PostgreSQL for production.

Why SQLAlchemy 2 Core: it gives one code path (same table definitions, same queries) over SQLite's
stdlib driver and PostgreSQL's psycopg 3, handles connection pooling and dialect quirks (RETURNING,
booleans, bytea/BLOB), and is a well-kept library. We use only Core, not the ORM: the server's
queries are few and explicit, and Core keeps each request's path short and visible.

Statement parameters are kept out of error messages and logs (``hide_parameters``): they hold
answers about vulnerable people.

SQLite specifics: WAL mode (readers never block the writer), a busy timeout (several uvicorn
workers share the file), foreign keys on, and ``BEGIN IMMEDIATE`` for write transactions so that
two workers never both read and then fail to upgrade to a write lock mid-transaction.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

if sys.platform == "win32":
    fcntl = None
else:
    import fcntl

from sqlalchemy import Connection, CursorResult, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

SQLITE_FILE_NAME = "encuentro-server.sqlite3"


class DatabaseError(RuntimeError):
    """A database problem a person can fix (bad URL, unreachable server, newer schema)."""


def utc_now() -> str:
    """Now as a fixed-width ISO-8601 UTC string (sorts as text; see schema.py)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def inserted_id(result: CursorResult[Any]) -> int:
    """The primary key of the row a single-row INSERT just added.

    SQLAlchemy types ``inserted_primary_key`` as optional: it is None only for a statement that
    is not a single-row INSERT, which would be a bug here."""
    key = result.inserted_primary_key
    if key is None:
        raise RuntimeError("no primary key: the statement was not a single-row INSERT")
    return int(key[0])


def to_utc_text(moment: datetime) -> str:
    """An aware datetime as the stored text form; naive datetimes are taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


_PASSWORD_IN_URL = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^/?#@\s:]*:)[^@\s]*@")


def redact_url(text: str) -> str:
    """``text`` with the password of any ``scheme://user:password@`` in it replaced by ``***``:
    for every message and log line that may hold a database URL, valid or not."""
    return _PASSWORD_IN_URL.sub(r"\g<head>***@", text)


def normalize_url(url: str) -> str:
    """Accept ``postgresql://`` / ``postgres://`` (psycopg 3 is our driver) and ``sqlite:///``."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        # Not echoed: a URL that does not parse may hold its password anywhere.
        raise DatabaseError(
            "the database URL is not valid: use sqlite:///PATH or "
            "postgresql://user:password@host:5432/dbname"
        ) from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseError(
            f"database URL {parsed.render_as_string(hide_password=True)!r}: only sqlite:///PATH "
            "and postgresql://... are supported"
        )
    return url


PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def private_folder(folder: Path, *, tighten: bool = False) -> None:
    """Create ``folder`` readable by its owner only; with ``tighten``, also an existing one.

    A folder someone else made for the database (``/var/lib/...``) is left as they set it."""
    if not folder.exists():
        folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
        tighten = True
    if tighten and os.name != "nt":  # Windows: the per-user data folder's ACL does this
        folder.chmod(PRIVATE_FOLDER)


def private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 if it is missing, else take away group and other
    access: the bytes are answers about people, and never exist world-readable for a moment."""
    if os.name == "nt":
        return
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            path.chmod(PRIVATE_FILE)


def _private_sqlite_files(path: Path) -> None:
    """The database's folder and files, private before SQLite first opens them. SQLite gives its
    WAL and shared-memory files the database file's mode, so a 0600 file keeps all three private."""
    try:
        private_folder(path.parent)
        private_file(path)
        for suffix in SQLITE_SIDE_FILES:
            side = path.with_name(path.name + suffix)
            if side.exists():
                private_file(side)
    except OSError as error:
        message = f"cannot create or use the database file {path}: {error.strerror}"
        raise DatabaseError(message) from None


def default_sqlite_url(data_dir: Path) -> str:
    """The embedded default: one SQLite file in the server's data folder."""
    return f"sqlite:///{(data_dir / SQLITE_FILE_NAME).resolve()}"


class Database:
    """An engine plus the two kinds of transaction the server uses: ``read()`` and ``write()``."""

    def __init__(self, url: str, *, pool_size: int = 8) -> None:
        self.url = normalize_url(url)
        parsed = make_url(self.url)
        self.dialect = parsed.get_backend_name()
        self.sqlite_path: Path | None = None
        if self.dialect == "sqlite":
            database = parsed.database or ""
            if database in ("", ":memory:"):
                raise DatabaseError("an in-memory SQLite database would lose every submission")
            self.sqlite_path = Path(database)
            _private_sqlite_files(self.sqlite_path)
            self.engine = create_engine(
                self.url,
                pool_size=pool_size,
                max_overflow=pool_size,
                connect_args={"timeout": 30, "check_same_thread": False},
                hide_parameters=True,
            )
            _install_sqlite_hooks(self.engine)
            self._thread_lock = threading.Lock()
            self._lock_file = None
            if fcntl is not None:  # not on Windows: there, SQLite's busy timeout alone serialises
                lock_path = self.sqlite_path.with_name(self.sqlite_path.name + ".write-lock")
                private_file(lock_path)
                self._lock_file = open(lock_path, "a+b")  # noqa: SIM115 (held while in use)
        else:
            self.engine = create_engine(
                self.url,
                pool_size=pool_size,
                max_overflow=pool_size,
                pool_pre_ping=True,
                hide_parameters=True,
            )

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction (a consistent snapshot for the queries inside it)."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self, *, foreign_keys: bool = True) -> Iterator[Connection]:
        """One write transaction: committed on normal exit, rolled back on any exception.

        ``foreign_keys=False`` (SQLite only, for migrations that rebuild a table as SQLite's
        ALTER TABLE documentation prescribes) turns enforcement off for this transaction; the
        migration checks them itself (``PRAGMA foreign_key_check``) before it commits."""
        with self._sqlite_writer(), self.engine.connect() as conn:
            conn.execution_options(encuentro_write=True)
            driver = conn.connection.driver_connection if self.dialect == "sqlite" else None
            if driver is not None and not foreign_keys:
                driver.execute("PRAGMA foreign_keys=OFF")  # only outside a transaction
            try:
                with conn.begin():
                    yield conn
            finally:
                if driver is not None and not foreign_keys:
                    driver.execute("PRAGMA foreign_keys=ON")

    def writer_connection(self) -> Connection:
        """A connection kept by one writer (the ingest group commit) for its transactions, see
        ``write_with``: no pool checkout per transaction and, on PostgreSQL, no liveness round
        trip (pool_pre_ping) either. A writer whose transaction fails drops it and takes a new one,
        so a database restart costs one failed transaction, which the group commit retries."""
        conn = self.engine.connect()
        conn.execution_options(encuentro_write=True)
        return conn

    @contextmanager
    def write_with(self, conn: Connection) -> Iterator[Connection]:
        """``write()`` on a connection from ``writer_connection``: the same lock and
        transaction."""
        with self._sqlite_writer(), conn.begin():
            yield conn

    @contextmanager
    def _sqlite_writer(self) -> Iterator[None]:
        """SQLite has one writer at a time. Waiting for its lock inside SQLite means sleeping and
        polling (the busy handler), which halves ingest under load; a blocking lock, shared by the
        threads of this process and (through flock on a side file) by the other workers, hands the
        turn over at once. PostgreSQL needs none of this."""
        if self.sqlite_path is None:
            yield
            return
        with self._thread_lock:
            if self._lock_file is None:
                yield
                return
            fcntl.flock(self._lock_file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self._lock_file, fcntl.LOCK_UN)

    def backup_sqlite(self, suffix: str) -> Path | None:
        """Copy the SQLite file aside before migrating it (PostgreSQL backups are its DBA's)."""
        if self.sqlite_path is None or not self.sqlite_path.exists():
            return None
        target = self.sqlite_path.with_name(f"{self.sqlite_path.name}.{suffix}.bak")
        if target.exists():  # an earlier attempt's copy stays; VACUUM INTO will not overwrite
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
            target = target.with_name(f"{self.sqlite_path.name}.{suffix}.{stamp}.bak")
        private_file(target)  # VACUUM INTO fills an empty file and keeps its mode
        raw = self.engine.raw_connection()
        try:
            # VACUUM INTO writes a consistent copy even with a WAL beside the file; it must run
            # outside a transaction, hence the driver connection (in autocommit, see on_connect).
            driver = raw.driver_connection
            assert driver is not None  # None only once the pool has closed the connection
            driver.execute("VACUUM INTO ?", (str(target),))
        finally:
            raw.close()
        return target

    def dispose(self) -> None:
        self.engine.dispose()
        if self.sqlite_path is not None and self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None


def _install_sqlite_hooks(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # The driver's own implicit transactions are turned off; we emit BEGIN ourselves below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")  # a 201 means the submission survives a power cut
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("encuentro_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
