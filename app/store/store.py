"""Store: opening the data file safely (WAL, synchronous=FULL, busy timeout, migrations)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from sqlcipher3 import dbapi2 as sqlcipher

from app.store.attachments import Attachments
from app.store.database import Database
from app.store.encrypt_file import encrypt_backups, encrypt_in_place, is_plain
from app.store.errors import DB_ERRORS, UNREADABLE, StoreError, translate
from app.store.findings_cache import FindingsCache
from app.store.forms import Forms
from app.store.keys import sqlcipher_key_pragma
from app.store.outbox import Outbox
from app.store.people import Audit, Profiles, Settings
from app.store.private_files import private_file, private_folder, tighten
from app.store.review_cache import ReviewCache
from app.store.schema import (
    MIGRATIONS,
    Migration,
    migrate,
    prune_backups,
    refuse_newer,
    schema_version,
)
from app.store.sealed import Sealed
from app.store.submissions import Submissions


class Store:
    """The facilitator's local data, one SQLite file. app/store/__init__.py documents the API."""

    def __init__(self, db: Database, backup: Path | None) -> None:
        self._db = db
        self.path = db.path
        self.backup_taken = backup  # copy written before the last migration, if any
        self.profiles = Profiles(db)
        self.forms = Forms(db)
        self.submissions = Submissions(db)
        self.outbox = Outbox(db)
        self.attachments = Attachments(db)
        self.audit = Audit(db)
        self.settings = Settings(db)
        self.review_cache = ReviewCache(db)  # supervisor mode
        self.sealed = Sealed(db)  # ODK-encrypted submissions as they are sent
        self.findings_cache = FindingsCache(db)  # the findings view's sessions, read once

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        busy_timeout: float = 5.0,
        migrations: Sequence[Migration] = MIGRATIONS,
        key: bytes | None = None,
    ) -> Store:
        """Open (creating if absent) and migrate the data file.

        With `key` (32 random bytes, app/store/keys.py) the file is SQLCipher-encrypted with it:
        pages, write-ahead log and pre-migration backups alike. A wrong key, or a plain file
        opened with a key, fails like a damaged file (StoreError "corrupt") and is not changed.

        Raises StoreError if it is damaged, held by another program for more than `busy_timeout`
        seconds, written by a newer Encuentro, or unreachable. An existing file is never replaced or
        recreated."""
        db_path = Path(path)
        if db_path.is_dir():
            raise StoreError(
                UNREADABLE,
                f"{db_path} is a folder, not an Encuentro data file.",
                "Choose another data folder.",
            )
        try:
            # Owner-only before SQLite writes a byte: the WAL and SHM inherit the file's mode.
            private_folder(db_path.parent)
            private_file(db_path)
        except OSError as error:
            raise StoreError(
                UNREADABLE,
                f"Encuentro cannot create its data file {db_path} ({error.strerror}).",
                "Choose another data folder.",
            ) from error
        try:
            driver = sqlite3 if key is None else sqlcipher
            conn = driver.connect(
                db_path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
            if key is not None:
                conn.execute(sqlcipher_key_pragma(key))
                # Sorts and temporary indexes stay in memory: a temp file would hold answers
                # outside the encrypted file (the wheel's build default is memory too).
                conn.execute("PRAGMA temp_store = MEMORY")
        except DB_ERRORS as error:
            raise translate(error, db_path) from error
        try:
            # Reading the schema first makes a damaged or foreign file fail here, before any write.
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            refuse_newer(schema_version(conn), migrations[-1].version, db_path)
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            tighten(db_path)  # WAL/SHM left 0644 by an older Encuentro
            # FULL: a commit is on disk when it returns, even if the power goes (WAL's NORMAL is
            # not).
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            # Answers about vulnerable people: deleted or replaced rows are zeroed, not left
            # readable in free pages of the file (or of the WAL) after a draft is discarded.
            conn.execute("PRAGMA secure_delete = ON")
            # ...and the WAL is cut back to nothing whenever it is reset, not left at its
            # largest size with old pages (old answers) in its tail.
            conn.execute("PRAGMA journal_size_limit = 0").fetchone()
            backup = migrate(conn, db_path, migrations, key)
            prune_backups(db_path)
            db = Database(conn, db_path)
            # A WAL left by a crash holds every version written before it: fold it in and cut it.
            db.scrub_wal()
        except DB_ERRORS as error:
            conn.close()
            raise translate(error, db_path) from error
        except BaseException:
            conn.close()
            raise
        return cls(db, backup)

    def encrypt(self, key: bytes) -> None:
        """Encrypt this plain data file in place with `key` (app/store/encrypt_file.py: verified
        copy, plain file zeroed and removed; pre-migration backups too) and carry on with it:
        this same Store, and everything holding it, reads and writes the encrypted file from
        now on. If the encryption fails the plain file is reopened as it was and the error
        raised."""
        with self._db.lock:
            if self._db.conn.in_transaction:
                raise RuntimeError("Cannot encrypt the data file inside a transaction.")
            self._db.scrub_wal()
            self._db.conn.close()
            try:
                encrypt_in_place(self.path, key)
                encrypt_backups(self.path, key)
            finally:
                reopened = Store.open(self.path, key=None if is_plain(self.path) else key)
                self._db.adopt(reopened._db)

    def carry_on_with(self, other: Store) -> None:
        """Close this store's file and carry on over `other`'s (another profile's file, once
        unlocked): whatever holds this Store or its parts (the sync client's settings, the
        screens) reads and writes `other`'s file from now on."""
        with self._db.lock:
            if not self._db.closed:
                self.close()
            self._db.adopt(other._db)
            self.path = other.path
            self.backup_taken = other.backup_taken

    @property
    def schema_version(self) -> int:
        with self._db.read() as conn:
            return schema_version(conn)

    def check_integrity(self) -> list[str]:
        """SQLite's full integrity check: [] when the file is sound, else the problems it found."""
        with self._db.read() as conn:
            found = [str(row[0]) for row in conn.execute("PRAGMA integrity_check").fetchall()]
        return [] if found == ["ok"] else found

    def close(self) -> None:
        """Close the file (a checkpoint folds the write-ahead log back into it and truncates it,
        even when another connection keeps the file open)."""
        self._db.scrub_wal()
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
