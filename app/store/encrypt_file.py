"""Turning a plain data file into an SQLCipher-encrypted one, in place, without losing a byte.

    encrypt_in_place(path, key)   plain file (+ its WAL) -> encrypted file at the same path;
                                  the plain copy is overwritten with zeros, then removed
    finish_interrupted(path)      after a crash: put the plain file back, or finish wiping it
    is_plain(path)                True when the file starts with SQLite's clear-text header

Order of work (a crash at any point loses nothing):
  1. the plain file's WAL is folded in (checkpoint) and the file is exported with
     sqlcipher_export() into `<path>.encrypting`, keyed; the copy is checked: same tables, same
     row counts, same rows (every submission's XML included), same schema version;
  2. the plain file is renamed `<path>.plain-old` and the encrypted copy takes its name;
  3. `<path>.plain-old` (and any WAL/SHM) is overwritten with zeros, synced, unlinked.
A crash before 2 leaves the plain file as it was (the partial copy is removed next time);
between the two renames, finish_interrupted() renames the plain file back; after 2, it finishes
step 3. Overwriting is best effort on SSDs and copy-on-write file systems (the drive may keep
the old blocks): the README's threat model says so.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from app.store.errors import DB_ERRORS, UNREADABLE, StoreError, translate
from app.store.keys import sqlcipher_key_pragma
from app.store.private_files import private_file

SQLITE_HEADER = b"SQLite format 3\x00"
ENCRYPTING = ".encrypting"
PLAIN_OLD = ".plain-old"


def is_plain(path: Path) -> bool:
    """True when `path` is an unencrypted SQLite file (SQLCipher files start with random salt)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except FileNotFoundError:
        return False


def _sidecars(path: Path) -> list[Path]:
    return [Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")]


def wipe(path: Path) -> None:
    """Overwrite a file with zeros, sync it, and unlink it (absent files are fine)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with open(path, "r+b", buffering=0) as handle:
        block = b"\x00" * 65536
        left = size
        while left > 0:
            left -= handle.write(block[: min(left, len(block))])
        os.fsync(handle.fileno())
    path.unlink()


def _sync_folder(folder: Path) -> None:
    if os.name == "nt":
        return  # directory handles cannot be fsync'd on Windows; renames are journaled there
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _snapshot(conn: sqlite3.Connection | sqlcipher.Connection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a fixed order."""
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]
    found: dict[str, list[tuple[Any, ...]]] = {}
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        rows = [tuple(row) for row in conn.execute(f"SELECT * FROM {quoted}")]
        found[table] = sorted(rows, key=repr)  # page order may differ between the two files
    return found


def finish_interrupted(path: Path) -> None:
    """Repair what a crash during encrypt_in_place left: the plain file is put back if the
    encrypted one never took its name; otherwise the leftover plain copy is wiped."""
    old = Path(f"{path}{PLAIN_OLD}")
    partial = Path(f"{path}{ENCRYPTING}")
    if old.exists():
        if path.exists() and not is_plain(path):
            for leftover in (old, *_sidecars(old)):
                wipe(leftover)
        elif not path.exists():
            os.replace(old, path)
            _sync_folder(path.parent)
    for leftover in (partial, *_sidecars(partial)):
        if leftover.exists():
            leftover.unlink()  # encrypted (or empty): holds nothing readable


def encrypt_in_place(path: Path, key: bytes) -> None:
    """Encrypt the plain data file at `path` with `key`, verified, and wipe the plain copy.

    StoreError if the file cannot be read or the copy does not match (the plain file is then
    left untouched)."""
    finish_interrupted(path)
    if not is_plain(path):
        raise StoreError(UNREADABLE, f"{path} is not a plain Encuentro data file.", "")
    partial = Path(f"{path}{ENCRYPTING}")
    try:
        source = sqlcipher.connect(path, isolation_level=None)
        try:
            # Fold the WAL in so the export sees everything and the WAL is emptied.
            source.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            version = int(source.execute("PRAGMA user_version").fetchone()[0])
            expected = _snapshot(source)
            private_file(partial)
            source.execute(
                "ATTACH DATABASE ? AS encrypted KEY \"x'" + key.hex() + "'\"", (str(partial),)
            )
            source.execute("SELECT sqlcipher_export('encrypted')").fetchone()
            # sqlcipher_export copies tables, not the schema version.
            source.execute(f"PRAGMA encrypted.user_version = {version}")
            source.execute("DETACH DATABASE encrypted")
        finally:
            source.close()
        copy = sqlcipher.connect(partial, isolation_level=None)
        try:
            copy.execute(sqlcipher_key_pragma(key))
            copy.execute("PRAGMA journal_mode = WAL").fetchone()
            same = (
                int(copy.execute("PRAGMA user_version").fetchone()[0]) == version
                and _snapshot(copy) == expected
                and copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            )
        finally:
            copy.close()
    except DB_ERRORS as error:
        raise translate(error, path) from error
    if not same or is_plain(partial):
        partial.unlink()
        raise StoreError(
            UNREADABLE,
            f"The encrypted copy of {path} did not match it; the original was kept as it was.",
            "Try again; if it happens again, ask your coordinator.",
        )
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    old = Path(f"{path}{PLAIN_OLD}")
    for sidecar in _sidecars(path):
        if sidecar.exists():
            os.replace(sidecar, Path(f"{old}{sidecar.name[len(path.name) :]}"))
    os.replace(path, old)
    os.replace(partial, path)
    _sync_folder(path.parent)
    for leftover in (old, *_sidecars(old)):
        wipe(leftover)
    _sync_folder(path.parent)


def encrypt_backups(db_path: Path, key: bytes) -> list[Path]:
    """Encrypt, in place and the same way, every plain copy of `db_path` in `<folder>/backups/`
    (pre-migration and daily ones, app/store/backup.py): they hold every answer too."""
    folder = db_path.parent / "backups"
    done = []
    if folder.is_dir():
        copies = {
            *folder.glob(f"{db_path.stem}-v*{db_path.suffix}"),
            *folder.glob(f"{db_path.stem}-daily-*{db_path.suffix}"),
        }
        for copy in sorted(copies):
            finish_interrupted(copy)
            if is_plain(copy):
                encrypt_in_place(copy, key)
                done.append(copy)
    return done
