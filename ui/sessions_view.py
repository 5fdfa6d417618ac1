"""Layout of the sessions list: search and filters above, the table, a count and the actions on
the chosen session (open; send again after a refusal; correct and resubmit when returned), also
in the table's context menu and on keys."""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.plain_text import PlainLabel
from ui.status_badge import StatusBadgeDelegate

# The earliest date means "any": QDateEdit shows its special value text for it.
ANY_DATE = QDate(2000, 1, 1)


class AnyDateCalendar(QCalendarWidget):
    """The date filters' calendar: on "any date" it opens on today, not in January 2000."""

    def showEvent(self, event: QShowEvent) -> None:
        if self.selectedDate() <= ANY_DATE:
            # Today is highlighted for the arrow keys without choosing it: the filter changes
            # only on a click or Enter (signals blocked so the date edit is not told).
            today = QDate.currentDate()
            blocked = self.blockSignals(True)
            self.setSelectedDate(today)
            self.setCurrentPage(today.year(), today.month())
            self.blockSignals(blocked)
        super().showEvent(event)


class SessionsView(QWidget):
    """Widgets only; SessionsController gives them behaviour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("sessionsSearch")
        self.form_filter = self._combo(14)
        self.community_filter = self._combo(10)
        self.status_filter = self._combo(16)
        self.date_from = self._date_edit()
        self.date_to = self._date_edit()
        self.clear_button = QPushButton()
        self.form_label = PlainLabel()
        self.community_label = PlainLabel()
        self.status_label = PlainLabel()
        self.from_label = PlainLabel()
        self.to_label = PlainLabel()
        for label, buddy in (
            (self.form_label, self.form_filter),
            (self.community_label, self.community_filter),
            (self.status_label, self.status_filter),
            (self.from_label, self.date_from),
            (self.to_label, self.date_to),
        ):
            label.setBuddy(buddy)

        self.table = QTableView()
        self.table.setObjectName("sessionsTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.badges = StatusBadgeDelegate(self.table)
        self.table.setItemDelegateForColumn(0, self.badges)
        # Selecting a row would bold every header title (the whole row is selected): it jumps.
        self.table.horizontalHeader().setHighlightSections(False)
        # Said inside the empty table: why there is nothing and what to do about it.
        self.empty_label = PlainLabel(self.table.viewport())
        self.empty_label.setObjectName("sessionsEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #4b5563; padding: 24px;")
        self.empty_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.empty_label.hide()
        empty_layout = QVBoxLayout(self.table.viewport())
        empty_layout.addWidget(self.empty_label, 0, Qt.AlignmentFlag.AlignCenter)

        self.count_label = PlainLabel()
        self.open_button = QPushButton()
        self.open_button.setEnabled(False)
        self.send_again_button = QPushButton()
        self.send_again_button.setObjectName("sendAgain")
        self.send_again_button.setEnabled(False)
        self.correct_button = QPushButton()
        self.correct_button.setObjectName("correctSession")
        self.correct_button.setEnabled(False)
        self.discard_button = QPushButton()
        self.discard_button.setObjectName("discardDraft")
        self.discard_button.setEnabled(False)

        # The same actions in the table's context menu (right click, or the Menu key / Shift+F10)
        # and on keys while the list has the focus.
        self.open_action = QAction(self)
        self.send_again_action = QAction(self)
        self.send_again_action.setShortcut(QKeySequence("Ctrl+R"))
        self.correct_action = QAction(self)
        self.correct_action.setShortcut(QKeySequence("Ctrl+E"))
        self.discard_action = QAction(self)
        self.discard_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        for action in (
            self.open_action,
            self.send_again_action,
            self.correct_action,
            self.discard_action,
        ):
            action.setEnabled(False)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.table.addAction(action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        # Two rows so the window stays usable below 1366 px and with longer Spanish labels.
        first = QHBoxLayout()
        first.addWidget(self.search, 1)
        first.addWidget(self.status_label)
        first.addWidget(self.status_filter)
        first.addWidget(self.clear_button)
        second = QHBoxLayout()
        for label, widget in (
            (self.form_label, self.form_filter),
            (self.community_label, self.community_filter),
            (self.from_label, self.date_from),
            (self.to_label, self.date_to),
        ):
            second.addWidget(label)
            second.addWidget(widget, 1 if isinstance(widget, QComboBox) else 0)
        second.addStretch(0)

        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.discard_button)
        bottom.addWidget(self.send_again_button)
        bottom.addWidget(self.correct_button)
        bottom.addWidget(self.open_button)

        layout = QVBoxLayout(self)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        chain = (
            self.search,
            self.status_filter,
            self.clear_button,
            self.form_filter,
            self.community_filter,
            self.date_from,
            self.date_to,
            self.table,
            self.discard_button,
            self.send_again_button,
            self.correct_button,
            self.open_button,
        )
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.retranslate()

    @staticmethod
    def _combo(characters: int) -> QComboBox:
        # Long form titles must not widen the whole window; the popup still shows them in full.
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(characters)
        return combo

    @staticmethod
    def _date_edit() -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setCalendarWidget(AnyDateCalendar(edit))
        edit.setMinimumDate(ANY_DATE)
        edit.setDate(ANY_DATE)
        return edit

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search community or facilitator…"))
        self.search.setToolTip(self.tr("Search (Ctrl+F); Enter or Down goes to the list"))
        self.form_label.setText(self.tr("&Form:"))
        self.community_label.setText(self.tr("Co&mmunity:"))
        self.status_label.setText(self.tr("S&tatus:"))
        self.from_label.setText(self.tr("From:"))
        self.to_label.setText(self.tr("To:"))
        for edit in (self.date_from, self.date_to):
            edit.setSpecialValueText(self.tr("any date"))
        self.clear_button.setText(self.tr("C&lear filters"))
        self.clear_button.setToolTip(self.tr("Show all sessions again"))
        self.open_button.setText(self.tr("&Open session"))
        self.open_button.setToolTip(self.tr("Open the selected session (Enter)"))
        self.open_action.setText(self.tr("Open session"))
        self.send_again_button.setText(self.tr("Send a&gain"))
        self.send_again_button.setToolTip(
            self.tr("Put the session the server refused back in line and sync now (Ctrl+R)")
        )
        self.send_again_action.setText(self.tr("Send again"))
        self.correct_button.setText(self.tr("Co&rrect and resubmit"))
        self.correct_button.setToolTip(
            self.tr(
                "Open an editable copy of the returned session; once finalized it replaces the "
                "returned one on the server (Ctrl+E)"
            )
        )
        self.correct_action.setText(self.tr("Correct and resubmit"))
        self.discard_button.setText(self.tr("&Discard draft"))
        self.discard_button.setToolTip(
            self.tr("Delete this draft and its answers from the laptop, after asking (Delete)")
        )
        self.discard_action.setText(self.tr("Discard draft"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_empty(self, text: str) -> None:
        """Explain an empty table (no sessions yet, or none matching); "" hides it."""
        self.empty_label.setText(text)
        self.empty_label.setMaximumWidth(max(320, min(640, self.table.viewport().width() - 40)))
        self.empty_label.setVisible(bool(text))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
