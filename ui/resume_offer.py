"""After a crash or a power cut: offer to continue the session that was being run.

The app found its running marker (app/run_marker.py) at start, so the last run was cut short.
The draft changed most recently during that run is what the facilitator was doing: ask whether
to continue it ("Continue “Grupo focal: mujeres” in Cantón El Amate, started 09:40?") rather
than leave them to find it in Sessions while a group waits.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.run_marker import UncleanExit
from app.store import DRAFT, SessionFilter, StoreError
from app.store.records import SubmissionSummary
from ui import dialogs
from ui.sessions_model import clock_time

if TYPE_CHECKING:
    from app.workspace import Workspace
    from ui.main_window import MainWindow


def _moment(iso: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.astimezone()


def interrupted_draft(workspace: Workspace, unclean: UncleanExit) -> SubmissionSummary | None:
    """The draft last edited during the run that was cut short (None if none was edited)."""
    rows = workspace.list_sessions(SessionFilter(status=DRAFT), 0, 1)
    if not rows:
        return None
    row = rows[0]
    started, changed = _moment(unclean.started_at), _moment(row.updated_at)
    if started is not None and changed is not None and changed < started:
        return None  # untouched since before that run: nothing was interrupted
    return row


def question(row: SubmissionSummary) -> str:
    """The offer in the interface language, naming the session as the facilitator knows it."""
    translate = QCoreApplication.translate
    title = row.form_title or row.form_id
    if row.community:
        text = translate(
            "ResumeOffer",
            "Encuentro was not closed properly last time. Continue “%1” in %2, started %3?",
        )
        text = text.replace("%2", row.community)
    else:
        text = translate(
            "ResumeOffer", "Encuentro was not closed properly last time. Continue “%1”, started %3?"
        )
    return text.replace("%3", clock_time(row.created_at)).replace("%1", title)


def offer_resume(window: MainWindow, workspace: Workspace, unclean: UncleanExit) -> bool:
    """Ask, and on yes enter as the session's facilitator and open the draft where it was left.
    Returns True when the session is being opened."""
    row = interrupted_draft(workspace, unclean)
    if row is None:
        return False
    wanted = row.profile_id or getattr(workspace.current_profile(), "id", None)
    profile = next((p for p in workspace.list_profiles() if p.id == wanted), None)
    if profile is None:
        return False  # that profile is gone: the session is still in Sessions
    title = QCoreApplication.translate("ResumeOffer", "Continue the unfinished session?")
    if not dialogs.ask_yes_no(window, title, question(row)):
        return False
    try:
        profile = workspace.choose_profile(profile.id)
    except StoreError as error:
        dialogs.show_error(window, title, window.access.explain(error))
        return False
    window.enter_workspace(profile)
    window.open_saved_session(row)
    return True
