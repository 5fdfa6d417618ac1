"""A finalised session stays exactly as finalised whatever code touches the file: its XML and
files cannot change and, until it is sent, it cannot be deleted (schema v2 triggers)."""

import sqlite3
from pathlib import Path

import pytest

from app.store import Store, StoreError
from tests.store.test_migrations import make_v1_fixture

FINAL = "<data><venue>Escuela</venue><photo>a.png</photo></data>"


def finalized(store: Store, form) -> str:
    store.submissions.create("uuid:f", form.form_id, form.version, "<data/>")
    store.attachments.add("uuid:f", "a.png", b"flipchart", "image/png")
    store.submissions.finalize("uuid:f", FINAL)
    return "uuid:f"


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE submissions SET instance_xml = '<data/>' WHERE instance_id = 'uuid:f'",
        "UPDATE submissions SET status = 'draft', instance_xml = '<x/>'"
        " WHERE instance_id = 'uuid:f'",
        "INSERT INTO attachments (instance_id, filename, media_type, sha256, size, created_at,"
        " data) VALUES ('uuid:f', 'b.png', 'image/png', '0', 1, '2026', x'00')",
        "UPDATE attachments SET data = x'00' WHERE instance_id = 'uuid:f'",
        "DELETE FROM submissions WHERE instance_id = 'uuid:f'",
    ],
    ids=["xml", "xml with status", "new file", "file bytes", "delete unsent"],
)
def test_no_statement_changes_a_finalised_session(store, form, statement):
    instance_id = finalized(store, form)
    with pytest.raises(StoreError) as refused:
        with store._db.write() as conn:  # any code, past the store's own API
            conn.execute(statement)
    assert refused.value.kind == "read_only"
    assert store.submissions.get(instance_id).instance_xml == FINAL
    assert store.attachments.read(instance_id, "a.png") == b"flipchart"
    assert [a.filename for a in store.attachments.list(instance_id)] == ["a.png"]


def test_the_store_own_steps_after_finalising_still_work(store, form):
    instance_id = finalized(store, form)
    store.outbox.mark_sent(instance_id)
    store.submissions.set_review(instance_id, "has_issues", "Falta la fecha")
    assert store.submissions.get(instance_id).instance_xml == FINAL
    store.submissions.create("uuid:c", form.form_id, form.version, FINAL, files_from=instance_id)
    assert store.attachments.read("uuid:c", "a.png") == b"flipchart"
    with store._db.write() as conn:  # a sent session may go (e.g. a future clean-up)
        conn.execute("DELETE FROM attachments WHERE instance_id = ?", (instance_id,))
        conn.execute("DELETE FROM submissions WHERE instance_id = ?", (instance_id,))


def test_a_v1_file_gets_the_guard_and_keeps_its_data(db_path: Path):
    make_v1_fixture(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE submissions SET status = 'finalized' WHERE instance_id = 'uuid:v1'")
    conn.commit()
    conn.close()
    with Store.open(db_path) as store:
        assert store.submissions.get("uuid:v1").instance_xml == "<data>v1</data>"
        with pytest.raises(StoreError) as refused:
            store.submissions.delete_draft("uuid:v1")
        assert refused.value.kind == "read_only"
        with pytest.raises(StoreError):
            with store._db.write() as raw:
                raw.execute("UPDATE submissions SET instance_xml = '<data/>'")
        assert store.submissions.get("uuid:v1").instance_xml == "<data>v1</data>"


def test_the_frozen_v2_schema_is_what_a_new_file_gets(db_path: Path, tmp_path: Path):
    from tests.store.test_migrations import FIXTURES, schema_of

    Store.open(db_path).close()
    frozen = tmp_path / "v2.sqlite3"
    conn = sqlite3.connect(frozen)
    conn.executescript((FIXTURES / "schema_v2.sql").read_text(encoding="utf-8"))
    conn.close()
    triggers = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    with sqlite3.connect(frozen) as old, sqlite3.connect(db_path) as new:
        frozen_triggers = old.execute(triggers).fetchall()
        names = {name for name, _ in frozen_triggers}
        # Later versions add their own triggers (v4: sealed_parts_are_fixed); v2's are unchanged.
        assert frozen_triggers == [t for t in new.execute(triggers).fetchall() if t[0] in names]
    # Schema v3 (supervisor mode) came after: the frozen v2 file migrates to exactly today's.
    with Store.open(frozen) as store:
        assert store.backup_taken is not None
    assert schema_of(frozen) == schema_of(db_path)
