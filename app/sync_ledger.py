"""The laptop side of a sync: ``sync.ledger.SyncLedger`` over the workspace's store.

The sync client (sync/) speaks HTTP and OpenRosa; every read and write of the laptop's data it
needs goes through here, so the store has one owner. A pulled form goes through the engine
exactly like an imported file (``Workspace.add_form``): a form the engine refuses is refused with
the engine's reason and nothing of it stays behind. Its media are confined to
``<data dir>/form_media/<form id>/<version>/`` (``app.form_media``).
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.form_media import UnsafeMediaPath
from app.store import StoreError
from app.store.errors import NOT_FOUND
from sync.ledger import (
    DueSubmission,
    FormRefused,
    KnownForm,
    PulledForm,
    ReviewOutcome,
    SubmissionPayload,
    SyncSettings,
)
from sync.messages import SyncMessage, parse_stored
from sync.openrosa import Attachment, is_safe_segment
from sync.pull import shown as _shown

if TYPE_CHECKING:
    from app.engine import Form
    from app.store import Store
    from app.workspace import Workspace

log = logging.getLogger(__name__)

ENCRYPTED_PART_TYPE = "application/octet-stream"  # what ODK Collect labels .enc files
SERVER_SOURCE = "server"  # source_name prefix of forms that came from a server
SCRATCH = ".incoming"  # under form_media: downloads waiting to be checked (never a form id)


class WorkspaceLedger:
    """Implements ``sync.ledger.SyncLedger`` for one workspace (see that protocol's docs)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.media = workspace.form_media

    @property
    def store(self) -> Store:
        """The workspace's store, looked up at each use: giving the first PIN reopens the data
        file encrypted, and a locked workspace raises app.protection.Locked here."""
        return self.workspace.store

    @property
    def settings(self) -> SyncSettings:
        return self.store.settings

    @property
    def database_path(self) -> Path | None:
        return Path(self.workspace.config.database_path)

    def keep_recovery_key(self, public_pem: str) -> None:
        """The project's recovery public key from enrollment: the data key is wrapped with it
        (now, or when the data is first protected by a PIN). ValueError if it is not one."""
        self.workspace.set_recovery_key(public_pem)
        self.record_event("device.recovery_key", None, {})

    # -- push ----------------------------------------------------------------------------------
    def due(self, now: datetime, limit: int) -> list[DueSubmission]:
        return [DueSubmission(e.instance_id, e.attempts) for e in self.store.outbox.due(now, limit)]

    def due_count(self, now: datetime) -> int:
        return len(self.store.outbox.due(now, limit=1_000_000))

    def queued_count(self) -> int:
        return self.store.outbox.count()

    def payload(self, instance_id: str) -> SubmissionPayload:
        sealed = self.store.sealed.get(instance_id)
        if sealed is not None:
            # An ODK-encrypted form: the manifest is the XML part, the .enc files the others.
            parts = [Attachment(name, data, ENCRYPTED_PART_TYPE) for name, data in sealed.parts]
            return SubmissionPayload(sealed.manifest, parts)
        submission = self.store.submissions.get(instance_id)
        attachments = [
            Attachment(
                a.filename, self.store.attachments.read(instance_id, a.filename), a.media_type
            )
            for a in self.store.attachments.list(instance_id)
        ]
        return SubmissionPayload(submission.instance_xml.encode("utf-8"), attachments)

    def mark_sent(self, instance_id: str, at: datetime) -> None:
        self.store.outbox.mark_sent(instance_id, at=at)

    def mark_failed(self, instance_id: str, reason: SyncMessage, retry_at: datetime | None) -> None:
        self.store.outbox.mark_failed(instance_id, reason.to_json(), retry_at)

    def requeue_refused(self, reasons: frozenset[str]) -> int:
        count = 0
        for entry in self.store.outbox.list():
            if entry.next_attempt_at is not None:
                continue  # waiting for its retry already
            message = parse_stored(entry.last_error)
            if message is not None and message.key in reasons:
                self.store.outbox.requeue(entry.instance_id)
                count += 1
        if count:
            self.store.audit.record(None, "sync.requeued", None, {"sessions": count})
        return count

    def device_id(self) -> str:
        return self.workspace.device_id()

    def record_event(self, action: str, target: str | None, details: dict[str, Any]) -> None:
        self.store.audit.record(None, action, target, details)

    # -- forms ---------------------------------------------------------------------------------
    def known_form(self, form_id: str, version: str) -> KnownForm | None:
        try:
            record = self.store.forms.get(form_id, version)
        except StoreError as exc:
            if exc.kind == NOT_FOUND:
                return None
            raise
        from_server = (record.source_name or "").startswith(SERVER_SOURCE + ":")
        return KnownForm(record.source_hash or "", from_server)

    def scratch_folder(self) -> Path:
        folder = self.media.root / SCRATCH
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def add_pulled_form(self, form: PulledForm) -> str:
        """See ``SyncLedger.add_pulled_form``: engine check, media in place, then the library."""
        shown = _shown(form.form_id)
        for name in (form.form_id, form.version or "x", *form.media):
            if not is_safe_segment(name):
                raise FormRefused(SyncMessage("form_unsafe_name", {"form": shown, "version": ""}))
        try:
            text = form.xform.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FormRefused(
                SyncMessage("form_unusable", {"form": shown}, "The form is not UTF-8 text.")
            ) from exc
        staging = self.scratch_folder() / f".form-{uuid.uuid4().hex}"
        staging.mkdir()
        try:
            for name, path in form.media.items():
                os.replace(path, staging / name)
            loaded = self._load(text, staging, shown, form.xform)
            if (loaded.form_id, loaded.version) != (form.form_id, form.version):
                raise FormRefused(
                    SyncMessage(
                        "form_mismatch",
                        {
                            "form": shown,
                            "xform_form": _shown(loaded.form_id),
                            "xform_version": _shown(loaded.version),
                        },
                    )
                )
            final = self.media.folder(form.form_id, form.version)
            placed = False
            if form.media:
                # Media first: a form that appears in the library must have its pictures there.
                # A folder already there belongs to no stored form (known_form said so).
                if final.exists():
                    shutil.rmtree(final)
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging, final)
                placed = True
            try:
                record, _added = self.workspace.add_form(
                    loaded,
                    source_hash=form.source_hash,
                    source_name=form.source_name,
                )
            except BaseException:
                if placed:
                    shutil.rmtree(final, ignore_errors=True)
                raise
        except UnsafeMediaPath as exc:
            raise FormRefused(
                SyncMessage("form_unsafe_name", {"form": shown, "version": ""})
            ) from exc
        except StoreError as exc:
            raise FormRefused(SyncMessage("form_unusable", {"form": shown}, str(exc))) from exc
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return f"{record.form_id} {record.version}".strip()

    def _load(self, text: str, media_dir: Path, shown: str, xform: bytes) -> Form:
        """The engine's check, with the form's media at hand (choice lists from CSV/XML)."""
        try:
            return self.workspace.load_form_text(text, media_dir)
        except RecursionError as exc:
            raise FormRefused(SyncMessage("form_too_deep", {"form": shown})) from exc
        except ValueError as exc:  # app.engine.FormError and the XML errors it wraps
            if b"base64RsaPublicKey" in xform:
                # A public key the engine could not read (a readable one loads: app/odk_encryption).
                raise FormRefused(SyncMessage("form_encrypted", {"form": shown})) from exc
            raise FormRefused(SyncMessage("form_unusable", {"form": shown}, str(exc))) from exc
        except Exception as exc:  # noqa: BLE001 - whatever a hostile form trips, it stays alone
            log.exception("the engine failed on a pulled form")
            detail = f"{type(exc).__name__}"
            raise FormRefused(SyncMessage("form_unusable", {"form": shown}, detail)) from exc

    # -- review feedback ----------------------------------------------------------------------
    def apply_review(self, instance_id: str, state: str, comment: str | None) -> ReviewOutcome:
        submissions = self.store.submissions
        if not submissions.exists(instance_id):
            return "skip"  # e.g. this data file was restored from an older backup
        current = submissions.get(instance_id)
        if current.status in ("draft", "finalized", "queued"):
            if self._refused_here(instance_id):
                return "skip"  # e.g. a conflicting copy the server refused: never "sent"
            return "wait"
        if current.review_state == state and current.review_comment == comment:
            return "same"
        submissions.set_review(instance_id, state, comment, actor="server")
        return "changed"

    def _refused_here(self, instance_id: str) -> bool:
        """True when the outbox holds the session as a permanent failure (no retry)."""
        return any(
            entry.instance_id == instance_id and entry.next_attempt_at is None
            for entry in self.store.outbox.list()
        )
