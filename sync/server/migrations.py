"""Schema migrations: numbered steps, each applied once, in order, in its own transaction.

The applied versions are rows of ``schema_migrations``. A database whose schema is newer than this
code knows is refused with a clear message (an old server must not write into a newer schema). A
SQLite file is copied aside before any step runs (``<file>.pre-v<N>.bak``).

Adding a change: append a function to ``STEPS`` that alters the tables explicitly (``ALTER TABLE``
through SQLAlchemy Core, portable to both databases), and update ``schema.py`` to match. Step 1
creates the tables of ``schema.py`` as they were at version 1; when a later step changes one of
those tables, step 1 must first get a frozen copy of its version-1 definition.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect, select

from sync.server import schema
from sync.server.db import Database, DatabaseError, utc_now
from sync.server.migration_submissions import V1_SUBMISSIONS, submissions_per_project

Step = Callable[[Connection], None]

V1_TABLES = [
    schema.projects,
    schema.users,
    schema.user_projects,
    schema.devices,
    schema.enrollment_codes,
    schema.tokens,
    schema.forms,
    schema.form_media,
]
V1_TABLES_AFTER_SUBMISSIONS = [schema.submission_attachments, schema.review_events]


def _v1_create_tables(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=V1_TABLES)
    V1_SUBMISSIONS.create(conn)  # frozen: step 3 changed it
    schema.metadata.create_all(conn, tables=V1_TABLES_AFTER_SUBMISSIONS)


def _v2_attempt_counts(conn: Connection) -> None:
    """The login and enrollment throttle moves from each process's memory into the database."""
    schema.metadata.create_all(conn, tables=[schema.attempt_counts])


# Step 3 (per-project instance IDs) came from a branch that had it as step 2; none was released.
STEPS: list[Step] = [_v1_create_tables, _v2_attempt_counts, submissions_per_project]
LATEST_VERSION = len(STEPS)


def current_version(db: Database) -> int:
    """The highest applied step (0 for an empty database)."""
    with db.read() as conn:
        if not inspect(conn).has_table("schema_migrations"):
            return 0
        versions = conn.execute(select(schema.schema_migrations.c.version)).scalars().all()
    return max(versions, default=0)


def migrate(db: Database) -> int:
    """Bring the schema to ``LATEST_VERSION`` and return it. Safe to call at every start."""
    with db.write() as conn:
        schema.metadata.create_all(conn, tables=[schema.schema_migrations])
    version = current_version(db)
    if version > LATEST_VERSION:
        raise DatabaseError(
            f"the database schema is version {version} but this server only knows up to "
            f"{LATEST_VERSION}: upgrade the server before using this database"
        )
    if version < LATEST_VERSION and version > 0:
        db.backup_sqlite(f"pre-v{version + 1}")
    for number in range(version + 1, LATEST_VERSION + 1):
        rebuilds = getattr(STEPS[number - 1], "rebuilds_sqlite_tables", False)
        with db.write(foreign_keys=not rebuilds) as conn:
            # Re-check inside the write lock: another worker may have migrated meanwhile.
            done = conn.execute(
                select(schema.schema_migrations.c.version).where(
                    schema.schema_migrations.c.version == number
                )
            ).first()
            if done is not None:
                continue
            STEPS[number - 1](conn)
            conn.execute(
                schema.schema_migrations.insert().values(version=number, applied_at=utc_now())
            )
    return LATEST_VERSION
