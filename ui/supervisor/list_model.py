"""The supervisor's list of the team's sessions, loaded page by page like the facilitator's."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from app.store.review_cache import ReviewFilter, ReviewSession
from ui.sessions_model import Index, StatusRole, local_time

PAGE_SIZE = 200
RowRole = Qt.ItemDataRole.UserRole + 3


class ReviewSource(Protocol):
    def count(self, filters: ReviewFilter) -> int: ...
    def list(self, filters: ReviewFilter, offset: int, limit: int) -> list[ReviewSession]: ...


def review_label(key: str) -> str:
    """Badge text of a review state (literal calls so pyside6-lupdate finds them)."""
    translate = QCoreApplication.translate
    labels = {
        "received": translate("ReviewState", "To review"),
        "edited": translate("ReviewState", "Corrected, to review"),
        "approved": translate("ReviewState", "Approved"),
        "has_issues": translate("ReviewState", "Returned"),
        "rejected": translate("ReviewState", "Rejected"),
        "queued": translate("ReviewState", "Review queued"),
    }
    return labels.get(key, key)


# The status badge delegate colours by these keys (ui/status_badge.py reads StatusRole).
BADGE_KEYS = {
    "received": "finalized",
    "edited": "draft",
    "approved": "approved",
    "has_issues": "has_issues",
    "rejected": "rejected",
    "queued": "queued",
}


class ReviewListModel(QAbstractTableModel):
    COLUMNS = ("state", "form", "community", "facilitator", "device", "submitted", "comment")

    def __init__(self, source: ReviewSource, parent: Any = None) -> None:
        super().__init__(parent)
        self._source = source
        self._filter = ReviewFilter()
        self._rows: list[ReviewSession] = []
        self._total = 0

    def set_filter(self, filters: ReviewFilter) -> None:
        self.beginResetModel()
        self._filter = filters
        self._total = self._source.count(filters)
        self._rows = self._source.list(filters, 0, PAGE_SIZE) if self._total else []
        self.endResetModel()

    def reload(self) -> None:
        self.set_filter(self._filter)

    def total(self) -> int:
        return self._total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        start = len(self._rows)
        page = self._source.list(self._filter, start, PAGE_SIZE)
        if not page:
            self._total = start
            return
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def row_at(self, row: int) -> ReviewSession:
        return self._rows[row]

    def row_of(self, instance_id: str) -> int:
        return next((n for n, r in enumerate(self._rows) if r.instance_id == instance_id), -1)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        translate = QCoreApplication.translate
        titles = {
            "state": translate("ReviewListModel", "Review"),
            "form": translate("ReviewListModel", "Form"),
            "community": translate("ReviewListModel", "Community"),
            "facilitator": translate("ReviewListModel", "Facilitator"),
            "device": translate("ReviewListModel", "Device"),
            "submitted": translate("ReviewListModel", "Received"),
            "comment": translate("ReviewListModel", "Comment"),
        }
        return titles[self.COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in ("state", "comment"):
            return self._comment(row) or None
        if role == StatusRole:
            return BADGE_KEYS.get(row.shown_state, "queued")
        if role == RowRole:
            return row
        return None

    @staticmethod
    def _comment(row: ReviewSession) -> str:
        if row.queued_state:
            text = QCoreApplication.translate("ReviewListModel", "Queued: %1").replace(
                "%1", review_label(row.queued_state)
            )
            if row.queued_error:
                text += " — " + QCoreApplication.translate(
                    "ReviewListModel", "not sent yet; open it to see why"
                )
            return text
        return " ".join((row.review_comment or "").split())

    def _display(self, row: ReviewSession, column: str) -> str:
        if column == "state":
            return review_label(row.shown_state)
        if column == "form":
            return row.form_title
        if column == "community":
            return row.community_label or row.community or "—"
        if column == "facilitator":
            return row.facilitator or ""
        if column == "device":
            return row.device_name or ""
        if column == "submitted":
            return local_time(row.submitted_at)
        return self._comment(row)

    def changeLanguage(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            )
