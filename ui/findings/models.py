"""Qt table models over the findings view's rows (``app.findings.tables``): they only show what
the core counted, so the test reads each number through the model and compares it with a direct
count over the stored XML."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.findings.compute import QuoteRef
from app.findings.tables import NeedRow, SplitTable, ThemeRow

Index = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class _SplitModel(QAbstractTableModel):
    """Fixed columns, then one column per value of the split (group or place)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table: SplitTable[Any] = SplitTable("group", [], [])
        self.not_recorded = ""

    def fixed(self) -> list[str]:
        """The columns before the split's (none here: each kind of table names its own)."""
        return []

    def fill(self, table: SplitTable[Any], not_recorded: str) -> None:
        self.beginResetModel()
        self.table, self.not_recorded = table, not_recorded
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's API
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.fixed()) + len(self.table.columns)

    def split_key(self, column: int) -> str | None:
        """The split value of a column (None for a fixed column)."""
        at = column - len(self.fixed())
        return self.table.columns[at][0] if 0 <= at < len(self.table.columns) else None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        fixed = self.fixed()
        if section < len(fixed):
            return fixed[section]
        return self.table.columns[section - len(fixed)][1] or self.not_recorded

    def values(self, row: int) -> list[Any]:
        """A row's cells: the fixed columns' values (each kind adds its own), then the split."""
        return list(self.table.rows[row].split)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.values(index.row())[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return value
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(value, str):
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int):
            return RIGHT
        return None


class ThemeModel(_SplitModel):
    """Topic, theme, sessions that raised it, quotes, then sessions per split value."""

    def fixed(self) -> list[str]:
        return [self.tr("Topic"), self.tr("Theme"), self.tr("Sessions"), self.tr("Quotes")]

    def row(self, number: int) -> ThemeRow:
        row: ThemeRow = self.table.rows[number]
        return row

    def values(self, row: int) -> list[Any]:
        r = self.row(row)
        return [r.topic_label, r.theme_label, r.sessions, r.quotes, *r.split]


class NeedModel(_SplitModel):
    """Need, people who named it, score weighted by rank, people per rank, score per split."""

    def fixed(self) -> list[str]:
        ranks = len(self.table.rows[0].by_rank) if self.table.rows else 0
        return [
            self.tr("Need"),
            self.tr("Mentions"),
            self.tr("Score"),
            *(self.tr("Rank %1").replace("%1", str(n)) for n in range(1, ranks + 1)),
        ]

    def row(self, number: int) -> NeedRow:
        row: NeedRow = self.table.rows[number]
        return row

    def values(self, row: int) -> list[Any]:
        r = self.row(row)
        return [r.label, r.mentions, r.score, *r.by_rank, *r.split]


class QuoteModel(QAbstractTableModel):
    """The quotes behind one count: quote, participant code, community, date (never a name)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.quotes: list[QuoteRef] = []

    def fill(self, quotes: list[QuoteRef]) -> None:
        self.beginResetModel()
        self.quotes = quotes
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.quotes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 4

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Quote"), self.tr("Participant"), self.tr("Community"), self.tr("Date"))[
            section
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        quote = self.quotes[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (quote.text, quote.participant, quote.community, quote.date)[index.column()]
        return None
