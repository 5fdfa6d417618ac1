"""Layout of the form library: questionnaires on this laptop, start/import buttons, drop zone."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from ui.plain_text import PlainLabel

FORM_SUFFIXES = (".xlsx", ".xls", ".csv", ".md", ".xml", ".xform")


class LibraryView(QWidget):
    """Widgets only, plus turning dropped files into a signal; LibraryController does the rest."""

    files_dropped = Signal(list)  # list[str] of local paths

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.heading = PlainLabel()
        self.heading.setObjectName("libraryHeading")
        self.heading.setWordWrap(True)
        self.forms = QTreeWidget()
        self.forms.setObjectName("formsList")
        self.forms.setRootIsDecorated(False)
        self.forms.setUniformRowHeights(True)
        self.forms.setAlternatingRowColors(True)
        self.forms.setStyleSheet("QTreeWidget::item { padding: 5px 2px; }")
        self.forms.setColumnCount(4)
        self.forms.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.forms.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.forms.setAcceptDrops(False)  # the whole view takes drops, not just the list

        self.start_button = QPushButton()
        self.start_button.setObjectName("startSessionButton")
        self.start_button.setEnabled(False)
        self.import_button = QPushButton()
        self.import_button.setObjectName("importFormButton")
        self.drop_hint = PlainLabel()
        self.drop_hint.setWordWrap(True)
        self.drop_hint.setStyleSheet("color: #4b5563;")
        self.status = PlainLabel()  # last import result, errors go to a dialog
        self.status.setObjectName("libraryStatus")
        self.status.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.drop_hint, 1)
        buttons.addWidget(self.start_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.forms, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.forms, self.start_button)
        QWidget.setTabOrder(self.start_button, self.import_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(
            self.tr("Choose a questionnaire and start a session with Enter or a double click.")
        )
        self.forms.setHeaderLabels(
            [self.tr("Questionnaire"), self.tr("Version"), self.tr("Languages"), self.tr("Source")]
        )
        self.start_button.setText(self.tr("&Start a new session"))
        self.start_button.setToolTip(self.tr("Start the selected questionnaire (Enter)"))
        self.import_button.setText(self.tr("&Import form…"))
        self.import_button.setToolTip(self.tr("Add an XLSForm or XForm file (Ctrl+I)"))
        self.drop_hint.setText(
            self.tr("You can also drop XLSForm (.xlsx) or XForm (.xml) files on this window.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # Drag and drop: accept local form files only, hand their paths on.
    @staticmethod
    def _form_paths(event: QDropEvent) -> list[str]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [
            url.toLocalFile()
            for url in mime.urls()
            if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in FORM_SUFFIXES
        ]

    def dragEnterEvent(self, event: QDragMoveEvent) -> None:
        if self._form_paths(event):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._form_paths(event)
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
        else:
            event.ignore()
