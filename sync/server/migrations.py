"""Schema migrations with Alembic: frozen revisions, each applied once, in order, in its own
transaction, run at every start (``migrate``).

The revisions live in ``schema_revisions/versions/`` and are driven from here (no alembic.ini):
``command.upgrade`` one revision at a time over our own connection and transaction, so that
SQLite's table rebuilds run with foreign keys off (a revision with ``rebuilds_sqlite_tables``),
every server process waits its turn (SQLite: the write lock; PostgreSQL: an advisory lock held by
the transaction), and a revision and its bookkeeping commit together or not at all.

Version numbers: revision N of the chain is schema version N (``LATEST_VERSION`` is the head's).
``schema_migrations`` keeps one row per applied version, as the numbered steps before Alembic
wrote it: a database made by them (rows 1..3, no ``alembic_version``) is adopted by stamping the
matching revision, and a server from before Alembic refuses a database this code moved past its
version. ``/api/v1/health`` reports its highest row.

Before any revision runs on a database that already holds data, a SQLite file is copied aside
(``<file>.pre-v<N>.bak``, mode 0600); a PostgreSQL database is its operator's to ``pg_dump``
before upgrading the server (README, "Upgrades"). A database newer than this code is refused.

Adding a change: copy the last file of ``versions/`` to the next number, set ``revision`` and
``down_revision``, spell out the tables it touches as they will be (never import ``schema``: a
revision must stay as it was written), and update ``schema.py`` to match (a test compares the
head's schema with ``schema.py``).
"""

from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import Script, ScriptDirectory
from sqlalchemy import Connection, inspect, select

from sync.server import schema
from sync.server.db import Database, DatabaseError, utc_now

REVISIONS = Path(__file__).with_name("schema_revisions")
# Any constant: PostgreSQL's advisory lock that serialises migrations across server processes.
_PG_MIGRATION_LOCK = 0x456E_6375_656E  # "Encuen"


@functools.cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory(str(REVISIONS))


@functools.cache
def revisions() -> tuple[Script, ...]:
    """The revisions from the first to the head (one linear chain)."""
    chain = tuple(reversed(list(_scripts().walk_revisions("base", "heads"))))
    if len(_scripts().get_heads()) != 1:
        raise RuntimeError("the server's schema revisions must form one chain")
    return chain


def _numbers() -> dict[str, int]:
    return {script.revision: number for number, script in enumerate(revisions(), start=1)}


LATEST_VERSION = len(revisions())


def _config(conn: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(REVISIONS))
    config.attributes["connection"] = conn
    return config


def _lock(conn: Connection) -> None:
    """Serialise migrations across processes (SQLite's db.write already holds the write lock)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")


def _newer(version: int | str) -> DatabaseError:
    return DatabaseError(
        f"the database schema is version {version} but this server only knows up to "
        f"{LATEST_VERSION}: upgrade the server before using this database"
    )


def _legacy_version(conn: Connection) -> int:
    """The highest row of ``schema_migrations`` (0 when the table is missing or empty)."""
    if not inspect(conn).has_table("schema_migrations"):
        return 0
    versions = conn.execute(select(schema.schema_migrations.c.version)).scalars().all()
    return max(versions, default=0)


def _applied(conn: Connection) -> int:
    """The schema version of the database on ``conn``; a newer one than this code is refused."""
    legacy = _legacy_version(conn)
    if legacy > LATEST_VERSION:  # a newer server wrote its version here too
        raise _newer(legacy)
    revision = MigrationContext.configure(conn).get_current_revision()
    if revision is None:  # empty, or made by the numbered steps before Alembic
        return legacy
    number = _numbers().get(revision)
    if number is None:
        raise _newer(f"{revision!r}")
    return number


def current_version(db: Database) -> int:
    """The database's schema version: the number of applied revisions (0 when empty)."""
    with db.read() as conn:
        return _applied(conn)


def migrate(db: Database, *, up_to: int = LATEST_VERSION) -> int:
    """Bring the schema to ``LATEST_VERSION`` (tests: ``up_to`` an older one) and return it.
    Safe to call at every start, from several processes at once."""
    with db.write() as conn:
        _lock(conn)
        schema.metadata.create_all(conn, tables=[schema.schema_migrations])
        version = _applied(conn)
        if version and MigrationContext.configure(conn).get_current_revision() is None:
            # Built by the numbered steps: the revision of the same number describes it.
            command.stamp(_config(conn), revisions()[version - 1].revision)
    if 0 < version < up_to:
        db.backup_sqlite(f"pre-v{version + 1}")
    for number, script in enumerate(revisions(), start=1):
        if number <= version or number > up_to:
            continue
        rebuilds = getattr(script.module, "rebuilds_sqlite_tables", False)
        with db.write(foreign_keys=not rebuilds) as conn:
            _lock(conn)
            if _applied(conn) >= number:  # another process migrated meanwhile
                continue
            command.upgrade(_config(conn), script.revision)
            conn.execute(
                schema.schema_migrations.insert().values(version=number, applied_at=utc_now())
            )
    return max(version, up_to)
