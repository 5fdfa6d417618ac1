"""Schema version 2: the login and enrollment throttle moves from each process's memory into the
database, shared by every worker and server process (frozen copy; never edit).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Column, Index, Integer, MetaData, String, Table

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    metadata = MetaData()
    Table(
        "attempt_counts",
        metadata,
        Column("key", String(64), primary_key=True),
        Column("failures", Integer, nullable=False),
        Column("window_started_at", String(32), nullable=False),
        Column("locked_until", String(32)),
        Column("lockouts", Integer, nullable=False),
        Column("updated_at", String(32), nullable=False),
        Index("ix_attempt_counts_updated", "updated_at"),
    )
    metadata.create_all(op.get_bind())


def downgrade() -> None:
    raise NotImplementedError("the server's schema only moves forward; restore a backup instead")
