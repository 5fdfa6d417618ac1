"""Issue 9: a data file that fails its start-up check is explained and the latest good backup
offered; restoring keeps the damaged file and opens the data again."""

from __future__ import annotations

from pathlib import Path

from app.config import load_config
from app.store.backup import daily_copies
from app.workspace import Workspace
from ui import dialogs
from ui.launch import open_workspace
from ui.pin_dialog import UnlockDialog

XML = "<data><n>{}</n><pad>" + "x" * 3000 + "</pad></data>"
NO_FORMS = Path(__file__).parent / "no-built-in-forms"


def fill(ws: Workspace) -> None:
    ws.store.forms.add("gf", "1", "Grupo focal", "<h:html/>", languages=["es"])
    for i in range(40):
        ws.store.submissions.create(f"uuid:{i}", "gf", "1", XML.format(f"respuesta {i}"))


def damage(path: Path) -> None:
    with open(path, "r+b") as handle:
        for page in (3, 5, 6):
            handle.seek(page * 4096)
            handle.write(b"\xa5\x17garbage" * 512)


def fresh_backup(db_path: Path, key: bytes | None) -> None:
    from app.data_health import backup_today

    for _, copy in daily_copies(db_path):
        copy.unlink()
    assert backup_today(db_path, key) is not None


def test_a_damaged_plain_file_is_restored_when_the_person_agrees(tmp_path, monkeypatch):
    config = load_config(tmp_path / "data")
    with Workspace.open(config, forms_folder=NO_FORMS) as ws:
        fill(ws)
    fresh_backup(config.database_path, None)
    damage(config.database_path)
    asked: list[str] = []
    told: list[str] = []

    def choose_restore(parent, title, message, action, details=""):
        asked.append(message)
        return True

    monkeypatch.setattr(dialogs, "ask_action", choose_restore)
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, text: told.append(text))
    monkeypatch.setattr("app.workspace.resource_path", lambda *_: NO_FORMS)
    ws = open_workspace(config)
    assert ws is not None
    try:
        assert ws.store.submissions.count() == 40
    finally:
        ws.close()
    assert "damaged" in asked[0] and "backup made on" in asked[0]
    kept = list(Path(config.database_path).parent.glob("*.damaged-*"))
    assert len(kept) == 1 and kept[0].name in told[0]


def test_closing_the_dialog_leaves_the_damaged_file_as_it_is(tmp_path, monkeypatch):
    config = load_config(tmp_path / "data")
    with Workspace.open(config, forms_folder=NO_FORMS) as ws:
        fill(ws)
    fresh_backup(config.database_path, None)
    damage(config.database_path)
    before = Path(config.database_path).read_bytes()
    monkeypatch.setattr(dialogs, "ask_action", lambda *args, **kwargs: False)
    assert open_workspace(config) is None
    assert Path(config.database_path).read_bytes() == before
    assert not list(Path(config.database_path).parent.glob("*.damaged-*"))


def test_an_encrypted_damaged_file_is_offered_its_backup_at_unlock(qtbot, tmp_path, monkeypatch):
    config = load_config(tmp_path / "data")
    with Workspace.open(config, forms_folder=NO_FORMS) as ws:
        ana = ws.create_profile("Ana", pin="482193")
        fill(ws)
        key = ws.protection.key
    fresh_backup(config.database_path, key)
    damage(config.database_path)
    monkeypatch.setattr(dialogs, "ask_action", lambda *args, **kwargs: True)
    monkeypatch.setattr(dialogs, "show_info", lambda *args: None)
    ws = Workspace.open(config, forms_folder=NO_FORMS, guard=True)
    try:
        dialog = UnlockDialog(ws)
        qtbot.addWidget(dialog)
        dialog.profiles.setCurrentIndex(dialog.profiles.findData(ana.id))
        qtbot.keyClicks(dialog.pin, "482193")
        with qtbot.waitSignal(dialog.accepted, timeout=30_000):
            dialog.try_unlock()
        assert ws.store.submissions.count() == 40
    finally:
        ws.close()


def test_the_app_makes_the_days_backup_in_the_background_once_started(qtbot, window, workspace):
    from ui.launch import keep_daily_backups

    db_path = Path(workspace.config.database_path)
    assert daily_copies(db_path) == []
    timer = keep_daily_backups(window, workspace)
    qtbot.waitUntil(lambda: len(daily_copies(db_path)) == 1, timeout=30_000)
    assert timer.isActive() and timer.interval() == 60 * 60 * 1000  # and again every hour
