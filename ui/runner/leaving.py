"""How a FormRunner is left without losing what was typed (a part of FormRunner, kept apart).

Every road out of a session — its Close button, the window's close button or Ctrl+Q, another
session opened, the app quitting or the OS session ending — first saves the half-typed answer, a
note typed in the notes box without Enter and the timer's seconds. Answers the data file refused
(UnsavedAnswers) are tried once more, and closing while they still wait asks first. Texts keep the
FormRunner translation context, so they are translated as FormRunner's own.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QMessageBox, QWidget

from app.store.errors import CONFLICT, StoreError
from ui.plain_text import plain_for_auto_text
from ui.runner.runner_parts import RunnerParts
from ui.store_messages import error_text

log = logging.getLogger("ui.runner.runner_widget")
# Texts are FormRunner's (one translation context), written translate("FormRunner", ...) at each
# use: the form pyside6-lupdate finds.
translate = QCoreApplication.translate


class LeavingSafely(RunnerParts):
    """FormRunner's base: saving on the way out, asking before dropping unsaved answers.

    Uses FormRunner's attributes (active, readonly, fg_mode, unsaved, focus_panel, page_view,
    position_feed) and methods (commit_typing, add_note, jump_to, refresh, _saved_now)."""

    _watched_window: QWidget | None = None

    def _app_leaving(self, *_session_manager: object) -> None:
        if self.readonly:
            return
        self.commit_typing()
        self._keep_typed_note()
        self._keep_timer()
        self.unsaved.retry()

    def _keep_timer(self) -> None:
        """Keep the timer's seconds with the draft (on pause, note and leaving): a resumed
        session goes on from there instead of from its last note."""
        if not self.fg_mode or self.readonly:
            return
        try:
            self.active.set_timer_seconds(self.focus_panel.timer.seconds())
        except Exception as error:  # noqa: BLE001 - the timer is not an answer; the notes keep theirs
            log.warning("could not keep the session timer: %s", error)

    def _keep_note_typing(self, text: str) -> None:
        """Keep the note being typed beside the draft (after a pause), so a crash or power cut
        does not lose it; it comes back into the box when the session is opened again."""
        if not self.fg_mode or self.readonly:
            return
        try:
            self.active.set_note_draft(text.strip())
        except Exception as error:  # noqa: BLE001 - the box still holds it; Enter saves it as a note
            log.warning("could not keep the note being typed: %s", type(error).__name__)

    def _keep_typed_note(self) -> None:
        """A note typed in the notes box but not yet entered is saved as a note when the runner
        is left (the note-taker's words are data like any answer)."""
        if self.fg_mode and not self.readonly and self.focus_panel.entry.text().strip():
            self.add_note(self.focus_panel.entry.text().strip())

    def has_unsaved(self) -> bool:
        """True while answers the data file refused are still waiting (the host may ask before
        closing; retried here once first)."""
        return not self.unsaved.retry()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt name)
        # Closing the whole window (its close button, Ctrl+Q) must not drop answers the data
        # file still refuses without asking: watch the window this runner sits in.
        window = self.window()
        if window is not self._watched_window:
            if self._watched_window is not None:
                self._watched_window.removeEventFilter(self)
            window.installEventFilter(self)
            self._watched_window = window
        super().showEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if (
            watched is self._watched_window
            and event.type() == QEvent.Type.Close
            and not self.readonly
            and self.isVisible()
        ):
            self.commit_typing()
            self._keep_typed_note()
            if not self.unsaved.retry() and not self._give_up_unsaved():
                event.ignore()
                return True
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt name)
        # Leaving the runner by any road (Close, the main window's menu, quitting) keeps the
        # half-typed answer: it is saved like any other.
        if not self.readonly:
            self.commit_typing()
            if not event.spontaneous():  # minimising the window is not leaving the session
                self._keep_typed_note()
            self._keep_timer()
            self.unsaved.retry()
        if not event.spontaneous():  # a position fix coming after leaving is dropped
            self.position_feed.leave()
        super().hideEvent(event)

    def _explain(self, error: BaseException | None) -> str:
        """Why saving failed, in the interface language, with what to do."""
        if error is None:
            return ""
        if isinstance(error, StoreError) and error.kind == CONFLICT:
            return translate(
                "FormRunner",
                "This session was changed in another Encuentro window since it was opened "
                "here, so this change was not saved (it would overwrite those answers). Close "
                "the session here, open it again to see all its answers, and repeat the change.",
            )
        if isinstance(error, StoreError):
            return error_text(error, str(getattr(self.active, "data_file", "")))
        return str(error)

    def _point_at_unsaved(self) -> None:
        """Show the first answer still waiting to be saved, with its message (the person was
        told in a box when saving first failed)."""
        self._show_not_saved(self.unsaved.last_error or RuntimeError(), tell=False)
        self.jump_to(next(iter(self.unsaved.values)))

    def _save_kept(self, ref: str, value: str) -> None:
        """Save an answer the data file refused before (raises while it still refuses)."""
        self.page_view.forget(ref)
        try:
            self.active.answer(ref, value)
        except ValueError as error:  # the form refuses it now: say why at the question
            self.refused[ref] = str(error)

    def _kept_answers_saved(self) -> None:
        self._saved_now()
        self.refresh()

    def _not_saved(self, error: BaseException) -> None:
        self._show_not_saved(error, tell=True)

    def _show_not_saved(self, error: BaseException, tell: bool) -> None:
        self.saved.setStyleSheet("color: #a4001d; font-weight: bold;")
        self.saved.setText(translate("FormRunner", "⚠ NOT saved"))
        if not tell:
            return
        QMessageBox.critical(
            self,
            translate("FormRunner", "Answer not saved"),
            plain_for_auto_text(  # the reason may quote a form's label
                translate("FormRunner", "The last answer could not be saved:\n%1").replace(
                    "%1", self._explain(error)
                )
            ),
        )
