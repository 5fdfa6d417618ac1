"""A data file that fails its start-up check: say what happened and offer the latest good backup.

The check and the restore are app/data_health.py's; this only asks the person, in their language.
The damaged file is never overwritten: restoring moves it aside (kept for the coordinator).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtWidgets import QWidget

from app.data_health import DamagedData
from ui import dialogs

log = logging.getLogger(__name__)


def offer_restore(parent: QWidget | None, error: DamagedData) -> bool:
    """Explain the damage; True when the person chose to restore and it was done (open again),
    False when they closed the dialog or there is nothing to restore."""
    translate = QCoreApplication.translate
    title = translate("DamagedData", "Encuentro's data file is damaged")
    details = "\n".join([str(error.db_path), *error.problems[:20]])
    found = error.backup_day
    if error.backup is None or found is None:
        dialogs.show_error(
            parent,
            title,
            translate(
                "DamagedData",
                "The data file %1 is damaged and there is no good backup of it.\n\n"
                "Do not delete anything. Close Encuentro, keep a copy of the file and of the "
                "'backups' folder next to it, and ask your coordinator for help to recover "
                "the sessions.",
            ).replace("%1", str(error.db_path)),
            details,
        )
        return False
    day = QLocale().toString(
        QDate(found.year, found.month, found.day), QLocale.FormatType.LongFormat
    )
    message = translate(
        "DamagedData",
        "The data file %1 is damaged: part of it cannot be read.\n\n"
        "Encuentro can put back the backup made on %2. Sessions saved after that day will be "
        "missing from it. The damaged file is not deleted: it is kept beside it (its name ends "
        "in 'damaged' and the date) so your coordinator can try to recover those sessions.\n\n"
        "Restore the backup now, or close Encuentro and ask your coordinator.",
    )
    message = message.replace("%1", str(error.db_path)).replace("%2", day)
    if not dialogs.ask_action(
        parent, title, message, translate("DamagedData", "Restore the backup"), details
    ):
        return False
    try:
        aside = error.restore()
    except (OSError, ValueError) as failure:
        log.error("restoring %s failed: %s", error.backup, failure)
        dialogs.show_error(
            parent,
            title,
            translate(
                "DamagedData",
                "The backup could not be put back. Nothing was deleted. Close Encuentro and ask "
                "your coordinator for help.",
            ),
            str(failure),
        )
        return False
    dialogs.show_info(
        parent,
        title,
        translate(
            "DamagedData", "The backup is back in place. The damaged file was kept as %1."
        ).replace("%1", aside.name),
    )
    return True
