"""Keys a focus group needs while the discussion runs, on top of the runner's basic ones.

Ctrl+N (and F6) jumps from the question to the notes box and back to the same question;
Ctrl+Shift+A adds an entry (a participant) to the list on the page; Ctrl+Page Down and
Ctrl+Page Up go to the next or previous discussion topic.
ui/help_keys.py lists them all for Help > Keyboard.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from ui.runner.focus_group import DISCUSSION_SUFFIX, in_notes
from ui.runner.paging import last_step

if TYPE_CHECKING:
    from ui.runner.runner_widget import FormRunner

NOTES_KEYS = ("Ctrl+N", "F6")
ADD_ENTRY_KEY = "Ctrl+Shift+A"
NEXT_TOPIC_KEY = "Ctrl+PgDown"
PREVIOUS_TOPIC_KEY = "Ctrl+PgUp"


class FocusGroupKeys:
    """Installs the keys on a FormRunner and carries them out."""

    def __init__(self, runner: FormRunner) -> None:
        self.runner = runner
        self._back_to: QWidget | None = None  # the question left for the notes box
        for keys, slot in (
            *((key, self.toggle_notes) for key in NOTES_KEYS),
            (ADD_ENTRY_KEY, self.add_entry),
            (NEXT_TOPIC_KEY, lambda: self.move_topic(1)),
            (PREVIOUS_TOPIC_KEY, lambda: self.move_topic(-1)),
        ):
            shortcut = QShortcut(QKeySequence(keys), runner)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def toggle_notes(self) -> None:
        """From a question to the notes box; from the notes box back to that question."""
        runner = self.runner
        entry = runner.focus_panel.entry
        if not runner.fg_mode or runner.readonly:
            return
        if entry.hasFocus():
            back = self._back_to
            if back is not None and isValid(back) and back.isVisible():
                back.setFocus(Qt.FocusReason.ShortcutFocusReason)
            else:
                refs = runner.page_view.focusable_refs()
                if refs:
                    runner._focus(refs[0])
            return
        focus = QApplication.focusWidget()
        self._back_to = focus if focus is not None and runner.isAncestorOf(focus) else None
        entry.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def add_entry(self) -> None:
        """Add an entry to the list (repeat) on this page: the next participant, a quote."""
        runner = self.runner
        page = runner.current_page()
        if page is None or runner.readonly:
            return
        repeats = [
            p for p in page.prompts if p.kind == "repeat" and p.can_add and not in_notes(p.ref)
        ]
        if repeats:
            runner.add_repeat(repeats[0].ref)

    def move_topic(self, step: int) -> None:
        """To the next (1) or previous (-1) discussion topic; any page when the form has none."""
        runner = self.runner
        page = runner.current_page()
        if page is None:
            return
        here = runner.pages.index(page)
        topics = [n for n, p in enumerate(runner.pages) if is_topic(p)] or list(
            range(len(runner.pages))
        )
        ahead = [n for n in topics if (n - here) * step > 0]
        if ahead:
            runner.go_to_page(min(ahead) if step > 0 else max(ahead))


def is_topic(page) -> bool:  # page: ui.runner.paging.Page
    """A discussion topic's page (the built-in guides: a <topic>_discussion question)."""
    return any(last_step(q.ref).endswith(DISCUSSION_SUFFIX) for q in page.questions())
