"""Layout of the findings view: filters on top; a Themes tab (the counts per topic split by group
or place, a chart of the chosen topic, the quotes behind the chosen count below) and a Needs tab
(needs weighted by rank). Sized for a 1366x768 screen; every field has a keyboard mnemonic."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.filter_fields import filter_combo, filter_date
from ui.findings.models import NeedModel, QuoteModel, ThemeModel
from ui.plain_text import PlainLabel
from ui.supervisor.dashboard_view import CopyableTable, FigurePanel


class FindingsView(QWidget):
    """Widgets only; FindingsController fills and drives them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findingsView")
        self.form_filter = filter_combo("findingsForm")
        self.state_filter = filter_combo("findingsState")
        self.community_filter = filter_combo("findingsCommunity")
        self.split = filter_combo("findingsSplit")
        self.topic = filter_combo("findingsTopic")
        self.date_from = filter_date("findingsFrom")
        self.date_to = filter_date("findingsTo")
        self.labels = {
            name: PlainLabel()
            for name in ("form", "state", "community", "from", "to", "split", "topic")
        }
        for name, field in (
            ("form", self.form_filter),
            ("state", self.state_filter),
            ("community", self.community_filter),
            ("from", self.date_from),
            ("to", self.date_to),
            ("split", self.split),
            ("topic", self.topic),
        ):
            self.labels[name].setBuddy(field)
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("findingsRefresh")
        self.report_button = QPushButton()
        self.report_button.setObjectName("findingsReport")
        self.qda_button = QPushButton()
        self.qda_button.setObjectName("findingsQda")
        self.summary = PlainLabel()
        self.summary.setObjectName("findingsSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)

        self.theme_model = ThemeModel(self)
        self.themes = self._table("findingsThemes", self.theme_model)
        self.quote_model = QuoteModel(self)
        self.quotes = self._table("findingsQuotes", self.quote_model)
        # (One line a quote too: measuring wrapped rows of thousands of quotes took longer than
        # counting them.)
        self.quotes_title = PlainLabel()
        self.quotes_title.setObjectName("findingsQuotesTitle")
        self.quotes_title.setTextFormat(Qt.TextFormat.PlainText)
        self.quotes_title.setBuddy(self.quotes)
        self.need_model = NeedModel(self)
        self.needs = self._table("findingsNeeds", self.need_model)
        self.chart = FigurePanel("findingsChart")
        self.chart.table.hide()  # the themes table beside it carries the numbers
        self.chart.chart_view.setMaximumHeight(16777215)  # type: ignore[union-attr]
        header = self.quotes.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the quote's words
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        filters = QGridLayout()
        filters.setHorizontalSpacing(8)
        filters.setVerticalSpacing(2)
        cells: tuple[tuple[str, QWidget], ...] = (
            ("form", self.form_filter),
            ("state", self.state_filter),
            ("community", self.community_filter),
            ("from", self.date_from),
            ("to", self.date_to),
            ("split", self.split),
        )
        for column, (name, cell) in enumerate(cells):
            filters.addWidget(self.labels[name], 0, column)
            filters.addWidget(cell, 1, column)
            stretch = {"form": 3, "community": 3, "state": 2, "split": 2}.get(name, 1)
            filters.setColumnStretch(column, stretch)
        filters.addWidget(self.refresh_button, 1, len(cells))
        files = QHBoxLayout()
        files.addWidget(self.summary, 1)
        files.addWidget(self.report_button)
        files.addWidget(self.qda_button)

        topic_row = QHBoxLayout()
        topic_row.addWidget(self.labels["topic"])
        topic_row.addWidget(self.topic, 1)
        quotes_box = QWidget()
        quotes_layout = QVBoxLayout(quotes_box)
        quotes_layout.setContentsMargins(0, 0, 0, 0)
        quotes_layout.addWidget(self.quotes_title)
        quotes_layout.addWidget(self.quotes, 1)
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.themes)
        upper.addWidget(self.chart)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 2)
        upper.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("findingsSplitter")
        self.splitter.addWidget(upper)
        self.splitter.addWidget(quotes_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        themes_page = QWidget()
        themes_layout = QVBoxLayout(themes_page)
        themes_layout.setContentsMargins(4, 4, 4, 4)
        themes_layout.addLayout(topic_row)
        themes_layout.addWidget(self.splitter, 1)
        needs_page = QWidget()
        needs_layout = QVBoxLayout(needs_page)
        needs_layout.setContentsMargins(4, 4, 4, 4)
        self.needs_note = PlainLabel()
        self.needs_note.setWordWrap(True)
        needs_layout.addWidget(self.needs_note)
        needs_layout.addWidget(self.needs, 1)
        self.pages = QTabWidget()
        self.pages.setObjectName("findingsPages")
        self.pages.addTab(themes_page, "")
        self.pages.addTab(needs_page, "")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(filters)
        layout.addLayout(files)
        layout.addWidget(self.pages, 1)

        order = [
            self.form_filter,
            self.state_filter,
            self.community_filter,
            self.date_from,
            self.date_to,
            self.split,
            self.refresh_button,
            self.report_button,
            self.qda_button,
            self.pages,
            self.topic,
            self.themes,
            self.quotes,
        ]
        for before, after in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.retranslate()

    @staticmethod
    def _table(name: str, model: object) -> QTableView:
        table = CopyableTable()  # Ctrl+C copies the numbers as tab-separated text
        table.setObjectName(name)
        table.setModel(model)  # type: ignore[arg-type]
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setResizeContentsPrecision(40)  # fit to the first rows only
        # One line a row, cut with "…" (the whole text in its tooltip): more rows on a 768 px
        # screen.
        table.setWordWrap(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        return table

    def retranslate(self) -> None:
        self.labels["form"].setText(self.tr("F&orm:"))
        self.labels["state"].setText(self.tr("Re&view:"))
        self.labels["community"].setText(self.tr("Co&mmunity:"))
        self.labels["from"].setText(self.tr("&Dates from:"))
        self.labels["to"].setText(self.tr("&to:"))
        self.labels["split"].setText(self.tr("Spl&it by:"))
        self.labels["topic"].setText(self.tr("To&pic:"))
        for edit in (self.date_from, self.date_to):
            edit.setSpecialValueText(self.tr("any date"))
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.report_button.setText(self.tr("&Report (PDF)…"))
        self.report_button.setToolTip(
            self.tr("A short PDF for programme staff: coverage, top themes with quotes, needs")
        )
        self.qda_button.setText(self.tr("Export for &QDA (.qdpx)…"))
        self.qda_button.setToolTip(
            self.tr("A REFI-QDA project for NVivo, ATLAS.ti, MAXQDA or QualCoder")
        )
        self.pages.setTabText(0, self.tr("Themes"))
        self.pages.setTabText(1, self.tr("Needs"))
        self.chart.setTitle(self.tr("Sessions that raised each theme"))
        self.needs_note.setText(
            self.tr(
                "Score: a need at rank 1 of 3 counts 3, at rank 2 counts 2, at rank 3 counts 1. "
                "A needs interview names its community only."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
