"""Pulling from the server: new and changed forms (form list + manifests) and review feedback.

Everything a server sends is untrusted: names must be single safe path segments, every download
is capped (and streamed to disk for media), URLs must be http(s), and each form's trouble is its
own (one bad form is refused with its reason; the others and the review feedback go on). What
arrives is handed to the ``SyncLedger`` (app/), which checks the form with the engine and writes.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sync import messages
from sync.http import Answer, HttpClient, NetworkError, TooLarge
from sync.ledger import FormRefused, PulledForm, SyncLedger
from sync.messages import SyncMessage
from sync.openrosa import (
    FormListEntry,
    OpenRosaError,
    is_safe_segment,
    md5_hash,
    parse_form_list,
    parse_manifest,
    response_message,
)
from sync.progress import Progress, ProgressCallback
from sync.urls import ServerAddress, ServerAddressError

log = logging.getLogger(__name__)

FEEDBACK_CURSOR_KEY = "sync.feedback_cursor"
FEEDBACK_PATH = "feedback"
SERVER_SOURCE = "server"  # source_name prefix of forms that came from a server

MIB = 1024 * 1024
# Caps on what a server may make this laptop read. Real forms are far below them: a 1,000-question
# XForm is about 1 MiB, a manifest lists files in a few KiB, a picture or a choice-list CSV is a
# few MiB. A hostile or broken server must not fill the memory or the disk.
FORM_LIST_MAX_BYTES = 5 * MIB
FORM_MAX_BYTES = 10 * MIB
MANIFEST_MAX_BYTES = 1 * MIB
MEDIA_FILE_MAX_BYTES = 100 * MIB
MEDIA_TOTAL_MAX_BYTES = 250 * MIB  # all media files of one form together
FEEDBACK_PAGE_MAX_BYTES = 10 * MIB
# A server that keeps saying "more" must not keep a sync going: the rest comes next sync.
FEEDBACK_MAX_PAGES = 50


class SyncSide(Protocol):
    """What the pull steps use of the sync client (declared here: no import of sync.client)."""

    http: HttpClient
    ledger: SyncLedger

    def pause_for(self, address: ServerAddress, answer: Answer) -> Exception: ...


@dataclass
class FormsPull:
    added: list[str] = field(default_factory=list)  # "form_id version"
    unchanged: int = 0
    problems: list[SyncMessage] = field(default_factory=list)


class FeedbackError(RuntimeError):
    """Review feedback could not be fetched; the push and form pull are not affected."""


def shown(text: str, limit: int = 80) -> str:
    """A server's name made safe to show in one line (control characters out, length capped)."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in text)
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def _refusal(key: str, **params: str | int) -> OpenRosaError:
    message = SyncMessage(key, dict(params))
    return messages.attach(OpenRosaError(str(message)), message)


def _mib(limit: int) -> int:
    return max(1, limit // MIB)


def _check_answer(
    side: SyncSide, address: ServerAddress, answer: Answer, key: str, **what: str
) -> None:
    if address.refuses_credentials(answer.status):
        raise side.pause_for(address, answer)
    if answer.status != 200:
        message = SyncMessage(
            key, {**what, "status": answer.status}, response_message(answer.content)
        )
        raise messages.attach(OpenRosaError(str(message)), message)


def _fetch(
    side: SyncSide,
    address: ServerAddress,
    url: str,
    *,
    cap: int,
    refused: str,
    too_large: str,
    **what: str,
) -> bytes:
    """GET one document of at most ``cap`` bytes; refusals become OpenRosaError carrying the
    message ``refused`` (or ``too_large``) with ``what``."""
    try:
        answer = side.http.request("GET", address.resolve(url), max_bytes=cap)
    except TooLarge as exc:
        raise _refusal(too_large, **what, limit=_mib(cap)) from exc
    _check_answer(side, address, answer, refused, **what)
    return answer.content


def _download(
    side: SyncSide, address: ServerAddress, url: str, target: Path, cap: int, **what: str
) -> tuple[int, str]:
    """Stream one media file to ``target``; returns its size and OpenRosa hash."""
    with open(target, "wb") as handle:
        answer = side.http.download(address.resolve(url), handle, max_bytes=cap)
    _check_answer(side, address, answer, "media_refused", **what)
    digest = hashlib.md5(usedforsecurity=False)
    size = 0
    with open(target, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
            size += len(chunk)
    return size, "md5:" + digest.hexdigest()


def _pull_media(
    side: SyncSide, address: ServerAddress, entry: FormListEntry, scratch: Path, form: str
) -> dict[str, Path]:
    if not entry.manifest_url:
        return {}
    manifest = _fetch(
        side,
        address,
        entry.manifest_url,
        cap=MANIFEST_MAX_BYTES,
        refused="media_refused",
        too_large="manifest_too_large",
        form=form,
        file="manifest",
    )
    media: dict[str, Path] = {}
    seen: set[str] = set()
    total = 0
    for number, item in enumerate(parse_manifest(manifest)):
        # Two names that one file system takes for the same file would overwrite each other.
        if item.filename.casefold() in seen:
            raise _refusal("media_duplicate", form=form, file=shown(item.filename))
        seen.add(item.filename.casefold())
        left = MEDIA_TOTAL_MAX_BYTES - total
        cap = min(MEDIA_FILE_MAX_BYTES, left)
        target = scratch / f"{number}.part"  # never the server's name until the ledger checks it
        try:
            size, digest = _download(
                side, address, item.download_url, target, cap, form=form, file=item.filename
            )
        except TooLarge as exc:
            if cap < MEDIA_FILE_MAX_BYTES:
                raise _refusal(
                    "media_total_too_large", form=form, limit=_mib(MEDIA_TOTAL_MAX_BYTES)
                ) from exc
            raise _refusal(
                "media_too_large", form=form, file=shown(item.filename), limit=_mib(cap)
            ) from exc
        if item.hash and digest != item.hash:
            raise _refusal("media_damaged", form=form, file=shown(item.filename))
        total += size
        media[item.filename] = target
    return media


def _pull_one(side: SyncSide, address: ServerAddress, entry: FormListEntry) -> str:
    form = shown(entry.form_id)
    xform = _fetch(
        side,
        address,
        entry.download_url,
        cap=FORM_MAX_BYTES,
        refused="form_refused",
        too_large="form_too_large",
        form=form,
    )
    if entry.hash and md5_hash(xform) != entry.hash:
        raise _refusal("form_damaged", form=form)
    # Downloads wait in a scratch folder on the data disk; the ledger moves what it accepts and
    # whatever is left is removed here, whatever happened.
    with tempfile.TemporaryDirectory(dir=side.ledger.scratch_folder(), prefix=".pull-") as temp:
        media = _pull_media(side, address, entry, Path(temp), form)
        return side.ledger.add_pulled_form(
            PulledForm(
                form_id=entry.form_id,
                version=entry.version,
                name=entry.name,
                xform=xform,
                source_hash=entry.hash or md5_hash(xform),
                source_name=f"{SERVER_SOURCE}:{address.redacted}",
                media=media,
            )
        )


def pull_forms(
    side: SyncSide, address: ServerAddress, progress: ProgressCallback | None = None
) -> FormsPull:
    """Download forms that are new here or whose hash changed; each form's trouble is its own."""
    result = FormsPull()
    # No network for the form list means offline: NetworkError goes up to the caller.
    try:
        listing = _fetch(
            side,
            address,
            address.form_list_url,
            cap=FORM_LIST_MAX_BYTES,
            refused="form_list_refused",
            too_large="form_list_too_large",
        )
        entries = parse_form_list(listing)
    except OpenRosaError as exc:
        carried = getattr(exc, "sync_message", None)
        result.problems.append(carried or SyncMessage("form_list_unreadable", detail=str(exc)))
        return result
    for done, entry in enumerate(entries):
        if progress:
            progress(Progress("forms", done, len(entries), shown(entry.form_id)))
        # formID and version become folder names: one safe segment each, or the form is skipped.
        if not is_safe_segment(entry.form_id) or not (
            entry.version == "" or is_safe_segment(entry.version)
        ):
            log.warning("form list entry with an unsafe formID or version skipped")
            result.problems.append(
                SyncMessage(
                    "form_unsafe_name",
                    {"form": shown(entry.form_id), "version": shown(entry.version)},
                )
            )
            continue
        local = side.ledger.known_form(entry.form_id, entry.version)
        if local is not None:
            if local.from_server and entry.hash and local.source_hash != entry.hash:
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
            result.added.append(_pull_one(side, address, entry))
        except (OpenRosaError, FormRefused, ServerAddressError, NetworkError, OSError) as exc:
            # OSError: the scratch folder or a media file could not be written (disk full).
            carried = getattr(exc, "sync_message", None)
            if carried is None:
                log.warning("form %s not downloaded: %s", shown(entry.form_id), exc)
            result.problems.append(
                carried or SyncMessage("form_not_downloaded", {"form": shown(entry.name)}, str(exc))
            )
    if progress:
        progress(Progress("forms", len(entries), len(entries)))
    return result


def _feedback_page(side: SyncSide, address: ServerAddress, cursor: int) -> tuple[list[Any], bool]:
    url = address.api_url(FEEDBACK_PATH, cursor=cursor)
    try:
        answer = side.http.request("GET", url, max_bytes=FEEDBACK_PAGE_MAX_BYTES)
    except TooLarge as exc:
        message = SyncMessage("feedback_shape")
        raise messages.attach(FeedbackError(str(message)), message) from exc
    if address.refuses_credentials(answer.status):
        raise side.pause_for(address, answer)
    if answer.status != 200:
        message = SyncMessage(
            "feedback_refused", {"status": answer.status}, response_message(answer.content)
        )
        raise messages.attach(FeedbackError(str(message)), message)
    try:
        data = answer.json()
    except (ValueError, RecursionError):  # RecursionError: JSON nested thousands deep
        data = None
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        message = SyncMessage("feedback_shape")
        raise messages.attach(FeedbackError(str(message)), message)
    return items, bool(data.get("more"))


def _event_id(item: object) -> int | None:
    value = item.get("event_id") if isinstance(item, dict) else None
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def pull_feedback(
    side: SyncSide, address: ServerAddress, progress: ProgressCallback | None = None
) -> int:
    """Apply supervisors' decisions on this device's sessions; returns how many changed here.

    The server hands out review events after a cursor (an event number) that is kept in the
    settings; it only moves past events that were applied, so nothing is skipped. Paging stops
    when the cursor does not move forward and after ``FEEDBACK_MAX_PAGES`` pages.
    """
    settings = side.ledger.settings
    changed = 0
    for _page in range(FEEDBACK_MAX_PAGES):
        try:
            cursor = int(settings.get(FEEDBACK_CURSOR_KEY, 0) or 0)
        except (TypeError, ValueError):
            cursor = 0
        items, more = _feedback_page(side, address, cursor)
        applied_to = cursor
        waiting = False
        for done, item in enumerate(items):
            if progress:
                progress(Progress("feedback", done, len(items)))
            event = _event_id(item)
            if event is None:
                message = SyncMessage("feedback_shape")
                raise messages.attach(FeedbackError(str(message)), message)
            outcome = _apply_feedback(side.ledger, item)
            if outcome == "wait":
                waiting = True
                break  # the rest waits until this laptop knows the session was sent
            changed += outcome == "changed"
            applied_to = max(applied_to, event)
        if applied_to != cursor:
            settings.set(FEEDBACK_CURSOR_KEY, applied_to)
        if waiting or not more or not items:
            return changed
        if applied_to <= cursor:
            # "more" with a cursor that did not advance would ask for the same page forever.
            log.warning("review feedback: the server's cursor did not advance; stopping")
            return changed
    log.info("review feedback: %d pages this sync; the rest comes next sync", FEEDBACK_MAX_PAGES)
    return changed


def _apply_feedback(ledger: SyncLedger, item: dict[str, object]) -> str:
    instance_id = item.get("instance_id")
    state = item.get("review_state")
    comment = item.get("comment", item.get("review_comment"))
    if not isinstance(instance_id, str) or state not in ("approved", "has_issues", "rejected"):
        return "skip"
    return ledger.apply_review(
        instance_id, str(state), comment if isinstance(comment, str) else None
    )
