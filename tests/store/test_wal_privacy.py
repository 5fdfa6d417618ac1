"""Issue 7 item 9: the write-ahead log does not keep deleted or overwritten answers around.

Each test greps the bytes of the data file and of its `-wal` while the store is still open (and
after a crash), where SQLite's own close would otherwise hide the problem."""

import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.store import Store, database

ROOT = Path(__file__).resolve().parents[2]
ERASED = "la amenazaron en la parada del bus"  # typed, then erased by the facilitator
KEPT = "Participante P07 habló del regreso"


def on_disk(db_path: Path) -> dict[str, bytes]:
    """The data file and its companions as anyone reading the disk would see them."""
    return {
        p.name: p.read_bytes() for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)
    }


def assert_gone(db_path: Path, text: str) -> None:
    for name, data in on_disk(db_path).items():
        assert text.encode() not in data, name


def draft(text: str, padding: int = 0) -> str:
    return f"<data><n>{text}</n><pad>{'x' * padding}</pad></data>"


@pytest.fixture
def open_store(db_path: Path):
    store = Store.open(db_path)
    store.forms.add("gf", "1", "Grupo focal", "<h:html/>", languages=["es"])
    yield store
    store.close()


def test_a_deleted_draft_is_gone_from_the_wal_while_the_app_runs(open_store, db_path):
    open_store.submissions.create("uuid:a", "gf", "1", draft(ERASED))
    open_store.submissions.save_draft("uuid:a", draft(f"{ERASED} (2)"))
    assert ERASED.encode() in on_disk(db_path)[f"{db_path.name}-wal"]  # the test can see it

    open_store.submissions.delete_draft("uuid:a")

    assert_gone(db_path, ERASED)
    assert open_store.check_integrity() == []


def test_erased_words_are_gone_from_the_wal_once_the_session_is_finalized(open_store, db_path):
    open_store.submissions.create("uuid:a", "gf", "1", draft(""))
    open_store.submissions.save_draft("uuid:a", draft(f"{KEPT}. {ERASED}"))
    open_store.submissions.save_draft("uuid:a", draft(KEPT))

    open_store.submissions.finalize("uuid:a", draft(KEPT))

    assert_gone(db_path, ERASED)
    assert KEPT in open_store.submissions.get("uuid:a").instance_xml


def test_autosaves_truncate_the_wal_once_it_holds_a_little(open_store, db_path, monkeypatch):
    monkeypatch.setattr(database, "WAL_SCRUB_SECONDS", 3600.0)  # only the size rule here
    open_store.submissions.create("uuid:a", "gf", "1", draft(""))
    open_store.submissions.save_draft("uuid:a", draft(ERASED, padding=20_000))
    wal = db_path.parent / f"{db_path.name}-wal"
    largest = 0
    for n in range(100):  # the facilitator keeps typing: each answer is one autosave
        open_store.submissions.save_draft("uuid:a", draft(f"{KEPT} {n}", padding=20_000))
        largest = max(largest, wal.stat().st_size)

    assert_gone(db_path, ERASED)
    # Bounded: at most one autosave past the threshold, never the whole session's history.
    assert largest < database.WAL_SCRUB_BYTES + 64 * 1024


def test_a_last_autosave_is_truncated_a_while_later_without_another_save(
    open_store, db_path, monkeypatch
):
    monkeypatch.setattr(database, "WAL_SCRUB_SECONDS", 0.05)  # 30 s in the app
    open_store.submissions.create("uuid:a", "gf", "1", draft(ERASED))

    open_store.submissions.save_draft("uuid:a", draft(KEPT))  # then the facilitator stops

    wal = db_path.parent / f"{db_path.name}-wal"
    deadline = time.monotonic() + 30
    while wal.exists() and ERASED.encode() in wal.read_bytes() and time.monotonic() < deadline:
        time.sleep(0.02)  # polling, not a fixed wait: the timer thread truncates it
    assert_gone(db_path, ERASED)
    assert open_store.submissions.get("uuid:a").instance_xml == draft(KEPT)


def test_no_truncation_timer_outlives_the_store(db_path, monkeypatch):
    monkeypatch.setattr(database, "WAL_SCRUB_SECONDS", 3600.0)
    store = Store.open(db_path)
    store.forms.add("gf", "1", "Grupo focal", "<h:html/>", languages=["es"])
    store.submissions.create("uuid:a", "gf", "1", draft(ERASED))
    store.submissions.save_draft("uuid:a", draft(KEPT))
    timer = store._db._timer
    assert timer is not None and timer.is_alive()

    store.close()

    timer.join(timeout=10)
    assert not timer.is_alive()
    assert_gone(db_path, ERASED)  # close truncated it


def test_a_replaced_photo_is_gone_from_the_wal(open_store, db_path, monkeypatch):
    monkeypatch.setattr(database, "WAL_SCRUB_SECONDS", 3600.0)
    open_store.submissions.create("uuid:a", "gf", "1", draft(KEPT))
    first = b"FIRST-PHOTO-" + bytes(range(256)) * 600  # 150 kB, under the size rule
    open_store.attachments.add("uuid:a", "foto.jpg", first, "image/jpeg")
    open_store.attachments.add("uuid:a", "foto.jpg", b"SECOND-PHOTO" * 100, "image/jpeg")

    assert_gone(db_path, "FIRST-PHOTO-")


def test_a_wal_left_by_a_crash_is_truncated_at_the_next_open(db_path):
    crash = f"""
import os
from app.store import Store
store = Store.open({str(db_path)!r})
store.forms.add("gf", "1", "Grupo focal", "<h:html/>", languages=["es"])
store.submissions.create("uuid:a", "gf", "1", "<data><n>{ERASED}</n></data>")
store.submissions.save_draft("uuid:a", "<data><n>{KEPT}</n></data>")
os._exit(0)  # the power goes: no close, no checkpoint
"""
    subprocess.run([sys.executable, "-c", crash], cwd=ROOT, check=True, timeout=120)
    assert ERASED.encode() in on_disk(db_path)[f"{db_path.name}-wal"]

    with Store.open(db_path) as store:
        assert_gone(db_path, ERASED)
        assert store.submissions.get("uuid:a").instance_xml == f"<data><n>{KEPT}</n></data>"


def test_the_wal_is_cut_to_nothing_when_it_restarts(open_store):
    with open_store._db.read() as conn:
        assert conn.execute("PRAGMA journal_size_limit").fetchone()[0] == 0
