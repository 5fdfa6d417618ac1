"""Schema v6 (the findings view's sessions read once): migration from v3 with its data, and
rows that go with the supervisor's cache. The frozen current schema is checked in
test_migrations.py."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.store import CURRENT_VERSION, Store
from tests.store.test_migrations import FIXTURES


def test_a_v3_file_migrates_to_the_findings_cache_with_its_data_and_a_backup(db_path: Path):
    conn = sqlite3.connect(db_path)
    conn.executescript((FIXTURES / "schema_v3.sql").read_text(encoding="utf-8"))
    conn.execute(
        "INSERT INTO review_forms VALUES ('gf', '1', 1, 'Grupo focal', '2026-12-01', '<h/>')"
    )
    conn.commit()
    conn.close()
    with Store.open(db_path) as store:
        assert store.schema_version == CURRENT_VERSION
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
