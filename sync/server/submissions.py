"""Submission ingest (the OpenRosa POST), exactly once per instanceID, in one transaction.

Rules (ODK Central's, architecture rule 4):
- a new instanceID is stored with its attachments: 201;
- the identical XML again (same SHA-256) from the same device stores no second copy; attachments
  not yet stored are added (split uploads end with every file): 201 as Central does;
- different XML under a known instanceID: 409, the stored version stays untouched;
- ``meta/deprecatedID`` names the version it replaces: a new version of the same submission is
  stored (same ``root_id``), the old one stops being current, and the review state becomes
  "edited".
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import unicodedata
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.exc import IntegrityError

from sync.server import schema
from sync.server.accounts import Principal
from sync.server.db import Database, utc_now
from sync.server.errors import Refused
from sync.server.forms import read_xform_info
from sync.server.submission_xml import SubmissionMeta, expected_attachments, parse_submission

# Statements of the ingest path, built once (building one costs more than running it on SQLite).
_EXISTING = select(
    schema.submissions.c.id, schema.submissions.c.xml_sha256, schema.submissions.c.device_id
).where(schema.submissions.c.instance_id == bindparam("instance_id"))
_INSERT = schema.submissions.insert()
_INSERT_ATTACHMENT = schema.submission_attachments.insert()


@dataclass(frozen=True)
class Attachment:
    name: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class IngestResult:
    instance_id: str
    created: bool  # False: an identical resend was acknowledged
    attachments_added: int


@dataclass(frozen=True)
class PublishedForm:
    """What ingest needs of one published form version (cached: versions never change)."""

    pk: int
    binary_paths: list[str]
    root_name: str


# Control, format (bidi overrides such as U+202E that disguise "x\u202egpj.exe" as "xexe.jpg"),
# surrogate, private-use and unassigned code points, and line/paragraph separators.
_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
_MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}")


def clean_attachment_name(raw: str) -> str:
    """The file name of an uploaded part, without any folder, in Unicode NFC; refused if empty or
    odd. NFC: "café.jpg" typed on macOS (decomposed) and on Windows (composed) is one name."""
    name = unicodedata.normalize("NFC", raw.replace("\\", "/").rsplit("/", 1)[-1].strip())
    if (
        name in ("", ".", "..")
        or len(name) > 255
        or any(unicodedata.category(ch) in _REFUSED_CATEGORIES for ch in name)
    ):
        raise Refused(400, f"attachment file name {raw[:80]!r} is not acceptable")
    return name


def clean_media_type(raw: str | None) -> str:
    """The part's declared type reduced to ``type/subtype`` (parameters dropped, lower case), or
    application/octet-stream when it is missing, too long or not a media type at all. It is only
    a label: attachments are always served as downloads with nosniff."""
    media_type = (raw or "").split(";", 1)[0].strip().lower()
    return media_type if _MEDIA_TYPE.fullmatch(media_type) else "application/octet-stream"


def _check_unique_names(attachments: list[Attachment]) -> None:
    """Two parts with one name and different bytes: which is the photo? Refuse rather than guess."""
    seen: dict[str, bytes] = {}
    for item in attachments:
        if seen.setdefault(item.name, item.data) != item.data:
            raise Refused(
                400, f"two attachments are named {item.name!r} with different contents; rename one"
            )


class SubmissionInbox:
    """Receives submissions into the database; keeps a small cache of published form versions."""

    def __init__(self, db: Database) -> None:
        self.db = db
        # Form versions never change once published, so (project, form_id, version) -> row is safe
        # to remember; unknown versions are not cached (they may be published a second later).
        self._forms: dict[tuple[int, str, str], PublishedForm] = {}
        self._lock = threading.Lock()

    def ingest(
        self, principal: Principal, xml: bytes, attachments: list[Attachment]
    ) -> IngestResult:
        """Store one submission (or acknowledge a resend); raises Refused with the HTTP status."""
        if not principal.is_device:
            raise Refused(403, "only enrolled devices send submissions")
        meta = parse_submission(xml)
        try:
            xml_text = xml.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(400, "the submission XML must be UTF-8") from None
        _check_unique_names(attachments)
        (project_id,) = principal.project_ids or (None,)
        form = self._form(project_id, meta.form_id, meta.version)
        if meta.root_name != form.root_name:
            raise Refused(
                400,
                f"the submission's root element <{meta.root_name}> is not the root <"
                f"{form.root_name}> of form {meta.form_id!r} version {meta.version!r}",
            )
        form_pk, binary_paths = form.pk, form.binary_paths
        expected = len(expected_attachments(xml, binary_paths)) if binary_paths else 0
        digest = hashlib.sha256(xml).hexdigest()
        for attempt in (1, 2):
            try:
                with self.db.write() as conn:
                    return self._store(
                        conn,
                        principal,
                        project_id,
                        form_pk,
                        meta,
                        xml_text,
                        digest,
                        expected,
                        attachments,
                    )
            except IntegrityError:
                # Two identical posts raced on the unique instanceID; the second attempt sees the
                # first one's row and takes the resend path.
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _form(self, project_id: int | None, form_id: str, version: str) -> PublishedForm:
        key = (project_id or 0, form_id, version)
        with self._lock:
            cached = self._forms.get(key)
        if cached is not None:
            return cached
        f = schema.forms
        with self.db.read() as conn:
            row = conn.execute(
                select(f.c.id, f.c.binary_paths, f.c.xml).where(
                    f.c.project_id == project_id, f.c.form_id == form_id, f.c.version == version
                )
            ).first()
        if row is None:
            raise Refused(
                404,
                f"form {form_id!r} version {version!r} is not published to this device's project",
            )
        found = PublishedForm(
            int(row.id), json.loads(row.binary_paths), read_xform_info(row.xml).root_name
        )
        with self._lock:
            self._forms[key] = found
        return found

    def _store(
        self,
        conn: Connection,
        principal: Principal,
        project_id: int | None,
        form_pk: int,
        meta: SubmissionMeta,
        xml_text: str,
        digest: str,
        expected: int,
        attachments: list[Attachment],
    ) -> IngestResult:
        s = schema.submissions
        existing = conn.execute(_EXISTING, {"instance_id": meta.instance_id}).first()
        if existing is not None:
            if existing.xml_sha256 != digest or existing.device_id != principal.device_id:
                raise Refused(
                    409,
                    f"a different submission with instanceID {meta.instance_id} is already stored; "
                    "it was kept unchanged (an edit needs a new instanceID and meta/deprecatedID)",
                )
            added = _add_attachments(conn, existing.id, attachments)
            return IngestResult(meta.instance_id, created=False, attachments_added=added)
        root_id = meta.instance_id
        review_state = "received"
        if meta.deprecated_id is not None:
            old = conn.execute(
                select(s.c.id, s.c.root_id, s.c.is_current, s.c.device_id)
                .where(s.c.instance_id == meta.deprecated_id)
                .with_for_update()
            ).first()
            # Only the device that sent a submission may edit it: another device naming it would
            # take over its history (and see its versions). Same answer as unknown: no leak.
            if old is None or old.device_id != principal.device_id:
                raise Refused(
                    404,
                    f"the submission this one replaces ({meta.deprecated_id}) is not on the server",
                )
            if not old.is_current:
                raise Refused(
                    409, f"submission {meta.deprecated_id} was already replaced by another edit"
                )
            conn.execute(s.update().where(s.c.id == old.id).values(is_current=False))
            root_id, review_state = old.root_id, "edited"
        submission_pk = conn.execute(
            _INSERT,
            {
                "instance_id": meta.instance_id,
                "root_id": root_id,
                "deprecated_id": meta.deprecated_id,
                "is_current": True,
                "project_id": project_id,
                "form_pk": form_pk,
                "device_id": principal.device_id,
                "xml": xml_text,
                "xml_sha256": digest,
                "attachments_expected": expected,
                "received_at": utc_now(),
                "review_state": review_state,
            },
        ).inserted_primary_key[0]
        added = _add_attachments(conn, submission_pk, attachments, fresh=True)
        return IngestResult(meta.instance_id, created=True, attachments_added=added)


def _add_attachments(
    conn: Connection, submission_pk: int, attachments: list[Attachment], fresh: bool = False
) -> int:
    """Insert the attachments not stored yet (by name); a stored file is never replaced."""
    if not attachments:
        return 0
    a = schema.submission_attachments
    stored: set[str] = set()
    if not fresh:
        stored = set(
            conn.execute(select(a.c.name).where(a.c.submission_pk == submission_pk)).scalars()
        )
    now = utc_now()
    rows = []
    for item in attachments:
        if item.name in stored:
            continue
        stored.add(item.name)
        rows.append(
            {
                "submission_pk": submission_pk,
                "name": item.name,
                "content_type": item.content_type,
                "size": len(item.data),
                "sha256": hashlib.sha256(item.data).hexdigest(),
                "received_at": now,
                "data": item.data,
            }
        )
    if rows:
        conn.execute(_INSERT_ATTACHMENT, rows)
    return len(rows)
