"""Pulling from the server: new and changed forms (form list + manifests) and review feedback."""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import defusedxml.ElementTree as SafeET

from app.store import StoreError
from app.store.records import FormRecord
from sync import messages
from sync.http import NetworkError
from sync.messages import SyncMessage
from sync.openrosa import (
    FormListEntry,
    OpenRosaError,
    md5_hash,
    parse_form_list,
    parse_manifest,
    response_message,
)
from sync.urls import ServerAddress

if TYPE_CHECKING:
    from sync.client import ProgressCallback, SyncClient

log = logging.getLogger(__name__)

FEEDBACK_CURSOR_KEY = "sync.feedback_cursor"
FEEDBACK_PATH = "feedback"
SERVER_SOURCE = "server"  # source_name prefix of forms that came from a server


@dataclass
class FormsPull:
    added: list[str] = field(default_factory=list)  # "form_id version"
    unchanged: int = 0
    problems: list[SyncMessage] = field(default_factory=list)


def _refusal(key: str, **params: str | int) -> OpenRosaError:
    message = SyncMessage(key, dict(params))
    return messages.attach(OpenRosaError(str(message)), message)


def _fetch(client: SyncClient, address: ServerAddress, url: str, key: str, **what: str) -> bytes:
    """GET one document; refusals become OpenRosaError carrying message ``key`` with ``what``."""
    answer = client.http.request("GET", address.resolve(url))
    if answer.status == 401:
        raise client.pause_for(address, answer)
    if answer.status != 200:
        message = SyncMessage(
            key, {**what, "status": answer.status}, response_message(answer.content)
        )
        raise messages.attach(OpenRosaError(str(message)), message)
    return answer.content


def form_facts(xform: bytes) -> tuple[str, list[str], str | None]:
    """Title, languages and default language of an XForm (read safely)."""
    root = SafeET.fromstring(xform)
    title = ""
    languages: list[str] = []
    default: str | None = None
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "title" and not title:
            title = (element.text or "").strip()
        elif tag == "translation":
            lang = element.get("lang")
            if lang:
                languages.append(lang)
                if element.get("default") == "true()":
                    default = lang
    return title, languages, default


def _write_media(folder: Path, filename: str, content: bytes) -> None:
    """Write one media file atomically (a half-written image must never be shown)."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(temp, folder / filename)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _pull_one(client: SyncClient, address: ServerAddress, entry: FormListEntry) -> str:
    form = entry.form_id
    xform = _fetch(client, address, entry.download_url, "form_refused", form=form)
    if entry.hash and md5_hash(xform) != entry.hash:
        raise _refusal("form_damaged", form=form)
    media: list[tuple[str, bytes]] = []
    if entry.manifest_url:
        manifest = _fetch(
            client, address, entry.manifest_url, "media_refused", form=form, file="manifest"
        )
        for item in parse_manifest(manifest):
            content = _fetch(
                client, address, item.download_url, "media_refused", form=form, file=item.filename
            )
            if item.hash and md5_hash(content) != item.hash:
                raise _refusal("media_damaged", form=form, file=item.filename)
            media.append((item.filename, content))
    title, languages, default = form_facts(xform)
    # Media first: a form that appears in the library must have its pictures there.
    folder = client.media_dir / entry.form_id / (entry.version or "unversioned")
    for filename, content in media:
        _write_media(folder, filename, content)
    client.store.forms.add(
        entry.form_id,
        entry.version,
        title or entry.name,
        xform.decode("utf-8"),
        languages=languages,
        default_language=default,
        source_hash=entry.hash or md5_hash(xform),
        source_name=f"{SERVER_SOURCE}:{address.redacted}",
    )
    return f"{entry.form_id} {entry.version}".strip()


def pull_forms(
    client: SyncClient, address: ServerAddress, progress: ProgressCallback | None = None
) -> FormsPull:
    """Download forms that are new here or whose hash changed; each form's trouble is its own."""
    from sync.client import Progress

    result = FormsPull()
    # No network for the form list means offline: NetworkError goes up to the caller.
    try:
        listing = _fetch(client, address, address.form_list_url, "form_list_refused")
        entries = parse_form_list(listing)
    except OpenRosaError as exc:
        carried = getattr(exc, "sync_message", None)
        result.problems.append(carried or SyncMessage("form_list_unreadable", detail=str(exc)))
        return result
    for done, entry in enumerate(entries):
        if progress:
            progress(Progress("forms", done, len(entries), entry.form_id))
        local = _local_form(client, entry)
        if local is not None:
            from_server = (local.source_name or "").startswith(SERVER_SOURCE + ":")
            if from_server and entry.hash and local.source_hash != entry.hash:
                # Same version, different content: ODK servers forbid that, so keep the copy
                # sessions were started on and say so rather than silently swapping questionnaires.
                result.problems.append(
                    SyncMessage("form_changed_same_version", {"form": entry.form_id})
                )
            else:
                # Downloaded before, or the same version is built in / imported here (the server
                # converted the same XLSForm itself, so its bytes may differ harmlessly).
                result.unchanged += 1
            continue
        try:
            result.added.append(_pull_one(client, address, entry))
        except (OpenRosaError, NetworkError, SafeET.ParseError, UnicodeDecodeError) as exc:
            carried = getattr(exc, "sync_message", None)
            result.problems.append(
                carried or SyncMessage("form_not_downloaded", {"form": entry.name}, str(exc))
            )
    if progress:
        progress(Progress("forms", len(entries), len(entries)))
    return result


def _local_form(client: SyncClient, entry: FormListEntry) -> FormRecord | None:
    try:
        return client.store.forms.get(entry.form_id, entry.version)
    except StoreError as exc:
        if exc.kind == "not_found":
            return None
        raise


def pull_feedback(
    client: SyncClient, address: ServerAddress, progress: ProgressCallback | None = None
) -> int:
    """Apply supervisors' decisions on this device's sessions; returns how many changed here.

    The server hands out review events after a cursor (an event number) that is kept in the
    settings; it only moves past events that were applied, so nothing is skipped.
    """
    from sync.client import Progress

    changed = 0
    while True:
        cursor = int(client.store.settings.get(FEEDBACK_CURSOR_KEY, 0) or 0)
        answer = client.http.request("GET", address.api_url(FEEDBACK_PATH, cursor=cursor))
        if answer.status == 401:
            raise client.pause_for(address, answer)
        if answer.status != 200:
            message = SyncMessage(
                "feedback_refused", {"status": answer.status}, response_message(answer.content)
            )
            raise messages.attach(FeedbackError(str(message)), message)
        try:
            data = answer.json()
        except ValueError:
            data = None
        items = data.get("items") if isinstance(data, dict) else None
        if not isinstance(items, list):
            message = SyncMessage("feedback_shape")
            raise messages.attach(FeedbackError(str(message)), message)
        applied_to = cursor
        for done, item in enumerate(items):
            if progress:
                progress(Progress("feedback", done, len(items)))
            outcome = _apply_feedback(client, item)
            if outcome == "wait":
                break  # the rest waits until this laptop knows the session was sent
            changed += outcome == "changed"
            applied_to = int(item.get("event_id", applied_to))
        else:
            if applied_to != cursor:
                client.store.settings.set(FEEDBACK_CURSOR_KEY, applied_to)
            if data.get("more") and items:
                continue
            return changed
        if applied_to != cursor:
            client.store.settings.set(FEEDBACK_CURSOR_KEY, applied_to)
        return changed


def _apply_feedback(client: SyncClient, item: dict[str, object]) -> str:
    """ "changed", "same", "skip" (not ours or not a decision) or "wait" (not yet marked sent)."""
    instance_id = item.get("instance_id")
    state = item.get("review_state")
    comment = item.get("comment", item.get("review_comment"))
    if not isinstance(instance_id, str) or state not in ("approved", "has_issues", "rejected"):
        return "skip"
    if not client.store.submissions.exists(instance_id):
        return "skip"  # e.g. this data file was restored from an older backup
    current = client.store.submissions.get(instance_id)
    if current.status in ("draft", "finalized", "queued"):
        if _refused_here(client, instance_id):
            return "skip"  # e.g. a conflicting copy the server refused: it will never be "sent"
        return "wait"
    if current.review_state == state and current.review_comment == comment:
        return "same"
    client.store.submissions.set_review(
        instance_id, str(state), comment if isinstance(comment, str) else None, actor="server"
    )
    return "changed"


def _refused_here(client: SyncClient, instance_id: str) -> bool:
    """True when this laptop's outbox holds the session as a permanent failure (no retry)."""
    return any(
        entry.instance_id == instance_id and entry.next_attempt_at is None
        for entry in client.store.outbox.list()
    )


class FeedbackError(RuntimeError):
    """Review feedback could not be fetched; the push and form pull are not affected."""
