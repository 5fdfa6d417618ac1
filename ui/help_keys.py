"""Help > Keyboard: every key the app answers to, in the interface language (F1)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.plain_text import PlainLabel


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(where, keys, what) for the help page; the same keys the widgets install."""

    translate = QCoreApplication.translate
    everywhere, session, group = (
        translate("KeyboardHelp", "Everywhere"),
        translate("KeyboardHelp", "In a session"),
        translate("KeyboardHelp", "Focus group"),
    )
    return [
        (everywhere, "F1", translate("KeyboardHelp", "This list of keys")),
        (everywhere, "Ctrl+0", translate("KeyboardHelp", "Home")),
        (everywhere, "Ctrl+1", translate("KeyboardHelp", "Questionnaires")),
        (everywhere, "Ctrl+2", translate("KeyboardHelp", "Sessions")),
        (
            everywhere,
            "Ctrl+3",
            translate("KeyboardHelp", "Findings: themes, quotes and needs (supervisor mode too)"),
        ),
        (everywhere, "Ctrl+Q", translate("KeyboardHelp", "Quit (answers are already saved)")),
        (
            session,
            "Enter",
            translate("KeyboardHelp", "Next question (Ctrl+Enter in a long answer)"),
        ),
        (session, "Tab / Shift+Tab", translate("KeyboardHelp", "Next / previous field")),
        (
            session,
            translate("KeyboardHelp", "Arrow keys"),
            translate("KeyboardHelp", "Move and select among choices"),
        ),
        (
            session,
            translate("KeyboardHelp", "Space"),
            translate("KeyboardHelp", "Tick or untick a check box"),
        ),
        (session, "Page Down / Page Up", translate("KeyboardHelp", "Next / previous page")),
        (
            session,
            "Ctrl+Shift+A",
            translate("KeyboardHelp", "Add an entry to the list on the page (a participant)"),
        ),
        (session, "Ctrl+F", translate("KeyboardHelp", "Check the answers and finalize")),
        (
            session,
            "Esc",
            translate("KeyboardHelp", "Close the session (answers are already saved)"),
        ),
        (
            group,
            "Ctrl+N / F6",
            translate("KeyboardHelp", "To the notes box, and back to the question"),
        ),
        (
            group,
            "Enter",
            translate("KeyboardHelp", "In the notes box: save the note with time and topic"),
        ),
        (
            group,
            "Ctrl+Page Down / Ctrl+Page Up",
            translate("KeyboardHelp", "Next / previous discussion topic"),
        ),
        (group, "Ctrl+T", translate("KeyboardHelp", "Start or pause the session timer")),
    ]


class KeyboardHelp(QDialog):
    """A table of the keys; plain text only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard"))
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        intro = PlainLabel(self.tr("Everything can be done with the keyboard:"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        rows = shortcut_rows()
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Where"),
                self.tr("Keys"),
                self.tr("What"),
            ]
        )
        for number, row in enumerate(rows):
            for column, text in enumerate(row):
                self.table.setItem(number, column, QTableWidgetItem(text))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
