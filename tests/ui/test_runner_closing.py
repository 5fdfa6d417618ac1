"""Leaving a session by any road keeps what was typed: the main window's close button, Ctrl+Q,
switching facilitator, opening another session, switching the interface language, and a note
typed in the focus-group box without Enter. Real main window, real Workspace, built-in guide."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QEvent

from app.workspace import Workspace
from ui import i18n
from ui.runner.editor_base import QuestionEditor
from ui.runner.text_editors import TextEditor

GUIDE = "grupo_focal_mujeres"
TYPED = "Casa comunal El Progreso"


@pytest.fixture
def running(qtbot, window, workspace):
    """The main window running a new focus-group draft, as the facilitator left it."""
    profile = workspace.create_profile("Ana Martínez")
    window.enter_workspace(profile)
    active = workspace.start_session(GUIDE, facilitator=profile, language="es")
    window.open_runner(active)
    runner = window.runner
    qtbot.waitUntil(lambda: runner.page_view.focusable_refs() != [])
    return window, runner, active


def first_text_box(qtbot, runner):
    """The first one-line text question of the current page, focused."""
    for ref in runner.page_view.focusable_refs():
        editor = runner.page_view.blocks[ref].editor
        if isinstance(editor, TextEditor) and not editor.multiline and editor.datatype == "string":
            editor.box.setFocus()
            qtbot.waitUntil(editor.box.hasFocus)
            return ref, editor.box
    pytest.fail("no text question on the first page")


def stored_value(workspace: Workspace, instance_id: str, ref: str) -> str:
    """What a restarted app reads from the data file."""
    with Workspace.open(workspace.config) as other:
        return other.resume(instance_id).value(ref)


def type_without_leaving(qtbot, box) -> None:
    qtbot.keyClicks(box, TYPED)
    assert isinstance(box.parentWidget(), QuestionEditor)  # still in the box: nothing committed


@pytest.mark.parametrize(
    "leave",
    [
        pytest.param(lambda window: window.close(), id="window close button"),
        pytest.param(lambda window: window.quit_action.trigger(), id="Ctrl+Q"),
        pytest.param(lambda window: window.show_start(), id="switching facilitator"),
    ],
)
def test_half_typed_answer_survives_leaving_the_window(qtbot, running, workspace, leave):
    window, runner, active = running
    ref, box = first_text_box(qtbot, runner)
    type_without_leaving(qtbot, box)
    leave(window)
    assert stored_value(workspace, active.instance_id, ref) == TYPED


def test_half_typed_answer_survives_opening_another_session(qtbot, running, workspace):
    window, runner, active = running
    ref, box = first_text_box(qtbot, runner)
    type_without_leaving(qtbot, box)
    window.open_runner(workspace.start_session(GUIDE, language="es"))
    assert stored_value(workspace, active.instance_id, ref) == TYPED


def test_half_typed_answer_survives_switching_the_interface_language(qtbot, running, workspace):
    window, runner, active = running
    ref, box = first_text_box(qtbot, runner)
    type_without_leaving(qtbot, box)
    i18n.set_language("es")  # what the language switch does; the runner rebuilds its editors
    qtbot.waitUntil(lambda: runner.page_title.text().startswith("Página"))
    assert stored_value(workspace, active.instance_id, ref) == TYPED
    assert runner.page_view.blocks[ref].editor.box.text() == TYPED


def test_a_note_typed_without_enter_is_kept_when_the_window_closes(qtbot, running, workspace):
    window, runner, active = running
    assert runner.fg_mode
    entry = runner.focus_panel.entry
    entry.setFocus()
    qtbot.waitUntil(entry.hasFocus)
    qtbot.keyClicks(entry, "Dicen que el parque no tiene luz de noche")
    window.close()
    with Workspace.open(workspace.config) as other:
        xml = other.store.submissions.get(active.instance_id).instance_xml
    assert "Dicen que el parque no tiene luz de noche" in xml


def test_minimising_does_not_cut_a_note_in_half(qtbot, running):
    window, runner, active = running
    entry = runner.focus_panel.entry
    entry.setFocus()
    qtbot.keyClicks(entry, "Dicen que")
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    assert entry.text() == "Dicen que"
    assert "Dicen que" not in active.session.to_xml(include_non_relevant=True)


def test_the_timer_goes_on_from_where_the_session_was_left(qtbot, running, workspace):
    window, runner, active = running
    timer = runner.focus_panel.timer
    timer.set_seconds(300)  # five minutes of discussion, one note at 5:00...
    runner.add_note("Primera nota")
    timer.set_seconds(2400)  # ...and talk went on to 40:00 without another note
    window.close()
    with Workspace.open(workspace.config) as other:
        from ui.runner import FormRunner

        resumed = FormRunner(other.resume(active.instance_id))
        qtbot.addWidget(resumed)
        assert resumed.focus_panel.timer.seconds() == 2400  # not 5:00, the last note's time
        assert not resumed.focus_panel.timer.running()  # paused until the facilitator goes on
        resumed.close()
        resumed.deleteLater()
    finished = workspace.resume(active.instance_id)
    assert finished.timer_seconds() == 2400


def test_the_app_quitting_without_closing_the_window_keeps_the_typing(
    qtbot, qapp, running, workspace
):
    window, first_runner, _ = running
    active = workspace.start_session(GUIDE, language="es")
    window.open_runner(active)  # the first runner is closed and deleted: it must not answer
    qapp.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(first_runner)
    runner = window.runner
    qtbot.waitUntil(lambda: runner.page_view.focusable_refs() != [])
    ref, box = first_text_box(qtbot, runner)
    type_without_leaving(qtbot, box)
    entry = runner.focus_panel.entry
    entry.insert("Nota a medias")  # typed in the notes box, no Enter
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qapp.aboutToQuit.emit()  # what QApplication sends when the OS session ends or quit() runs
    with Workspace.open(workspace.config) as other:
        xml = other.store.submissions.get(active.instance_id).instance_xml
        assert other.resume(active.instance_id).value(ref) == TYPED
    assert "Nota a medias" in xml


def test_closing_the_window_with_an_answer_the_disk_refused_asks_first(
    qtbot, running, workspace, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    window, runner, active = running
    monkeypatch.setattr(QMessageBox, "critical", lambda *args, **kwargs: None)
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "warning",
        lambda *args, **kwargs: asked.append(args[2]) or QMessageBox.StandardButton.No,
    )
    conn = workspace.store._db.conn
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    ref, box = first_text_box(qtbot, runner)
    long_answer = "Casa comunal " * 2000
    box.insert(long_answer)
    window.quit_action.trigger()  # Ctrl+Q: the disk is full, the answer cannot be saved
    assert window.isVisible() and window.runner is runner and len(asked) == 1
    assert box.text() == long_answer  # still there to be saved
    conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
    window.close()  # saved on the way out: nothing to ask
    assert len(asked) == 1
    assert stored_value(workspace, active.instance_id, ref) == long_answer.strip()
