"""Files that hold answers are the owner's alone: folder 0700, database and copies 0600.

The mode is set when a file is created (os.open/os.mkdir with the mode), never by a chmod after
answers were written: a file created 0644 and tightened later is readable by every account on the
laptop in between. SQLite gives the WAL and SHM files the database file's own mode, so creating the
database 0600 covers them too. On Windows the per-user data folder (platformdirs) already keeps
other accounts out; POSIX modes mean little there, so these functions do nothing.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

FOLDER_MODE = stat.S_IRWXU  # 0700
FILE_MODE = stat.S_IRUSR | stat.S_IWUSR  # 0600
ENFORCED = os.name == "posix"


def private_folder(path: Path) -> Path:
    """Create `path` (and missing parents) as 0700; an existing folder is tightened to 0700."""
    if not ENFORCED:
        path.mkdir(parents=True, exist_ok=True)
        return path
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    _restrict(path, FOLDER_MODE)  # a folder left 0755 by an older Encuentro
    return path


def private_file(path: Path) -> Path:
    """Make sure `path` exists as a 0600 file before anything is written to it.

    An absent file is created empty with mode 0600 (O_EXCL: never follows a planted link); an
    existing one (an older Encuentro created it 0644) is tightened, with its companions."""
    if not ENFORCED:
        return path
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        tighten(path)
    else:
        os.close(fd)
    return path


def tighten(database: Path) -> None:
    """chmod 0600 an existing database and its WAL/SHM/journal companions."""
    if not ENFORCED:
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        companion = Path(f"{database}{suffix}")
        _restrict(companion, FILE_MODE)


def _restrict(path: Path, mode: int) -> None:
    try:
        if stat.S_IMODE(path.stat().st_mode) != mode:
            os.chmod(path, mode)
    except FileNotFoundError:
        return
    except OSError as error:
        # A USB stick's FAT has no modes to set: the data stays usable; say so in the log.
        log.warning("Could not restrict %s to mode %o: %s", path, mode, error.strerror)
