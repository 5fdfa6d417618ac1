"""Sync off the GUI thread: when to sync, the work that runs ``SyncClient``, and its state.

``SyncController`` decides when to sync (app start, after a finalisation, connectivity regained,
every few minutes, "Sync now") and runs ``SyncClient.sync()``, the probe and enrollment through
the one background-work helper (``ui.tasks.run_in_background``, its single network thread: one
exchange with the server at a time, in order). Results come back on the GUI thread; widgets only
hear of them through the controller's signals. Problems are ``sync.messages.SyncMessage`` values,
rendered by the widget in the interface language of the moment (ui/sync_status.py shows them).
Anything unexpected is logged with its traceback (keys redacted, never answers) and said as what
to do (``describe_failure``), not as "internal error".
"""

from __future__ import annotations

import logging
import re
import sqlite3
import traceback
from concurrent.futures import Future, wait
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.store import StoreError
from sync import messages
from sync.client import (
    NotConfigured,
    NotEnrolled,
    Progress,
    SyncClient,
    SyncError,
    SyncPaused,
    SyncReport,
)
from sync.credentials import CredentialsError
from sync.http import WIRE_REFUSALS, NetworkError
from sync.messages import SyncMessage
from sync.urls import ServerAddressError, redact
from ui.i18n import current_language
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

PERIODIC_SYNC_MS = 5 * 60 * 1000
PROBE_MS = 60 * 1000


class _Signals(QObject):
    """``progress`` is emitted from the network thread (Qt queues it to the GUI thread);
    ``enrolled`` is emitted on the GUI thread when an enrollment ends."""

    progress = Signal(object)  # Progress
    enrolled = Signal(bool, object)  # ok, the device name (str) or why not (SyncMessage)


def describe_failure(
    error: BaseException, secrets: tuple[str | None, ...] = ()
) -> tuple[str, SyncMessage]:
    """The kind and message for a sync that ended with an exception: what to do, specifically.

    Kinds: "paused", "not_configured", "not_enrolled", "offline", "keyring", "data_file",
    "error". Unexpected ones are logged here with their traceback, with Central keys, bearer
    headers and ``secrets`` (the device token) hidden."""
    if isinstance(error, SyncPaused):
        return "paused", error.sync_message
    if isinstance(error, NotConfigured):
        return "not_configured", error.sync_message
    if isinstance(error, NotEnrolled):
        return "not_enrolled", error.sync_message
    if isinstance(error, NetworkError) and error.sync_message.key in WIRE_REFUSALS:
        return "error", error.sync_message  # not "offline": waiting will not cure it
    if isinstance(error, NetworkError):
        return "offline", error.sync_message
    if isinstance(error, (SyncError, ServerAddressError)):
        return "error", messages.of(error)
    if isinstance(error, CredentialsError):
        log.warning("sync: the keyring could not be read: %s", redact(str(error)))
        return "keyring", messages.of(error)
    _log_traceback(error, secrets)
    if isinstance(error, StoreError):
        return "data_file", SyncMessage("data_file_trouble", {"error": error.message})
    if isinstance(error, sqlite3.Error):  # one the store did not translate into a StoreError
        return "data_file", SyncMessage("data_file_trouble", {"error": type(error).__name__})
    if isinstance(error, OSError):
        reason = error.strerror or type(error).__name__
        return "data_file", SyncMessage("data_file_trouble", {"error": reason})
    # The type only: an exception's text could quote data; the log has the whole story.
    return "error", SyncMessage("sync_unexpected", {"error": type(error).__name__})


_BEARER = re.compile(r"(Bearer\s+)[^\s'\",}]+")


def _log_traceback(error: BaseException, secrets: tuple[str | None, ...] = ()) -> None:
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    for secret in secrets:
        if secret:
            text = text.replace(secret, "…")
    log.error("sync failed:\n%s", _BEARER.sub(r"\1…", redact(text)))


class SyncController(QObject):
    """When to sync, and the state the status widget shows. Lives on the GUI thread."""

    state_changed = Signal()
    sync_finished = Signal(object)  # SyncReport: the sessions list refreshes its statuses

    def __init__(
        self,
        client: SyncClient,
        parent: QObject | None = None,
        *,
        periodic_ms: int = PERIODIC_SYNC_MS,
        probe_ms: int = PROBE_MS,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self._work: set[Future[Any]] = set()  # this controller's work on the network thread
        self._closed = False
        self.signals = _Signals()
        self.signals.progress.connect(self._on_progress)
        self.signals.enrolled.connect(self._on_enrolled)
        self.online: bool | None = None  # None: not known yet
        self.running = False
        self.progress: Progress | None = None
        self.problems: list[SyncMessage] = []  # rendered at paint time, in the language then
        self.error_kind: str | None = None
        self.configured = client.address is not None
        # The plain-http address the administrator allowed, while it is in use: warned about.
        self.unencrypted: str | None = None
        self.queued = 0
        self.last_success_at: str | None = None  # cached: refresh() must not query the store
        self.last_report: SyncReport | None = None
        self._pending_reason: str | None = None
        self.periodic = QTimer(self)
        self.periodic.setInterval(periodic_ms)
        self.periodic.timeout.connect(lambda: self.request_sync("timer"))
        self.prober = QTimer(self)
        self.prober.setInterval(probe_ms)
        self.prober.timeout.connect(self.probe)
        self._network_info: object | None = None

    # -- triggers --------------------------------------------------------------------------------
    def start(self) -> None:
        """App start: sync once now, then on the timers and on connectivity changes."""
        self._watch_network()
        self.periodic.start()
        self.prober.start()
        self.refresh_queued()
        self.request_sync("start")

    def _watch_network(self) -> None:
        try:
            from PySide6.QtNetwork import QNetworkInformation
        except ImportError:  # pragma: no cover - the module ships with PySide6-Essentials
            return
        try:
            loaded = QNetworkInformation.loadDefaultBackend()
        except Exception:  # noqa: BLE001 - some platforms have no backend; the probe covers them
            loaded = False
        info = QNetworkInformation.instance() if loaded else None
        if info is None:
            return
        self._network_info = info
        info.reachabilityChanged.connect(self._on_reachability)

    @Slot(object)
    def _on_reachability(self, reachability: object) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        reachable = reachability in (
            QNetworkInformation.Reachability.Online,
            QNetworkInformation.Reachability.Site,
            QNetworkInformation.Reachability.Local,
        )
        if reachable:
            self.probe()  # the network is back: is our server there? A sync follows if so.
        else:
            self._set_online(False)

    def request_sync(self, reason: str = "manual") -> None:
        """Sync now, or right after the running sync ends (requests never pile up)."""
        if reason == "finalize":
            self.refresh_queued()  # show the new session in the count even when offline
        if self.running:
            self._pending_reason = reason
            return
        self.running = True
        self.progress = None
        self.state_changed.emit()
        client, progress = self.client, self.signals.progress

        def work() -> SyncReport:  # network thread: never touch a widget here
            return client.sync(progress=progress.emit)

        log.info("sync started (%s)", reason)
        self._run(work, self._on_finished, self._on_sync_error)

    def _run(self, work: Any, on_done: Any, on_error: Any) -> None:
        """Run on the network thread; results reach this controller unless it was shut down."""

        def done(result: object) -> None:
            if not self._closed:
                on_done(result)

        def failed(error: BaseException) -> None:
            if not self._closed:
                on_error(error)

        future = run_in_background(work, done, failed, network=True)
        self._work.add(future)
        future.add_done_callback(self._work.discard)

    def _secrets(self) -> tuple[str | None, ...]:
        return (self.client.http.bearer,)

    def _on_sync_error(self, error: BaseException) -> None:
        self._on_failed(*describe_failure(error, self._secrets()))

    def probe(self) -> None:
        """Cheap reachability check of the server on the worker; a sync follows if it came back."""

        def unreachable(error: BaseException) -> None:
            _log_traceback(error, self._secrets())  # e.g. a bad stored address: counted offline
            self._on_probed(False)

        self._run(self.client.probe, self._on_probed, unreachable)

    def enroll(self, code: str, fingerprint: str = "") -> None:
        """Exchange an enrollment code on the worker; ``signals.enrolled`` says how it went.

        With a certificate ``fingerprint`` the server's certificate is checked and pinned first;
        without a code, only that (a renewed certificate on an enrolled laptop)."""
        client, enrolled = self.client, self.signals.enrolled

        def refused(error: BaseException) -> None:
            if isinstance(error, (SyncError, NetworkError, ServerAddressError)):
                enrolled.emit(False, messages.of(error))
            else:  # e.g. the data file is locked, or the keyring: say what to do
                enrolled.emit(False, describe_failure(error, self._secrets())[1])

        def done(device: dict[str, object]) -> None:
            enrolled.emit(True, str(device.get("device_name", "")))

        def work() -> dict[str, object]:
            if code:
                return client.enroll(code, fingerprint=fingerprint or None)
            client.pin_certificate(fingerprint)
            return {}

        self._run(work, done, refused)

    def refresh_queued(self) -> None:
        """Re-read the queued count and last sync time (after a finalisation, at start)."""
        self._read_counts()
        self.state_changed.emit()

    def _read_counts(self) -> None:
        """Queued count, last sync, address; when the data file can't be read the last known
        values stay and the trouble is said (a status bar must not crash the window)."""
        try:
            self.queued = self.client.queued_count()
            self.last_success_at = self.client.last_success_at
            self.configured = self.client.address is not None
            self.unencrypted = self.client.unencrypted_allowance
        except Exception as error:  # noqa: BLE001 - said in the status bar, logged in full
            kind, message = describe_failure(error, self._secrets())
            self.problems, self.error_kind = [message], kind

    @property
    def error(self) -> str | None:
        """The problems of the last run in the interface language now, one per line, or None."""
        language = current_language()
        return "\n".join(p.render(language) for p in self.problems) or None

    def shutdown(self, wait_ms: int = 10_000) -> None:
        """Stop the timers and wait for a running sync (a store write must finish); results
        that arrive afterwards are dropped."""
        self.periodic.stop()
        self.prober.stop()
        wait(list(self._work), timeout=wait_ms / 1000)
        self._closed = True

    # -- results (GUI thread) --------------------------------------------------------------------
    @Slot(object)
    def _on_progress(self, progress: Progress) -> None:
        self.progress = progress
        self.state_changed.emit()

    def _on_finished(self, report: SyncReport) -> None:
        self.last_report = report
        self.online = True
        problems = list(report.problems)
        if report.stopped_early:
            problems.insert(0, report.stopped_early)
        if report.refused:
            problems.append(messages.sessions_refused(len(report.refused)))
        self.problems = problems
        self.error_kind = "error" if problems else None
        self._end_run()
        self.sync_finished.emit(report)

    def _on_failed(self, kind: str, message: SyncMessage) -> None:
        self.problems, self.error_kind = [message], kind
        if kind == "offline":
            self.online = False
        if kind == "not_configured":
            self.configured = False
        self._end_run()

    @Slot(bool, object)
    def _on_enrolled(self, ok: bool, _message: object) -> None:
        if ok:
            self.problems, self.error_kind = [], None
            self.state_changed.emit()
            self.request_sync("enrolled")

    def _on_probed(self, reachable: bool) -> None:
        was = self.online
        self._set_online(reachable)
        if reachable and was is False and self.error_kind != "paused":
            self.request_sync("online")

    def _set_online(self, online: bool) -> None:
        if self.online != online:
            self.online = online
            self.state_changed.emit()

    def _end_run(self) -> None:
        self.running = False
        self.progress = None
        self._read_counts()
        self.state_changed.emit()
        if self._pending_reason is not None:
            reason, self._pending_reason = self._pending_reason, None
            self.request_sync(reason)
