"""Issue 9: the screen lock. Ctrl+L and idle time hide the window behind the PIN box; a wrong
PIN keeps it locked; text typed just before the lock is saved and back in its box after.
Real main window over a real Workspace protected by a PIN, the built-in focus-group guide."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.workspace import Workspace
from ui import settings as ui_settings
from ui.lock_screen import IDLE_SECONDS, ScreenLock
from ui.runner.text_editors import TextEditor

GUIDE = "grupo_focal_mujeres"
TYPED = "Casa comunal El Progreso"
PIN = "482193"


@pytest.fixture
def protected(qtbot, window, workspace):
    """The main window running a new draft, on data protected by Ana's PIN."""
    profile = workspace.create_profile("Ana Martínez", pin=PIN)
    window.enter_workspace(profile)
    active = workspace.start_session(GUIDE, facilitator=profile, language="es")
    window.open_runner(active)
    runner = window.runner
    qtbot.waitUntil(lambda: runner.page_view.focusable_refs() != [])
    return window, runner, active, profile


def first_text_box(qtbot, runner):
    for ref in runner.page_view.focusable_refs():
        editor = runner.page_view.blocks[ref].editor
        if isinstance(editor, TextEditor) and not editor.multiline and editor.datatype == "string":
            editor.box.setFocus()
            qtbot.waitUntil(editor.box.hasFocus)
            return ref, editor.box
    pytest.fail("no text question on the first page")


def stored_value(workspace: Workspace, profile_id: str, instance_id: str, ref: str) -> str:
    """What another start of the app reads from the (encrypted) data file."""
    with Workspace.open(workspace.config) as other:
        other.unlock(profile_id, PIN)
        return other.resume(instance_id).value(ref)


def unlock_with(qtbot, lock: ScreenLock, pin: str) -> None:
    lock.view.pin.clear()
    qtbot.keyClicks(lock.view.pin, pin)
    qtbot.keyClick(lock.view.pin, "\r")


def test_ctrl_l_locks_saves_the_typing_and_the_pin_brings_it_all_back(qtbot, protected):
    window, runner, active, profile = protected
    lock = window.screen_lock
    ref, box = first_text_box(qtbot, runner)
    qtbot.keyClicks(box, TYPED)  # no Tab, no Enter: still in the box
    qtbot.keyClick(box, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert lock.is_locked
    assert not runner.isVisible() and not window.statusBar().isVisible()
    assert not window.quit_action.isEnabled()  # the window's keys sleep while locked
    # Saved to the store before the lock showed, as if Tab had been pressed.
    assert stored_value(window.access.workspace, profile.id, active.instance_id, ref) == TYPED

    unlock_with(qtbot, lock, "0000")
    qtbot.waitUntil(lambda: lock.view.message.text() == "Wrong PIN. Try again.", timeout=30_000)
    assert lock.is_locked and not runner.isVisible()

    with qtbot.waitSignal(lock.unlocked, timeout=30_000):
        unlock_with(qtbot, lock, PIN)
    assert not lock.is_locked and runner.isVisible() and window.runner is runner
    assert box.text() == TYPED
    qtbot.waitUntil(box.hasFocus)  # back in the same box
    assert window.quit_action.isEnabled() and window.statusBar().isVisible()


def test_idle_time_locks_and_activity_postpones_it(qtbot, protected):
    window, runner, _active, _profile = protected
    lock = window.screen_lock
    lock.set_idle_seconds(1)
    assert lock.idle.isActive()
    qtbot.waitUntil(lambda: lock.is_locked, timeout=10_000)
    assert not runner.isVisible()
    with qtbot.waitSignal(lock.unlocked, timeout=30_000):
        unlock_with(qtbot, lock, PIN)
    assert lock.idle.isActive()  # counting again from the unlock


def test_the_idle_time_is_a_setting_and_zero_means_never(qtbot, protected):
    window, _runner, _active, _profile = protected
    lock = window.screen_lock
    never = next(action for seconds, action in lock.idle_actions if seconds == 0)
    never.trigger()
    assert ui_settings.app_settings().value(IDLE_SECONDS) in (0, "0")
    assert not lock.idle.isActive() and never.isChecked()
    thirty = next(action for seconds, action in lock.idle_actions if seconds == 30 * 60)
    thirty.trigger()
    assert lock.idle.isActive() and lock.idle.interval() == 30 * 60 * 1000


def test_a_folder_without_pins_cannot_be_locked(qtbot, window, workspace):
    profile = workspace.create_profile("Beto")
    window.enter_workspace(profile)
    window.screen_lock.action.trigger()
    assert not window.screen_lock.is_locked
    assert "no PIN" in window.statusBar().currentMessage()


def test_activity_in_a_folder_without_pins_never_starts_the_idle_lock(qtbot, window, workspace):
    profile = workspace.create_profile("Beto")
    window.enter_workspace(profile)
    lock = window.screen_lock
    lock.set_idle_seconds(1)
    qtbot.mouseClick(window.sessions_view, Qt.MouseButton.LeftButton)
    qtbot.keyClick(window, Qt.Key.Key_Shift)
    assert not lock.idle.isActive() and not lock.is_locked


def test_a_profile_without_a_pin_is_not_stranded_behind_the_lock(qtbot, window, workspace):
    beto = workspace.create_profile("Beto")  # made before the data had PINs
    ana = workspace.create_profile("Ana Martínez", pin=PIN)
    window.enter_workspace(beto)
    lock = window.screen_lock
    lock.lock()
    assert lock.is_locked and lock.view.profiles.count() == 1
    unlock_with(qtbot, lock, "1234")
    qtbot.waitUntil(lambda: lock.view.profiles.count() == 2, timeout=30_000)
    assert "no PIN" in lock.view.message.text()
    lock.view.profiles.setCurrentIndex(lock.view.profiles.findData(ana.id))
    with qtbot.waitSignal(lock.unlocked, timeout=30_000):
        unlock_with(qtbot, lock, PIN)
