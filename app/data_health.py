"""At start: is the data file sound? If not, say so and offer the latest good daily backup.

The Workspace calls these (when opened with `guard=True`, as the desktop app does) around the
moment it opens a data file: `check_data_file` before (quick_check; DamagedData when it fails),
`backup_today` after (one daily copy, app/store/backup.py). The shell shows DamagedData in the
person's language and calls `restore()` only if they agree; nothing here asks anyone anything.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path

from app.store.backup import daily_backup, latest_good, quick_check, restore
from app.store.encrypt_file import is_plain
from app.store.errors import CORRUPT, DB_ERRORS, StoreError

log = logging.getLogger(__name__)


def today() -> date:
    """The day a backup is filed under (a seam for tests)."""
    return date.today()


class DamagedData(StoreError):
    """The data file fails SQLite's quick check. `backup` is the newest daily copy that passes
    it (None: there is none); `restore()` puts it in place, keeping the damaged file aside."""

    def __init__(
        self, db_path: Path, problems: list[str], backup: Path | None, key: bytes | None
    ) -> None:
        self.db_path = Path(db_path)
        self.problems = problems
        self.backup = backup
        self._key = key  # only to read the backup; gone with this error
        advice = (
            f"Restore the backup {backup.name}; the damaged file is kept beside it."
            if backup is not None
            else "Keep the file and the 'backups' folder, and ask your coordinator for help."
        )
        super().__init__(CORRUPT, f"The data file {db_path} is damaged.", advice)

    @property
    def backup_day(self) -> date | None:
        """The day the offered backup was taken."""
        if self.backup is None:
            return None
        stamp = self.backup.stem.rsplit("-", 1)[-1]
        return datetime.strptime(stamp, "%Y%m%d").date()

    def restore(self, now: datetime | None = None) -> Path:
        """Put the backup in place; returns where the damaged file was moved (kept)."""
        if self.backup is None:
            raise ValueError("There is no good backup to restore.")
        return restore(self.db_path, self.backup, self._key, now or datetime.now())


def check_data_file(db_path: Path, key: bytes | None) -> None:
    """Raise DamagedData when the file exists and fails `PRAGMA quick_check`. A plain file in an
    encrypted folder is left to the encryption step, which checks its copy itself."""
    db_path = Path(db_path)
    if not db_path.exists() or (key is not None and is_plain(db_path)):
        return
    problems = quick_check(db_path, key)
    if not problems:
        return
    log.error("data file %s fails its quick check: %s", db_path, "; ".join(problems[:5]))
    raise DamagedData(db_path, problems, latest_good(db_path, key), key)


BACKUP_ERRORS: tuple[type[Exception], ...] = (OSError, *DB_ERRORS)


def backup_today(db_path: Path, key: bytes | None) -> Path | None:
    """Today's daily copy if not made yet. A failed backup never stops work: it is logged and
    tried again at the next start."""
    try:
        return daily_backup(Path(db_path), key, today())
    except BACKUP_ERRORS as error:
        log.error("the daily backup of %s failed: %s", db_path, error)
        return None
