"""What FormRunner gives its parts (LeavingSafely, QuickRefresh, Finalizing), declared for the
type checker.

FormRunner copies the view's widgets onto itself by name (runner_view.SHARED_WIDGETS) and its parts
call its methods: declared here so both FormRunner and its parts are checked against one list.
Nothing is declared at run time; the class is a plain QWidget.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import (
        QProgressBar,
        QPushButton,
        QScrollArea,
        QSplitter,
        QStackedWidget,
    )

    from app.engine.prompts import Prompt
    from ui.plain_text import PlainLabel
    from ui.runner.focus_group import FocusGroupPanel
    from ui.runner.page_view import PageView
    from ui.runner.paging import Page
    from ui.runner.position_feed import PositionFeed
    from ui.runner.problems_panel import ProblemsPanel
    from ui.runner.runner_view import RunnerView
    from ui.runner.section_index import SectionIndex
    from ui.runner.summary_view import SummaryView
    from ui.runner.unsaved import UnsavedAnswers


class RunnerParts(QWidget):
    """FormRunner's widgets, state and methods that its parts use."""

    if TYPE_CHECKING:
        # The view's widgets (runner_view.SHARED_WIDGETS), set by FormRunner._build.
        view: RunnerView
        title: PlainLabel
        saved: PlainLabel
        finalize_button: QPushButton
        close_button: QPushButton
        splitter: QSplitter
        index: SectionIndex
        page_title: PlainLabel
        stack: QStackedWidget
        scroll_area: QScrollArea
        page_view: PageView
        summary: SummaryView
        problems: ProblemsPanel
        focus_panel: FocusGroupPanel
        previous_button: QPushButton
        next_button: QPushButton
        progress: QProgressBar
        progress_text: PlainLabel
        notice: PlainLabel

        # State: the session (an ActiveSession, app/active_session.py) and what is shown of it.
        active: Any
        prompts: list[Prompt]
        pages: list[Page]
        refused: dict[str, str]
        flagged: dict[str, str]
        fg_mode: bool
        readonly: bool
        unsaved: UnsavedAnswers
        finalizing: bool
        position_feed: PositionFeed
        finalized: Any  # Signal(str): the session's instanceID once finalised

        def refresh(self) -> None: ...
        def current_page(self) -> Page | None: ...
        def show_current_page(self, page: Page) -> None: ...
        def _show_progress(self, touched: list[Prompt] | None = None) -> None: ...
        def commit_typing(self) -> None: ...
        def jump_to(self, ref: str) -> None: ...
        def add_note(self, text: str) -> None: ...
        def _saved_now(self) -> None: ...
        def _give_up_unsaved(self) -> bool: ...
        def _point_at_unsaved(self) -> None: ...
        def _apply_read_only(self) -> None: ...
        def _store_failed(self, error: BaseException, what: str) -> None: ...
