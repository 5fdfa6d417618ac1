"""Issue 9: the start-up unlock dialog of a data folder protected by PINs."""

from __future__ import annotations

from pathlib import Path

from app.config import load_config
from app.workspace import Workspace
from ui.pin_dialog import UnlockDialog

PIN = "482193"


def encrypted_folder(data_dir: Path) -> tuple[str, str]:
    with Workspace.open(load_config(data_dir)) as ws:
        ana = ws.create_profile("Ana Martínez", pin=PIN)
        beto = ws.create_profile("Beto", pin="beto-pin")
    return ana.id, beto.id


def test_the_right_pin_unlocks_and_a_wrong_one_says_so(qtbot, data_dir: Path) -> None:
    ana_id, beto_id = encrypted_folder(data_dir)
    ws = Workspace.open(load_config(data_dir))
    try:
        assert ws.is_locked
        dialog = UnlockDialog(ws)
        qtbot.addWidget(dialog)
        assert [dialog.profiles.itemText(i) for i in range(dialog.profiles.count())] == [
            "Ana Martínez",
            "Beto",
        ]
        dialog.profiles.setCurrentIndex(dialog.profiles.findData(beto_id))
        qtbot.keyClicks(dialog.pin, PIN)  # Ana's PIN, not Beto's
        dialog.try_unlock()
        qtbot.waitUntil(lambda: dialog.message.text() == "Wrong PIN. Try again.", timeout=30_000)
        assert ws.is_locked and dialog.pin.text() == "" and dialog.pin.isEnabled()

        qtbot.keyClicks(dialog.pin, "beto-pin")
        with qtbot.waitSignal(dialog.accepted, timeout=30_000):
            dialog.try_unlock()
        assert not ws.is_locked
        assert dialog.unlocked_profile.id == beto_id
        assert ws.count_sessions() == 0
    finally:
        ws.close()


def test_the_dialog_says_when_to_wait_after_wrong_pins(qtbot, data_dir: Path) -> None:
    ana_id, _ = encrypted_folder(data_dir)
    ws = Workspace.open(load_config(data_dir))
    try:
        dialog = UnlockDialog(ws)
        qtbot.addWidget(dialog)
        dialog.profiles.setCurrentIndex(dialog.profiles.findData(ana_id))
        for _ in range(3):
            qtbot.keyClicks(dialog.pin, "0000")
            dialog.try_unlock()
            qtbot.waitUntil(lambda: dialog.pin.isEnabled(), timeout=30_000)
        qtbot.keyClicks(dialog.pin, PIN)
        dialog.try_unlock()
        qtbot.waitUntil(lambda: "Too many wrong PINs" in dialog.message.text(), timeout=30_000)
        assert ws.is_locked
    finally:
        ws.close()


def test_the_dialog_speaks_spanish(qtbot, data_dir: Path) -> None:
    from ui import i18n

    encrypted_folder(data_dir)
    i18n.set_language("es")
    ws = Workspace.open(load_config(data_dir))
    try:
        dialog = UnlockDialog(ws)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Desbloquear Encuentro"
        qtbot.keyClicks(dialog.pin, "0000")
        dialog.try_unlock()
        qtbot.waitUntil(lambda: "PIN incorrecto" in dialog.message.text(), timeout=30_000)
    finally:
        ws.close()
