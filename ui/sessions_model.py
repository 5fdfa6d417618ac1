"""Table model of sessions loading page by page (canFetchMore/fetchMore): 10,000 open instantly.

The model knows nothing of SQL: it asks a SessionSource (the Workspace) for a count and for pages of
the store's SubmissionSummary records.
"""

from __future__ import annotations

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
)
from PySide6.QtGui import QColor

from app.store.records import SessionFilter, SubmissionSummary

PAGE_SIZE = 200
StatusRole = Qt.ItemDataRole.UserRole + 1
InstanceIdRole = Qt.ItemDataRole.UserRole + 2
RowRole = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


class SessionSource(Protocol):
    """Where rows come from (the Workspace, through a thin adapter in sessions_controller)."""

    def count(self, where: SessionFilter) -> int: ...

    def page(self, where: SessionFilter, offset: int, limit: int) -> list[SubmissionSummary]: ...


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


class SessionsModel(QAbstractTableModel):
    """Rows of sessions, fetched PAGE_SIZE at a time as the view scrolls."""

    COLUMNS = ("status", "form", "community", "facilitator", "updated", "created")

    def __init__(self, source: SessionSource, parent: Any = None) -> None:
        super().__init__(parent)
        self._source = source
        self._filter = SessionFilter()
        self._rows: list[SubmissionSummary] = []
        self._total = 0

    # --- loading -------------------------------------------------------------------------
    def set_filter(self, where: SessionFilter) -> None:
        """Start over with a new search/filter: count, then the first page."""
        self.beginResetModel()
        self._filter = where
        self._rows = []
        self._total = self._source.count(where)
        self._rows = self._source.page(where, 0, PAGE_SIZE) if self._total else []
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
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    # --- reading -------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def row_at(self, row: int) -> SubmissionSummary:
        return self._rows[row]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            "status": QCoreApplication.translate("SessionsModel", "Status"),
            "form": QCoreApplication.translate("SessionsModel", "Form"),
            "community": QCoreApplication.translate("SessionsModel", "Community"),
            "facilitator": QCoreApplication.translate("SessionsModel", "Facilitator"),
            "updated": QCoreApplication.translate("SessionsModel", "Last change"),
            "created": QCoreApplication.translate("SessionsModel", "Started"),
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
            return f"{row.form_title} ({row.form_id}, v{row.form_version})"
        if role == Qt.ItemDataRole.ToolTipRole and column == "status":
            # The supervisor's comment or the server's refusal: why the badge says what it says.
            return row.review_comment or row.last_error or None
        if role == StatusRole:
            return status_key(row)
        if role == InstanceIdRole:
            return row.instance_id
        if role == RowRole:
            return row
        return None

    def _display(self, row: SubmissionSummary, column: str) -> str:
        if column == "status":
            return status_label(status_key(row))
        if column == "form":
            return row.form_title or row.form_id
        if column == "community":
            return row.community or "—"  # not answered yet: a dash reads better than a gap
        if column == "facilitator":
            return row.facilitator or ""
        if column == "updated":
            return local_time(row.updated_at)
        return local_time(row.created_at)

    def changeLanguage(self) -> None:
        """Headers and badge texts are translated at paint time: just repaint."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            )
