"""Issue 7: start, resume, correction, finalize and import run through ui/tasks.py's one
background helper, never on the GUI thread (the window keeps drawing while a big form loads)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.active_session import ActiveSession
from app.workspace import Workspace
from tests.ui.test_review_banner import enter, returned_session, select


@pytest.fixture
def threads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bool]:
    """Which Workspace/ActiveSession operations ran, and whether on the GUI thread (a spy: the
    real methods run unchanged)."""
    seen: dict[str, bool] = {}

    def spy(owner: type, name: str) -> None:
        real = getattr(owner, name)

        def recorded(*args, **kwargs):
            seen[name] = threading.current_thread() is threading.main_thread()
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, recorded)

    for name in ("start_session", "resume", "start_correction", "import_form"):
        spy(Workspace, name)
    spy(ActiveSession, "finalize")
    return seen


def test_start_finalize_resume_and_correction_run_off_the_gui_thread(
    qtbot, window, workspace, threads, monkeypatch
) -> None:
    enter(qtbot, window)
    with qtbot.waitSignal(window.runner_opened, timeout=10_000):
        window.library.start_selected()
    assert threads.pop("start_session") is False

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    runner = window.runner
    # Past the runner's own check: the session's finalize() (which checks again) runs.
    monkeypatch.setattr(runner.active, "validate", lambda: [])
    runner.finalize()
    assert runner.finalizing and not runner.isEnabled()  # no input while it runs
    qtbot.waitUntil(lambda: not runner.finalizing, timeout=10_000)
    assert threads.pop("finalize") is False
    assert runner.isEnabled() and not runner.readonly  # required answers missing: still a draft
    assert workspace.session_record(runner.active.instance_id).status == "draft"
    runner.close_session()

    returned = returned_session(workspace, window.profile)
    window.sessions.reload()
    window.show_tab(window.sessions_view)
    select(window, returned)
    with qtbot.waitSignal(window.runner_opened, timeout=10_000):
        window.sessions.open_current()
    assert threads.pop("resume") is False
    window.runner.close_session()

    select(window, returned)
    with qtbot.waitSignal(window.runner_opened, timeout=10_000):
        window.sessions.correct_current()
    assert threads.pop("start_correction") is False
    assert threads.pop("resume") is False  # the correction opens like any saved session
    assert not window.runner.readonly


def test_import_runs_off_the_gui_thread(qtbot, window, threads, dialogs, tmp_path: Path) -> None:
    enter(qtbot, window)
    form = tmp_path / "taller.md"
    form.write_text(
        "| survey |\n| | type | name | label |\n| | text | q | Q |\n"
        "| settings |\n| | form_id | version |\n| | taller | 1 |\n",
        encoding="utf-8",
    )
    window.library.import_files([str(form)])
    qtbot.waitUntil(lambda: not window.library.busy(), timeout=20_000)
    assert threads.pop("import_form") is False
    assert dialogs.errors == []
