"""Schema step "submissions per project": instanceIDs unique per project, and listing indexes.

Before it, ``submissions.instance_id`` was unique across the whole server, so a device learnt
from 409-versus-201 that an instanceID existed in a project it cannot see, and could not store a
submission that another project happened to hold. After it the key is (project_id, instance_id).

The listing (newest first, keyset pages) reads (received_at, id) in index order: for everything
(admins), within a project (supervisors) and within a device (devices). Those indexes replace the
(project_id, received_at) and (device_id) ones, of which they are extensions.

SQLite cannot drop a column's UNIQUE, so the table is rebuilt as SQLite's ALTER TABLE page
prescribes: with foreign keys off (``rebuilds_sqlite_tables``), a copy is created and filled, the
old table dropped and the copy renamed in its place (the attachments' and review events' foreign
keys name "submissions", which the copy then is), the foreign keys checked, all in the step's one
transaction. PostgreSQL drops and adds the constraint in place.

``V1_SUBMISSIONS`` is the table as version 1 created it (migration step 1 uses it).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
)
from sqlalchemy.schema import CreateIndex, CreateTable

from sync.server import schema

_v1 = MetaData()
for _table in (schema.projects, schema.forms, schema.devices, schema.users):
    _table.to_metadata(_v1)

V1_SUBMISSIONS = Table(
    "submissions",
    _v1,
    Column("id", Integer, primary_key=True),
    Column("instance_id", String(200), nullable=False, unique=True),
    Column("root_id", String(200), nullable=False),
    Column("deprecated_id", String(200)),
    Column("is_current", Boolean, nullable=False),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("form_pk", Integer, ForeignKey("forms.id"), nullable=False),
    Column("device_id", Integer, ForeignKey("devices.id")),
    Column("xml", Text, nullable=False),
    Column("xml_sha256", String(64), nullable=False),
    Column("attachments_expected", Integer, nullable=False),
    Column("received_at", String(32), nullable=False),
    Column("review_state", String(20), nullable=False),
    Column("review_comment", Text),
    Column("reviewed_at", String(32)),
    Column("reviewed_by", Integer, ForeignKey("users.id")),
    Index("ix_submissions_project_received", "project_id", "received_at"),
    Index("ix_submissions_device", "device_id"),
    Index("ix_submissions_root", "root_id"),
)

_OLD_INDEXES = ("ix_submissions_project_received", "ix_submissions_device")


def submissions_per_project(conn: Connection) -> None:
    """The migration step (see the module's docstring)."""
    if conn.dialect.name == "sqlite":
        enforced = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
        if enforced:  # dropping the table would then delete its attachments' parents
            raise RuntimeError("the submissions rebuild needs foreign keys off (db.write)")
        _rebuild_sqlite(conn)
    else:
        _alter_postgres(conn)


submissions_per_project.rebuilds_sqlite_tables = True  # type: ignore[attr-defined]


def _new_indexes(conn: Connection) -> None:
    for index in schema.submissions.indexes:
        if index.name in {"ix_submissions_root"}:
            continue  # kept from version 1 (PostgreSQL) or created with the copy (SQLite)
        conn.execute(CreateIndex(index, if_not_exists=True))


def _rebuild_sqlite(conn: Connection) -> None:
    target = schema.submissions
    copy = target.to_metadata(MetaData(), name="submissions_v2")
    for table in (schema.projects, schema.forms, schema.devices, schema.users):
        table.to_metadata(copy.metadata)  # foreign keys name them; only the copy is created
    conn.execute(CreateTable(copy))
    columns = ", ".join(f'"{column.name}"' for column in target.columns)
    conn.exec_driver_sql(
        f"INSERT INTO submissions_v2 ({columns}) SELECT {columns} FROM submissions"
    )
    conn.exec_driver_sql("DROP TABLE submissions")  # its indexes go with it
    conn.exec_driver_sql("ALTER TABLE submissions_v2 RENAME TO submissions")
    for index in target.indexes:
        conn.execute(CreateIndex(index, if_not_exists=True))
    problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise RuntimeError(f"foreign keys broken by the submissions rebuild: {problems[:5]}")


def _alter_postgres(conn: Connection) -> None:
    for unique in inspect(conn).get_unique_constraints("submissions"):
        if unique["column_names"] == ["instance_id"]:
            conn.exec_driver_sql(f'ALTER TABLE submissions DROP CONSTRAINT "{unique["name"]}"')
    conn.exec_driver_sql(
        "ALTER TABLE submissions ADD CONSTRAINT uq_submissions_project_instance "
        "UNIQUE (project_id, instance_id)"
    )
    for name in _OLD_INDEXES:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
    _new_indexes(conn)
