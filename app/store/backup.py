"""Daily copies of a data file, the start-up health check, and restoring the latest good copy.

    daily_backup(db_path, key, today)   one consistent copy per day in <data dir>/backups/,
                                        made with SQLite's backup API (SQLCipher's for an
                                        encrypted file: the copy is encrypted with the same key)
    prune_daily(db_path, today)         copies older than KEEP_DAYS days are deleted
    quick_check(db_path, key)           [] when `PRAGMA quick_check` finds the file sound
    latest_good(db_path, key)           the newest copy that passes quick_check itself
    restore(db_path, copy, key, now)    the damaged file (and its WAL) is moved aside with a
                                        timestamp, never overwritten; the copy takes its place

Every function takes the file's path and key, so it works for whichever data files exist (one
per folder today, one per profile tomorrow). The copies hold every answer: they are owner-only
and, for an encrypted file, as unreadable as the file itself.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from app.store.errors import DB_ERRORS, LOCKED, translate
from app.store.keys import sqlcipher_key_pragma
from app.store.private_files import private_file, private_folder

log = logging.getLogger(__name__)

BACKUP_FOLDER = "backups"
KEEP_DAYS = 7
DAILY_MARK = "-daily-"  # <stem>-daily-YYYYMMDD<suffix>; pre-migration copies are <stem>-v<n>-…
DAMAGED_MARK = ".damaged-"
PARTIAL = ".partial"


def backup_folder(db_path: Path) -> Path:
    return Path(db_path).parent / BACKUP_FOLDER


def daily_name(db_path: Path, day: date) -> str:
    db_path = Path(db_path)
    return f"{db_path.stem}{DAILY_MARK}{day:%Y%m%d}{db_path.suffix}"


def daily_copies(db_path: Path) -> list[tuple[date, Path]]:
    """The daily copies of `db_path`, oldest first, with the day each was taken."""
    db_path = Path(db_path)
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    pattern = re.compile(
        re.escape(db_path.stem + DAILY_MARK) + r"(\d{8})" + re.escape(db_path.suffix) + "$"
    )
    found = []
    for copy in folder.iterdir():
        match = pattern.match(copy.name)
        if match is None:
            continue
        try:
            day = datetime.strptime(match.group(1), "%Y%m%d").date()
        except ValueError:
            continue
        found.append((day, copy))
    return sorted(found)


def connect(path: Path, key: bytes | None) -> sqlite3.Connection:
    """A connection to a data file or a copy of it, keyed when it is encrypted."""
    if key is None:
        return sqlite3.connect(path, isolation_level=None)
    conn = sqlcipher.connect(path, isolation_level=None)
    conn.execute(sqlcipher_key_pragma(key))
    # Sorts during the copy or the check stay in memory: a temp file would hold answers in clear.
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn  # type: ignore[no-any-return]


def _copy(source: sqlite3.Connection, target: Path, key: bytes | None) -> None:
    """A consistent page-by-page copy of `source` into `target` (written beside, then renamed)."""
    partial = target.with_name(target.name + PARTIAL)
    partial.unlink(missing_ok=True)
    private_file(partial)  # owner-only before the first answer is written into it
    copy = connect(partial, key)
    try:
        source.backup(copy)  # the backup API: a consistent snapshot even while others write
    finally:
        copy.close()
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)


def daily_backup(
    db_path: Path,
    key: bytes | None,
    today: date,
    source: sqlite3.Connection | None = None,
) -> Path | None:
    """Today's copy of the data file, unless one was already made today (then None). `source`
    is an open connection to the file (else one is opened with `key`). Older copies are pruned."""
    db_path = Path(db_path)
    folder = private_folder(backup_folder(db_path))
    target = folder / daily_name(db_path, today)
    if target.exists():
        return None
    own = source is None
    conn = connect(db_path, key) if source is None else source
    try:
        _copy(conn, target, key)
    finally:
        if own:
            conn.close()
    prune_daily(db_path, today)
    log.info("daily backup written: %s", target.name)
    return target


def prune_daily(db_path: Path, today: date, keep_days: int = KEEP_DAYS) -> list[Path]:
    """Delete the daily copies taken more than `keep_days` days before `today` (they hold every
    answer, drafts discarded since included)."""
    oldest_kept = today - timedelta(days=keep_days - 1)
    removed = []
    for day, copy in daily_copies(db_path):
        if day < oldest_kept:
            copy.unlink()
            removed.append(copy)
    return removed


def quick_check(db_path: Path, key: bytes | None) -> list[str]:
    """SQLite's quick check of the file: [] when sound, else what it found (a file that cannot
    be read at all, e.g. a damaged header or a wrong key, is reported the same way). StoreError
    "locked" when another program holds the file."""
    if not Path(db_path).is_file():
        return [f"{db_path} is missing"]  # never created by checking it
    conn = None
    try:
        conn = connect(Path(db_path), key)
        found = [str(row[0]) for row in conn.execute("PRAGMA quick_check").fetchall()]
    except DB_ERRORS as error:
        said = translate(error, db_path)
        if said.kind == LOCKED:
            raise said from error  # in use by another program: not damage
        return [str(error)]
    finally:
        if conn is not None:
            conn.close()
    return [] if found == ["ok"] else found


def latest_good(db_path: Path, key: bytes | None) -> Path | None:
    """The newest daily copy that passes quick_check itself, or None."""
    for _day, copy in reversed(daily_copies(db_path)):
        if not quick_check(copy, key):
            return copy
        log.warning("backup %s fails its own check; looking at an older one", copy.name)
    return None


def _sidecars(path: Path) -> list[Path]:
    return [Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")]


def restore(db_path: Path, copy: Path, key: bytes | None, now: datetime) -> Path:
    """Put `copy` in place of the damaged data file. The damaged file (and its WAL) is moved to
    `<file>.damaged-<timestamp>` beside it and kept; returns that path. The copy itself stays in
    backups/. ValueError if the copy does not pass quick_check (nothing is moved then)."""
    db_path, copy = Path(db_path), Path(copy)
    problems = quick_check(copy, key)
    if problems:
        raise ValueError(f"The backup {copy.name} is damaged too: {problems[0]}")
    stamp = now.strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.name}{DAMAGED_MARK}{stamp}")
    incoming = db_path.with_name(db_path.name + ".restoring")
    incoming.unlink(missing_ok=True)
    source = connect(copy, key)
    try:
        _copy(source, incoming, key)
    finally:
        source.close()
    if db_path.exists():
        for sidecar in _sidecars(db_path):
            if sidecar.exists():
                # Its pages belong to the damaged file: kept with it, never replayed on the copy.
                os.replace(sidecar, Path(f"{aside}{sidecar.name[len(db_path.name) :]}"))
        os.replace(db_path, aside)
    os.replace(incoming, db_path)
    if os.name != "nt":
        fd = os.open(db_path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    log.warning("data file restored from %s; the damaged one kept as %s", copy.name, aside.name)
    return aside
