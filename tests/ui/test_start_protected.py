"""Issue 9 on the start screen: a new profile gets a PIN (twice), each profile opens with its own
PIN, and Change PIN rewraps the key. Real dialogs driven with the keyboard; only their modal
exec() is replaced (it would block the test), by a function that drives the same dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.config import load_config
from app.workspace import Workspace
from ui import pin_dialog, pin_setup
from ui.pin_dialog import UnlockDialog
from ui.pin_setup import ChangePinDialog, NewPinDialog

PIN = "482193"


@pytest.fixture(autouse=True)
def protected_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ENCUENTRO_PLAIN_PROFILES", raising=False)


def test_the_new_pin_dialog_wants_a_long_enough_pin_typed_twice(qtbot) -> None:
    dialog = NewPinDialog("Ana")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    assert not dialog.name.isVisible()  # the start screen asked the name already
    assert dialog.focusWidget() is dialog.pin
    qtbot.keyClicks(dialog.pin, "1234")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)  # Enter moves on to the confirmation...
    assert dialog.focusWidget() is dialog.again
    assert dialog.message.text() == ""  # ...and saves nothing half-typed
    qtbot.keyClicks(dialog.again, "1234")
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "at least 6" in dialog.message.text()
    dialog.pin.clear()
    qtbot.keyClicks(dialog.pin, PIN)
    qtbot.keyClicks(dialog.again, "482199")
    dialog.try_accept()
    assert "differ" in dialog.message.text() and dialog.again.text() == ""
    qtbot.keyClicks(dialog.again, PIN)
    with qtbot.waitSignal(dialog.accepted, timeout=5_000):
        qtbot.keyClick(dialog.again, Qt.Key.Key_Return)


def test_the_new_pin_dialog_speaks_spanish(qtbot) -> None:
    from ui import i18n

    i18n.set_language("es")
    dialog = NewPinDialog("Ana")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Proteja su perfil con un PIN"
    assert "cifradas" in dialog.findChildren(type(dialog.message))[0].text()
    dialog.try_accept()
    assert "al menos 6" in dialog.message.text()


def drive_new_pin(monkeypatch: pytest.MonkeyPatch, asked: list[str]) -> None:
    def answer(_parent, name: str) -> str:
        asked.append(name)
        return PIN

    monkeypatch.setattr(pin_setup, "ask_new_pin", answer)


def test_a_profile_made_on_the_start_screen_is_protected_by_its_pin(
    qtbot, window, workspace, monkeypatch
) -> None:
    asked: list[str] = []
    drive_new_pin(monkeypatch, asked)
    view = window.start_view
    qtbot.keyClicks(view.new_name, "Ana")
    qtbot.keyClick(view.new_name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.tabs, timeout=60_000)
    assert asked == ["Ana"]
    assert workspace.protection.encrypted and window.profile.display_name == "Ana"
    assert workspace.unlocked_profile_id == window.profile.id
    workspace.lock()
    reopened = Workspace.open(load_config(workspace.config.data_dir))
    try:
        assert reopened.is_locked
        reopened.unlock(window.profile.id, PIN)
    finally:
        reopened.close()


def protected_folder(data_dir: Path) -> tuple[str, str]:
    with Workspace.open(load_config(data_dir)) as ws:
        ana = ws.create_profile("Ana", pin=PIN)
        ws.start_session(ws.list_forms()[0].form_id)
        beto = ws.create_profile("Beto", pin="beto-pin")
    return ana.id, beto.id


def typing_the_pin(qtbot, monkeypatch: pytest.MonkeyPatch, pin: str, seen: list[str]) -> None:
    """ask_pin_and_unlock on the real dialog: the PIN typed, Enter, the unlock awaited."""

    def ask(parent, workspace, profile) -> bool:
        dialog = UnlockDialog(workspace, parent, profile=profile)
        qtbot.addWidget(dialog)
        seen.append(profile.display_name)
        assert not dialog.profiles.isVisibleTo(dialog) and dialog.new_button is None
        qtbot.keyClicks(dialog.pin, pin)
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
        accepted = dialog.DialogCode.Accepted
        qtbot.waitUntil(
            lambda: dialog.pin.isEnabled() or dialog.result() == accepted, timeout=60_000
        )
        return dialog.result() == accepted

    monkeypatch.setattr(pin_dialog, "ask_pin_and_unlock", ask)


def test_each_profile_opens_with_its_own_pin_only(qtbot, data_dir, monkeypatch) -> None:
    from ui.main_window import MainWindow

    ana_id, beto_id = protected_folder(data_dir)
    workspace = Workspace.open(load_config(data_dir))
    try:
        workspace.unlock(ana_id, PIN)  # as the launch's dialog does
        window = MainWindow(workspace)  # deleted by forget_windows() below
        view = window.start_view
        assert view.change_pin_button.isVisibleTo(window)
        seen: list[str] = []
        typing_the_pin(qtbot, monkeypatch, PIN, seen)
        rows = {view.profiles.item(r).text(): r for r in range(view.profiles.count())}
        view.profiles.setCurrentRow(rows["Ana"])
        window.start.continue_with_selected()  # the launch checked Ana's PIN: straight in
        assert seen == [] and window.profile.id == ana_id
        assert workspace.count_sessions() == 1

        window.show_start()  # someone else may sit down now
        view.profiles.setCurrentRow(rows["Beto"])
        window.start.continue_with_selected()  # Ana's PIN typed for Beto: refused
        assert seen == ["Beto"] and window.stack.currentWidget() is view
        assert workspace.unlocked_profile_id == ana_id
        typing_the_pin(qtbot, monkeypatch, "beto-pin", seen)
        window.start.continue_with_selected()
        assert window.profile.id == beto_id and workspace.unlocked_profile_id == beto_id
        assert workspace.count_sessions() == 0  # Ana's session is not Beto's

        window.show_start()
        view.profiles.setCurrentRow(rows["Ana"])
        typing_the_pin(qtbot, monkeypatch, "wrong-pin", seen)
        window.start.continue_with_selected()  # back to Ana: her PIN again
        assert seen[-1] == "Ana" and window.stack.currentWidget() is view
    finally:
        from tests.ui.conftest import forget_windows

        forget_windows()
        workspace.close()


def test_change_pin_needs_the_old_one_and_keeps_the_sessions(qtbot, data_dir) -> None:
    ana_id, _ = protected_folder(data_dir)
    workspace = Workspace.open(load_config(data_dir))
    try:
        ana = next(p for p in workspace.list_profiles() if p.id == ana_id)
        dialog = ChangePinDialog(workspace, ana)
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.old, "999999")
        qtbot.keyClick(dialog.old, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.pin, "739152")
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.again, "739152")
        qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: "wrong" in dialog.message.text(), timeout=60_000)
        qtbot.keyClicks(dialog.old, PIN)
        with qtbot.waitSignal(dialog.accepted, timeout=60_000):
            dialog.try_change()
        assert workspace.is_locked  # changing a PIN opens nothing
        workspace.unlock(ana_id, "739152")
        assert workspace.count_sessions() == 1
    finally:
        workspace.close()


def test_a_new_facilitator_on_a_locked_laptop_needs_no_one_elses_pin(
    qtbot, data_dir, monkeypatch
) -> None:
    protected_folder(data_dir)
    workspace = Workspace.open(load_config(data_dir))
    try:
        monkeypatch.setattr(pin_setup, "ask_new_profile", lambda _parent: ("Carla", "carla-pin"))
        dialog = UnlockDialog(workspace)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.accepted, timeout=60_000):
            dialog.new_button.click()
        assert dialog.unlocked_profile.display_name == "Carla"
        assert workspace.unlocked_profile_id == dialog.unlocked_profile.id
        assert workspace.count_sessions() == 0
    finally:
        workspace.close()


def test_supervisor_mode_gets_its_own_profile_file_and_pin(qtbot, data_dir, monkeypatch) -> None:
    from ui.start_controller import StartController
    from ui.start_view import StartView
    from ui.workspace_access import WorkspaceAccess

    ana_id, _ = protected_folder(data_dir)
    workspace = Workspace.open(load_config(data_dir))
    try:
        workspace.unlock(ana_id, PIN)
        view = StartView()
        qtbot.addWidget(view)
        start = StartController(view, WorkspaceAccess(workspace))
        start.trust_unlocked_profile()
        monkeypatch.setattr(pin_setup, "ask_new_profile", lambda _parent: ("Sonia", "sonia-pin"))
        with qtbot.waitSignal(start.supervisor_requested, timeout=60_000):
            view.supervisor_button.click()  # first sign-in: a PIN of its own is chosen
        sonia = next(p for p in workspace.list_profiles() if p.display_name == "Sonia")
        assert sonia.role == "supervisor" and workspace.unlocked_profile_id == sonia.id
        assert workspace.count_sessions() == 0  # not Ana's file
        start.refresh()
        listed = [view.profiles.item(r).text() for r in range(view.profiles.count())]
        assert listed == ["Ana", "Beto"]  # the supervisor is not a facilitator to pick

        seen: list[str] = []
        typing_the_pin(qtbot, monkeypatch, PIN, seen)  # Ana's PIN is not Sonia's
        with qtbot.assertNotEmitted(start.supervisor_requested):
            view.supervisor_button.click()
        assert seen == ["Sonia"]
        typing_the_pin(qtbot, monkeypatch, "sonia-pin", seen)
        with qtbot.waitSignal(start.supervisor_requested, timeout=60_000):
            view.supervisor_button.click()
    finally:
        workspace.close()
