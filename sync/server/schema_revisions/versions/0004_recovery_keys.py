"""Schema version 4: each project's recovery public key, handed to laptops at enrollment (frozen
copy; never edit).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, Text

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    metadata = MetaData()
    Table("projects", metadata, Column("id", Integer, primary_key=True))
    Table(
        "recovery_keys",
        metadata,
        Column(
            "project_id", Integer, ForeignKey("projects.id"), primary_key=True, autoincrement=False
        ),
        Column("public_pem", Text, nullable=False),
        Column("fingerprint", String(64), nullable=False),
        Column("created_at", String(32), nullable=False),
    )
    metadata.tables["recovery_keys"].create(op.get_bind())


def downgrade() -> None:
    raise NotImplementedError("the server's schema only moves forward; restore a backup instead")
