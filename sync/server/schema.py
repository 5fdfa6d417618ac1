"""Tables of the central server, as SQLAlchemy Core metadata (one definition for SQLite and
PostgreSQL).

Times are ISO-8601 strings in UTC with a fixed width ("2026-11-26T22:10:00.123456+00:00") so that
they sort and compare as text on both databases and carry their offset (house rule 6).

A project groups forms, devices and the supervisors who review them. A submission row is one
version of one submission: an edit (``meta/deprecatedID``) adds a row whose ``root_id`` is the
instanceID of the first version and clears ``is_current`` on the version it replaces.
"""

from __future__ import annotations

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

metadata = MetaData()

TIME = String(32)
SHA256 = String(64)

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", TIME, nullable=False),
)

projects = Table(
    "projects",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_at", TIME, nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(200), nullable=False, unique=True),
    Column("password_hash", String(300), nullable=False),
    Column("role", String(20), nullable=False),  # "admin" | "supervisor"
    Column("created_at", TIME, nullable=False),
    Column("disabled_at", TIME),
)

user_projects = Table(
    "user_projects",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id"), primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id"), primary_key=True),
)

devices = Table(
    "devices",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("created_at", TIME, nullable=False),
    Column("revoked_at", TIME),
)

# The project's recovery PUBLIC key (RSA, PEM), handed to each laptop at enrollment: the laptop
# wraps its data key with it, so a supervisor holding the private key (never on the server) can
# give a forgotten PIN a replacement (`admin recover-profile`). One per project; replacing it only
# affects laptops enrolled afterwards.
recovery_keys = Table(
    "recovery_keys",
    metadata,
    Column("project_id", Integer, ForeignKey("projects.id"), primary_key=True, autoincrement=False),
    Column("public_pem", Text, nullable=False),
    Column("fingerprint", SHA256, nullable=False),
    Column("created_at", TIME, nullable=False),
)

enrollment_codes = Table(
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

tokens = Table(
    "tokens",
    metadata,
    Column("token_hash", SHA256, primary_key=True),
    Column("device_id", Integer, ForeignKey("devices.id")),
    Column("user_id", Integer, ForeignKey("users.id")),
    Column("created_at", TIME, nullable=False),
    Column("expires_at", TIME),
    Column("revoked_at", TIME),
)

forms = Table(
    "forms",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("form_id", String(200), nullable=False),
    Column("version", String(100), nullable=False),
    Column("title", String(500), nullable=False),
    Column("xml", Text, nullable=False),
    Column("md5", String(32), nullable=False),
    Column("binary_paths", Text, nullable=False),  # JSON list of "/data/.../photo" paths
    Column("created_at", TIME, nullable=False),
    UniqueConstraint("project_id", "form_id", "version", name="uq_forms_version"),
)

form_media = Table(
    "form_media",
    metadata,
    Column("form_pk", Integer, ForeignKey("forms.id"), primary_key=True),
    Column("filename", String(300), primary_key=True),
    Column("content_type", String(200), nullable=False),
    Column("md5", String(32), nullable=False),
    Column("data", LargeBinary, nullable=False),
)

submissions = Table(
    "submissions",
    metadata,
    Column("id", Integer, primary_key=True),
    # Unique per project (uq_submissions_project_instance), not across the server: see
    # schema_revisions/versions/0003_submissions_per_project.py.
    Column("instance_id", String(200), nullable=False),
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
    UniqueConstraint("project_id", "instance_id", name="uq_submissions_project_instance"),
    # Listing, newest first, in pages (review.list_submissions): all, by project, by device.
    Index("ix_submissions_received", "received_at", "id"),
    Index("ix_submissions_project_listing", "project_id", "received_at", "id"),
    Index("ix_submissions_device_listing", "device_id", "received_at", "id"),
    Index("ix_submissions_instance", "instance_id"),
    Index("ix_submissions_root", "root_id"),
)

submission_attachments = Table(
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

review_events = Table(
    "review_events",
    metadata,
    Column("id", Integer, primary_key=True),  # also the device's feedback cursor: it only grows
    Column("submission_pk", Integer, ForeignKey("submissions.id"), nullable=False),
    Column("state", String(20), nullable=False),
    Column("comment", Text),
    Column("user_id", Integer, ForeignKey("users.id")),
    Column("at", TIME, nullable=False),
    Index("ix_review_events_submission", "submission_pk"),
)

# Failed logins and enrollments, per username and per client address, shared by every worker and
# every server process over this database. ``key`` is the SHA-256 of "kind\0value": no username
# or address is stored in clear, and any text (NUL included) fits.
attempt_counts = Table(
    "attempt_counts",
    metadata,
    Column("key", SHA256, primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("window_started_at", TIME, nullable=False),
    Column("locked_until", TIME),
    Column("lockouts", Integer, nullable=False),  # grows the next lock (backoff); 0 after a success
    Column("updated_at", TIME, nullable=False),
    Index("ix_attempt_counts_updated", "updated_at"),
)

REVIEW_STATES = ("received", "edited", "approved", "has_issues", "rejected")
SETTABLE_REVIEW_STATES = ("approved", "has_issues", "rejected")
