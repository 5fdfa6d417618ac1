"""Layout of the dashboard: one panel per figure, its chart (QtCharts) with its table beside it,
so a screen reader reads the numbers and Ctrl+C copies them as tab-separated text."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QKeySequence,
    QPainter,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.plain_text import PlainLabel

BAR_COLOUR = QColor("#2563eb")
CHART_HEIGHT = 220


class CopyableTable(QTableView):
    """A read-only table whose selection (or whole content) Ctrl+C copies as TSV."""

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.matches(QKeySequence.StandardKey.Copy):
            QGuiApplication.clipboard().setText(self.as_text())
            return
        super().keyPressEvent(event)

    def as_text(self) -> str:
        model = self.model()
        indexes = self.selectionModel().selectedIndexes() if self.selectionModel() else []
        rows = sorted({i.row() for i in indexes}) or list(range(model.rowCount()))
        header = "\t".join(
            str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())
        )
        lines = [header]
        for r in rows:
            lines.append(
                "\t".join(str(model.index(r, c).data() or "") for c in range(model.columnCount()))
            )
        return "\n".join(lines)


class FigurePanel(QGroupBox):
    """A titled chart with its table beside it (``chart_view`` is None for a table only)."""

    def __init__(self, name: str, with_chart: bool = True, horizontal: bool = True) -> None:
        super().__init__()
        self.setObjectName(name)
        self.horizontal = horizontal
        self.model = QStandardItemModel(0, 2, self)
        self.table = CopyableTable()
        self.table.setObjectName(f"{name}Table")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.setMinimumHeight(CHART_HEIGHT)
        self.table.setMaximumHeight(CHART_HEIGHT)
        self.chart_view: QChartView | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        if with_chart:
            self.chart_view = QChartView()
            self.chart_view.setObjectName(f"{name}Chart")
            self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.chart_view.setMinimumHeight(CHART_HEIGHT)
            self.chart_view.setMaximumHeight(CHART_HEIGHT)
            self.chart_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table carries the data
            layout.addWidget(self.chart_view, 3)
        layout.addWidget(self.table, 2)
        self.table.setMinimumWidth(200)

    def fill(self, headers: tuple[str, str], rows: list[tuple[str, int]]) -> None:
        """Table rows and the chart's bars from the same (label, count) pairs."""
        self.model.clear()
        self.model.setHorizontalHeaderLabels(list(headers))
        for label, count in rows:
            number = QStandardItem()
            number.setData(count, Qt.ItemDataRole.DisplayRole)
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.model.appendRow([QStandardItem(label), number])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.title())
        if self.chart_view is not None:
            self.chart_view.setChart(self._chart(headers[1], rows))
            self.chart_view.setAccessibleName(self.title())

    def _chart(self, name: str, rows: list[tuple[str, int]]) -> QChart:
        bars = QBarSet(name)
        bars.setColor(BAR_COLOUR)
        # A horizontal chart reads top-down like the table: Qt draws its first category at the
        # bottom, so the rows go in reversed.
        ordered = list(reversed(rows)) if self.horizontal else rows
        for _label, count in ordered:
            bars.append(count)
        series = QHorizontalBarSeries() if self.horizontal else QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        chart = QChart()
        chart.addSeries(series)
        chart.legend().hide()
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.setBackgroundRoundness(0)
        categories = QBarCategoryAxis()
        categories.append([_short(label) for label, _n in ordered] or [""])
        values = QValueAxis()
        values.setLabelFormat("%d")
        top = max([n for _l, n in rows] or [1])
        values.setRange(0, max(top, 1))
        values.applyNiceNumbers()  # whole, evenly spaced ticks (0, 2, 4, 6, 8)
        if self.horizontal:
            chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
            chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        else:
            chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values)
        return chart


def _short(label: str, longest: int = 28) -> str:
    return label if len(label) <= longest else label[: longest - 1] + "…"


class DashboardView(QWidget):
    """Widgets only; DashboardController fills them."""

    NAMES = (
        "byCommunity",
        "byGroup",
        "participantsBySex",
        "participantsByAge",
        "participantsByGroup",
        "reviewStates",
        "perWeek",
        "withoutSession",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.summary = PlainLabel()
        self.summary.setObjectName("dashboardSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("dashboardRefresh")
        self.panels: dict[str, FigurePanel] = {}
        for name in self.NAMES:
            self.panels[name] = FigurePanel(
                name, with_chart=name != "withoutSession", horizontal=name != "perWeek"
            )
        # Two panels a row: four rows fill a 1366x768 screen in two screenfuls.
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(6, 6, 6, 6)
        for number, name in enumerate(self.NAMES):
            grid.addWidget(self.panels[name], number // 2, number % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(self.NAMES) // 2 + 1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        top = QHBoxLayout()
        top.setContentsMargins(8, 6, 8, 0)
        top.addWidget(self.summary, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.scroll_area = scroll
        self.retranslate()

    def retranslate(self) -> None:
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.refresh_button.setToolTip(self.tr("Count again from this laptop's copy"))
        titles = {
            "byCommunity": self.tr("Sessions per community"),
            "byGroup": self.tr("Sessions per participant group"),
            "participantsBySex": self.tr("Participants by sex"),
            "participantsByAge": self.tr("Participants by age group"),
            "participantsByGroup": self.tr("Participants by group"),
            "reviewStates": self.tr("Sessions by review state"),
            "perWeek": self.tr("Sessions per week"),
            "withoutSession": self.tr("Communities with no session yet"),
        }
        for name, title in titles.items():
            self.panels[name].setTitle(title)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
