"""Finalizing a session from its FormRunner (a part of FormRunner, kept apart).

The checks run first: what blocks finalizing is listed (and each listed question flagged on its
page). When nothing blocks, the person confirms — warned about discussion topics without notes —
and the session is finalised off the GUI thread; the runner takes no input meanwhile. Texts keep
the FormRunner translation context (translate("FormRunner", ...), the form pyside6-lupdate finds).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox
from shiboken6 import isValid

from app.engine.prompts import Problem
from ui.runner.focus_group import topics_without_notes
from ui.runner.runner_parts import RunnerParts
from ui.tasks import run_in_background

log = logging.getLogger("ui.runner.runner_widget")
translate = QCoreApplication.translate


class Finalizing(RunnerParts):
    """Mixed into FormRunner, which provides active, readonly, fg_mode, pages, prompts, unsaved,
    problems, flagged, finalizing, position_feed, the finalized signal and refresh, commit_typing,
    _point_at_unsaved, _apply_read_only and _store_failed."""

    def finalize(self) -> None:
        """List what still blocks finalizing; when nothing does, confirm, finalize, lock."""
        if self.readonly:
            return
        self.commit_typing()
        if not self.unsaved.retry():  # what is finalised must be what the person gave
            self._point_at_unsaved()
            return
        problems: list[Problem] = self.active.validate()
        if problems:
            self._show_problems(problems)
            return
        confirm = QMessageBox.question(
            self,
            translate("FormRunner", "Finalize session"),
            self._finalize_question(),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if confirm != QMessageBox.StandardButton.Yes:
            return
        # Off the GUI thread (checks and the final XML of a long session take a moment); nothing
        # may change the answers meanwhile, so the runner takes no input until it is done.
        self.finalizing = True
        self.setEnabled(False)
        run_in_background(
            self.active.finalize, self._finalize_done, self._finalize_failed, writes=True
        )

    def _finalize_question(self) -> str:
        """The confirmation: never "all complete" while discussion topics have no notes."""
        empty = topics_without_notes(self.pages, self.prompts) if self.fg_mode else []
        if not empty:
            return translate(
                "FormRunner",
                "All required answers are given. Finalize now? It can no longer be changed "
                "afterwards.",
            )
        listed = "\n".join(f"• {title}" for title in empty)
        return (
            translate(
                "FormRunner",
                "All required answers are given, but these discussion topics have no notes yet:",
            )
            + "\n"
            + listed
            + "\n\n"
            + translate("FormRunner", "Finalize anyway? It can no longer be changed afterwards.")
        )

    def _finalize_done(self, result: list[Problem] | None) -> None:
        if not isValid(self):  # closed meanwhile: the store has the finalised session anyway
            return
        self.finalizing = False
        self.setEnabled(True)
        problems = list(result or [])
        if problems:
            self._show_problems(problems)
            return
        self._show_problems([])
        self.readonly = True
        self.position_feed.stop()
        self.refresh()
        self._apply_read_only()
        self.finalized.emit(self.active.instance_id)

    def _finalize_failed(self, error: BaseException) -> None:
        if not isValid(self):
            log.error("finalizing failed after the runner closed", exc_info=error)
            return
        self.finalizing = False
        self.setEnabled(True)
        self._store_failed(error, "finalizing")  # disk full, another window: still a draft

    def _show_problems(self, problems: list[Problem]) -> None:
        self.flagged = {p.ref: p.message for p in problems}
        self.problems.show_problems(problems, self.prompts)
        self.refresh()
        if problems:
            self.problems.list.setCurrentRow(0)
            self.problems.list.setFocus()
