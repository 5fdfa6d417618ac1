"""One page of the runner: the blocks of its prompts in order, kept alive across refreshes.

Blocks are kept by ref and updated in place after every answer, so the widget being typed in keeps
its focus and cursor while labels, outputs and relevance change around it. A prompt that turns
irrelevant disappears from the engine's list, and its block is hidden (and reused if it returns).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from app.engine.prompts import Prompt
from ui.runner.question_block import (
    Block,
    QuestionBlock,
    RepeatFooter,
    RepeatHeading,
    RepeatInstanceHeading,
    make_block,
)


def with_footers(prompts: list[Prompt]) -> list[Prompt]:
    """The prompts plus an 'add another' footer after each repeat that has instances."""
    result: list[Prompt] = []
    open_repeats: list[Prompt] = []
    for prompt in prompts:
        while open_repeats and not prompt.ref.startswith(
            (open_repeats[-1].ref + "[", open_repeats[-1].ref + "/")
        ):
            result.append(_footer(open_repeats.pop()))
        result.append(prompt)
        if prompt.kind == "repeat" and prompt.repeat_count > 0:
            open_repeats.append(prompt)
    while open_repeats:
        result.append(_footer(open_repeats.pop()))
    return result


def _footer(repeat: Prompt) -> Prompt:
    return replace(
        repeat, ref=repeat.ref + RepeatFooter.SUFFIX, kind="repeat_footer", depth=repeat.depth + 1
    )


class PageView(QWidget):
    """The blocks of the current page inside the runner's scroll area."""

    answered = Signal(str, str)
    advance = Signal(str)
    file_chosen = Signal(str, str)
    add_requested = Signal(str)
    remove_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(16, 8, 16, 16)
        self.column.setSpacing(2)
        self.column.addStretch(1)
        self.blocks: dict[str, Block] = {}
        self.order: list[str] = []
        self._shown: dict[str, tuple[Prompt, str | None, bool, bool]] = {}

    def show_prompts(
        self,
        prompts: list[Prompt],
        messages: dict[str, str],
        readonly: bool = False,
        keep_typed: frozenset[str] = frozenset(),
    ) -> None:
        """Show exactly these prompts, in this order, reusing blocks by ref and kind."""
        prompts = with_footers(prompts)
        wanted = [p.ref for p in prompts]
        for prompt in prompts:
            block = self.blocks.get(prompt.ref)
            if block is None or block.kind != prompt.kind:
                if block is not None:
                    block.hide()
                    block.deleteLater()
                block = self._new_block(prompt)
                self.blocks[prompt.ref] = block
                self._shown.pop(prompt.ref, None)
            state = (prompt, messages.get(prompt.ref), readonly, prompt.ref in keep_typed)
            if self._shown.get(prompt.ref) != state:  # untouched questions cost nothing
                block.update_prompt(*state)
                self._shown[prompt.ref] = state
        if wanted != self.order:
            self._arrange(wanted)

    def forget(self, ref: str | None = None) -> None:
        """Redraw this question (or all) at the next show_prompts, even if its prompt is the
        same: the widget may show something the engine did not keep (normalised, not saved)."""
        if ref is None:
            self._shown.clear()
        else:
            self._shown.pop(ref, None)

    def clear(self) -> None:
        """Forget every block (a different page is about to be shown)."""
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            # Let the field finish (and save) while the page is still whole.
            focused.clearFocus()
        blocks, self.blocks = list(self.blocks.values()), {}
        self._shown.clear()
        for block in blocks:
            block.hide()  # out of sight now; deleted when the event loop turns
            block.deleteLater()
        self.order = []

    def _arrange(self, wanted: list[str]) -> None:
        while self.column.count() > 1:  # keep the final stretch
            self.column.takeAt(0)
        for position, ref in enumerate(wanted):
            self.column.insertWidget(position, self.blocks[ref])
            self.blocks[ref].setVisible(True)
        shown = set(wanted)
        for ref, block in list(self.blocks.items()):
            if ref not in shown:
                # Removed repeat instances shift their followers' refs: drop, don't hoard.
                block.setVisible(False)
                if block.kind in ("repeat_instance", "repeat_footer") or "[" in ref:
                    block.deleteLater()
                    del self.blocks[ref]
                    self._shown.pop(ref, None)
        self.order = wanted

    def _new_block(self, prompt: Prompt) -> Block:
        block = make_block(prompt, self)
        if isinstance(block, QuestionBlock):
            block.answered.connect(self.answered)
            block.advance.connect(self.advance)
            block.file_chosen.connect(self.file_chosen)
        elif isinstance(block, RepeatHeading | RepeatFooter):
            block.add_requested.connect(self.add_requested)
        elif isinstance(block, RepeatInstanceHeading):
            block.remove_requested.connect(self.remove_requested)
        return block

    def focusable_refs(self) -> list[str]:
        """Refs of the shown questions a person can answer, in page order."""
        return [
            ref
            for ref in self.order
            if isinstance(block := self.blocks.get(ref), QuestionBlock)
            and block.editor.focus_target() is not block.editor
        ]

    def focus_ref(self, ref: str) -> bool:
        """Put the keyboard focus on this question's editor; False when it is not on the page."""
        block = self.blocks.get(ref)
        if block is None or not block.isVisible():
            return False
        target = block.focus_target()
        if target is None:
            return False
        target.setFocus()
        return True
