"""Text from forms and servers is shown as the characters it holds, never as Qt rich text.

A QLabel, a tooltip or a static QMessageBox guesses (Qt.mightBeRichText) and renders anything that
starts like HTML: a form titled "<h1>Datos verificados</h1>" would draw a fake heading, a link or
an image. PlainLabel never guesses; plain_for_auto_text() makes text safe where Qt always guesses.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QWidget


class PlainLabel(QLabel):
    """A QLabel whose text is always plain text (every label in ui/ that is not rich on purpose)."""

    def __init__(self, text: str | QWidget | None = "", parent: QWidget | None = None) -> None:
        if isinstance(text, QWidget):  # QLabel(parent), as Qt allows
            parent = text
            text = ""
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        if text:
            self.setText(text)


def plain_for_auto_text(text: str) -> str:
    """`text` for a place that guesses its format (tooltips, QMessageBox.question/critical):
    unchanged when Qt would show it as is, else escaped HTML that shows exactly these characters
    (line breaks and spaces kept)."""
    if not GuiQt.mightBeRichText(text):
        return text
    return GuiQt.convertFromPlainText(text, GuiQt.WhiteSpaceMode.WhiteSpacePre)
