"""Submission ingest (the OpenRosa POST), exactly once per instanceID and project.

Rules (ODK Central's, architecture rule 4):
- a new instanceID is stored with its attachments: 201;
- the identical XML again (same SHA-256) from the same device stores no second copy; attachments
  not yet stored are added (split uploads end with every file): 201 as Central does;
- different XML under a known instanceID: 409, the stored version stays untouched;
- ``meta/deprecatedID`` names the version it replaces: a new version of the same submission is
  stored (same ``root_id``), the old one stops being current, and the review state becomes
  "edited". An edit keeps its form (another form id is refused: 409).
- Only files that the submission's answers name (binary questions: photos, audio...) are accepted,
  on the first send and on a resend (400 for any other file). Once a supervisor has reviewed the
  submission (approved, has_issues, rejected), a resend may not add files (409): what was reviewed
  must not change under the supervisor's verdict; the device sends an edit instead.
- The instanceID is unique per project: an instanceID stored in another project is answered as
  an unknown one would be (its existence does not leak), and the other copy is never touched.

The work is split in two: ``prepare`` (parse and check, no database write, run on the request)
and ``store`` (one submission's writes, inside a transaction that ``group_commit`` may share with
other submissions; each 201 is sent only after that transaction committed).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from app.odk_encryption import is_manifest, read_manifest
from sync.server import schema
from sync.server.accounts import Principal
from sync.server.attachment_store import insert_attachment
from sync.server.db import Database, utc_now
from sync.server.errors import Refused
from sync.server.forms import read_xform_info
from sync.server.group_commit import Retry
from sync.server.submission_xml import SubmissionMeta, read_submission

s, t, d = schema.submissions, schema.tokens, schema.devices
# Statements of the ingest path, built once (building one costs more than running it on SQLite).
_EXISTING = select(s.c.id, s.c.xml_sha256, s.c.device_id, s.c.review_state).where(
    s.c.project_id == bindparam("project_id"), s.c.instance_id == bindparam("instance_id")
)
_REPLACED = (
    select(s.c.id, s.c.root_id, s.c.is_current, s.c.device_id, schema.forms.c.form_id)
    .select_from(s.join(schema.forms, s.c.form_pk == schema.forms.c.id))
    .where(s.c.project_id == bindparam("project_id"), s.c.instance_id == bindparam("instance_id"))
)
# The device token, checked again inside the transaction that stores: the request was let in on a
# briefly remembered lookup (see openrosa.device_caller), and a token revoked since then must not
# store anything. The same rules as accounts.principal_for_token, for a device's token.
_TOKEN_STILL_VALID = (
    select(t.c.device_id)
    .select_from(t.join(d, t.c.device_id == d.c.id))
    .where(
        t.c.token_hash == bindparam("digest"),
        t.c.revoked_at.is_(None),
        (t.c.expires_at.is_(None)) | (t.c.expires_at > bindparam("now")),
        d.c.revoked_at.is_(None),
    )
)
_INSERT = s.insert()
# A new instanceID (nearly every submission) is stored by its INSERT alone; only when the key is
# already stored does the row come back empty and the stored one get read (resend or 409). The
# conflict target is the one unique key, so no other error is silenced.
_KEY = [s.c.project_id, s.c.instance_id]
_INSERT_UNLESS_STORED = {
    name: dialect.insert(s).on_conflict_do_nothing(index_elements=_KEY).returning(s.c.id)
    for name, dialect in (("postgresql", postgresql), ("sqlite", sqlite))
}
_STORED_NAMES = select(schema.submission_attachments.c.name).where(
    schema.submission_attachments.c.submission_pk == bindparam("pk")
)
REVIEWED_STATES = frozenset(schema.SETTABLE_REVIEW_STATES)


@dataclass(frozen=True)
class Attachment:
    """One file part: its clean name and type, its size and SHA-256, and the (spooled) bytes."""

    name: str
    content_type: str
    size: int
    sha256: str
    source: BinaryIO = field(repr=False, compare=False)

    @classmethod
    def from_bytes(cls, name: str, content_type: str, data: bytes) -> Attachment:
        digest = hashlib.sha256(data).hexdigest()
        return cls(name, content_type, len(data), digest, io.BytesIO(data))


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
    encrypted: bool = False  # the form has a public key: its submissions may come sealed


@dataclass(frozen=True)
class PreparedSubmission:
    """A submission parsed and checked, ready to be stored (``SubmissionInbox.store``)."""

    principal: Principal
    project_id: int | None
    form_pk: int
    meta: SubmissionMeta
    xml_text: str
    digest: str
    expected: int
    attachments: list[Attachment]


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
    seen: dict[str, str] = {}
    for item in attachments:
        if seen.setdefault(item.name, item.sha256) != item.sha256:
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
        """Store one submission in its own transaction (or acknowledge a resend); raises Refused
        with the HTTP status. The server's route batches through ``group_commit`` instead."""
        prepared = self.prepare(principal, xml, attachments)
        for attempt in (1, 2):
            try:
                with self.db.write() as conn:
                    return self.store(conn, prepared)
            except (IntegrityError, Retry):
                # Two identical posts raced on the unique instanceID; the second attempt sees the
                # first one's row and takes the resend path.
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def prepare(
        self, principal: Principal, xml: bytes, attachments: list[Attachment]
    ) -> PreparedSubmission:
        """Parse (once) and check everything that needs no write; raises Refused."""
        if not principal.is_device:
            raise Refused(403, "only enrolled devices send submissions")
        document = read_submission(xml)
        meta = document.meta
        try:
            xml_text = xml.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(400, "the submission XML must be UTF-8") from None
        _check_unique_names(attachments)
        (project_id,) = principal.project_ids or (None,)
        form = self._form(project_id, meta.form_id, meta.version)
        if is_manifest(xml):
            named = _sealed_files(xml, form, meta.form_id)
        elif meta.root_name != form.root_name:
            raise Refused(
                400,
                f"the submission's root element <{meta.root_name}> is not the root <"
                f"{form.root_name}> of form {meta.form_id!r} version {meta.version!r}",
            )
        else:
            named = document.named_files(form.binary_paths) if form.binary_paths else set()
        for item in attachments:
            if item.name not in named:
                # A file no answer names would be stored where nobody can see why it is there
                # (and could be added later to a reviewed submission): refuse it, on any send.
                raise Refused(
                    400,
                    f"the file {item.name!r} is not named by any answer of this submission; "
                    "only the files of its photo, audio, video or file questions are accepted",
                )
        return PreparedSubmission(
            principal=principal,
            project_id=project_id,
            form_pk=form.pk,
            meta=meta,
            xml_text=xml_text,
            digest=hashlib.sha256(xml).hexdigest(),
            expected=len(named),
            attachments=attachments,
        )

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
        info = read_xform_info(row.xml)
        found = PublishedForm(
            int(row.id), json.loads(row.binary_paths), info.root_name, info.encrypted
        )
        with self._lock:
            self._forms[key] = found
        return found

    def store(
        self, conn: Connection, prepared: PreparedSubmission, memo: dict[Any, Any] | None = None
    ) -> IngestResult:
        """One submission's writes inside the caller's transaction (shared with others, see
        group_commit). Every refusal (Refused) and Retry (another process stored this instanceID
        meanwhile) is raised before the first write, so a refused submission leaves nothing."""
        principal, meta = prepared.principal, prepared.meta
        memo = {} if memo is None else memo
        token_key = ("token", principal.token_hash)
        if token_key not in memo:  # once per token and transaction
            memo[token_key] = conn.execute(
                _TOKEN_STILL_VALID, {"digest": principal.token_hash, "now": utc_now()}
            ).scalar()
        if memo[token_key] is None or memo[token_key] != principal.device_id:
            raise Refused(401, "the token is unknown, expired or revoked: enroll or log in again")
        if meta.deprecated_id is None:
            # Insert first: one statement for a new instanceID. Nothing is written when the key is
            # stored already (ON CONFLICT DO NOTHING), so the resend and 409 paths below still
            # refuse before any write. PostgreSQL waits for a concurrent transaction that holds
            # the same key and then sees its row, as SQLite's single writer always does.
            row = self._row(prepared, meta.instance_id, "received")
            submission_pk = conn.execute(_INSERT_UNLESS_STORED[conn.dialect.name], row).scalar()
            if submission_pk is not None:
                added = _add_attachments(conn, submission_pk, prepared.attachments)
                return IngestResult(meta.instance_id, created=True, attachments_added=added)
        scope = {"project_id": prepared.project_id, "instance_id": meta.instance_id}
        existing = conn.execute(_EXISTING, scope).first()
        if existing is None and meta.deprecated_id is None:
            raise Retry(meta.instance_id)  # the other copy went away meanwhile: try again
        if existing is not None:
            if existing.xml_sha256 != prepared.digest or existing.device_id != principal.device_id:
                raise Refused(
                    409,
                    f"a different submission with instanceID {meta.instance_id} is already stored; "
                    "it was kept unchanged (an edit needs a new instanceID and meta/deprecatedID)",
                )
            stored = set(conn.execute(_STORED_NAMES, {"pk": existing.id}).scalars())
            new = [item for item in prepared.attachments if item.name not in stored]
            if new and existing.review_state in REVIEWED_STATES:
                raise Refused(
                    409,
                    f"submission {meta.instance_id} was already reviewed "
                    f"({existing.review_state}); files cannot be added to it any more "
                    f"({', '.join(sorted({item.name for item in new}))}): send an edit instead",
                )
            added = _add_attachments(conn, existing.id, new)
            return IngestResult(meta.instance_id, created=False, attachments_added=added)
        # An edit (meta/deprecatedID): what it replaces is checked before anything is written.
        old = conn.execute(
            _REPLACED.with_for_update(of=s),
            {"project_id": prepared.project_id, "instance_id": meta.deprecated_id},
        ).first()
        # Only the device that sent a submission may edit it: another device naming it would
        # take over its history (and see its versions). Same answer as unknown: no leak.
        if old is None or old.device_id != principal.device_id:
            raise Refused(
                404,
                f"the submission this one replaces ({meta.deprecated_id}) is not on the server",
            )
        if old.form_id != meta.form_id:
            raise Refused(
                409,
                f"an edit keeps its form: {meta.deprecated_id} is an answer to form "
                f"{old.form_id!r}, not {meta.form_id!r}",
            )
        if not old.is_current:
            raise Refused(
                409, f"submission {meta.deprecated_id} was already replaced by another edit"
            )
        row = self._row(prepared, old.root_id, "edited")
        # The first write. PostgreSQL: another process may have stored this instanceID since the
        # check above; ON CONFLICT answers that without aborting the shared transaction (SQLite:
        # writers are serialised, the check above still holds).
        submission_pk = conn.execute(_INSERT_UNLESS_STORED[conn.dialect.name], row).scalar()
        if submission_pk is None:
            raise Retry(meta.instance_id)
        conn.execute(s.update().where(s.c.id == old.id).values(is_current=False))
        added = _add_attachments(conn, submission_pk, prepared.attachments)
        return IngestResult(meta.instance_id, created=True, attachments_added=added)

    @staticmethod
    def _row(prepared: PreparedSubmission, root_id: str, review_state: str) -> dict[str, Any]:
        return {
            "instance_id": prepared.meta.instance_id,
            "root_id": root_id,
            "deprecated_id": prepared.meta.deprecated_id,
            "is_current": True,
            "project_id": prepared.project_id,
            "form_pk": prepared.form_pk,
            "device_id": prepared.principal.device_id,
            "xml": prepared.xml_text,
            "xml_sha256": prepared.digest,
            "attachments_expected": prepared.expected,
            "received_at": utc_now(),
            "review_state": review_state,
        }


def _sealed_files(xml: bytes, form: PublishedForm, form_id: str) -> set[str]:
    """The .enc files an encrypted submission's manifest names (its answers are sealed: the
    server stores them as they came and never decrypts on ingest). 400 if unusable."""
    if not form.encrypted:
        raise Refused(
            400,
            f"form {form_id!r} has no public key, so it takes no encrypted submissions; "
            "publish a version of it with its public key",
        )
    try:
        manifest = read_manifest(xml)
    except ValueError as error:
        raise Refused(400, str(error)) from None
    return {unicodedata.normalize("NFC", name) for name in [*manifest.media, manifest.xml_file]}


def _add_attachments(conn: Connection, submission_pk: int, attachments: list[Attachment]) -> int:
    """Insert the attachments given (not stored yet; one per name); a stored file is never
    replaced."""
    now = utc_now()
    names: set[str] = set()
    for item in attachments:
        if item.name in names:
            continue
        names.add(item.name)
        insert_attachment(conn, submission_pk, item, now)
    return len(names)
