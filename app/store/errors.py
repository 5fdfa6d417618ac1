"""StoreError: failures of the data file, said so a person knows what happened and what to do."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

# A plain data file is opened with the standard library's sqlite3, an encrypted one with
# SQLCipher's (a separate driver with its own exception classes): store code catches both.
DB_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)
PROGRAMMING_ERRORS: tuple[type[Exception], ...] = (
    sqlite3.ProgrammingError,
    sqlcipher.ProgrammingError,
)

# Stable kinds: the UI may key translations on them; the English message is the fallback.
CORRUPT = "corrupt"
LOCKED = "locked"
DISK_FULL = "disk_full"
NEWER_VERSION = "newer_version"
UNREADABLE = "unreadable"
NOT_FOUND = "not_found"
READ_ONLY = "read_only"
INVALID = "invalid"
# Another window (or another Encuentro on the same data folder) saved this draft since it was
# opened here: saving would silently overwrite its answers, so it is refused instead.
CONFLICT = "conflict"
# A session of an ODK-encrypted form whose answers this laptop no longer holds in a readable
# form (a data file without a PIN keeps only the encrypted copy that is sent).
SEALED = "sealed"


class StoreError(Exception):
    """A problem with the local data file.

    Attributes:
        kind: one of "corrupt", "locked", "disk_full", "newer_version", "unreadable", "not_found",
            "read_only", "invalid", "conflict" (stable; use it to choose a translated message).
        message: what happened, in plain words.
        advice: what the person can do about it ("" when nothing is needed).
    str(error) is the message followed by the advice.
    """

    def __init__(self, kind: str, message: str, advice: str = "") -> None:
        self.kind = kind
        self.message = message
        self.advice = advice
        super().__init__(f"{message} {advice}".strip())


def translate(error: Exception, path: Path | str) -> StoreError:
    """Turn an sqlite3 error into a StoreError with a message a facilitator can act on."""
    text = str(error).lower()
    code = getattr(error, "sqlite_errorcode", None)
    if "locked" in text or "busy" in text or code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StoreError(
            LOCKED,
            f"The data file {path} is in use by another program or another Encuentro window.",
            "Close the other Encuentro window (or wait a moment) and try again. Nothing was lost.",
        )
    if "full" in text or code == sqlite3.SQLITE_FULL:
        return StoreError(
            DISK_FULL,
            f"The disk holding {path} is full, so the last change could not be saved.",
            "Free some space on the disk, then repeat the last change. "
            "Everything saved before it is still there.",
        )
    if (
        "not a database" in text
        or "malformed" in text
        or code
        in (
            sqlite3.SQLITE_CORRUPT,
            sqlite3.SQLITE_NOTADB,
        )
    ):
        return StoreError(
            CORRUPT,
            f"The data file {path} is damaged and cannot be read.",
            "Do not delete it. Close Encuentro, keep a copy of the file and of the 'backups' "
            "folder next to it, and ask your coordinator for help to recover the sessions.",
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text or "disk i/o" in text:
        return StoreError(
            UNREADABLE,
            f"Encuentro cannot read or write its data file {path}.",
            "Check that the disk or USB stick is connected and not write-protected, "
            "and that you have permission to use this folder.",
        )
    if "read_only:" in text:  # the file's own guard (schema v2 triggers)
        return StoreError(
            READ_ONLY,
            "This session is finalised (or not yet sent) and can no longer be changed or deleted.",
            "Only drafts can be edited. To correct a returned session, start a correction of it.",
        )
    if isinstance(error, (sqlite3.IntegrityError, sqlcipher.IntegrityError)):
        return StoreError(
            INVALID,
            f"This change conflicts with what is already saved ({error}).",
            "Nothing was changed. If it happens again, tell your coordinator.",
        )
    return StoreError(
        UNREADABLE,
        f"The data file {path} could not be used ({error}).",
        "Try again; if it happens again, ask your coordinator and mention this message.",
    )
