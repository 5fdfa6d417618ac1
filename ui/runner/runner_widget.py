"""FormRunner: fill one session of a form, page by page, saving every answer as it is given.

Layout (for a 1366×768 laptop): a side index of sections and questions on the left, the current
page in a scroll area in the middle, the focus-group panel on the right when the form has one, and
a bar with Previous / progress / Next at the bottom. Every answer goes to the ActiveSession at once
(one committed transaction) and "Saved hh:mm:ss" appears only after that call returned.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from app.engine.prompts import Prompt
from ui.plain_text import plain_for_auto_text
from ui.runner.editor_base import QuestionEditor
from ui.runner.finishing import Finalizing
from ui.runner.focus_group import NOTES, in_notes, is_focus_group
from ui.runner.leaving import LeavingSafely
from ui.runner.paging import Page, build_pages, last_step, page_index_of
from ui.runner.position_feed import PositionFeed
from ui.runner.progress import Progress
from ui.runner.quick_refresh import QuickRefresh
from ui.runner.runner_view import SHARED_WIDGETS, RunnerView
from ui.runner.shortcuts import FocusGroupKeys
from ui.runner.summary_view import answer_text
from ui.runner.unsaved import UnsavedAnswers

log = logging.getLogger(__name__)
SAVED_STYLE = "color: #1b5e20;"


class FormRunner(QuickRefresh, Finalizing, LeavingSafely):
    """Runs an ActiveSession (app/workspace.py). Emits closed() and finalized(instance_id)."""

    closed = Signal()
    finalized = Signal(str)

    def __init__(self, active_session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.active = active_session
        self.prompts: list[Prompt] = []
        self.pages: list[Page] = []
        self.page_key = ""
        self.refused: dict[str, str] = {}  # ref -> why the engine refused the typed value
        self.progress_count = Progress()
        self.flagged: dict[str, str] = {}  # ref -> problem shown after Next or Finalize
        self._warned_key = ""  # page whose missing answers were already pointed out
        self.fg_mode = False
        self.finalizing = False  # finalize() is running in the background
        self._watched_window: QWidget | None = None
        # Answers the data file refused: kept on screen and retried, never silently dropped.
        self.unsaved = UnsavedAnswers(self._save_kept, self)
        self.unsaved.all_saved.connect(self._kept_answers_saved)
        # start-geopoint and other setgeopoint targets: the OS position service, only when one
        # waits for a fix (position_feed.py).
        self.position_feed = PositionFeed(self)
        self._build()
        self.readonly = self._is_read_only()
        self.fg_mode = is_focus_group(self._session_prompts())
        self.focus_panel.setVisible(self.fg_mode)
        self.refresh()
        if self.fg_mode:  # go on from the later of the last note and the time kept on leaving
            kept = self.active.timer_seconds() if not self.readonly else 0
            self.focus_panel.timer.set_seconds(
                max(self.focus_panel.last_elapsed(self.prompts), kept)
            )
            self.focus_panel.timer.button.clicked.connect(self._keep_timer)
            if not self.readonly:
                self.focus_panel.restore_typing(self.active.note_draft())
                self.focus_panel.note_typing.connect(self._keep_note_typing)
        self._apply_read_only()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication) and not self.readonly:
            # The OS ending the session (log out, shut down) or the app quitting by another road
            # may not close the window first: what is being typed is saved all the same.
            app.commitDataRequest.connect(self._app_leaving)
            app.aboutToQuit.connect(self._app_leaving)
        # a draft resumes where it was left; a finalized session reads from the top
        position = "" if self.readonly else self._saved_position() or ""
        start = page_index_of(self.pages, position)
        self.go_to_page(max(start, 0), focus_ref=position, remember=False)

    # -- the session (the only place that calls ActiveSession) ------------------------------
    def _is_read_only(self) -> bool:
        return bool(getattr(self.active, "read_only", False))

    def _saved_position(self) -> str | None:
        return getattr(self.active, "position", None)

    def _session_prompts(self) -> list[Prompt]:
        return self.active.prompts()

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        """Lay out the view (runner_view.py) and wire its widgets to this controller."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.view = RunnerView(getattr(self.active, "title", ""), self)
        layout.addWidget(self.view)
        for name in SHARED_WIDGETS:  # the parts the main window and tests reach directly
            setattr(self, name, getattr(self.view, name))
        self.finalize_button.clicked.connect(self.finalize)
        self.close_button.clicked.connect(self.close_session)
        self.index.jump.connect(self.jump_to)
        self.page_view.answered.connect(self.answer)
        self.page_view.advance.connect(self._advance_from)
        self.page_view.file_chosen.connect(self.attach_file)
        self.page_view.add_requested.connect(self.add_repeat)
        self.page_view.remove_requested.connect(self.remove_repeat)
        self.problems.jump.connect(self.jump_to)
        self.focus_panel.note_entered.connect(self.add_note)
        self.previous_button.clicked.connect(self.previous_page)
        self.next_button.clicked.connect(self.next_page)
        for keys, slot in (
            (QKeySequence(Qt.Key.Key_PageDown), self.next_page),
            (QKeySequence(Qt.Key.Key_PageUp), self.previous_page),
            (QKeySequence("Ctrl+F"), self.finalize),
            (QKeySequence("Ctrl+T"), self._toggle_timer),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.keys = FocusGroupKeys(self)  # notes box and back, add an entry, next topic

    def _toggle_timer(self) -> None:
        self.focus_panel.timer.toggle()
        self._keep_timer()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        """Escape leaves the session the Close button's way. Only an Escape no question used
        reaches here: an open drop-down list, calendar or list of suggestions is a window of its
        own and closes itself, and a message box keeps its keys, so Escape there closes just it."""
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            event.accept()
            self.close_session()
            return
        super().keyPressEvent(event)

    def close_session(self) -> None:
        """Save what is being typed, then tell the host the runner is done. Answers the data file
        still refuses are not given up without the person saying so."""
        if self.finalizing:  # a moment: the answers are being finalised in the background
            return
        if not self.readonly:
            self.commit_typing()
            self._keep_typed_note()
            self._keep_timer()
            if not self.unsaved.retry() and not self._give_up_unsaved():
                return
        self.position_feed.leave()
        self.closed.emit()

    def _give_up_unsaved(self) -> bool:
        answer = QMessageBox.warning(
            self,
            self.tr("Answers not saved"),
            self.tr(
                "%n answer(s) could not be saved and are still only on the screen. If you close "
                "the session now they are lost. Close anyway?",
                "",
                len(self.unsaved.values),
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def set_form_language(self, language: str) -> None:
        """Show the form's labels in another of its languages (remembered with the session)."""
        self.commit_typing()
        try:
            self.active.set_language(language)
        except Exception as error:
            self._store_failed(error, f"switching the form to {language}")
            return
        self.page_view.clear()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "readonly"):
            if not self.readonly:
                self.commit_typing()
            self.view.retranslate()
            self.page_view.clear()  # editors are rebuilt with their strings in the new language
            self.refresh()
            self._apply_read_only()
        super().changeEvent(event)

    # -- showing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the session and update what is shown; cheap enough to run after each answer."""
        self.prompts = self._session_prompts()
        if self.problems.isVisibleTo(self) and not self.readonly:
            # Keep the list true while the facilitator works through it.
            remaining = self.active.validate()
            self.flagged = {p.ref: p.message for p in remaining}
            self.problems.show_problems(remaining, self.prompts)
        self.pages = build_pages(self.prompts, self.tr("Questions"), self.tr("Session details"))
        index = page_index_of(self.pages, self.page_key) if self.page_key else 0
        if not self.pages:
            return
        page = self.pages[max(index, 0)]
        if page.key != self.page_key:
            self.page_view.clear()
            self.page_key = page.key
        self.index_prompts()
        self.show_current_page(page)
        self.index.show_pages(self.pages, set(self.flagged), self.page_key)
        number = self.pages.index(page) + 1
        title = self.tr("Page %1 of %2").replace("%1", str(number))
        title = title.replace("%2", str(len(self.pages)))
        # Setters only on change: this runs after every answer (and each Qt call has a cost).
        if self.page_title.text() != title:
            self.page_title.setText(title)
        if self.previous_button.isEnabled() != (number > 1):
            self.previous_button.setEnabled(number > 1)
        if self.next_button.isEnabled() != (number < len(self.pages)):
            self.next_button.setEnabled(number < len(self.pages))
        self._show_progress()
        if self.fg_mode:
            self.focus_panel.set_topic(page.title)
            self.focus_panel.update_from(self.prompts)
        self.position_feed.check()  # an answer or a new entry may have asked for the position

    def show_current_page(self, page: Page) -> None:
        if self.readonly:
            self.summary.show_pages(self.pages)
            return
        shown = [  # an answer not saved yet stays as the person gave it
            dataclasses.replace(p, value=self.unsaved.values[p.ref]) if p.ref in self.unsaved else p
            for p in page.prompts
        ]
        self.page_view.show_prompts(
            shown,
            self._messages(page),
            self.readonly,
            frozenset(self.refused) | frozenset(self.unsaved.values),
        )

    def _messages(self, page: Page) -> dict[str, str]:
        messages: dict[str, str] = {}
        for prompt in page.prompts:
            if prompt.ref in self.unsaved:
                messages[prompt.ref] = self.tr(
                    "Not saved yet: %1\nYour answer stays here and is saved as soon as the "
                    "data file takes it again (tried every few seconds)."
                ).replace("%1", self._explain(self.unsaved.last_error))
            elif prompt.ref in self.refused:
                messages[prompt.ref] = self.refused[prompt.ref]
            elif prompt.problem:
                messages[prompt.ref] = prompt.problem
            elif prompt.ref in self.flagged and prompt.required and not prompt.value:
                messages[prompt.ref] = self.flagged[prompt.ref]
        return messages

    def _show_progress(self, touched: list[Prompt] | None = None) -> None:
        """The progress line: counted from nothing, or (touched) updated for those prompts."""
        if touched is None:
            self.progress_count.recount(
                (
                    p
                    for page in self.pages
                    for p in page.questions()
                    if not (self.fg_mode and in_notes(p.ref))
                ),
                self.refused,
            )
        else:
            self.progress_count.update(touched, self.refused)
        answered, questions, required_done, required = self.progress_count.figures
        text = (
            self.tr("%1 of %2 answered · required: %3 of %4")
            .replace("%1", str(answered))
            .replace("%2", str(questions))
            .replace("%3", str(required_done))
            .replace("%4", str(required))
        )
        if self.progress_text.text() == text:
            return
        # QProgressBar repaints itself at once on a new value (~5-10 ms on a laptop); with
        # updates off it is only marked for the window's next paint, with everything else.
        self.progress.setUpdatesEnabled(False)
        self.progress.setMaximum(max(questions, 1))
        self.progress.setValue(answered)
        self.progress.setUpdatesEnabled(True)
        self.progress_text.setText(text)

    def _apply_read_only(self) -> None:
        self.stack.setCurrentWidget(self.summary if self.readonly else self.scroll_area)
        for widget in (
            self.finalize_button,
            self.next_button,
            self.previous_button,
            self.page_title,
            self.focus_panel.timer_box,
            self.focus_panel.entry,
            self.focus_panel.topic,
        ):
            widget.setVisible(not self.readonly)
        if self.readonly:
            self.saved.setText(self.tr("Finalized — read only"))
            self.summary.show_pages(self.pages)

    # -- moving around -----------------------------------------------------------------------
    def current_page(self) -> Page | None:
        index = page_index_of(self.pages, self.page_key)
        return self.pages[index] if index >= 0 else None

    def go_to_page(self, index: int, focus_ref: str | None = None, remember: bool = True) -> None:
        """Show page number index (0-based) and focus focus_ref or its first question."""
        if not self.pages:
            return
        self.commit_typing()
        index = min(max(index, 0), len(self.pages) - 1)
        page = self.pages[index]
        if page.key != self.page_key:
            self.page_view.clear()
            self.page_key = page.key
            self._warned_key = ""
            self.notice.hide()
            self.refresh()
            self.scroll_area.verticalScrollBar().setValue(0)
            if remember and not self.readonly:
                self._remember(page.key)
        if self.readonly:
            self.summary.jump(focus_ref or page.key)
            return
        refs = self.page_view.focusable_refs()
        target = focus_ref if focus_ref in refs else (refs[0] if refs else None)
        if target is not None:
            QTimer.singleShot(0, lambda: self._focus(target))

    def commit_typing(self) -> None:
        """Save what is typed in the focused field before the page changes under it."""
        if self.finalizing:  # typing was committed before finalizing began; input is off
            return
        widget: QWidget | None = self.focusWidget()
        while widget is not None and not isinstance(widget, QuestionEditor):
            widget = widget.parentWidget()
        if widget is not None:
            widget.commit()

    def _focus(self, ref: str) -> None:
        if self.page_view.focus_ref(ref):
            block = self.page_view.blocks[ref]
            self.scroll_area.ensureWidgetVisible(block, 10, 40)

    def _remember(self, position: str) -> None:
        try:
            self.active.set_position(position)
        except Exception as error:  # noqa: BLE001 - losing the position is not losing answers
            log.warning("could not remember the position %s: %s", position, error)

    def jump_to(self, ref: str) -> None:
        """Go to the page holding ref (a page key or a question) and focus it."""
        index = page_index_of(self.pages, ref)
        if index >= 0:
            self.go_to_page(index, focus_ref=ref)

    def next_page(self) -> None:
        """Next page; the first press on a page with unanswered required questions shows them."""
        page = self.current_page()
        if page is None or self.readonly:
            return
        missing = [p for p in page.questions() if p.required and not p.value]
        if missing and self._warned_key != page.key:
            for prompt in missing:
                problem = self.active.check(prompt.ref)  # the form's own words when it has them
                message = problem.message if problem else self.tr("This question is required.")
                self.flagged[prompt.ref] = message
            self._warned_key = page.key
            self.refresh()
            self.notice.setText(
                self.tr(
                    "⚠ %n required question(s) unanswered here. Next again to go on anyway.",
                    "",
                    len(missing),
                )
            )
            self.notice.show()
            self._focus(missing[0].ref)
            return
        self.go_to_page(self.pages.index(page) + 1)

    def previous_page(self) -> None:
        page = self.current_page()
        if page is not None and not self.readonly:
            self.go_to_page(self.pages.index(page) - 1)

    def _advance_from(self, ref: str) -> None:
        """Enter: the next question on this page, or the next page after the last one."""
        refs = self.page_view.focusable_refs()
        if ref in refs and refs.index(ref) + 1 < len(refs):
            self._focus(refs[refs.index(ref) + 1])
        else:
            self.next_page()

    # -- answering ---------------------------------------------------------------------------
    def answer(self, ref: str, value: str) -> None:
        """Save one answer now; say "Saved" only after the session committed it."""
        self.page_view.forget(ref)  # redraw it from what the engine kept (normalised or not)
        self.unsaved.forget(ref)  # this newer value replaces one still waiting
        try:
            if not self._removals_accepted(ref, value):
                self.refresh()  # the question shows its kept answer again
                return
            self.unsaved.retry()  # older answers first, so they are saved in the order given
            self.active.answer(ref, value)
        except ValueError as error:  # the engine refused the value: say why at the question
            self.refused[ref] = str(error)
            self.refresh()
            return
        except Exception as error:  # the data file failed: the words stay on screen, retried
            first = not self.unsaved
            self.unsaved.keep(ref, value, error)
            # Never the value itself in the log: answers are about vulnerable people.
            log.error("saving the answer to %s failed: %s", ref, error, exc_info=error)
            self._show_not_saved(error, tell=first)
            self.refresh()
            return
        self.refused.pop(ref, None)
        if not self.unsaved:
            self._saved_now()
        self.refresh_after_answer(ref)  # only what the answer changed (quick_refresh.py)
        self.position_feed.check()  # a setgeopoint on this question's change may wait now

    def _removals_accepted(self, ref: str, value: str) -> bool:
        """A lower count removes entries: never drop typed answers without asking (ODK Collect
        keeps such entries and sends them; we remove them only when the person agrees)."""
        removed = self.active.instances_removed_by(ref, value)
        if not removed:
            return True
        question = self.tr(
            "This answer removes %n entry(ies) that already hold answers (%1). "
            "Their answers will be lost. Remove them?",
            "",
            len(removed),
        ).replace("%1", ", ".join(r.rsplit("/", 1)[-1] for r in removed))
        answer = QMessageBox.question(
            self,
            self.tr("Remove entries"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _saved_now(self) -> None:
        if self.saved.styleSheet() != SAVED_STYLE:  # a new style sheet re-polishes the label
            self.saved.setStyleSheet(SAVED_STYLE)
        self.saved.setText(self.tr("Saved %1").replace("%1", datetime.now().strftime("%H:%M:%S")))

    def _store_failed(self, error: BaseException, what: str) -> None:
        """The data file refused a change: say so loudly, keep the detail, show what is saved."""
        log.error("%s failed: %s", what, error, exc_info=error)
        self._not_saved(error)
        self.page_view.forget()  # show what is kept, not what failed to save
        self.refresh()

    def attach_file(self, ref: str, path: str) -> None:
        """Store the chosen file with the session and answer with its stored name."""
        try:
            self.active.attach(ref, path)
        except (OSError, ValueError) as error:  # unreadable file or refused value: at the question
            self.refused[ref] = str(error)
            self.refresh()
            return
        except Exception as error:
            self._store_failed(error, f"attaching a file to {ref}")
            return
        self.refused.pop(ref, None)
        self._saved_now()
        self.refresh()

    def add_repeat(self, ref: str) -> None:
        """Add a repeat instance and go to its first question."""
        try:
            new_ref = self.active.add_repeat(ref)
        except Exception as error:
            self._store_failed(error, f"adding to {ref}")
            return
        self._saved_now()
        self.refresh()
        first = next((p.ref for p in self.prompts if p.ref.startswith(new_ref + "/")), new_ref)
        self.jump_to(first)

    def remove_repeat(self, ref: str, label: str) -> None:
        """Remove a repeat instance after the person confirms."""
        answered = [
            answer_text(p.kind, p.datatype, p.value, {c.value: c.label for c in p.choices})
            for p in self.prompts
            if p.ref.startswith(ref + "/") and p.value and p.kind not in ("note", "group")
        ]
        if answered:  # say what goes: how many answers, and the first (a participant's code)
            first = answered[0] if len(answered[0]) <= 40 else answered[0][:39] + "…"
            question = self.tr(
                "Remove “%1” (%2) and its %n answer(s)? This cannot be undone.", "", len(answered)
            )
            question = question.replace("%1", label).replace("%2", first)
        else:
            question = self.tr("Remove “%1” and all its answers? This cannot be undone.")
            question = question.replace("%1", label)
        answer = QMessageBox.question(
            self,
            self.tr("Remove entry"),
            plain_for_auto_text(question),  # it quotes the form's label and an answer
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if not self.unsaved.retry():  # numbers shift on removal: save what waits first
            self._point_at_unsaved()
            return
        try:
            self.active.remove_repeat(ref)
        except Exception as error:
            self._store_failed(error, f"removing {ref}")
            return
        # Later instances move up one number: forget messages anywhere in this repeat.
        siblings = ref.rsplit("[", 1)[0] + "["
        self.refused = {r: m for r, m in self.refused.items() if not r.startswith(siblings)}
        self.flagged = {r: m for r, m in self.flagged.items() if not r.startswith(siblings)}
        self._saved_now()
        self.refresh()

    def add_note(self, text: str) -> None:
        """Store a focus-group note as a new `notes` repeat instance (autosaved like answers)."""
        notes = next(
            (p for p in self.prompts if p.kind == "repeat" and last_step(p.ref) == NOTES), None
        )
        page = self.current_page()
        if notes is None or self.readonly:
            return
        values = {
            "note_text": text,
            "note_elapsed": str(self.focus_panel.timer.seconds()),
            "note_topic": page.title if page else "",
            "note_time": datetime.now().astimezone().isoformat(timespec="milliseconds"),
        }
        try:
            new_ref = self._empty_note() or self.active.add_repeat(notes.ref)
            for name, value in values.items():
                self.active.answer(f"{new_ref}/{name}", value)
        except Exception as error:  # the typed note stays in the box to try again
            self._store_failed(error, "saving a note")
            return
        # Saving a note moved the stored position to it; resuming belongs on the topic page.
        self._remember(page.key if page else notes.ref)
        self._keep_timer()
        self._saved_now()
        self.focus_panel.note_saved()
        self._keep_note_typing("")
        self.refresh()

    def _empty_note(self) -> str | None:
        """A notes entry still blank (forms start with one): fill it rather than add another."""
        for prompt in reversed(self.prompts):
            if (
                last_step(prompt.ref) == "note_text"
                and last_step(prompt.ref.rsplit("/", 1)[0]) == NOTES
            ):
                return None if prompt.value else prompt.ref.rsplit("/", 1)[0]
        return None
