"""Schema version 1: the server's tables as first released (frozen copy; never edit).

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TIME = String(32)
SHA256 = String(64)


def tables() -> MetaData:
    """Version 1's tables, as the numbered step 1 created them."""
    metadata = MetaData()
    Table(
        "projects",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("name", String(200), nullable=False, unique=True),
        Column("created_at", TIME, nullable=False),
    )
    Table(
        "users",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("username", String(200), nullable=False, unique=True),
        Column("password_hash", String(300), nullable=False),
        Column("role", String(20), nullable=False),
        Column("created_at", TIME, nullable=False),
        Column("disabled_at", TIME),
    )
    Table(
        "user_projects",
        metadata,
        Column("user_id", Integer, ForeignKey("users.id"), primary_key=True),
        Column("project_id", Integer, ForeignKey("projects.id"), primary_key=True),
    )
    Table(
        "devices",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
        Column("name", String(200), nullable=False),
        Column("created_at", TIME, nullable=False),
        Column("revoked_at", TIME),
    )
    Table(
        "enrollment_codes",
        metadata,
        Column("code_hash", SHA256, primary_key=True),
        Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
        Column("device_name", String(200), nullable=False),
        Column("created_at", TIME, nullable=False),
        Column("expires_at", TIME, nullable=False),
        Column("used_at", TIME),
        Column("device_id", Integer, ForeignKey("devices.id")),
    )
    Table(
        "tokens",
        metadata,
        Column("token_hash", SHA256, primary_key=True),
        Column("device_id", Integer, ForeignKey("devices.id")),
        Column("user_id", Integer, ForeignKey("users.id")),
        Column("created_at", TIME, nullable=False),
        Column("expires_at", TIME),
        Column("revoked_at", TIME),
    )
    Table(
        "forms",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
        Column("form_id", String(200), nullable=False),
        Column("version", String(100), nullable=False),
        Column("title", String(500), nullable=False),
        Column("xml", Text, nullable=False),
        Column("md5", String(32), nullable=False),
        Column("binary_paths", Text, nullable=False),
        Column("created_at", TIME, nullable=False),
        UniqueConstraint("project_id", "form_id", "version", name="uq_forms_version"),
    )
    Table(
        "form_media",
        metadata,
        Column("form_pk", Integer, ForeignKey("forms.id"), primary_key=True),
        Column("filename", String(300), primary_key=True),
        Column("content_type", String(200), nullable=False),
        Column("md5", String(32), nullable=False),
        Column("data", LargeBinary, nullable=False),
    )
    Table(
        "submissions",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("instance_id", String(200), nullable=False, unique=True),
        Column("root_id", String(200), nullable=False),
        Column("deprecated_id", String(200)),
        Column("is_current", Boolean, nullable=False),
        Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
        Column("form_pk", Integer, ForeignKey("forms.id"), nullable=False),
        Column("device_id", Integer, ForeignKey("devices.id")),
        Column("xml", Text, nullable=False),
        Column("xml_sha256", SHA256, nullable=False),
        Column("attachments_expected", Integer, nullable=False),
        Column("received_at", TIME, nullable=False),
        Column("review_state", String(20), nullable=False),
        Column("review_comment", Text),
        Column("reviewed_at", TIME),
        Column("reviewed_by", Integer, ForeignKey("users.id")),
        Index("ix_submissions_project_received", "project_id", "received_at"),
        Index("ix_submissions_device", "device_id"),
        Index("ix_submissions_root", "root_id"),
    )
    Table(
        "submission_attachments",
        metadata,
        Column("submission_pk", Integer, ForeignKey("submissions.id"), primary_key=True),
        Column("name", String(300), primary_key=True),
        Column("content_type", String(200), nullable=False),
        Column("size", Integer, nullable=False),
        Column("sha256", SHA256, nullable=False),
        Column("received_at", TIME, nullable=False),
        Column("data", LargeBinary, nullable=False),
    )
    Table(
        "review_events",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("submission_pk", Integer, ForeignKey("submissions.id"), nullable=False),
        Column("state", String(20), nullable=False),
        Column("comment", Text),
        Column("user_id", Integer, ForeignKey("users.id")),
        Column("at", TIME, nullable=False),
        Index("ix_review_events_submission", "submission_pk"),
    )
    return metadata


def upgrade() -> None:
    tables().create_all(op.get_bind())


def downgrade() -> None:
    raise NotImplementedError("the server's schema only moves forward; restore a backup instead")
