"""What one prompt looks like on a page: a question (label, hint, editor, inline message), a
group heading, a repeat heading with its Add button, or a repeat instance heading with Remove."""

from __future__ import annotations

import html
import re
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.engine.prompts import Prompt
from ui.plain_text import PlainLabel, plain_for_auto_text
from ui.runner.editors import QuestionEditor, make_editor

INDENT = 18
IMAGE_MAX_HEIGHT = 300  # a label picture must leave room for the question on a 768 px screen
IMAGE_MAX_WIDTH = 600
ERROR_COLOUR = "#a4001d"  # dark red with enough contrast on white; an icon carries the meaning too


class Block(QFrame):
    """Base of everything a page shows for one prompt."""

    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ref = prompt.ref
        self.kind = prompt.kind
        self.setContentsMargins(prompt.depth * INDENT, 0, 0, 0)

    def update_prompt(
        self, prompt: Prompt, message: str | None, readonly: bool, keep_typed: bool = False
    ) -> None:
        raise NotImplementedError

    def focus_target(self) -> QWidget | None:
        return None


def _wrapping_label(style: str = "") -> QLabel:
    label = PlainLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # labels come from forms: never interpret markup
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        label.setStyleSheet(style)
    return label


class QuestionBlock(Block):
    """A question or a note."""

    answered = Signal(str, str)  # ref, value
    advance = Signal(str)  # ref
    file_chosen = Signal(str, str)  # ref, path

    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        self.setObjectName("question")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(prompt.depth * INDENT, 6, 4, 8)
        layout.setSpacing(4)
        self.label = _wrapping_label("font-weight: bold;" if prompt.kind != "note" else "")
        self.label.setTextFormat(Qt.TextFormat.RichText)  # only for the mark: text is escaped
        layout.addWidget(self.label)
        self.image = PlainLabel()
        self.image.setObjectName("questionImage")
        self.image.setVisible(False)
        layout.addWidget(self.image)
        self.audio = _AudioLine(self)
        layout.addWidget(self.audio)
        self._image_path: str | None = None
        self.hint = _wrapping_label("color: #444; font-style: italic;")
        layout.addWidget(self.hint)
        self.guidance = _wrapping_label(
            "color: #333; background: #eef3f8; border-left: 3px solid #6b8fb3; padding: 4px;"
        )
        layout.addWidget(self.guidance)
        self.editor: QuestionEditor = make_editor(prompt, self)
        self.editor.answered.connect(lambda value: self.answered.emit(self.ref, value))
        self.editor.advance.connect(lambda: self.advance.emit(self.ref))
        if hasattr(self.editor, "file_chosen"):
            self.editor.file_chosen.connect(lambda path: self.file_chosen.emit(self.ref, path))
        layout.addWidget(self.editor)
        self.message = _Message(self)
        layout.addWidget(self.message)
        self._readonly: bool | None = None
        self.update_prompt(prompt, None, False)

    def update_prompt(
        self, prompt: Prompt, message: str | None, readonly: bool, keep_typed: bool = False
    ) -> None:
        text = html.escape(prompt.label).replace("\n", "<br>")
        if prompt.required and prompt.kind != "note":
            text += f" <span style='color: {ERROR_COLOUR};'>*</span>"
            self.label.setToolTip(self.tr("* Required question"))
        else:
            self.label.setToolTip("")
        self.label.setText(text)
        self._show_image(prompt.image)
        self.audio.show_file(prompt.audio)
        target = self.editor.focus_target()
        # Screen readers announce the question, not "edit text" (buttons keep their own words).
        if isinstance(target, QLineEdit | QPlainTextEdit | QComboBox | QSlider):
            target.setAccessibleName(prompt.label)
            target.setAccessibleDescription(prompt.hint)
        self.hint.setText(prompt.hint)
        self.hint.setVisible(bool(prompt.hint))
        self.guidance.setText(prompt.guidance_hint)
        self.guidance.setVisible(bool(prompt.guidance_hint))
        self.editor.update_prompt(prompt)
        if not keep_typed:  # a refused value stays in the box so the person can correct it
            self.editor.set_value(prompt.value)
        locked = readonly or prompt.readonly
        if locked != self._readonly:
            self.editor.set_readonly(locked)
            self._readonly = locked
        self.message.show_message(message)

    def focus_target(self) -> QWidget | None:
        return self.editor.focus_target()

    def _show_image(self, image: str | None) -> None:
        # Only a file the Workspace found in the form's media folder; a bare jr:// reference
        # (media not pulled) shows nothing rather than a broken picture.
        path = image if image and Path(image).is_file() else None
        if path == self._image_path:
            return  # same picture: no reload on every answer
        self._image_path = path
        pixmap = QPixmap(path) if path else QPixmap()
        if not pixmap.isNull():
            if pixmap.height() > IMAGE_MAX_HEIGHT or pixmap.width() > IMAGE_MAX_WIDTH:
                pixmap = pixmap.scaled(
                    IMAGE_MAX_WIDTH,
                    IMAGE_MAX_HEIGHT,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            self.image.setToolTip(plain_for_auto_text(Path(path or "").name))
        self.image.setPixmap(pixmap)
        self.image.setVisible(not pixmap.isNull())


class _AudioLine(QWidget):
    """A question's recorded prompt: its file name and a Play button (the system's player)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.name = PlainLabel()
        self.play = QPushButton()
        self.play.setObjectName("questionAudioPlay")
        self.play.clicked.connect(self._play)
        layout.addWidget(self.name)
        layout.addWidget(self.play)
        layout.addStretch(1)
        self.path: str | None = None
        self.setVisible(False)

    def show_file(self, audio: str | None) -> None:
        self.path = audio if audio and Path(audio).is_file() else None
        self.setVisible(self.path is not None)
        if self.path:
            self.name.setText("♪ " + Path(self.path).name)
            self.play.setText(self.tr("Play"))
            self.play.setToolTip(self.tr("Play the recorded question with the system's player"))

    def _play(self) -> None:
        if self.path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.path))


class _Message(QWidget):
    """Inline problem next to the question: an icon plus text, so colour is not the only cue."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        icon = PlainLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(16, 16)
        )
        self.text = _wrapping_label(f"color: {ERROR_COLOUR}; font-weight: bold;")
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        self.setVisible(False)

    def show_message(self, message: str | None) -> None:
        self.text.setText(message or "")
        self.setVisible(bool(message))


class GroupHeading(Block):
    """A (nested) group's label as a heading."""

    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(prompt.depth * INDENT, 10, 0, 2)
        size = 15 if prompt.depth == 0 else 13
        self.label = _wrapping_label(f"font-size: {size}pt; font-weight: bold; color: #1f3b5a;")
        self.hint = _wrapping_label("color: #444; font-style: italic;")
        layout.addWidget(self.label)
        layout.addWidget(self.hint)
        self.update_prompt(prompt, None, False)

    def update_prompt(
        self, prompt: Prompt, message: str | None, readonly: bool, keep_typed: bool = False
    ) -> None:
        self.label.setText(prompt.label)
        self.hint.setText(prompt.hint)
        self.hint.setVisible(bool(prompt.hint))


class RepeatHeading(GroupHeading):
    """A repeat: its label, how many there are, and a button to add one more."""

    add_requested = Signal(str)

    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.add_requested.emit(self.ref))
        self.count = PlainLabel()
        row = QHBoxLayout()
        row.addWidget(self.count)
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)  # GroupHeading's
        layout.addLayout(row)
        self.update_prompt(prompt, None, False)

    def update_prompt(
        self, prompt: Prompt, message: str | None, readonly: bool, keep_typed: bool = False
    ) -> None:
        super().update_prompt(prompt, message, readonly, keep_typed)
        if not hasattr(self, "add_button"):
            return
        self.count.setText(self.tr("%n entered", "", prompt.repeat_count))
        self.add_button.setText(self.tr("+ Add an entry"))
        self.add_button.setToolTip(self.tr("Add an entry to this list (Ctrl+Shift+A)"))
        # No add button where the form decides the number or the repeat does not apply now.
        self.add_button.setVisible(not readonly and prompt.can_add)
        self.add_button.setEnabled(prompt.can_add)


class RepeatFooter(Block):
    """'Add another' after the last instance of a repeat, so a long roster needs no scrolling up."""

    SUFFIX = "#add"
    add_requested = Signal(str)

    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(prompt.depth * INDENT, 6, 0, 10)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(
            lambda: self.add_requested.emit(self.ref.removesuffix(self.SUFFIX))
        )
        layout.addWidget(self.add_button)
        layout.addStretch(1)
        self.update_prompt(prompt, None, False)

    def update_prompt(
        self, prompt: Prompt, message: str | None, readonly: bool, keep_typed: bool = False
    ) -> None:
        self.add_button.setText(self.tr("+ Add another entry"))
        self.add_button.setVisible(not readonly and prompt.can_add)
        self.add_button.setEnabled(prompt.can_add)


class RepeatInstanceHeading(Block):
    """One repeat instance: 'Participants 2' with a Remove button."""

    remove_requested = Signal(str, str)  # ref, label

    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(prompt, parent)
        self.setObjectName("repeatInstance")
        self.setStyleSheet("#repeatInstance { border-top: 1px solid #9aa9b8; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(prompt.depth * INDENT, 8, 0, 0)
        self.label = _wrapping_label("font-weight: bold; font-size: 12pt; color: #1f3b5a;")
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.setToolTip(self.tr("Remove this entry and its answers (asks first)"))
        self.remove_button.clicked.connect(
            lambda: self.remove_requested.emit(self.ref, self.label.text())
        )
        layout.addWidget(self.label, 1)
        layout.addWidget(self.remove_button)
        self.update_prompt(prompt, None, False)

    def update_prompt(
        self, prompt: Prompt, message: str | None, readonly: bool, keep_typed: bool = False
    ) -> None:
        self.label.setText(instance_title(prompt.label, prompt.ref, self.tr("%1 #%2")))
        self.remove_button.setVisible(not readonly and prompt.can_remove)


def instance_title(label: str, ref: str, pattern: str = "%1 #%2") -> str:
    """'Participants #2': the engine labels every instance alike; the number tells them apart."""
    found = re.search(r"\[(\d+)\]$", ref)
    number = found.group(1) if found else "1"
    return pattern.replace("%1", label).replace("%2", number).strip()


def make_block(prompt: Prompt, parent: QWidget | None = None) -> Block:
    """The block for one prompt's kind."""
    if prompt.kind == "group":
        return GroupHeading(prompt, parent)
    if prompt.kind == "repeat":
        return RepeatHeading(prompt, parent)
    if prompt.kind == "repeat_footer":
        return RepeatFooter(prompt, parent)
    if prompt.kind == "repeat_instance":
        return RepeatInstanceHeading(prompt, parent)
    return QuestionBlock(prompt, parent)
