"""Layout of the review tab: filters and search above the list of the team's sessions, the chosen
session's detail beside it (a splitter, so a 1366 px screen can give either more room)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.filter_fields import filter_combo, filter_date
from ui.plain_text import PlainLabel
from ui.status_badge import StatusBadgeDelegate
from ui.supervisor.detail_view import DetailView


class ReviewView(QWidget):
    """Widgets only; ReviewController fills and drives them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("reviewSearch")
        self.search.setClearButtonEnabled(True)
        self.form_filter = filter_combo("reviewFormFilter")
        self.community_filter = filter_combo("reviewCommunityFilter")
        self.device_filter = filter_combo("reviewDeviceFilter")
        self.state_filter = filter_combo("reviewStateFilter")
        self.date_from = filter_date("reviewFrom")
        self.date_to = filter_date("reviewTo")
        self.clear_button = QPushButton()
        self.labels = {
            name: PlainLabel() for name in ("form", "community", "device", "state", "from")
        }
        self.labels["form"].setBuddy(self.form_filter)
        self.labels["community"].setBuddy(self.community_filter)
        self.labels["device"].setBuddy(self.device_filter)
        self.labels["state"].setBuddy(self.state_filter)
        self.labels["from"].setBuddy(self.date_from)
        self.to_label = PlainLabel()
        self.to_label.setBuddy(self.date_to)

        self.table = QTableView()
        self.table.setObjectName("reviewTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setItemDelegateForColumn(0, StatusBadgeDelegate(self.table))
        self.count_label = PlainLabel()
        self.count_label.setObjectName("reviewCount")
        self.export_button = QPushButton()
        self.export_button.setObjectName("reviewExport")
        self.key_button = QPushButton()  # ODK-encrypted sessions: the project's private key
        self.key_button.setObjectName("reviewPrivateKey")

        # Label above its field, two columns: the list keeps its width on a 1366 px screen
        # and long Spanish labels never squeeze the fields.
        filters = QGridLayout()
        filters.setHorizontalSpacing(8)
        filters.setVerticalSpacing(2)
        filters.addWidget(self.search, 0, 0, 1, 2)
        cells = (
            ("state", self.state_filter),
            ("form", self.form_filter),
            ("community", self.community_filter),
            ("device", self.device_filter),
        )
        for number, (name, field) in enumerate(cells):
            row, column = 1 + (number // 2) * 2, number % 2
            filters.addWidget(self.labels[name], row, column)
            filters.addWidget(field, row + 1, column)
        dates = QHBoxLayout()
        dates.addWidget(self.labels["from"])
        dates.addWidget(self.date_from, 1)
        dates.addWidget(self.to_label)
        dates.addWidget(self.date_to, 1)
        dates.addWidget(self.clear_button)
        filters.addLayout(dates, 5, 0, 1, 2)
        filters.setColumnStretch(0, 1)
        filters.setColumnStretch(1, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 6, 6)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        below = QHBoxLayout()
        below.addWidget(self.count_label, 1)
        below.addWidget(self.key_button)
        below.addWidget(self.export_button)
        left_layout.addLayout(below)

        self.detail = DetailView()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("reviewSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 6)
        # The detail holds the reading: it gets the larger part of a 1366 px screen.
        self.splitter.setSizes([540, 820])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        QWidget.setTabOrder(self.search, self.state_filter)
        QWidget.setTabOrder(self.state_filter, self.form_filter)
        QWidget.setTabOrder(self.form_filter, self.community_filter)
        QWidget.setTabOrder(self.community_filter, self.device_filter)
        QWidget.setTabOrder(self.device_filter, self.date_from)
        QWidget.setTabOrder(self.date_from, self.date_to)
        QWidget.setTabOrder(self.date_to, self.clear_button)
        QWidget.setTabOrder(self.clear_button, self.table)
        QWidget.setTabOrder(self.table, self.key_button)
        QWidget.setTabOrder(self.key_button, self.export_button)
        self.retranslate()

    def fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((165, 150, 130, 120, 120, 130)):
            self.table.setColumnWidth(column, width)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(
            self.tr("Search community, facilitator, device or form (Ctrl+F)")
        )
        self.labels["form"].setText(self.tr("F&orm:"))
        self.labels["community"].setText(self.tr("Co&mmunity:"))
        self.labels["device"].setText(self.tr("Facilitator / &device:"))
        self.labels["state"].setText(self.tr("Re&view:"))
        self.labels["from"].setText(self.tr("Received &from:"))
        self.to_label.setText(self.tr("&to:"))
        for edit in (self.date_from, self.date_to):
            edit.setSpecialValueText(self.tr("any date"))
        self.clear_button.setText(self.tr("Clear filters"))
        self.export_button.setText(self.tr("&Export…"))
        self.key_button.setText(self.tr("Private key…"))
        self.key_button.setToolTip(
            self.tr(
                "Read and export encrypted sessions with the project's private key (kept in "
                "memory until you sign out or close Encuentro)"
            )
        )
        self.export_button.setToolTip(
            self.tr("Save the sessions of a form as CSV files (like ODK Central) or Excel")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
