"""Schema v4 (the findings view's sessions read once): frozen fixture, migration from v3 with
its data, and rows that go with the supervisor's cache."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.store import Store
from tests.store.test_migrations import FIXTURES, schema_of


def test_the_frozen_v4_schema_is_what_a_new_file_gets(db_path: Path, tmp_path: Path):
    Store.open(db_path).close()
    frozen = tmp_path / "v4.sqlite3"
    conn = sqlite3.connect(frozen)
    conn.executescript((FIXTURES / "schema_v4.sql").read_text(encoding="utf-8"))
    conn.close()
    assert schema_of(frozen) == schema_of(db_path)
    with Store.open(frozen) as store:
        assert store.backup_taken is None


def test_a_v3_file_migrates_to_v4_with_its_cache_and_a_backup(db_path: Path):
    conn = sqlite3.connect(db_path)
    conn.executescript((FIXTURES / "schema_v3.sql").read_text(encoding="utf-8"))
    conn.execute(
        "INSERT INTO review_forms VALUES ('gf', '1', 1, 'Grupo focal', '2026-12-01', '<h/>')"
    )
    conn.commit()
    conn.close()
    with Store.open(db_path) as store:
        assert store.schema_version == 4
        assert store.backup_taken is not None and "-v3-" in store.backup_taken.name
        assert [f["form_id"] for f in store.review_cache.forms()] == ["gf"]
        assert store.findings_cache.count("review") == 0


def test_kept_sessions_by_scope_and_reading_go_with_the_team_cache(db_path: Path):
    with Store.open(db_path) as store:
        kept = store.findings_cache
        kept.put("review", "k1", [("uuid:a", "[1]"), ("uuid:b", "[2]")])
        kept.put("review", "k1", [("uuid:a", "[3]")])  # read again: replaced, not doubled
        kept.put("own", "k1", [("uuid:c", "[4]")])
        assert kept.load("review", "k1") == {"uuid:a": "[3]", "uuid:b": "[2]"}
        assert kept.load("review", "k2") == {}
        store.review_cache.clear()  # another supervisor signs in
        assert kept.count("review") == 0
        assert kept.load("own", "k1") == {"uuid:c": "[4]"}
