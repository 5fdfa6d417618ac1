"""Sync off the GUI thread: when to sync, the worker that runs ``SyncClient``, and its state.

``SyncController`` decides when to sync (app start, after a finalisation, connectivity regained,
every few minutes, "Sync now") and runs ``SyncClient.sync()`` on a QThreadPool worker; it only ever
talks to widgets through its signals, delivered on the GUI thread. Its problems are
``sync.messages.SyncMessage`` values, rendered by the widget in the interface language of the
moment (ui/sync_status.py shows them).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

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
from sync.http import NetworkError
from sync.messages import SyncMessage
from sync.urls import ServerAddressError
from ui.i18n import current_language

log = logging.getLogger(__name__)

PERIODIC_SYNC_MS = 5 * 60 * 1000
PROBE_MS = 60 * 1000


class _Signals(QObject):
    """Emitted from the worker thread; Qt queues them to the controller on the GUI thread."""

    progress = Signal(object)  # Progress
    finished = Signal(object)  # SyncReport
    # kind ("offline" | "paused" | "not_configured" | "not_enrolled" | "error"), SyncMessage
    failed = Signal(str, object)
    probed = Signal(bool)
    enrolled = Signal(bool, object)  # ok, the device name (str) or why not (SyncMessage)


class _Job(QRunnable):
    def __init__(self, work: object, signals: _Signals) -> None:
        super().__init__()
        self.work = work
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:  # worker thread: never touch a widget here
        try:
            self.work()  # type: ignore[operator]
        except BaseException as exc:  # noqa: BLE001 - reported, never swallowed
            log.exception("sync worker failed")
            error = SyncMessage("internal_error", {"error": f"{type(exc).__name__}: {exc}"})
            self.signals.failed.emit("error", error)


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
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one sync at a time, one probe at a time, in order
        self.signals = _Signals()
        self.signals.progress.connect(self._on_progress)
        self.signals.finished.connect(self._on_finished)
        self.signals.failed.connect(self._on_failed)
        self.signals.probed.connect(self._on_probed)
        self.signals.enrolled.connect(self._on_enrolled)
        self.online: bool | None = None  # None: not known yet
        self.running = False
        self.progress: Progress | None = None
        self.problems: list[SyncMessage] = []  # rendered at paint time, in the language then
        self.error_kind: str | None = None
        self.configured = client.address is not None
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
        client, signals = self.client, self.signals

        def work() -> None:
            try:
                report = client.sync(progress=signals.progress.emit)
            except SyncPaused as exc:
                signals.failed.emit("paused", exc.sync_message)
            except NotConfigured as exc:
                signals.failed.emit("not_configured", exc.sync_message)
            except NotEnrolled as exc:
                signals.failed.emit("not_enrolled", exc.sync_message)
            except NetworkError as exc:
                signals.failed.emit("offline", exc.sync_message)
            else:
                signals.finished.emit(report)

        log.info("sync started (%s)", reason)
        self.pool.start(_Job(work, signals))

    def probe(self) -> None:
        """Cheap reachability check of the server on the worker; a sync follows if it came back."""
        client, signals = self.client, self.signals

        def work() -> None:
            try:
                reachable = client.probe()
            except Exception:  # noqa: BLE001 - e.g. a bad stored address: logged, counted offline
                log.exception("server probe failed")
                reachable = False
            signals.probed.emit(reachable)

        self.pool.start(_Job(work, signals))

    def enroll(self, code: str) -> None:
        """Exchange an enrollment code on the worker; ``signals.enrolled`` says how it went."""
        client, signals = self.client, self.signals

        def work() -> None:
            try:
                device = client.enroll(code)
            except (SyncError, NetworkError, ServerAddressError) as exc:
                signals.enrolled.emit(False, messages.of(exc))
            except Exception as exc:  # noqa: BLE001 - e.g. the data file is locked: say so
                log.exception("enrollment failed")
                error = f"{type(exc).__name__}: {exc}"
                signals.enrolled.emit(False, SyncMessage("internal_error", {"error": error}))
            else:
                signals.enrolled.emit(True, str(device.get("device_name", "")))

        self.pool.start(_Job(work, signals))

    def refresh_queued(self) -> None:
        """Re-read the queued count and last sync time (after a finalisation, at start)."""
        self.queued = self.client.queued_count()
        self.last_success_at = self.client.last_success_at
        self.configured = self.client.address is not None
        self.state_changed.emit()

    @property
    def error(self) -> str | None:
        """The problems of the last run in the interface language now, one per line, or None."""
        language = current_language()
        return "\n".join(p.render(language) for p in self.problems) or None

    def shutdown(self, wait_ms: int = 10_000) -> None:
        """Stop the timers and wait for a running sync (a store write must finish)."""
        self.periodic.stop()
        self.prober.stop()
        self.pool.waitForDone(wait_ms)

    # -- results (GUI thread) --------------------------------------------------------------------
    @Slot(object)
    def _on_progress(self, progress: Progress) -> None:
        self.progress = progress
        self.state_changed.emit()

    @Slot(object)
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

    @Slot(str, object)
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

    @Slot(bool)
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
        self.queued = self.client.queued_count()
        self.last_success_at = self.client.last_success_at
        self.configured = self.client.address is not None
        self.state_changed.emit()
        if self._pending_reason is not None:
            reason, self._pending_reason = self._pending_reason, None
            self.request_sync(reason)
