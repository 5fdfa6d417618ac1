"""A note typed in the focus-group box but not entered survives a crash: it is kept beside the
draft after a short pause (like free text) and comes back into the box when the session reopens.
Real Workspace and data file; the "crash" is a second Workspace opening the file while the first
runner still has the note only in its box."""

from __future__ import annotations

import pytest

from app.active_session import note_draft_key
from app.workspace import Workspace
from ui.runner import FormRunner

GUIDE = "grupo_focal_mujeres"
NOTE = "Dicen que el parque no tiene luz de noche"


@pytest.fixture
def runner(qtbot, workspace):
    profile = workspace.create_profile("Ana Martínez")
    active = workspace.start_session(GUIDE, facilitator=profile, language="es")
    runner = FormRunner(active)
    qtbot.addWidget(runner)
    runner.show()
    qtbot.waitExposed(runner)
    assert runner.fg_mode
    return runner


def kept_draft(workspace: Workspace, instance_id: str) -> str:
    with Workspace.open(workspace.config) as other:
        return other.resume(instance_id).note_draft()


def test_a_note_being_typed_is_kept_after_a_pause_and_restored(qtbot, runner, workspace):
    entry = runner.focus_panel.entry
    entry.setFocus()
    qtbot.keyClicks(entry, NOTE)
    instance_id = runner.active.instance_id
    # Nothing entered yet, and no note in the answers: only the box holds it until the pause.
    qtbot.waitUntil(lambda: kept_draft(workspace, instance_id) == NOTE, timeout=10_000)
    assert NOTE not in runner.active.session.to_xml(include_non_relevant=True)
    # The laptop dies here: a fresh app opens the same data file.
    with Workspace.open(workspace.config) as other:
        reopened = FormRunner(other.resume(instance_id))
        qtbot.addWidget(reopened)
        assert reopened.focus_panel.entry.text() == NOTE
        reopened.focus_panel.entry.clear()  # leaving must not save it twice as a note
        reopened.close()
        reopened.deleteLater()


def test_entering_the_note_forgets_the_kept_typing(qtbot, runner, workspace):
    entry = runner.focus_panel.entry
    entry.setFocus()
    qtbot.keyClicks(entry, NOTE)
    instance_id = runner.active.instance_id
    qtbot.waitUntil(lambda: kept_draft(workspace, instance_id) == NOTE, timeout=10_000)
    qtbot.keyClick(entry, "\r")
    qtbot.waitUntil(lambda: entry.text() == "")
    assert kept_draft(workspace, instance_id) == ""
    assert NOTE in runner.active.session.to_xml(include_non_relevant=True)


def test_the_kept_typing_goes_with_the_draft(runner, workspace):
    instance_id = runner.active.instance_id
    runner.active.set_note_draft(NOTE)
    workspace.delete_draft(instance_id)
    assert workspace.store.settings.get(note_draft_key(instance_id)) is None
