"""Schema v4: a draft's revision is the optimistic lock. Each save is "over revision n"; a save or
a finalisation over a revision that is no longer the stored one is refused and writes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.store import CURRENT_VERSION, Store, StoreError
from app.store.errors import CONFLICT
from tests.store.test_migrations import FIXTURES, schema_of
from tests.store.test_submissions import XML, new_draft


def test_the_frozen_v4_schema_migrates_to_what_a_new_file_gets(db_path: Path, tmp_path: Path):
    Store.open(db_path).close()
    frozen = tmp_path / "v4.sqlite3"
    conn = sqlite3.connect(frozen)
    conn.executescript((FIXTURES / "schema_v4.sql").read_text(encoding="utf-8"))
    conn.close()
    with Store.open(frozen) as store:
        assert store.schema_version == CURRENT_VERSION
        assert store.backup_taken is not None and "-v4-" in store.backup_taken.name
    assert schema_of(frozen) == schema_of(db_path)


def test_a_v3_draft_migrates_at_revision_0_and_saves_over_it(db_path: Path):
    conn = sqlite3.connect(db_path)
    conn.executescript((FIXTURES / "schema_v3.sql").read_text(encoding="utf-8"))
    conn.executescript(
        """
        INSERT INTO forms VALUES ('gf', '1', 'Grupo focal', '["es"]', 'es', 'abc', 'gf.md', 1,
            '2026-11-01T15:00:00.000+00:00', '<h:html/>');
        INSERT INTO submissions (instance_id, form_id, form_version, status, created_at,
            updated_at, instance_xml) VALUES ('uuid:v3', 'gf', '1', 'draft',
            '2026-11-01T15:00:00.000+00:00', '2026-11-01T15:10:00.000+00:00', '<data>v3</data>');
        """
    )
    conn.close()
    with Store.open(db_path) as store:
        assert store.backup_taken is not None and "-v3-" in store.backup_taken.name
        assert store.submissions.get("uuid:v3").revision == 0
        assert store.submissions.save_draft("uuid:v3", "<data>v4</data>", expected_revision=0) == 1
        assert store.submissions.get("uuid:v3").instance_xml == "<data>v4</data>"


def test_each_save_raises_the_revision_and_a_stale_one_is_refused(store: Store, form):
    iid = new_draft(store)
    assert store.submissions.get(iid).revision == 0
    first = store.submissions.save_draft(
        iid, XML.replace("El Carmen", "Perquín"), expected_revision=0
    )
    assert first == 1
    # Another window still at revision 0, even with the very answers stored now: refused,
    # because the lock is on saves, not on comparing texts.
    with pytest.raises(StoreError) as refused:
        store.submissions.save_draft(
            iid, XML.replace("El Carmen", "Perquín"), position="/data/x", expected_revision=0
        )
    assert refused.value.kind == CONFLICT
    with pytest.raises(StoreError) as refused:
        store.submissions.finalize(iid, XML, expected_revision=0)
    assert refused.value.kind == CONFLICT
    saved = store.submissions.get(iid)
    assert saved.status == "draft" and saved.revision == 1 and saved.position is None
    assert "Perquín" in saved.instance_xml
    # The window that holds the current revision goes on.
    assert store.submissions.save_draft(iid, XML, expected_revision=1) == 2
    assert store.submissions.finalize(iid, XML, expected_revision=2).status == "finalized"
