"""A damaged, locked, full or newer data file: a StoreError a person can act on; nothing lost."""

import sqlite3
from pathlib import Path

import pytest

from app.store import Store, StoreError
from app.store.errors import PROGRAMMING_ERRORS


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(db_path: Path):
    db_path.write_bytes(b"these are not the sessions you are looking for" * 100)
    before = db_path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store.open(db_path)
    assert caught.value.kind == "corrupt"
    assert "damaged" in caught.value.message and "Do not delete it" in caught.value.advice
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_damaged_pages_are_reported_not_hidden(db_path: Path):
    with Store.open(db_path) as store:
        store.forms.add("gf", "1", "GF", "<x/>" * 2000)
        for n in range(50):
            store.submissions.create(f"uuid:{n}", "gf", "1", "<data>" + "x" * 3000 + "</data>")
    data = bytearray(db_path.read_bytes())
    page = 4096
    data[page * 3 : page * 12] = b"\xde\xad\xbe\xef" * (page * 9 // 4)
    db_path.write_bytes(bytes(data))

    with pytest.raises(StoreError) as caught:
        store = Store.open(db_path)
        assert store.check_integrity() != []
        store.submissions.list()
        store.submissions.get("uuid:7")
    assert caught.value.kind == "corrupt"


def test_a_write_blocked_by_another_program_says_so_and_loses_nothing(db_path: Path):
    store = Store.open(db_path, busy_timeout=0.2)
    store.forms.add("gf", "1", "GF", "<x/>")
    store.submissions.create("uuid:a", "gf", "1", "<data>1</data>")

    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(StoreError) as caught:
        store.submissions.save_draft("uuid:a", "<data>2</data>")
    assert caught.value.kind == "locked"
    assert "another" in caught.value.message
    other.execute("ROLLBACK")
    other.close()

    assert store.submissions.get("uuid:a").instance_xml == "<data>1</data>"
    store.submissions.save_draft("uuid:a", "<data>2</data>")  # works again once released
    assert store.submissions.get("uuid:a").instance_xml == "<data>2</data>"
    store.close()


def test_opening_a_file_held_exclusively_is_refused(db_path: Path):
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    with pytest.raises(StoreError) as caught:
        Store.open(db_path, busy_timeout=0.1)
    assert caught.value.kind == "locked"
    holder.close()


def test_a_full_disk_keeps_the_previous_saved_state(store: Store):
    store.forms.add("gf", "1", "GF", "<x/>")
    store.submissions.create("uuid:a", "gf", "1", "<data>antes</data>", position="/data/a")
    pages = store._db.conn.execute("PRAGMA page_count").fetchone()[0]
    # Simulate the disk filling up: the file may grow by two pages at most.
    store._db.conn.execute(f"PRAGMA max_page_count = {pages + 2}")

    big = "<data>" + "ñ" * 200_000 + "</data>"
    with pytest.raises(StoreError) as caught:
        store.submissions.save_draft("uuid:a", big, position="/data/b")
    assert caught.value.kind == "disk_full"
    assert "Free some space" in caught.value.advice
    with pytest.raises(StoreError):
        store.submissions.finalize("uuid:a", big)

    kept = store.submissions.get("uuid:a")
    assert (kept.instance_xml, kept.position, kept.status) == (
        "<data>antes</data>",
        "/data/a",
        "draft",
    )
    assert store.outbox.count() == 0
    store.submissions.save_draft("uuid:a", "<data>después</data>")  # small writes still fit
    assert store.submissions.get("uuid:a").instance_xml == "<data>después</data>"
    assert store.check_integrity() == []


def test_a_file_from_a_newer_encuentro_is_not_touched(db_path: Path):
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store.open(db_path)
    assert caught.value.kind == "newer_version" and "newer version" in str(caught.value)
    assert db_path.read_bytes() == before


def test_a_folder_in_place_of_the_file(db_path: Path):
    db_path.mkdir()
    with pytest.raises(StoreError) as caught:
        Store.open(db_path)
    assert caught.value.kind == "unreadable"


def test_using_a_closed_store_is_a_bug_not_a_data_problem(store: Store):
    store.close()
    with pytest.raises(PROGRAMMING_ERRORS):  # sqlite3's or SQLCipher's
        store.submissions.count()
