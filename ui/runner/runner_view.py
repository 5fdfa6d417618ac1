"""The runner's layout for a 1366×768 laptop, and nothing else (FormRunner holds the behaviour).

Left: the side index of sections and questions. Middle: the page title, the page in a scroll area
(or the read-only summary), the problems panel. Right: the focus-group panel. Bottom: Previous,
progress, Next. Top: form title, save status, Finalize, Close.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.plain_text import PlainLabel
from ui.runner.focus_group import FocusGroupPanel
from ui.runner.page_view import PageView
from ui.runner.problems_panel import ProblemsPanel
from ui.runner.section_index import SectionIndex
from ui.runner.summary_view import SummaryView

PAGE_MAX_WIDTH = 900

SHARED_WIDGETS = (
    "title",
    "saved",
    "finalize_button",
    "close_button",
    "splitter",
    "index",
    "page_title",
    "stack",
    "scroll_area",
    "page_view",
    "summary",
    "problems",
    "focus_panel",
    "previous_button",
    "next_button",
    "progress",
    "progress_text",
    "notice",
)


class RunnerView(QWidget):
    """Builds and labels the runner's widgets; emits nothing of its own."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)

        top = QHBoxLayout()
        self.title = PlainLabel(title)
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.title.setWordWrap(True)
        self.saved = PlainLabel()
        self.finalize_button = QPushButton()
        self.close_button = QPushButton()
        top.addWidget(self.title, 1)
        top.addWidget(self.saved)
        top.addWidget(self.finalize_button)
        top.addWidget(self.close_button)
        outer.addLayout(top)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.index = SectionIndex()
        self.index.setMinimumWidth(200)
        self.splitter.addWidget(self.index)

        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        self.page_title = PlainLabel()
        self.page_title.setStyleSheet("color: #555;")
        middle_layout.addWidget(self.page_title)
        self.stack = QStackedWidget()
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.page_view = PageView()
        # Lines much wider than this are hard to read, and full-width boxes look like banners.
        self.page_view.setMaximumWidth(PAGE_MAX_WIDTH)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.scroll_area.setWidget(self.page_view)
        self.summary = SummaryView()
        self.stack.addWidget(self.scroll_area)
        self.stack.addWidget(self.summary)
        middle_layout.addWidget(self.stack, 1)
        self.problems = ProblemsPanel()
        middle_layout.addWidget(self.problems)
        self.splitter.addWidget(middle)

        self.focus_panel = FocusGroupPanel()
        self.splitter.addWidget(self.focus_panel)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([320, 700, 300])  # an index wide enough for a guide's titles
        self.splitter.setCollapsible(1, False)
        outer.addWidget(self.splitter, 1)

        bottom = QHBoxLayout()
        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress_text = PlainLabel()
        progress_box = QVBoxLayout()
        progress_box.addWidget(self.progress_text, 0, Qt.AlignmentFlag.AlignHCenter)
        progress_box.addWidget(self.progress)
        bottom.addWidget(self.previous_button)
        bottom.addLayout(progress_box, 1)
        # Why Next did not move on: a line of its own right above the buttons, the whole width
        # (beside Next it was squeezed into five lines).
        self.notice = PlainLabel()
        self.notice.setObjectName("pageNotice")
        self.notice.setWordWrap(True)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.notice.setStyleSheet("color: #a4001d; font-weight: bold; padding: 2px 4px;")
        self.notice.hide()
        outer.addWidget(self.notice)
        bottom.addWidget(self.next_button)
        outer.addLayout(bottom)

        self.retranslate()

    def retranslate(self) -> None:
        """Interface strings; run again when the interface language changes."""
        self.saved.setAccessibleName(self.tr("Save status"))
        self.finalize_button.setText(self.tr("Finalize…"))
        self.finalize_button.setToolTip(self.tr("Check the answers and finalize (Ctrl+F)"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Close this session; answers are already saved (Esc)"))
        self.problems.retranslate()
        self.previous_button.setText(self.tr("◀ Previous"))
        self.previous_button.setToolTip(
            self.tr("Previous page (Page Up); Ctrl+Page Up: previous discussion topic")
        )
        self.next_button.setText(self.tr("Next ▶"))
        self.next_button.setToolTip(
            self.tr(
                "Next page (Page Down); Enter moves to the next question; "
                "Ctrl+Page Down: next discussion topic"
            )
        )
        self.focus_panel.retranslate()
