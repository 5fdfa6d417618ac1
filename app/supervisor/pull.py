"""Bringing the team's sessions into the supervisor's cache, and sending queued reviews out.

Pull: every page of the server's list (metadata only: cheap) is upserted; the expensive part (XML,
attachment list, review history, and each form version's XForm once) is fetched only for versions
that are new or whose review changed, and for any whose details a cut-short pull left missing.
Every write is an upsert keyed by instanceID or event id, so a repeated or interrupted pull
leaves the cache as one complete pull would.

Send: queued reviews go out oldest first, each with the newest review event its author had seen;
the server stores a repeated request once (``sync/server/supervisor_api.py``), so a review sent
again after a lost answer or a crash is still one review. Network failures, 429 and 5xx back off
(``sync.backoff``); a conflict or a refusal waits for a person; 401 stops and asks to sign in.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.store import Store, StoreError
from app.store.review_cache import ReviewSession
from app.supervisor.account import SupervisorAccount
from app.supervisor.render import summary_fields
from sync.backoff import next_attempt_at, parse_retry_after
from sync.http import NetworkError
from sync.supervisor_api import SupervisorApi, SupervisorApiError

log = logging.getLogger(__name__)
CHUNK = 25  # sessions fetched, then written in one transaction
Progress = Callable[[int, int], None]  # done, total (0: not known yet)


class SignInNeeded(Exception):
    """The server no longer accepts the supervisor's token: sign in again."""


@dataclass
class PullReport:
    listed: int = 0
    fetched: int = 0
    problems: list[str] = field(default_factory=list)  # instanceIDs that could not be read


@dataclass
class SendReport:
    sent: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # network / server trouble: retried
    held: list[str] = field(default_factory=list)  # conflict or refusal: a person decides


def pull(store: Store, api: SupervisorApi, progress: Progress | None = None) -> PullReport:
    """Bring the cache up to date with the server (see the module docstring)."""
    report = PullReport()
    cache = store.review_cache
    stale: list[str] = []
    offset = 0
    try:
        while True:
            items, more = api.submissions_page(offset)
            stale += cache.upsert_listed(items)
            report.listed += len(items)
            offset += len(items)
            if progress:
                progress(0, 0)
            if not more:
                break
        todo = list(dict.fromkeys(stale + cache.missing_details()))
        forms: dict[tuple[str, str], str] = {}  # downloaded in this pull (reused by the chunk)
        for first in range(0, len(todo), CHUNK):
            chunk = todo[first : first + CHUNK]
            # Network first, then one transaction for the chunk: the data file is never held
            # while waiting for the server, and a chunk costs one commit, not one per session.
            fetched = [_fetch(store, api, i, report, forms) for i in chunk]
            with cache.batch():
                for found in fetched:
                    if found is not None:
                        _keep(store, found, report)
            if progress:
                progress(min(first + CHUNK, len(todo)), len(todo))
    except SupervisorApiError as error:
        if error.kind == "unauthorized":
            raise SignInNeeded(error.detail) from error
        raise
    return report


@dataclass
class _Fetched:
    row: ReviewSession
    detail: dict[str, Any] | None  # None: only the history changed
    history: list[dict[str, Any]]
    xform: str | None
    new_form: bool


def _fetch(
    store: Store,
    api: SupervisorApi,
    instance_id: str,
    report: PullReport,
    forms: dict[tuple[str, str], str],
) -> _Fetched | None:
    """What the server has for one version (network only; reads the cache, writes nothing)."""
    cache = store.review_cache
    row = cache.get(instance_id)
    try:
        if row.instance_xml is not None:
            # Only its review changed (a version's XML never does): the history is what is new.
            return _Fetched(row, None, api.reviews(instance_id), None, False)
        detail = api.submission(instance_id)
        # Never reviewed: no history to ask for (half the requests of a first pull).
        history = api.reviews(instance_id) if row.reviewed_at else []
    except SupervisorApiError as error:
        if error.kind in ("not_found", "forbidden"):  # gone, or no longer ours: skip it
            report.problems.append(instance_id)
            return None
        raise
    key = (row.form_id, row.form_version)
    stored = cache.form_xml(*key)
    xform = stored or forms.get(key)
    if xform is None:
        try:
            xform = forms[key] = api.form_xml(row.project_id, row.form_id, row.form_version)
        except SupervisorApiError as error:
            if error.kind == "unauthorized":
                raise
            log.warning(
                "form %s %s not downloadable: %s", row.form_id, row.form_version, error.kind
            )
    # Written with the session (again is harmless: the first copy of a version stays).
    new_form = stored is None and xform is not None
    return _Fetched(row, detail, history, xform, new_form)


def _keep(store: Store, found: _Fetched, report: PullReport) -> None:
    """Write one fetched version (inside the chunk's transaction)."""
    cache = store.review_cache
    row = found.row
    if found.detail is None:
        cache.put_events(row.root_id, found.history)
        report.fetched += 1
        return
    if found.new_form and found.xform is not None:
        cache.put_form(row.form_id, row.form_version, row.project_id, row.form_title, found.xform)
    xml = found.detail["xml"]
    try:
        summary = summary_fields(found.xform, xml)
    except ValueError:  # XML the engine refuses (or a form it cannot load): keep it unsummarised
        summary = {"community": None, "community_label": None, "facilitator": None}
        report.problems.append(row.instance_id)
    cache.put_detail(
        row.instance_id,
        xml,
        facilitator=summary["facilitator"],
        community=summary["community"],
        community_label=summary["community_label"],
        attachments=[
            a
            for a in found.detail.get("attachments", [])
            if isinstance(a, dict) and {"name", "content_type", "size", "sha256"} <= a.keys()
        ],
        events=found.history,
    )
    report.fetched += 1


def send_reviews(
    store: Store,
    api: SupervisorApi,
    account: SupervisorAccount,
    *,
    clock: Callable[[], datetime] | None = None,
    rng: random.Random | None = None,
) -> SendReport:
    """Send this account's due reviews (see the module docstring)."""
    now = (clock or (lambda: datetime.now(UTC)))()
    report = SendReport()
    cache = store.review_cache
    for queued in cache.due_reviews(account.key, now):
        try:
            answer = api.review(
                queued.instance_id, queued.state, queued.comment, queued.after_event
            )
        except NetworkError as error:
            retry = next_attempt_at(now, queued.attempts + 1, rng=rng)
            cache.review_failed(queued.id, f"network: {error.sync_message.key}", retry)
            report.waiting.append(queued.instance_id)
            break  # the server is out of reach: the rest wait for the same moment
        except SupervisorApiError as error:
            if error.kind == "unauthorized":
                raise SignInNeeded(error.detail) from error
            if error.retry_later:
                retry = next_attempt_at(
                    now, queued.attempts + 1, rng=rng, retry_after=parse_retry_after(None, now)
                )
                cache.review_failed(queued.id, f"{error.kind}: {error.detail}", retry)
                report.waiting.append(queued.instance_id)
                continue
            cache.review_failed(queued.id, f"{error.kind}: {error.detail}", None)
            report.held.append(queued.instance_id)
            continue
        try:
            cache.review_sent(queued.id, answer, account.username)
        except StoreError:
            log.exception(
                "review %s sent but not recorded; the next send is answered alike", queued.id
            )
            raise
        report.sent.append(queued.instance_id)
    return report
