"""Schema version 3: instanceIDs unique per project, and listing indexes (frozen copy; never edit).

Before it, ``submissions.instance_id`` was unique across the whole server, so a device learnt
from 409-versus-201 that an instanceID existed in a project it cannot see, and could not store a
submission that another project happened to hold. After it the key is (project_id, instance_id).

The listing (newest first, keyset pages) reads (received_at, id) in index order: for everything
(admins), within a project (supervisors) and within a device (devices). Those indexes replace the
(project_id, received_at) and (device_id) ones, of which they are extensions.

SQLite cannot drop a column's UNIQUE, so the table is rebuilt as SQLite's ALTER TABLE page
prescribes: with foreign keys off (``rebuilds_sqlite_tables``: ``sync.server.migrations`` opens
this revision's transaction without them), a copy is created and filled, the old table dropped
and the copy renamed in its place (the attachments' and review events' foreign keys name
"submissions", which the copy then is), the foreign keys checked, all in one transaction.
PostgreSQL drops and adds the constraint in place.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op
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
    UniqueConstraint,
    inspect,
)
from sqlalchemy.schema import CreateIndex, CreateTable

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

rebuilds_sqlite_tables = True

_OLD_INDEXES = ("ix_submissions_project_received", "ix_submissions_device")


def submissions_v3(name: str = "submissions") -> Table:
    """The submissions table as version 3 has it (``name`` for SQLite's rebuilt copy)."""
    metadata = MetaData()
    for parent in ("projects", "forms", "devices", "users"):  # foreign keys name them
        Table(parent, metadata, Column("id", Integer, primary_key=True))
    return Table(
        name,
        metadata,
        Column("id", Integer, primary_key=True),
        Column("instance_id", String(200), nullable=False),
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
        UniqueConstraint("project_id", "instance_id", name="uq_submissions_project_instance"),
        Index("ix_submissions_received", "received_at", "id"),
        Index("ix_submissions_project_listing", "project_id", "received_at", "id"),
        Index("ix_submissions_device_listing", "device_id", "received_at", "id"),
        Index("ix_submissions_instance", "instance_id"),
        Index("ix_submissions_root", "root_id"),
    )


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        enforced = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
        if enforced:  # dropping the table would then delete its attachments' parents
            raise RuntimeError("the submissions rebuild needs foreign keys off (db.write)")
        _rebuild_sqlite(conn)
    else:
        _alter_postgres(conn)


def _rebuild_sqlite(conn: Connection) -> None:
    target = submissions_v3()
    copy = submissions_v3("submissions_v2")
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
    for index in submissions_v3().indexes:
        if index.name != "ix_submissions_root":  # kept from version 1
            conn.execute(CreateIndex(index, if_not_exists=True))


def downgrade() -> None:
    raise NotImplementedError("the server's schema only moves forward; restore a backup instead")
