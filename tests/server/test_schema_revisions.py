"""Alembic revisions: every earlier schema version (frozen fixtures made by the code of its day)
reaches the head with its data intact, on SQLite and PostgreSQL; the head matches schema.py."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, MetaData, select, text

from sync.server import schema
from sync.server.db import Database, DatabaseError
from sync.server.migrations import LATEST_VERSION, current_version, migrate, revisions

FIXTURES = Path(__file__).parent / "fixtures"
BOOKKEEPING = {"schema_migrations", "alembic_version"}


def load_fixture(url: str, version: int) -> None:
    """Fill the empty database at ``url`` from the frozen dump of ``version``."""
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            conn.executescript((FIXTURES / f"schema_v{version}.sql").read_text(encoding="utf-8"))
        return
    import psycopg

    options = parse_qs(urlsplit(url).query)["options"][0]
    target = options.removeprefix("-csearch_path=")
    dump = (FIXTURES / f"schema_v{version}.postgres.sql").read_text(encoding="utf-8")
    dump = dump.replace("SELECT pg_catalog.set_config('search_path', '', false);", "")
    with psycopg.connect(url.split("?")[0], autocommit=True) as conn:
        conn.execute(dump.replace("public.", f"{target}."))  # type: ignore[arg-type]


def snapshot(conn: Connection) -> dict[str, list[dict[str, Any]]]:
    """Every row of every data table, in primary-key order."""
    metadata = MetaData()
    metadata.reflect(conn)
    rows = {}
    for name, table in metadata.tables.items():
        if name in BOOKKEEPING:
            continue
        order = list(table.primary_key.columns)
        rows[name] = [dict(r._mapping) for r in conn.execute(select(table).order_by(*order))]
    return rows


def schema_differences(conn: Connection) -> list[Any]:
    context = MigrationContext.configure(conn, opts={"compare_type": True})
    return compare_metadata(context, schema.metadata)


@pytest.mark.parametrize("version", [1, 2, 3])
def test_every_earlier_version_reaches_the_head_with_its_data(db_url: str, version: int) -> None:
    load_fixture(db_url, version)
    db = Database(db_url)
    try:
        assert current_version(db) == version
        with db.read() as conn:
            before = snapshot(conn)
        assert migrate(db) == LATEST_VERSION
        with db.read() as conn:
            after = snapshot(conn)
            head = MigrationContext.configure(conn).get_current_revision()
            numbers = conn.execute(select(schema.schema_migrations.c.version)).scalars().all()
            assert schema_differences(conn) == []
        assert head == revisions()[-1].revision
        assert sorted(numbers) == list(range(1, LATEST_VERSION + 1))
        assert current_version(db) == LATEST_VERSION
        for name, rows in before.items():
            assert [{k: r[k] for k in rows[0]} for r in after[name]] == rows, name
        assert after["submission_attachments"][0]["data"] == b"JPEG"
        assert "Chalatenango" in after["submissions"][0]["xml"]
        migrate(db)  # a second start changes nothing
        with db.read() as conn:
            assert snapshot(conn) == after
    finally:
        db.dispose()


def test_the_adopted_database_takes_per_project_instance_ids(db_url: str) -> None:
    """Version 1 had instanceIDs unique server-wide; after the upgrade another project may
    hold the same one (what revision 0003 is for), and the ids continue after the fixture's."""
    load_fixture(db_url, 1)
    db = Database(db_url)
    try:
        migrate(db)
        with db.write() as conn:
            project = conn.execute(
                schema.projects.insert().values(name="Norte", created_at="2026-12-07")
            ).inserted_primary_key[0]
            first = conn.execute(select(schema.submissions)).one()._asdict()
            del first["id"]
            first["project_id"] = project
            pk = conn.execute(schema.submissions.insert().values(**first)).inserted_primary_key[0]
        assert project == 2 and pk == 2
    finally:
        db.dispose()


@pytest.mark.skipif(not hasattr(stat, "S_IMODE"), reason="POSIX modes")
def test_sqlite_is_copied_aside_privately_before_a_revision_runs(tmp_path: Path) -> None:
    target = tmp_path / "server.sqlite3"
    load_fixture(f"sqlite:///{target}", 2)
    target.chmod(0o600)
    db = Database(f"sqlite:///{target}")
    migrate(db)
    db.dispose()
    backup = tmp_path / "server.sqlite3.pre-v3.bak"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    with sqlite3.connect(backup) as conn:  # the copy is the version-2 database, untouched
        assert conn.execute("SELECT max(version) FROM schema_migrations").fetchone() == (2,)
        assert conn.execute("SELECT count(*) FROM submissions").fetchone() == (1,)


def test_a_new_database_is_the_schema_of_today_and_of_the_numbered_steps(tmp_path: Path) -> None:
    """The frozen revisions rebuild exactly what the numbered steps built (the v3 fixture)."""
    fresh, old = tmp_path / "fresh.sqlite3", tmp_path / "old.sqlite3"
    db = Database(f"sqlite:///{tmp_path / 'head.sqlite3'}")
    migrate(db)
    with db.read() as conn:
        assert schema_differences(conn) == []
    db.dispose()
    db = Database(f"sqlite:///{fresh}")
    migrate(db, up_to=3)  # the fixture's version; later revisions have their own fixtures
    db.dispose()
    load_fixture(f"sqlite:///{old}", 3)

    def ddl(path: Path) -> dict[str, list[str]]:
        """Each table's and index's definition, clause by clause (foreign keys in any order)."""
        with sqlite3.connect(path) as conn:
            rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")
            return {
                name: sorted(line.strip().rstrip(",") for line in sql.splitlines())
                for name, sql in rows
                if name != "alembic_version"
            }

    assert ddl(fresh) == ddl(old)


def test_an_unknown_revision_is_a_newer_schema_and_refused(db_url: str) -> None:
    db = Database(db_url)
    try:
        migrate(db)
        with db.write() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
        with pytest.raises(DatabaseError, match="upgrade the server"):
            migrate(db)
        with pytest.raises(DatabaseError, match="upgrade the server"):
            current_version(db)
    finally:
        db.dispose()
