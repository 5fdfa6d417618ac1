"""Upload, acknowledge and note editors, and the factory that picks the editor for a prompt."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QWidget,
)

from app.engine.prompts import Prompt
from ui.plain_text import PlainLabel
from ui.runner.choice_editors import RangeEditor, SelectManyEditor, SelectOneEditor
from ui.runner.editor_base import QuestionEditor
from ui.runner.rank_editor import RankEditor
from ui.runner.text_editors import DateTimeEditor, TextEditor


class UploadEditor(QuestionEditor):
    """Image, audio or file: a chooser button and the chosen file's name. The runner stores the
    file (emit `file_chosen`); the answer is the stored file name."""

    file_chosen = Signal(str)
    KINDS = {"image": "Images (*.jpg *.jpeg *.png)", "audio": "Audio (*.m4a *.mp3 *.ogg *.wav)"}

    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.media = prompt.mediatype.split("/")[0]
        self.button = QPushButton(
            {"image": self.tr("Choose image…"), "audio": self.tr("Choose audio…")}.get(
                self.media, self.tr("Choose file…")
            )
        )
        self.button.clicked.connect(self._choose)
        self._watch_enter(self.button)
        self.name = PlainLabel()
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.button)
        layout.addWidget(self.name, 1)
        self._show(prompt.value)

    def _choose(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        file_filter = self.KINDS.get(self.media, "")
        path, _ = QFileDialog.getOpenFileName(self, self.button.text(), "", file_filter)
        if path:
            self.file_chosen.emit(path)

    def _show(self, value: str) -> None:
        self.name.setText(value or self.tr("No file chosen"))


class TriggerEditor(QuestionEditor):
    """trigger / acknowledge: a checkbox 'OK'."""

    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = QCheckBox(self.tr("OK"))
        self.box.toggled.connect(lambda on: self._emit("OK" if on else ""))
        self._watch_enter(self.box)
        layout.addWidget(self.box)
        layout.addStretch(1)
        self._show(prompt.value)

    def _show(self, value: str) -> None:
        self.box.blockSignals(True)
        self.box.setChecked(bool(value))
        self.box.blockSignals(False)


class NoteValue(QuestionEditor):
    """A note shows its label only; a calculated value (if any) appears read-only below it."""

    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = PlainLabel()
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        self._show(prompt.value)

    def _show(self, value: str) -> None:
        self.text.setText(value)
        self.setVisible(bool(value))


def make_editor(prompt: Prompt, parent: QWidget | None = None) -> QuestionEditor:
    """The editor for one prompt's kind and datatype."""
    if prompt.kind == "select1":
        return SelectOneEditor(prompt, parent)
    if prompt.kind == "select":
        return SelectManyEditor(prompt, parent)
    if prompt.kind == "rank":
        return RankEditor(prompt, parent)
    if prompt.kind == "range":
        return RangeEditor(prompt, parent)
    if prompt.kind == "upload":
        return UploadEditor(prompt, parent)
    if prompt.kind == "trigger":
        return TriggerEditor(prompt, parent)
    if prompt.kind == "note":
        return NoteValue(prompt, parent)
    if prompt.datatype in ("date", "time", "dateTime"):
        return DateTimeEditor(prompt, parent)
    return TextEditor(prompt, parent)
