"""StoreError in the person's language: the store gives a stable kind, the shell says it in Spanish
or English with what to do. Unknown kinds fall back to the store's own English text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.store import errors as kinds
from app.store.errors import StoreError


def describe(error: StoreError, path: str = "") -> tuple[str, str]:
    """(what happened, what to do) for a StoreError, translated."""
    translate = QCoreApplication.translate
    where = path
    texts = {
        kinds.CORRUPT: (
            translate("StoreMessages", "The data file %1 is damaged and cannot be read."),
            translate(
                "StoreMessages",
                "Do not delete it. Close Encuentro, keep a copy of the file and of the "
                "'backups' folder next to it, and ask your coordinator for help to recover "
                "the sessions.",
            ),
        ),
        kinds.LOCKED: (
            translate("StoreMessages", "The data file %1 is in use by another program or window."),
            translate(
                "StoreMessages",
                "Close the other Encuentro window (or wait a moment) and try again. "
                "Nothing was lost.",
            ),
        ),
        kinds.DISK_FULL: (
            translate(
                "StoreMessages", "The disk holding %1 is full; the last change was not saved."
            ),
            translate(
                "StoreMessages",
                "Free some space on the disk, then repeat the last change. Everything saved "
                "before it is still there.",
            ),
        ),
        kinds.NEWER_VERSION: (
            translate("StoreMessages", "The data file %1 was written by a newer Encuentro."),
            translate(
                "StoreMessages",
                "Install the newer Encuentro on this laptop; this version cannot use the file "
                "and has not changed it.",
            ),
        ),
        kinds.UNREADABLE: (
            translate("StoreMessages", "Encuentro cannot read or write its data file %1."),
            translate(
                "StoreMessages",
                "Check that the disk or USB stick is connected and not write-protected, and "
                "that you have permission to use this folder.",
            ),
        ),
        kinds.SEALED: (
            translate(
                "StoreMessages",
                "This session was encrypted for the project when it was finalised; this laptop "
                "keeps only that encrypted copy, so its answers cannot be shown here.",
            ),
            translate(
                "StoreMessages",
                "A supervisor with the project's private key can read it on the server. To keep "
                "a readable copy of such sessions on the laptop, protect your profile with a PIN.",
            ),
        ),
    }
    if error.kind not in texts:
        return error.message, error.advice
    message, advice = texts[error.kind]
    return message.replace("%1", where), advice


def error_text(error: BaseException, path: str) -> str:
    """What to show for an error a person can act on: StoreErrors translated, others as written
    (the engine's and XLSForm's messages are already precise and person-readable)."""
    if isinstance(error, StoreError):
        message, advice = describe(error, path)
        return f"{message}\n\n{advice}" if advice else message
    return str(error)
