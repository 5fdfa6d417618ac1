"""The sync client: push the outbox, pull forms and review feedback. Plain Python, no Qt.

One ``SyncClient`` per data file, over a ``SyncLedger`` (sync/ledger.py, implemented in app/ by
``Workspace.sync_ledger()``): the client speaks HTTP and OpenRosa and never touches the store.
``sync()`` is what the worker calls on every trigger; it never raises for one bad submission (each
gets its own reason) and raises only when the whole sync can't go on: no server address
(``NotConfigured``), not enrolled (``NotEnrolled``), the server refused the device (``SyncPaused``:
401, or 403 from ODK Central, until re-enrolled or a new project URL), or no network
(``NetworkError``).

Rules (ARCHITECTURE.md): a session becomes ``sent`` only after 201/202; retries only on network
errors, 408, 429, 5xx and Central's "form not accepting submissions" 409, with capped exponential
backoff and jitter recorded in the outbox; any other 4xx is a permanent failure kept with its
reason, and the others still go.
"""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote

from sync import messages, wire_settings
from sync.backoff import next_attempt_at, parse_retry_after
from sync.credentials import TokenVault
from sync.http import Answer, HttpClient, NetworkError, describe_network_error
from sync.ledger import SyncLedger
from sync.messages import SyncMessage
from sync.openrosa import (
    named_attachments,
    response_message,
    split_attachments,
    submission_body,
)
from sync.progress import Progress, ProgressCallback
from sync.pull import FeedbackError, FormsPull, pull_feedback, pull_forms
from sync.server_setting import load_address, save_address
from sync.urls import ServerAddress
from sync.wire import fetch_certificate, fingerprint_of_pem, normalize_fingerprint

__all__ = [
    "FormsPull",
    "NotConfigured",
    "NotEnrolled",
    "Progress",
    "ProgressCallback",
    "SyncClient",
    "SyncError",
    "SyncPaused",
    "SyncReport",
]

log = logging.getLogger(__name__)

PAUSED_KEY = "sync.paused_reason"
LAST_SUCCESS_KEY = "sync.last_success_at"
DEVICE_KEY = "sync.device"

RETRY_STATUSES = frozenset({408, 429}) | frozenset(range(500, 600))
# After this many 5xx in a row in one pass the server is sick, not the submissions: stop the pass.
MAX_CONSECUTIVE_SERVER_ERRORS = 3
# ODK Central's 409 for a closed form ("... not accepting submissions"): not a conflicting copy.
_FORM_CLOSED = re.compile(r"not\s+(currently\s+)?accepting\s+submissions", re.IGNORECASE)
# Sessions refused for an authorization reason: a new address, key or enrollment may cure them,
# so they go back in line by themselves when one is set (earlier versions refused them for good
# on Central's 403 for a revoked app user).
AUTHORIZATION_REFUSALS = frozenset({"refused_403", "unauthorized", "unauthorized_central"})


class SyncError(RuntimeError):
    """The sync as a whole cannot go on; ``sync_message`` tells the person what to do (str() is
    its English text, for logs)."""

    def __init__(self, message: SyncMessage | str) -> None:
        self.sync_message = messages.of(message)
        super().__init__(str(self.sync_message))


class NotConfigured(SyncError):
    pass


class NotEnrolled(SyncError):
    pass


class SyncPaused(SyncError):
    """The server refused the device token (revoked, expired): nothing goes until re-enrolled."""


@dataclass
class SyncReport:
    """What one sync did: the status widget shows it; per-session reasons are in the store."""

    started_at: datetime
    finished_at: datetime | None = None
    sent: list[str] = field(default_factory=list)
    retry_later: dict[str, SyncMessage] = field(default_factory=dict)  # instance_id -> reason
    refused: dict[str, SyncMessage] = field(default_factory=dict)  # permanent: instance_id -> why
    forms: FormsPull | None = None
    feedback_updated: int = 0
    problems: list[SyncMessage] = field(default_factory=list)  # whole-phase (e.g. form list)
    stopped_early: SyncMessage | None = None  # why the push pass stopped before the end

    @property
    def complete(self) -> bool:
        """Everything due was attempted and every phase ran without a whole-phase problem."""
        return not self.problems and self.stopped_early is None


@dataclass(frozen=True)
class _Outcome:
    kind: str  # "sent" | "retry" | "later" | "refused" | "unauthorized"
    reason: SyncMessage = SyncMessage("text")
    retry_after: float | None = None
    stop_pass: bool = False
    answer: Answer | None = None


def _now() -> datetime:
    return datetime.now(UTC)


class SyncClient:
    """Talks to one server for one local store. Call from one worker thread at a time."""

    def __init__(
        self,
        ledger: SyncLedger,
        *,
        vault: TokenVault | None = None,
        http: HttpClient | None = None,
        clock: Callable[[], datetime] = _now,
        rng: random.Random | None = None,
    ) -> None:
        self.ledger = ledger
        self.settings = ledger.settings
        self.vault = vault or TokenVault(ledger.settings, ledger.database_path)
        self.http = http or HttpClient()
        self.clock = clock
        self.rng = rng or random.Random()
        self.batch_size = 100
        self._apply_wire()

    # -- settings and enrollment -------------------------------------------------------------------
    @property
    def address(self) -> ServerAddress | None:
        """The server; an ODK Central key comes back from the TokenVault (sync/server_setting)."""
        return load_address(self.settings, self.vault)

    def set_server(self, url: str, *, allow_unencrypted: bool | None = None) -> ServerAddress:
        """Save the server address (validated; ServerAddressError says what is wrong). The key
        of an ODK Central project URL goes to the TokenVault, never to plain settings.

        A plain http:// address on another machine is refused (``address_plain_http``) unless
        ``allow_unencrypted`` is True: the administrator's explicit allowance for this one
        address, kept until another address is set or it is withdrawn (False). None keeps the
        allowance already stored for this address."""
        address = ServerAddress.parse(url)
        try:
            if wire_settings.decide_plain_allowance(self.settings, address, allow_unencrypted):
                self.ledger.record_event("sync.plain_http_allowance", address.redacted, {})
        finally:  # a withdrawn allowance stops at once, also when this address is refused
            self._apply_wire()
        if save_address(self.settings, self.vault, address):
            # A pause belongs to the server that refused us; a new address (or a new Central
            # key, which is part of the address) starts afresh.
            self.settings.set(PAUSED_KEY, None)
            self._requeue_authorization_refusals()
        return address

    @property
    def unencrypted_allowance(self) -> str | None:
        """The plain-http address the administrator allowed, when it is the server in use (the
        status bar keeps a warning then), else None."""
        return wire_settings.allowance_in_use(self.settings, self.address)

    @property
    def pinned_fingerprint(self) -> str | None:
        """SHA-256 fingerprint of the certificate pinned for the server in use, or None."""
        return wire_settings.pinned_fingerprint(self.settings, self.address)

    def _apply_wire(self) -> None:
        database = getattr(self.ledger, "database_path", None)  # a bare Store in some tools
        policy = wire_settings.wire_policy(self.settings, database.parent if database else None)
        if policy != self.http.wire:
            self.http.set_wire(policy)

    def pin_certificate(self, fingerprint: str) -> str:
        """Trust the server's self-signed certificate, and only it, from now on if its SHA-256
        fingerprint is ``fingerprint`` (as the coordinator gave it; colons and case don't
        matter). Returns it; SyncError ``certificate_mismatch`` when the server presents
        another one (nothing is sent), ``fingerprint_bad``/``fingerprint_needs_https``."""
        address = self._require_address()
        wanted = normalize_fingerprint(fingerprint)
        if wanted is None:
            raise SyncError(SyncMessage("fingerprint_bad"))
        if address.origin[0] != "https":
            raise SyncError(SyncMessage("fingerprint_needs_https"))
        pem = self._presented_certificate(address)
        actual = fingerprint_of_pem(pem)
        if actual != wanted:
            raise SyncError(wire_settings.mismatch(address, actual))
        wire_settings.store_pin(self.settings, address, pem, actual)
        self._apply_wire()
        self.ledger.record_event("sync.certificate_pinned", address.redacted, {"sha256": actual})
        return actual

    def _presented_certificate(self, address: ServerAddress) -> str:
        try:
            return fetch_certificate(address.base)
        except (OSError, ValueError) as exc:  # ssl.SSLError is an OSError
            raise NetworkError(describe_network_error(address.base, exc)) from exc

    def _requeue_authorization_refusals(self) -> None:
        count = self.ledger.requeue_refused(AUTHORIZATION_REFUSALS)
        if count:
            log.info("%d sessions refused for authorization are back in line", count)

    def _require_address(self) -> ServerAddress:
        address = self.address
        if address is None:
            raise NotConfigured(messages.NOT_CONFIGURED)
        return address

    def enroll(
        self, code: str, server_url: str | None = None, *, fingerprint: str | None = None
    ) -> dict[str, object]:
        """Exchange a one-time enrollment code for this laptop's device token and keep the token.

        With ``fingerprint`` (a self-signed server's, from the coordinator) the certificate is
        checked and pinned first (``pin_certificate``); an https server whose certificate
        nobody vouches for gives ``certificate_unconfirmed`` with the fingerprint it presents.
        Returns the server's description of the device (name, project). Clears any pause.
        """
        address = self.set_server(server_url) if server_url else self._require_address()
        if not address.has_json_api:
            raise SyncError(messages.CENTRAL_NO_ENROLL)
        if fingerprint and fingerprint.strip():
            self.pin_certificate(fingerprint)
        self._apply_wire()
        try:
            answer = self.http.request(
                "POST", address.api_url("enroll"), json={"code": code.strip()}, authenticated=False
            )
        except NetworkError as error:
            if error.sync_message.key != "network_certificate":
                raise
            # Neither the system's store nor a pin vouches for it: show what it presents.
            actual = fingerprint_of_pem(self._presented_certificate(address))
            raise SyncError(
                SyncMessage(
                    "certificate_unconfirmed", {"where": address.redacted, "fingerprint": actual}
                )
            ) from error
        if answer.status != 200 and answer.status != 201:
            detail = response_message(answer.content) or f"HTTP {answer.status}"
            raise SyncError(messages.enroll_refused(detail))
        try:
            data = answer.json()
        except ValueError:
            data = None  # not JSON: e.g. a web page at that address
        token = data.get("token") if isinstance(data, dict) else None
        if not isinstance(token, str) or not token:
            raise SyncError(SyncMessage("enroll_no_token"))
        where = self.vault.put(address.keyring_name, token)
        secret_or_bulky = ("token", "recovery_public_key")
        device = {k: v for k, v in data.items() if k not in secret_or_bulky}
        self._keep_recovery_key(data.get("recovery_public_key"))
        device["token_kept_in"] = where
        self.settings.set(DEVICE_KEY, device)
        self.settings.set(PAUSED_KEY, None)
        self.ledger.record_event("device.enrolled", address.redacted, {"where": where})
        self._requeue_authorization_refusals()
        return device

    def _keep_recovery_key(self, public_pem: object) -> None:
        """Hand the project's recovery public key to the laptop's side (it wraps the data key
        with it). A key the laptop refuses is logged; the enrollment itself stands."""
        keep = getattr(self.ledger, "keep_recovery_key", None)
        if not isinstance(public_pem, str) or not public_pem or keep is None:
            return
        try:
            keep(public_pem)
        except ValueError as error:
            log.warning("the server's recovery key was not usable: %s", error)

    @property
    def paused_reason(self) -> str | None:
        """Why sync is paused (token refused), as stored (``messages.parse_stored``), or None."""
        reason: str | None = self.settings.get(PAUSED_KEY)
        return reason

    @property
    def paused_message(self) -> SyncMessage | None:
        """Why sync is paused, ready to render in any language, or None."""
        return messages.parse_stored(self.paused_reason)

    @property
    def last_success_at(self) -> str | None:
        at: str | None = self.settings.get(LAST_SUCCESS_KEY)
        return at

    def queued_count(self) -> int:
        return self.ledger.queued_count()

    def _authenticate(self, address: ServerAddress) -> None:
        if not address.uses_bearer_token:
            self.http.set_bearer(None, None)
            return
        token = self.vault.get(address.keyring_name)
        if not token:
            raise NotEnrolled(messages.NOT_ENROLLED)
        # The token goes to this server's scheme, host and port only (sync/http.py).
        self.http.set_bearer(token, address.base)

    def pause_for(self, address: ServerAddress, answer: Answer) -> SyncPaused:
        """Pause sync: the server refused this laptop's token or key (401; 403 from Central)."""
        reason = messages.unauthorized(address, response_message(answer.content))
        self.settings.set(PAUSED_KEY, reason.to_json())
        self.ledger.record_event("sync.paused", address.redacted, {"status": answer.status})
        return SyncPaused(reason)

    # -- connectivity ------------------------------------------------------------------------------
    def probe(self, timeout: float = 3.0) -> bool:
        """Cheap "is the server reachable?": /api/v1/health, or HEAD /submission on Central."""
        address = self.address
        if address is None:
            return False
        url = address.api_url("health") if address.has_json_api else address.submission_url
        method = "GET" if address.has_json_api else "HEAD"
        try:
            answer = self.http.request(method, url, authenticated=False, timeout=(timeout, timeout))
        except NetworkError:
            return False
        return answer.status < 500

    # -- the whole sync ----------------------------------------------------------------------------
    def sync(self, progress: ProgressCallback | None = None) -> SyncReport:
        """Push due submissions, then pull forms and review feedback. See the module docstring."""
        address = self._require_address()
        self._apply_wire()
        paused = self.paused_message
        if paused is not None:
            raise SyncPaused(paused)
        self._authenticate(address)
        report = SyncReport(started_at=self.clock())
        self.push(report, progress)
        report.forms = pull_forms(self, address, progress)
        report.problems += report.forms.problems
        if address.has_json_api:
            try:
                report.feedback_updated = pull_feedback(self, address, progress)
            except (FeedbackError, NetworkError) as exc:
                report.problems.append(messages.of(exc))
        report.finished_at = self.clock()
        if report.complete:
            self.settings.set(LAST_SUCCESS_KEY, report.finished_at.isoformat())
        # Counts and ids only: the trail of what went where, never what was answered.
        log.info(
            "sync with %s: %d sent, %d problems, complete=%s",
            address.redacted,
            len(report.sent),
            len(report.problems),
            report.complete,
        )
        log.debug("sync sent %s", report.sent)
        return report

    # -- push --------------------------------------------------------------------------------------
    def push(self, report: SyncReport, progress: ProgressCallback | None = None) -> None:
        """Send every due outbox entry, oldest finalisation first. Raises NetworkError when the
        server can't be reached at all (nothing changes locally then) and SyncPaused on 401."""
        address = self._require_address()
        now = self.clock()
        total = self.ledger.due_count(now)
        if total == 0:
            return
        submission_url = self._submission_url(address)
        max_body = self._preflight(address, submission_url)
        attempted: set[str] = set()
        done = 0
        server_errors = 0
        while report.stopped_early is None:
            entries = [
                e for e in self.ledger.due(now, self.batch_size) if e.instance_id not in attempted
            ]
            if not entries:
                break
            for entry in entries:
                attempted.add(entry.instance_id)
                if progress:
                    progress(Progress("push", done, total, entry.instance_id))
                outcome = self._send_one(
                    address, submission_url, entry.instance_id, max_body, done, total, progress
                )
                done += 1
                if outcome.kind == "unauthorized" and outcome.answer is not None:
                    raise self.pause_for(address, outcome.answer)
                if outcome.kind == "sent":
                    self.ledger.mark_sent(entry.instance_id, self.clock())
                    report.sent.append(entry.instance_id)
                    server_errors = 0
                elif outcome.kind == "refused":
                    self.ledger.mark_failed(entry.instance_id, outcome.reason, None)
                    report.refused[entry.instance_id] = outcome.reason
                    server_errors = 0
                else:
                    retry_at = next_attempt_at(
                        self.clock(),
                        entry.attempts + 1,
                        rng=self.rng,
                        retry_after=outcome.retry_after,
                    )
                    self.ledger.mark_failed(entry.instance_id, outcome.reason, retry_at)
                    report.retry_later[entry.instance_id] = outcome.reason
                    if outcome.kind == "retry":
                        server_errors += 1
                    elif outcome.reason.key == "form_closed":
                        # Said once in the status bar too: only the coordinator can reopen it.
                        said = SyncMessage("form_closed")
                        if said not in report.problems:
                            report.problems.append(said)
                    if outcome.stop_pass or server_errors >= MAX_CONSECUTIVE_SERVER_ERRORS:
                        report.stopped_early = outcome.reason
                        break
        if progress:
            progress(Progress("push", done, total))

    def _submission_url(self, address: ServerAddress) -> str:
        """/submission with Collect's ``deviceID`` query parameter (Central fills its DeviceID
        column from it; our server ignores it)."""
        device = quote(self.ledger.device_id(), safe="")
        return f"{address.submission_url}?deviceID={device}"

    def _preflight(self, address: ServerAddress, submission_url: str) -> int | None:
        """HEAD /submission once per sync: reachability, credentials, and the body size limit."""
        answer = self.http.request("HEAD", submission_url)
        if address.refuses_credentials(answer.status):
            raise self.pause_for(address, answer)
        limit = answer.headers.get("X-OpenRosa-Accept-Content-Length")
        try:
            return int(limit) if limit else None
        except ValueError:
            return None

    def _send_one(
        self,
        address: ServerAddress,
        submission_url: str,
        instance_id: str,
        max_body: int | None,
        done: int,
        total: int,
        progress: ProgressCallback | None,
    ) -> _Outcome:
        payload = self.ledger.payload(instance_id)
        # Files no answer names any more (a photo taken again) stay home: the server refuses them.
        xml, attachments = payload.xml, named_attachments(payload.xml, list(payload.attachments))
        # A big session may need several POSTs with the same XML; all must be acknowledged.
        for group in split_attachments(xml, attachments, max_body):
            body = submission_body(xml, group)
            if progress:
                sent_bytes = 0

                def on_read(n: int, body_len: int = len(body)) -> None:
                    nonlocal sent_bytes
                    sent_bytes += n
                    progress(Progress("push", done, total, instance_id, sent_bytes, body_len))

                body.on_read = on_read
            try:
                answer = self.http.request(
                    "POST",
                    submission_url,
                    data=body,
                    headers={"Content-Type": body.content_type, "Content-Length": str(len(body))},
                )
            except NetworkError as exc:
                return _Outcome("retry", messages.of(exc), stop_pass=True)
            outcome = self._classify(address, answer)
            if outcome.kind != "sent":
                return outcome
        return _Outcome("sent")

    def _classify(self, address: ServerAddress, answer: Answer) -> _Outcome:
        status = answer.status
        if status in (201, 202):
            return _Outcome("sent")
        detail = response_message(answer.content)
        if address.refuses_credentials(status):
            return _Outcome("unauthorized", SyncMessage("text", detail=detail), answer=answer)
        if status == 409 and _FORM_CLOSED.search(detail):
            # The coordinator closed the form: the session is fine and waits for it to reopen.
            return _Outcome("later", SyncMessage("form_closed", detail=detail))
        if status in RETRY_STATUSES:
            retry_after = parse_retry_after(answer.headers.get("Retry-After"), self.clock())
            return _Outcome(
                "retry",
                messages.server_trouble(status, detail),
                retry_after=retry_after,
                stop_pass=status == 429,
            )
        if 200 <= status < 400:
            # A Wi-Fi login page or a wrong address answers 200/302 with HTML: never "sent".
            return _Outcome("retry", messages.unexpected_answer(status), stop_pass=True)
        return _Outcome("refused", messages.refused(status, detail))
