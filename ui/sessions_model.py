"""Table model of sessions loading page by page (canFetchMore/fetchMore): 10,000 open instantly.

The model knows nothing of SQL: it asks a SessionSource (the Workspace) for a count and for pages of
the store's SubmissionSummary records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
)
from PySide6.QtGui import QColor

from app.store.records import OutboxEntry, SessionFilter, SubmissionSummary
from ui import i18n
from ui.plain_text import plain_for_auto_text

render_stored: Callable[[str | None, str | None], str] | None
try:  # stored reasons may be structured messages (key + params) rendered in either language
    from sync.messages import render_stored
except ImportError:  # an older sync client stores plain text: shown as it is
    render_stored = None

PAGE_SIZE = 200
StatusRole = Qt.ItemDataRole.UserRole + 1
InstanceIdRole = Qt.ItemDataRole.UserRole + 2
RowRole = Qt.ItemDataRole.UserRole + 3
OutboxRole = Qt.ItemDataRole.UserRole + 4  # the row's OutboxEntry, or None when not waiting

Index = QModelIndex | QPersistentModelIndex


class SessionSource(Protocol):
    """Where rows come from (the Workspace, through a thin adapter in sessions_controller)."""

    def count(self, where: SessionFilter) -> int: ...

    def page(self, where: SessionFilter, offset: int, limit: int) -> list[SubmissionSummary]: ...

    # Optional: a source without it shows no retry times or refusals from the outbox.
    # def outbox(self, instance_ids: Iterable[str]) -> dict[str, OutboxEntry]: ...


def status_label(key: str) -> str:
    """Translated badge text for a status word (literal calls so pyside6-lupdate finds them)."""
    translate = QCoreApplication.translate
    labels = {
        "draft": translate("SessionStatus", "Draft"),
        "finalized": translate("SessionStatus", "Finalized"),
        "queued": translate("SessionStatus", "Waiting to send"),
        "sent": translate("SessionStatus", "Sent"),
        "failed": translate("SessionStatus", "Not sent"),
        "reviewed": translate("SessionStatus", "Reviewed"),
        "approved": translate("SessionStatus", "Approved"),
        "has_issues": translate("SessionStatus", "Has issues"),
        "rejected": translate("SessionStatus", "Rejected"),
    }
    return labels.get(key, key.replace("_", " ").capitalize())


def status_key(row: SubmissionSummary) -> str:
    """The badge a row wears: the review outcome once there is one, else the local status."""
    return row.review_state or row.status


# Colours chosen to read on white with dark text; the badge always carries its text too.
STATUS_COLOURS = {
    "draft": "#fde68a",
    "finalized": "#bfdbfe",
    "queued": "#e5e7eb",
    "sent": "#bbf7d0",
    "failed": "#fecaca",
    "reviewed": "#ddd6fe",
    "approved": "#86efac",
    "has_issues": "#fed7aa",
    "rejected": "#fca5a5",
}


def status_colour(key: str) -> QColor:
    """Badge background for a status word."""
    return QColor(STATUS_COLOURS.get(key, "#e5e7eb"))


def local_time(iso: str) -> str:
    """ISO-8601 with offset -> short local date and time in the interface's locale."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    qt_moment = QDateTime(moment.year, moment.month, moment.day, moment.hour, moment.minute, 0)
    return QLocale().toString(qt_moment, QLocale.FormatType.ShortFormat)


def reason_text(stored: str | None) -> str:
    """A stored sync reason (structured message or plain text) in the interface's language."""
    if not stored:
        return ""
    if render_stored is not None:
        return render_stored(stored, i18n.current_language())
    return stored


def clock_time(iso: str) -> str:
    """Local time of day for today ("14:05" or "2:05 PM" as the locale writes it), else the
    short date and time."""
    try:
        moment = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    if moment.date() == datetime.now().astimezone().date():
        return QLocale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)
    return local_time(iso)


def is_refused(row: SubmissionSummary, entry: OutboxEntry | None) -> bool:
    """The server refused it for good: it waits for a person ("Send again"), not for a retry."""
    return entry is not None and entry.next_attempt_at is None


def can_send_again(row: SubmissionSummary, entry: OutboxEntry | None) -> bool:
    """Waiting in the outbox after a failure (refused, or a retry later): it can go now."""
    return entry is not None and bool(entry.last_error or row.last_error)


def can_correct(row: SubmissionSummary) -> bool:
    """A supervisor returned it with issues: it can be corrected and sent again."""
    return row.status == "has_issues" or row.review_state == "has_issues"


def sync_review_text(row: SubmissionSummary, entry: OutboxEntry | None) -> str:
    """One line of why the row stands where it does: the server's refusal, when the next try is,
    or the supervisor's comment. Empty when there is nothing to say."""
    translate = QCoreApplication.translate
    reason = reason_text((entry.last_error if entry else None) or row.last_error)
    if entry is not None and (reason or entry.attempts):
        if entry.next_attempt_at is None:
            return translate("SessionsModel", "Refused by the server: %1").replace("%1", reason)
        moment = datetime.fromisoformat(entry.next_attempt_at)
        if moment > datetime.now(moment.tzinfo):
            text = translate("SessionsModel", "Will retry at %1").replace(
                "%1", clock_time(entry.next_attempt_at)
            )
            return f"{text} — {reason}" if reason else text
        return translate("SessionsModel", "Will be sent at the next sync")
    review = row.review_state or ""
    comment = (row.review_comment or "").strip()
    if row.deprecated_id and not review and row.status == "draft":
        # Beside the returned one it corrects: say which of the two is being worked on.
        return translate("SessionsModel", "Correction of a returned session; finalize it to resend")
    if review == "has_issues":
        label = translate("SessionsModel", "Returned for correction")
        return f"{label}: {comment}" if comment else label
    if review in ("approved", "rejected", "reviewed") and comment:
        return translate("SessionsModel", "Supervisor: %1").replace("%1", comment)
    if row.sent_at:  # nothing pending or said: when it reached the server
        return translate("SessionsModel", "Sent %1").replace("%1", clock_time(row.sent_at))
    return ""


def _one_line(text: str) -> str:
    # Line breaks only: the locale's no-break spaces ("10:59 PM") stay as they are.
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


class SessionsModel(QAbstractTableModel):
    """Rows of sessions, fetched PAGE_SIZE at a time as the view scrolls."""

    # "sync" last: it holds the longest text and gets the stretch; earlier indexes stay put.
    COLUMNS = ("status", "form", "community", "facilitator", "updated", "created", "sync")

    def __init__(self, source: SessionSource, parent: Any = None) -> None:
        super().__init__(parent)
        self._source = source
        self._filter = SessionFilter()
        self._rows: list[SubmissionSummary] = []
        self._outbox: dict[str, OutboxEntry] = {}
        self._total = 0

    # --- loading -------------------------------------------------------------------------
    def set_filter(self, where: SessionFilter) -> None:
        """Start over with a new search/filter: count, then the first page."""
        self.beginResetModel()
        self._filter = where
        self._rows = []
        self._outbox = {}
        self._total = self._source.count(where)
        self._rows = self._source.page(where, 0, PAGE_SIZE) if self._total else []
        self._outbox = self._outbox_of(self._rows)
        self.endResetModel()

    def reload(self) -> None:
        """Re-read with the current filter (after a session changed)."""
        self.set_filter(self._filter)

    def current_filter(self) -> SessionFilter:
        return self._filter

    def total(self) -> int:
        """How many sessions match, loaded or not."""
        return self._total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        start = len(self._rows)
        page = self._source.page(self._filter, start, PAGE_SIZE)
        if not page:
            # The store holds fewer rows than counted (deleted meanwhile): stop asking.
            self._total = start
            return
        outbox = self._outbox_of(page)
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self._rows.extend(page)
        self._outbox.update(outbox)
        self.endInsertRows()

    def _outbox_of(self, rows: Iterable[SubmissionSummary]) -> dict[str, OutboxEntry]:
        outbox = getattr(self._source, "outbox", None)
        waiting = [r.instance_id for r in rows if r.status in ("finalized", "queued")]
        return outbox(waiting) if outbox is not None and waiting else {}

    # --- reading -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def row_at(self, row: int) -> SubmissionSummary:
        return self._rows[row]

    def outbox_at(self, row: int) -> OutboxEntry | None:
        """The outbox state of a row still waiting to be sent, else None."""
        return self._outbox.get(self._rows[row].instance_id)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.InitialSortOrderRole:
            # A first click on a date shows the newest first; on a word, A to Z.
            dates = self.COLUMNS[section] in ("updated", "created")
            return Qt.SortOrder.DescendingOrder if dates else Qt.SortOrder.AscendingOrder
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            "status": QCoreApplication.translate("SessionsModel", "Status"),
            "form": QCoreApplication.translate("SessionsModel", "Form"),
            "community": QCoreApplication.translate("SessionsModel", "Community"),
            "facilitator": QCoreApplication.translate("SessionsModel", "Facilitator"),
            "updated": QCoreApplication.translate("SessionsModel", "Last change"),
            "created": QCoreApplication.translate("SessionsModel", "Started"),
            "sync": QCoreApplication.translate("SessionsModel", "Sync / review"),
        }
        return titles[self.COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "form":
            return plain_for_auto_text(f"{row.form_title} ({row.form_id}, v{row.form_version})")
        if role == Qt.ItemDataRole.ToolTipRole and column in ("status", "sync"):
            # The whole reason, also when the column is too narrow for it.
            entry = self._outbox.get(row.instance_id)
            return plain_for_auto_text(sync_review_text(row, entry)) or None  # server words
        if role == Qt.ItemDataRole.ForegroundRole and column == "sync":
            if is_refused(row, self._outbox.get(row.instance_id)):
                return QColor("#a4001d")  # dark red on white; the words say "refused" too
            return None
        if role == OutboxRole:
            return self._outbox.get(row.instance_id)
        if role == StatusRole:
            return self._status_of(row)
        if role == InstanceIdRole:
            return row.instance_id
        if role == RowRole:
            return row
        return None

    def _status_of(self, row: SubmissionSummary) -> str:
        # A refused session is not "waiting": it needs a person, so its badge says "Not sent".
        if row.status == "queued" and is_refused(row, self._outbox.get(row.instance_id)):
            return "failed"
        return status_key(row)

    def _display(self, row: SubmissionSummary, column: str) -> str:
        if column == "status":
            return status_label(self._status_of(row))
        if column == "form":
            return row.form_title or row.form_id
        if column == "community":
            return row.community or "—"  # not answered yet: a dash reads better than a gap
        if column == "facilitator":
            return row.facilitator or ""
        if column == "updated":
            return local_time(row.updated_at)
        if column == "sync":
            return _one_line(sync_review_text(row, self._outbox.get(row.instance_id)))
        return local_time(row.created_at)

    def changeLanguage(self) -> None:
        """Headers and badge texts are translated at paint time: just repaint."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            )
