"""Layout of one session under review: who, where and when; the answers section by section with
repeats (roster, quotes) as tables; files to open; the changes from the previous version; the
review history; and the review actions with their comment. Every text from a form or the server
is shown as plain text."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.plain_text import PlainLabel

CHANGED_BACKGROUND = QColor("#fff4c2")


def plain_label(text: str = "", *, bold: bool = False, wrap: bool = True) -> QLabel:
    label = PlainLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
    return label


def fitted_table(columns: list[str], rows: list[list[str]], name: str = "") -> QTableWidget:
    """A read-only table as tall as its rows (the page scrolls, not the table)."""
    table = QTableWidget(len(rows), len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
    # Columns as wide as their words (up to a limit), the last one taking what is left; a wide
    # roster scrolls sideways rather than cutting every label to three letters.
    table.resizeColumnsToContents()
    for column in range(len(columns)):
        table.setColumnWidth(column, min(max(table.columnWidth(column), 70), 320))
    header.setStretchLastSection(True)
    table.resizeRowsToContents()
    scrollbar = table.horizontalScrollBar().sizeHint().height()
    height = header.sizeHint().height() + sum(table.rowHeight(r) for r in range(len(rows)))
    height += 4 + scrollbar
    table.setFixedHeight(max(height, header.sizeHint().height() + 8))
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return table


class DetailView(QWidget):
    """Widgets only; ReviewController fills them (``set_content`` takes ready-made parts)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewDetail")
        self.title = plain_label(bold=True)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title.setFont(font)
        self.title.setObjectName("reviewTitle")
        self.meta = plain_label()
        self.meta.setObjectName("reviewMeta")
        self.state = plain_label()
        self.state.setObjectName("reviewStateLine")

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 8, 0)
        self.scroll_area.setWidget(self.body)

        self.comment_label = PlainLabel()
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("reviewComment")
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(64)
        self.comment_label.setBuddy(self.comment)
        self.approve_button = QPushButton()
        self.approve_button.setObjectName("approveButton")
        self.issues_button = QPushButton()
        self.issues_button.setObjectName("hasIssuesButton")
        self.reject_button = QPushButton()
        self.reject_button.setObjectName("rejectButton")
        self.withdraw_button = QPushButton()
        self.withdraw_button.setObjectName("withdrawReviewButton")
        self.withdraw_button.hide()
        self.action_message = plain_label()
        self.action_message.setObjectName("reviewActionMessage")
        self.action_message.hide()

        actions = QFrame()
        actions.setObjectName("reviewActions")
        actions.setFrameShape(QFrame.Shape.StyledPanel)
        actions_layout = QVBoxLayout(actions)
        actions_layout.setContentsMargins(8, 6, 8, 6)
        actions_layout.addWidget(self.comment_label)
        actions_layout.addWidget(self.comment)
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.issues_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        buttons.addWidget(self.withdraw_button)
        actions_layout.addLayout(buttons)
        actions_layout.addWidget(self.action_message)
        self.actions_box = actions

        self.placeholder = plain_label()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #4b5563;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.state)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(actions)
        QWidget.setTabOrder(self.comment, self.approve_button)
        QWidget.setTabOrder(self.approve_button, self.issues_button)
        QWidget.setTabOrder(self.issues_button, self.reject_button)
        self.file_buttons: list[QPushButton] = []
        self.tables: dict[str, QTableWidget] = {}
        self.only_changed: QCheckBox | None = None
        self.retranslate()
        self.show_nothing()

    # -- content -----------------------------------------------------------------------------
    def show_nothing(self, text: str | None = None) -> None:
        self.title.setText("")
        self.meta.setText("")
        self.state.setText("")
        self.placeholder.setText(text or self.tr("Choose a session in the list to review it."))
        self.placeholder.show()
        self.scroll_area.hide()
        self.actions_box.hide()

    def clear_body(self) -> None:
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            assert item is not None  # count() said there is one
            widget = item.widget()
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        self.file_buttons = []
        self.tables = {}
        self.only_changed = None

    def begin(self, title: str, meta: str, state: str) -> None:
        """Start showing a session: the header lines, an empty body."""
        self.clear_body()
        self.title.setText(title)
        self.meta.setText(meta)
        self.state.setText(state)
        self.placeholder.hide()
        self.scroll_area.show()
        self.actions_box.show()
        self.scroll_area.verticalScrollBar().setValue(0)

    def add_heading(self, text: str) -> None:
        label = plain_label(text, bold=True)
        label.setContentsMargins(0, 10, 0, 2)
        self.body_layout.addWidget(label)

    def add_note(self, text: str) -> QLabel:
        label = plain_label(text)
        label.setStyleSheet("color: #4b5563;")
        self.body_layout.addWidget(label)
        return label

    def add_answers(self, answers: list[tuple[str, str]]) -> None:
        """Question label and shown answer, two columns."""
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setColumnStretch(1, 1)
        for row, (label, shown) in enumerate(answers):
            question = plain_label(label)
            question.setStyleSheet("color: #374151;")
            grid.addWidget(question, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(plain_label(shown or "—"), row, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnMinimumWidth(0, 160)
        self.body_layout.addWidget(grid_host)

    def add_table(self, key: str, title: str, columns: list[str], rows: list[list[str]]):
        if title:
            self.add_heading(title)
        table = fitted_table(columns, rows, key)
        self.tables[key] = table
        self.body_layout.addWidget(table)
        return table

    def add_changes(self, key: str, columns: list[str], rows: list[tuple[str, str, str, bool]]):
        """Answers of two versions side by side; changed rows in bold on a yellow background,
        and said in words in the last column (colour is never the only signal). A check box
        (on at first) hides the unchanged answers; off, every answer shows."""
        self.only_changed = QCheckBox(self.tr("Only changed a&nswers"))
        self.only_changed.setObjectName("onlyChangedAnswers")
        self.only_changed.setChecked(True)
        self.body_layout.addWidget(self.only_changed)
        table = self.add_table(key, "", columns, [[a, b, c, d] for a, b, c, d in _marked(rows)])
        header = table.horizontalHeader()
        for column in range(3):  # question, before, now share the width; the mark fits itself
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        for r, row in enumerate(rows):
            if row[3]:
                for c in range(table.columnCount()):
                    item = table.item(r, c)
                    item.setBackground(QBrush(CHANGED_BACKGROUND))
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)

        def show_rows(only: bool) -> None:
            for r, row in enumerate(rows):
                table.setRowHidden(r, only and not row[3])
            table.resizeRowsToContents()
            shown = sum(table.rowHeight(r) for r in range(len(rows)) if not table.isRowHidden(r))
            table.setFixedHeight(header.sizeHint().height() + shown + 6)

        self.only_changed.toggled.connect(show_rows)
        show_rows(True)
        return table

    def add_file_button(self, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("openAttachment")
        self.file_buttons.append(button)
        row = QHBoxLayout()
        row.addWidget(button)
        row.addStretch(1)
        host = QWidget()
        host.setLayout(row)
        row.setContentsMargins(0, 0, 0, 0)
        self.body_layout.addWidget(host)
        return button

    def end(self) -> None:
        self.body_layout.addStretch(1)

    def retranslate(self) -> None:
        self.comment_label.setText(self.tr("&Comment (required to return or reject):"))
        self.comment.setPlaceholderText(
            self.tr("What the facilitator should correct, or why the session is rejected")
        )
        self.approve_button.setText(self.tr("&Approve"))
        self.approve_button.setToolTip(self.tr("Approve this version (Alt+A)"))
        self.issues_button.setText(self.tr("Has &issues: return"))
        self.issues_button.setToolTip(
            self.tr("Return it to its facilitator with your comment (Alt+I)")
        )
        self.reject_button.setText(self.tr("&Reject"))
        self.reject_button.setToolTip(self.tr("Reject it, with the reason in the comment (Alt+R)"))
        self.withdraw_button.setText(self.tr("Wit&hdraw queued review"))
        self.withdraw_button.setToolTip(
            self.tr("Do not send the review waiting for this session; decide again instead")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _marked(rows: list[tuple[str, str, str, bool]]) -> list[tuple[str, str, str, str]]:
    from PySide6.QtCore import QCoreApplication

    changed = QCoreApplication.translate("DetailView", "changed")
    return [(a, b, c, changed if d else "") for a, b, c, d in rows]
