"""A one-line label that gives way: it shrinks with its row and ends in "…" instead of being cut
mid-word, the whole text in its tooltip (set by its owner)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_WIDTH_PX = 60


class ElidedLabel(QLabel):
    """QLabel for plain one-line texts in a crowded row (the status bar)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        # Its whole text is not a minimum: the buttons beside it must stay whole instead.
        width = min(MIN_WIDTH_PX, super().minimumSizeHint().width())
        return QSize(width, super().sizeHint().height())

    def shown_text(self) -> str:
        """What fits in the label's width now (the text, or its start and "…")."""
        width = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, width)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            self.contentsRect(),
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            self.shown_text(),
            QPalette.ColorRole.WindowText,
        )
