"""odk:rank: put the choices in order. A list with Move up / Move down buttons; from the keyboard,
Alt+Up and Alt+Down move the selected choice. The answer is every choice, first to last."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.engine.prompts import Choice, Prompt
from ui.plain_text import PlainLabel
from ui.runner.choice_editors import CLEAR_LINK_STYLE, no_options_label, same_choices
from ui.runner.editor_base import QuestionEditor


def ranked(value: str, choices: list[Choice]) -> list[Choice]:
    """The choices in the answer's order; choices the answer lacks follow in the form's order."""
    by_value = {c.value: c for c in choices}
    first = [by_value[v] for v in value.split() if v in by_value]
    return first + [c for c in choices if c not in first]


class RankList(QListWidget):
    """The ordered list; Alt+Up / Alt+Down move the current row (plain arrows still select)."""

    def __init__(self, editor: RankEditor) -> None:
        super().__init__()
        self.editor = editor

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if alt and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.editor.move_choice(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(event)


class RankEditor(QuestionEditor):
    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        self.choices: list[Choice] = []
        self.order: list[Choice] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.empty = no_options_label(self)
        self.status = PlainLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #555;")
        self.list = RankList(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName(self.tr("Ranking, first to last"))
        self._watch_enter(self.list)
        buttons = QHBoxLayout()
        self.up = QPushButton(self.tr("Move up"))
        self.up.setToolTip(self.tr("Move the selected choice up (Alt+Up)"))
        self.down = QPushButton(self.tr("Move down"))
        self.down.setToolTip(self.tr("Move the selected choice down (Alt+Down)"))
        self.keep = QPushButton(self.tr("Keep this order"))
        self.keep.setToolTip(self.tr("Answer with the order shown"))
        self.clear = QPushButton(self.tr("Clear ranking"))
        self.clear.setStyleSheet(CLEAR_LINK_STYLE)
        self.clear.setCursor(Qt.CursorShape.PointingHandCursor)
        self.up.clicked.connect(lambda: self.move_choice(-1))
        self.down.clicked.connect(lambda: self.move_choice(1))
        self.keep.clicked.connect(self._keep)
        self.clear.clicked.connect(lambda: self._emit(""))
        for button in (self.up, self.down, self.keep, self.clear):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for widget in (self.empty, self.status, self.list):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.update_prompt(prompt)

    def update_prompt(self, prompt: Prompt) -> None:
        if self.choices and same_choices(prompt.choices, self.choices):
            return
        self.choices = list(prompt.choices)
        self._show(self._value)
        self.set_readonly(self._readonly)

    def set_readonly(self, readonly: bool) -> None:
        super().set_readonly(readonly)
        self._fill(select=max(self.list.currentRow(), 0))  # Keep/Clear follow the answer too

    def focus_target(self) -> QWidget:
        return self.list if self.choices else self

    # -- moving -----------------------------------------------------------------------------
    def move_choice(self, step: int) -> None:
        """Move the selected choice one place up (-1) or down (1); that order is the answer."""
        row = self.list.currentRow()
        target = row + step
        if self._readonly or row < 0 or not 0 <= target < len(self.order):
            return
        self.order.insert(target, self.order.pop(row))
        self._emit(" ".join(c.value for c in self.order))
        self._fill(select=target)

    def _keep(self) -> None:
        self._emit(" ".join(c.value for c in self.order))
        self._fill(select=max(self.list.currentRow(), 0))

    # -- showing ----------------------------------------------------------------------------
    def _show(self, value: str) -> None:
        self.order = ranked(value, self.choices)
        self._fill(select=max(self.list.currentRow(), 0))

    def _fill(self, select: int) -> None:
        has_choices = bool(self.choices)
        self.empty.setVisible(not has_choices)
        for widget in (self.list, self.status, self.up, self.down, self.keep, self.clear):
            widget.setVisible(has_choices)
        self.list.clear()
        for position, choice in enumerate(self.order, start=1):
            item = QListWidgetItem(f"{position}. {choice.label}")
            item.setData(Qt.ItemDataRole.UserRole, choice.value)
            self.list.addItem(item)
        if self.order:
            self.list.setCurrentRow(min(select, len(self.order) - 1))
        answered = bool(self._value)
        self.status.setText(
            self.tr("Ranked.")
            if answered
            else self.tr("Not ranked yet: move the choices into order, or keep this order.")
        )
        self.keep.setEnabled(not answered and not self._readonly)
        self.clear.setEnabled(answered and not self._readonly)
