"""Schema versions: one fixture per released version, each migrated forward with a backup first."""

import sqlite3
from pathlib import Path

import pytest

from app.store import CURRENT_VERSION, Store, StoreError
from app.store.schema import MIGRATIONS, Migration

FIXTURES = Path(__file__).parent / "fixtures"


def make_v1_fixture(path: Path) -> None:
    """A small database exactly as released schema version 1 wrote it, with a little data."""
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / "schema_v1.sql").read_text(encoding="utf-8"))
    conn.executescript(
        """
        INSERT INTO profiles VALUES ('p1', 'Ana Martínez', 'facilitator', 'es',
            '2026-11-01T15:00:00.000+00:00', NULL);
        INSERT INTO forms VALUES ('gf', '1', 'Grupo focal', '["es","en"]', 'es', 'abc', 'gf.md', 1,
            '2026-11-01T15:00:00.000+00:00', '<h:html/>');
        INSERT INTO submissions (instance_id, form_id, form_version, status, profile_id,
            facilitator, community, created_at, updated_at, instance_xml)
            VALUES ('uuid:v1', 'gf', '1', 'draft', 'p1', 'Ana Martínez', 'Perquín',
            '2026-11-01T15:00:00.000+00:00', '2026-11-01T15:10:00.000+00:00', '<data>v1</data>');
        INSERT INTO settings VALUES ('current_profile', '"p1"');
        PRAGMA user_version = 1;
        """
    )
    conn.close()


def schema_of(path: Path) -> dict[str, object]:
    """Tables' columns and indexes' columns: what must match however the schema was reached."""
    conn = sqlite3.connect(path)
    shape: dict[str, object] = {}
    for kind, name in conn.execute(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ):
        pragma = "table_info" if kind == "table" else "index_info"
        shape[f"{kind} {name}"] = conn.execute(f"PRAGMA {pragma}('{name}')").fetchall()
    conn.close()
    return shape


def test_a_new_file_gets_the_current_schema(db_path: Path):
    with Store.open(db_path) as store:
        assert store.schema_version == CURRENT_VERSION
        assert store.backup_taken is None  # nothing to back up in a new file
    assert not (db_path.parent / "backups").exists()


def test_the_v1_fixture_migrates_to_exactly_the_schema_of_a_new_file(db_path, tmp_path):
    Store.open(db_path).close()
    fixture = tmp_path / "v1.sqlite3"
    make_v1_fixture(fixture)
    Store.open(fixture).close()
    assert schema_of(fixture) == schema_of(db_path)
    assert "table submissions" in schema_of(db_path)


def test_the_v1_fixture_opens_with_its_data(db_path: Path):
    make_v1_fixture(db_path)
    with Store.open(db_path) as store:
        assert store.schema_version == CURRENT_VERSION
        draft = store.submissions.get("uuid:v1")
        assert draft.instance_xml == "<data>v1</data>" and draft.community == "Perquín"
        assert store.settings.get("current_profile") == "p1"
        assert store.forms.get("gf").languages == ["es", "en"]
        store.submissions.save_draft("uuid:v1", "<data>v1 edited</data>")
        assert store.check_integrity() == []


def add_consent_column(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE submissions ADD COLUMN consent_recorded INTEGER")
    conn.execute("UPDATE submissions SET consent_recorded = 0")


def test_migrating_takes_a_backup_first_and_keeps_data(db_path: Path):
    make_v1_fixture(db_path)
    v2 = (*MIGRATIONS, Migration(CURRENT_VERSION + 1, "consent flag", add_consent_column))
    with Store.open(db_path, migrations=v2) as store:
        assert store.schema_version == CURRENT_VERSION + 1
        assert store.submissions.get("uuid:v1").instance_xml == "<data>v1</data>"
        backup = store.backup_taken
    assert backup is not None and backup.parent == db_path.parent / "backups"
    assert "-v1-" in backup.name  # named after the version it was taken from (the fixture's)
    copy = sqlite3.connect(backup)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
    assert copy.execute("SELECT instance_xml FROM submissions").fetchall() == [("<data>v1</data>",)]
    copy.close()
    with Store.open(db_path, migrations=v2) as store:  # already migrated: no second backup
        assert store.backup_taken is None


def test_a_failing_migration_leaves_the_file_at_its_version(db_path: Path):
    make_v1_fixture(db_path)

    def half_done(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE submissions ADD COLUMN half INTEGER")
        raise RuntimeError("boom in migration")

    broken = (*MIGRATIONS, Migration(CURRENT_VERSION + 1, "broken", half_done))
    with pytest.raises(RuntimeError):
        Store.open(db_path, migrations=broken)
    with Store.open(db_path) as store:
        assert store.schema_version == CURRENT_VERSION
        assert store.submissions.get("uuid:v1").instance_xml == "<data>v1</data>"
        columns = [r[1] for r in store._db.conn.execute("PRAGMA table_info(submissions)")]
        assert "half" not in columns
    assert len(list((db_path.parent / "backups").iterdir())) == 1


def test_an_older_app_refuses_a_migrated_file(db_path: Path):
    make_v1_fixture(db_path)
    v2 = (*MIGRATIONS, Migration(CURRENT_VERSION + 1, "consent flag", add_consent_column))
    Store.open(db_path, migrations=v2).close()
    with pytest.raises(StoreError) as caught:
        Store.open(db_path)
    assert caught.value.kind == "newer_version"
