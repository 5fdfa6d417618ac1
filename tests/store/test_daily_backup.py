"""Issue 9: a daily consistent copy (encrypted like the source), a week kept, a damaged file
found at start, the latest good copy restored and the damaged file kept aside.

Runs on a plain and an encrypted data file (the `store_key` fixture of this folder)."""

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from app.config import load_config
from app.data_health import DamagedData, backup_today, check_data_file
from app.store import Store
from app.store.backup import (
    KEEP_DAYS,
    daily_backup,
    daily_copies,
    latest_good,
    quick_check,
    restore,
)
from app.store.encrypt_file import is_plain
from app.workspace import Workspace

MARKER = "Dolores-4K8 habló de las amenazas en Ilopango"
DAY = date(2030, 1, 15)
NO_FORMS = Path(__file__).parent / "no-built-in-forms"  # none: quick opens


def draft(text: str) -> str:
    return f"<data><n>{text}</n><pad>{'x' * 3000}</pad></data>"


def fill(store: Store, n: int = 40) -> None:
    store.forms.add("gf", "1", "Grupo focal", "<h:html/>", languages=["es"])
    for i in range(n):
        store.submissions.create(f"uuid:{i}", "gf", "1", draft(f"{MARKER} {i}"))


def damage(path: Path) -> None:
    """Garbage over pages in the middle of the file (not the header): the file still opens, its
    b-trees are broken, as after a bad sector or a write torn by a power cut."""
    size = path.stat().st_size
    assert size > 8 * 4096, size
    with open(path, "r+b") as handle:
        for page in (3, 5, 6):
            handle.seek(page * 4096)
            handle.write(b"\xa5\x17garbage" * 512)


def test_one_copy_per_day_through_the_backup_api(db_path, store, store_key):
    fill(store)
    first = daily_backup(db_path, store_key, DAY)
    assert first is not None and first.parent == db_path.parent / "backups"
    assert daily_backup(db_path, store_key, DAY) is None  # already made today
    store.submissions.create("uuid:later", "gf", "1", draft("later"))
    second = daily_backup(db_path, store_key, DAY + timedelta(days=1))
    assert second is not None and second != first
    assert [day for day, _ in daily_copies(db_path)] == [DAY, DAY + timedelta(days=1)]
    # Consistent copies holding what was committed when each was taken.
    with Store.open(first, key=store_key) as copy:
        assert copy.submissions.count() == 40
    with Store.open(second, key=store_key) as copy:
        assert copy.submissions.count() == 41
    assert second.stat().st_mode & 0o077 == 0  # owner-only: it holds every answer


def test_an_encrypted_files_backup_is_encrypted_with_the_same_key(db_path, store, store_key):
    if store_key is None:  # a folder without PINs: its copy is as plain as the file itself
        fill(store)
        copy = daily_backup(db_path, None, DAY)
        assert copy is not None and is_plain(copy) and quick_check(copy, None) == []
        return
    fill(store)
    store.submissions.create("uuid:wal", "gf", "1", draft(f"{MARKER} in the WAL only"))
    copy = daily_backup(db_path, store_key, DAY)
    assert copy is not None
    data = copy.read_bytes()
    assert not is_plain(copy)
    assert MARKER.encode() not in data and b"Grupo focal" not in data
    assert quick_check(copy, store_key) == []
    assert quick_check(copy, None) != []  # unreadable without the key
    with Store.open(copy, key=store_key) as opened:
        assert opened.submissions.count() == 41  # the WAL's commit is in the copy too


def test_copies_older_than_a_week_are_pruned(db_path, store, store_key):
    fill(store, 2)
    for back in range(10, 0, -1):
        daily_backup(db_path, store_key, DAY - timedelta(days=back))
    # Each day's copy prunes what is past the week: the oldest three are gone.
    kept = [day for day, _ in daily_copies(db_path)]
    assert kept == [DAY - timedelta(days=back) for back in range(KEEP_DAYS, 0, -1)]
    daily_backup(db_path, store_key, DAY)
    kept = [day for day, _ in daily_copies(db_path)]
    assert len(kept) == KEEP_DAYS and kept[0] == DAY - timedelta(days=KEEP_DAYS - 1)
    assert kept[-1] == DAY
    # Pre-migration copies and other files in backups/ are not the daily copies' business.
    other = db_path.parent / "backups" / "notes.txt"
    other.write_text("keep me")
    daily_backup(db_path, store_key, DAY + timedelta(days=30))
    assert other.exists() and len(daily_copies(db_path)) == 1


def test_a_damaged_file_is_found_and_the_latest_good_backup_restored(db_path, store, store_key):
    fill(store)
    daily_backup(db_path, store_key, DAY - timedelta(days=2))
    good = daily_backup(db_path, store_key, DAY - timedelta(days=1))
    store.close()
    assert quick_check(db_path, store_key) == []
    check_data_file(db_path, store_key)  # sound: nothing raised
    damage(db_path)
    damaged_bytes = db_path.read_bytes()
    assert quick_check(db_path, store_key) != []

    with pytest.raises(DamagedData) as caught:
        check_data_file(db_path, store_key)
    error = caught.value
    assert error.kind == "corrupt" and error.backup == good
    assert error.backup_day == DAY - timedelta(days=1)
    aside = error.restore(datetime(2030, 1, 15, 9, 30, 0))

    # The damaged file is kept, byte for byte, beside the restored one, with a timestamp.
    assert aside == db_path.with_name(f"{db_path.name}.damaged-20300115-093000")
    assert aside.read_bytes() == damaged_bytes
    assert quick_check(db_path, store_key) == []
    with Store.open(db_path, key=store_key) as restored:
        assert restored.submissions.count() == 40
        assert MARKER in restored.submissions.get("uuid:7").instance_xml
    assert good.exists()  # the copy stays in backups/ too


def test_a_damaged_backup_is_never_offered_or_restored(db_path, store, store_key):
    fill(store)
    older = daily_backup(db_path, store_key, DAY - timedelta(days=2))
    newer = daily_backup(db_path, store_key, DAY - timedelta(days=1))
    store.close()
    damage(newer)
    assert latest_good(db_path, store_key) == older
    before = db_path.read_bytes()
    with pytest.raises(ValueError, match="damaged too"):
        restore(db_path, newer, store_key, datetime(2026, 12, 7))
    assert db_path.read_bytes() == before  # nothing moved


def test_no_backup_at_all_is_said_so(db_path, store, store_key):
    fill(store)
    store.close()
    damage(db_path)
    with pytest.raises(DamagedData) as caught:
        check_data_file(db_path, store_key)
    assert caught.value.backup is None and "coordinator" in str(caught.value)
    with pytest.raises(ValueError):
        caught.value.restore()


def test_the_guarded_workspace_checks_at_unlock_and_backs_up_once_a_day(tmp_path, monkeypatch):
    config = load_config(tmp_path / "data")
    with Workspace.open(config, forms_folder=NO_FORMS, guard=True) as ws:
        profile = ws.create_profile("Ana", pin="482193")
        ws.store.forms.add("gf", "1", "Grupo focal", "<h:html/>", languages=["es"])
        for i in range(40):
            ws.store.submissions.create(f"uuid:{i}", "gf", "1", draft(f"{MARKER} {i}"))
    monkeypatch.setattr("app.data_health.today", lambda: DAY)
    ws = Workspace.open(config, forms_folder=NO_FORMS, guard=True)
    ws.unlock(profile.id, "482193")
    db_path = ws.data_file()  # the profile's own file (profiles/<id>.sqlite3)
    assert db_path.parent.name == "profiles"
    assert ws.backup_today() is not None  # the app runs it once the window is up
    assert ws.backup_today() is None
    ws.close()
    copies = daily_copies(db_path)
    assert [day for day, _ in copies] == [DAY]
    assert MARKER.encode() not in copies[0][1].read_bytes()  # encrypted like the source
    assert backup_today(db_path, None) is None  # once a day

    damage(db_path)
    ws = Workspace.open(config, forms_folder=NO_FORMS, guard=True)
    with pytest.raises(DamagedData) as caught:
        ws.unlock(profile.id, "482193")
    assert ws.is_locked
    caught.value.restore()
    ws.unlock(profile.id, "482193")
    assert ws.store.submissions.count() == 40
    ws.close()
    assert list(db_path.parent.glob(f"{db_path.name}.damaged-*"))


def test_a_plain_guarded_workspace_refuses_a_damaged_file(tmp_path):
    config = load_config(tmp_path / "data")
    with Workspace.open(config, forms_folder=NO_FORMS, guard=True) as ws:
        ws.store.forms.add("gf", "1", "Grupo focal", "<h:html/>", languages=["es"])
        for i in range(40):
            ws.store.submissions.create(f"uuid:{i}", "gf", "1", draft(f"{MARKER} {i}"))
    db_path = Path(config.database_path)
    assert backup_today(db_path, None) is not None
    damage(db_path)
    with pytest.raises(DamagedData) as caught:
        Workspace.open(config, forms_folder=NO_FORMS, guard=True)
    caught.value.restore()
    with Workspace.open(config, forms_folder=NO_FORMS, guard=True) as ws:
        assert ws.store.submissions.count() == 40
    assert len(list(db_path.parent.glob(f"{db_path.name}.damaged-*"))) == 1


def test_a_workspace_left_open_makes_the_next_days_copy(tmp_path, monkeypatch):
    config = load_config(tmp_path / "data")
    monkeypatch.setattr("app.data_health.today", lambda: DAY)
    with Workspace.open(config, forms_folder=NO_FORMS, guard=True) as ws:
        assert ws.backup_today() is not None  # a plain copy of the plain file...
        ana = ws.create_profile("Ana", pin="482193")  # ...then the data moves to Ana's file
        left = [path for _day, path in daily_copies(Path(config.database_path))]
        assert not any(is_plain(path) for path in left)  # no copy stays in clear
        made = ws.backup_today()  # Ana's own file gets its own copy, encrypted like it
        assert made is not None and not is_plain(made)
        assert made.parent.parent == ws.data_file().parent
        assert ws.backup_today() is None  # once a day
        monkeypatch.setattr("app.data_health.today", lambda: DAY + timedelta(days=1))
        made = ws.backup_today()
        assert made is not None and not is_plain(made)  # encrypted like the file now is
        ws.lock()
        assert ws.backup_today() is None  # locked: no key, no copy
    assert ana.id
