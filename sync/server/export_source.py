"""The server's database as a source of submissions for ``app.export`` (CLI and API alike).

Read-only, streamed: rows come through a server-side cursor on PostgreSQL and SQLite's own
stepping cursor, a few hundred at a time, inside one read transaction (one consistent snapshot).
Only current versions are exported, newest first; an edited submission keeps the key, the date and
the count of edits of its first version, as Central's export does.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Select, case, func, select

from app.export import ExportError, SubmissionRecord
from app.odk_encryption import is_manifest
from sync.server import schema
from sync.server.db import Database

# (conn, submission row id, stored XML, instance id) -> the submission XML in clear.
Opener = Callable[[Any, int, str, str], str]
BATCH = 200  # rows fetched at a time: ~2 MB of XML for a 250-question form

s, f, d = schema.submissions, schema.forms, schema.devices
a = schema.submission_attachments
_first = s.alias("first_version")  # Core alias: no ORM import on the server's start


class UnknownForm(ExportError):
    """The project has no form with that id."""


@dataclass(frozen=True)
class ExportForm:
    """The newest version of a form in a project: what the export's layout is built from."""

    pk: int
    project_id: int
    form_id: str
    version: str
    xml: str


def find_export_form(db: Database, project_id: int, form_id: str) -> ExportForm:
    """The newest version of ``form_id`` in the project; ExportError naming the forms that exist
    when there is no such form."""
    with db.read() as conn:
        row = conn.execute(
            select(f.c.id, f.c.version, f.c.xml)
            .where(f.c.project_id == project_id, f.c.form_id == form_id)
            .order_by(f.c.id.desc())
            .limit(1)
        ).first()
        if row is None:
            known = conn.execute(
                select(f.c.form_id).where(f.c.project_id == project_id).distinct()
            ).scalars()
            names = ", ".join(sorted(known)) or "none"
            raise UnknownForm(f"no form {form_id!r} in project {project_id}; its forms: {names}")
    return ExportForm(int(row.id), project_id, form_id, row.version, row.xml)


@contextmanager
def form_media_folder(db: Database, form: ExportForm) -> Iterator[Path | None]:
    """The form's media files (choice lists from CSV/XML) in a temporary folder, if it has any:
    a form that takes its choices from a file needs them to list those choices."""
    m = schema.form_media
    with db.read() as conn:
        names = conn.execute(select(m.c.filename).where(m.c.form_pk == form.pk)).scalars().all()
    if not names:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="encuentro-export-media-") as folder:
        with db.read() as conn:
            rows = conn.execute(select(m.c.filename, m.c.data).where(m.c.form_pk == form.pk))
            for name, data in rows:
                safe = Path(name).name
                if safe and safe == name:  # published names are plain file names; stay inside
                    (Path(folder) / safe).write_bytes(data)
        yield Path(folder)


class DatabaseSubmissions:
    """The current versions of one form's submissions in one project (``SubmissionSource``)."""

    def __init__(
        self,
        db: Database,
        project_id: int,
        form_id: str,
        *,
        approved_only: bool = False,
        opener: Opener | None = None,
        keep_sealed: bool = False,
    ) -> None:
        self.db = db
        self.project_id = project_id
        self.form_id = form_id
        self.approved_only = approved_only
        # ODK-encrypted submissions are decrypted by this (sealed_review.opener, holding the
        # supervisor's key for this one export); without it they stop the export (ExportError).
        self.opener = opener
        # Without an opener: hand encrypted ones over as they are (findings count them as
        # unreadable) instead of stopping.
        self.keep_sealed = keep_sealed

    def _conditions(self) -> list[Any]:
        forms_of = select(f.c.id).where(
            f.c.project_id == self.project_id, f.c.form_id == self.form_id
        )
        conditions = [
            s.c.project_id == self.project_id,
            s.c.form_pk.in_(forms_of.scalar_subquery()),
            s.c.is_current.is_(True),
        ]
        if self.approved_only:
            conditions.append(s.c.review_state == "approved")
        return conditions

    def count(self) -> int:
        with self.db.read() as conn:
            query = select(func.count()).select_from(s).where(*self._conditions())
            return int(conn.execute(query).scalar_one())

    def _query(self) -> Select[*tuple[Any, ...]]:
        present = (
            select(func.count()).select_from(a).where(a.c.submission_pk == s.c.id).scalar_subquery()
        )
        # An edit's date and key are its first version's (same root_id); most submissions were
        # never edited, and need no second look.
        first_received = (
            select(func.min(_first.c.received_at))
            .where(_first.c.root_id == s.c.root_id)
            .scalar_subquery()
        )
        versions = (
            select(func.count()).select_from(_first).where(_first.c.root_id == s.c.root_id)
        ).scalar_subquery()
        unedited = s.c.deprecated_id.is_(None)
        return (
            select(
                s.c.id,
                s.c.root_id,
                s.c.xml,
                case((unedited, s.c.received_at), else_=first_received).label("submitted_at"),
                case((unedited, 0), else_=versions - 1).label("edits"),
                f.c.version,
                s.c.device_id,
                d.c.name.label("device_name"),
                s.c.review_state,
                s.c.attachments_expected,
                present.label("attachments_present"),
            )
            .select_from(s.join(f, s.c.form_pk == f.c.id).outerjoin(d, s.c.device_id == d.c.id))
            .where(*self._conditions())
            .order_by(s.c.id.desc())
        )

    def __iter__(self) -> Iterator[SubmissionRecord]:
        with self.db.read() as conn:
            result = conn.execution_options(yield_per=BATCH).execute(self._query())
            for row in result:
                xml = row.xml
                present, expected = row.attachments_present or 0, row.attachments_expected or 0
                if is_manifest(xml) and not (self.opener is None and self.keep_sealed):
                    if self.opener is None:
                        raise ExportError(
                            f"form {self.form_id!r} has encrypted submissions: give the "
                            "project's private key and its passphrase to export them"
                        )
                    xml = self.opener(conn, row.id, xml, row.root_id)
                    # The parts counted include submission.xml.enc; the export counts media.
                    present, expected = max(present - 1, 0), max(expected - 1, 0)
                yield SubmissionRecord(
                    instance_id=row.root_id,
                    xml=xml,
                    submitted_at=central_time(row.submitted_at),
                    form_version=row.version,
                    submitter_id=row.device_id,
                    submitter_name=row.device_name,
                    device_id=row.device_id,
                    review_state=row.review_state,
                    attachments_present=int(present),
                    attachments_expected=int(expected),
                    edits=int(row.edits or 0),
                )


def central_time(stored: str) -> str:
    """Stored "2026-11-26T22:10:00.123456+00:00" as Central writes SubmissionDate:
    "2026-11-26T22:10:00.123Z" (JavaScript's toISOString)."""
    if len(stored) == 32 and stored.endswith("+00:00"):
        return stored[:23] + "Z"
    return stored
