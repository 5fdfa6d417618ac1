"""Base of the question editors: value bookkeeping, Enter-to-advance, read-only switch.

Editors know nothing of sessions or storage. They emit `answered(value)` with the new value in the
engine's string form (the runner saves it), and `advance()` when the person presses Enter to move
on. `set_value()` never emits, so refreshing from the engine cannot echo back a save.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.engine.prompts import Prompt

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class QuestionEditor(QWidget):
    """Base: value bookkeeping, Enter-to-advance, read-only switch."""

    answered = Signal(str)
    advance = Signal()

    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = prompt.value
        self._readonly = False
        self.datatype = prompt.datatype

    # -- for the runner ------------------------------------------------------------------
    def set_value(self, value: str) -> None:
        """Show the engine's value without emitting answered; text being typed is left alone."""
        if self._typing():
            return
        self._value = value
        self._show(value)

    def typed(self) -> str | None:
        """For typed editors: the value the boxes hold now, in the engine's form."""
        return None

    def _typing(self) -> bool:
        typed = self.typed()
        focus = QApplication.focusWidget()
        inside = focus is not None and (focus is self or self.isAncestorOf(focus))
        return inside and typed is not None and typed != self._value

    def update_prompt(self, prompt: Prompt) -> None:
        """Take a fresh prompt (choices may have been filtered anew)."""

    def set_readonly(self, readonly: bool) -> None:
        self._readonly = readonly
        for child in self.findChildren(QWidget):
            if isinstance(child, QLineEdit | QPlainTextEdit):
                child.setReadOnly(readonly)
            elif isinstance(child, QLabel):
                continue
            else:
                child.setEnabled(not readonly)

    def focus_target(self) -> QWidget:
        """The widget that takes keyboard focus when the question is jumped to."""
        for child in self.findChildren(QWidget):
            if child.focusPolicy() & Qt.FocusPolicy.TabFocus and child.isEnabled():
                return child
        return self

    def commit(self) -> None:
        """Save text typed but not yet finished (called before Enter moves on)."""
        typed = self.typed()
        if typed is not None:
            self._emit(typed)

    # -- for subclasses ------------------------------------------------------------------
    def _show(self, value: str) -> None:
        raise NotImplementedError

    def _emit(self, value: str) -> None:
        if self._readonly or value == self._value:
            return
        self._value = value
        self.answered.emit(value)

    def _watch_enter(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in ENTER_KEYS:
                multiline = isinstance(watched, QPlainTextEdit)
                ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
                if multiline and not ctrl:
                    return False  # Enter is a new line in a long answer; Ctrl+Enter moves on
                self.commit()
                self.advance.emit()
                return True
        return super().eventFilter(watched, event)
