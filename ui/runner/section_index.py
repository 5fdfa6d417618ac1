"""The side index: sections (pages) and their questions, for jumping around non-linearly.

A focus group does not follow the guide in order, so the facilitator jumps by clicking here.
Each question shows whether it is answered (✓), has a problem (!) or is required and empty (*).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from app.engine.prompts import Prompt
from ui.plain_text import plain_for_auto_text
from ui.runner.paging import Page
from ui.runner.question_block import instance_title

REF_ROLE = Qt.ItemDataRole.UserRole
MAX_LABEL = 70


def _short(text: str) -> str:
    """One line; a very long label keeps its start and its end ("…personas ret…" told nothing):
    the view then elides in the middle again to the index's width, the tooltip has it whole."""
    text = " ".join(text.split())
    if len(text) <= MAX_LABEL:
        return text
    head = (MAX_LABEL - 1) * 2 // 3
    return text[:head] + "…" + text[len(text) - (MAX_LABEL - 1 - head) :]


def _entries(page: Page) -> list[Prompt]:
    """What a page lists under its own entry: all but the group or repeat that heads it."""
    first = page.prompts[0] if page.prompts else None
    if first is not None and first.kind in ("group", "repeat"):
        return page.prompts[1:]
    return page.prompts


def _mark(prompt: Prompt, problems: set[str]) -> str:
    """✓ answered, ! has a problem, * required and empty, · optional and empty."""
    if prompt.ref in problems or prompt.problem:
        return "!"
    if prompt.value:
        return "✓"
    return "*" if prompt.required else "·"


class SectionIndex(QTreeWidget):
    """Tree of pages and questions; emits jump(ref) when one is chosen."""

    jump = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setUniformRowHeights(True)
        # The column is as wide as the index, so long titles are elided (in the middle, where a
        # guide's titles differ least) instead of running off under a horizontal scroll bar.
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setToolTip(
            self.tr(
                "Jump to a section or question (Enter or click).\n"
                "✓ answered   ! has a problem   * required, not answered yet   · optional"
            )
        )
        self.setAccessibleName(self.tr("Sections and questions"))
        self._shape: list[tuple[str, list[str]]] = []
        self._items: dict[str, QTreeWidgetItem] = {}
        self._pages: dict[str, QTreeWidgetItem] = {}
        self._current_key = ""
        self._shown: dict[int, tuple[str, str | None]] = {}
        self.itemClicked.connect(self._chosen)
        self.itemActivated.connect(self._chosen)

    def show_pages(self, pages: list[Page], problems: set[str], current_key: str) -> None:
        """Show these pages; rebuild only when the structure changed, else update in place."""
        shape = [(page.key, [p.ref for p in _entries(page)]) for page in pages]
        if shape != self._shape:
            self._rebuild(pages)
            self._shape = shape
        for page in pages:
            self._set(self._pages[page.key], _short(page.title), page.title)
            for prompt in _entries(page):
                child = self._items[prompt.ref]
                if prompt.kind == "repeat_instance":
                    title = instance_title(prompt.label, prompt.ref)
                    self._set(child, _short(title), title)
                elif prompt.kind in ("group", "repeat", "note"):
                    self._set(child, _short(prompt.label or prompt.ref), prompt.label or prompt.ref)
                else:
                    text = f"{_mark(prompt, problems)} {_short(prompt.label or prompt.ref)}"
                    self._set(child, text, prompt.label)
        self.mark_current(current_key)

    def update_prompts(self, prompts: list[Prompt], problems: set[str]) -> None:
        """Only these questions changed (same layout): update their entries alone."""
        for prompt in prompts:
            child = self._items.get(prompt.ref)
            if child is None or prompt.kind in ("group", "repeat", "note", "repeat_instance"):
                continue
            text = f"{_mark(prompt, problems)} {_short(prompt.label or prompt.ref)}"
            self._set(child, text, prompt.label)

    def _set(self, item: QTreeWidgetItem, text: str, tip: str | None = None) -> None:
        # Only what changed: a refresh runs after every answer, over every item of the form.
        if self._shown.get(id(item)) != (text, tip):
            item.setText(0, text)
            if tip is not None:
                item.setToolTip(0, plain_for_auto_text(tip))  # form text
            self._shown[id(item)] = (text, tip)

    def mark_current(self, key: str) -> None:
        """Bold and expand the current page's entry, collapse the one left."""
        if key == self._current_key:
            return
        previous = self._pages.get(self._current_key)
        if previous is not None and self._current_key != key:
            font = previous.font(0)
            font.setBold(False)
            previous.setFont(0, font)
            previous.setExpanded(False)
        item = self._pages.get(key)
        if item is not None:
            font = QFont(item.font(0))
            font.setBold(True)
            item.setFont(0, font)
            item.setExpanded(True)
            self.scrollToItem(item)
        self._current_key = key

    def _rebuild(self, pages: list[Page]) -> None:
        self.clear()
        self._shown.clear()
        self._items.clear()
        self._pages.clear()
        for page in pages:
            item = QTreeWidgetItem([page.title])
            item.setData(0, REF_ROLE, page.key)
            self.addTopLevelItem(item)
            self._pages[page.key] = item
            parents: list[tuple[int, QTreeWidgetItem]] = []  # (depth, item) of open sub-groups
            for prompt in _entries(page):
                while parents and parents[-1][0] >= prompt.depth:
                    parents.pop()
                child = QTreeWidgetItem(parents[-1][1] if parents else item, [prompt.label])
                child.setData(0, REF_ROLE, prompt.ref)
                self._items[prompt.ref] = child
                if prompt.kind in ("group", "repeat", "repeat_instance"):
                    parents.append((prompt.depth, child))
                    child.setExpanded(True)
                elif prompt.kind == "note":
                    child.setHidden(True)  # notes are text to read, not places to go
        self._current_key = ""

    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        ref = item.data(0, REF_ROLE)
        if ref:
            self.jump.emit(ref)
