"""Sync off the GUI thread, and the status-bar widget that shows it.

``SyncController`` decides when to sync (app start, after a finalisation, connectivity regained,
every few minutes, "Sync now") and runs ``SyncClient.sync()`` on a QThreadPool worker; it only ever
talks to widgets through its signals, delivered on the GUI thread. ``SyncStatusWidget`` shows
online/offline, the queued count, the last successful sync, progress and errors, with a "Sync now"
button and a "Server…" button opening ``SyncSetupDialog`` (server address + enrollment code).
Wiring in the main window (``attach_sync`` does the first three lines):

    controller = SyncController(SyncClient(store), parent=window)
    window.status_area.layout().addWidget(SyncStatusWidget(controller))
    controller.start()                       # first sync now, then timers and connectivity
    # after a session is finalised:  controller.request_sync("finalize")
    # on quit:                        controller.shutdown()
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

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
from sync.urls import ServerAddressError

log = logging.getLogger(__name__)

PERIODIC_SYNC_MS = 5 * 60 * 1000
PROBE_MS = 60 * 1000


class _Signals(QObject):
    """Emitted from the worker thread; Qt queues them to the controller on the GUI thread."""

    progress = Signal(object)  # Progress
    finished = Signal(object)  # SyncReport
    failed = Signal(str, str)  # kind ("offline" | "paused" | "not_configured" | "error"), message
    probed = Signal(bool)
    enrolled = Signal(bool, str)  # ok, message (the reason when not ok)


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
            self.signals.failed.emit("error", f"{type(exc).__name__}: {exc}")


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
        self.error: str | None = None
        self.error_kind: str | None = None
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
                signals.failed.emit("paused", str(exc))
            except (NotConfigured, NotEnrolled) as exc:
                signals.failed.emit("not_configured", str(exc))
            except NetworkError as exc:
                signals.failed.emit("offline", str(exc))
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
                signals.enrolled.emit(False, str(exc))
            except Exception as exc:  # noqa: BLE001 - e.g. the data file is locked: say so
                log.exception("enrollment failed")
                signals.enrolled.emit(False, f"{type(exc).__name__}: {exc}")
            else:
                signals.enrolled.emit(True, str(device.get("device_name", "")))

        self.pool.start(_Job(work, signals))

    def refresh_queued(self) -> None:
        """Re-read the queued count and last sync time (after a finalisation, at start)."""
        self.queued = self.client.queued_count()
        self.last_success_at = self.client.last_success_at
        self.state_changed.emit()

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
            problems.append(
                QCoreApplication.translate(
                    "SyncStatus",
                    "%n session(s) refused by the server; see the sessions list.",
                    "",
                    len(report.refused),
                )
            )
        self.error = "\n".join(problems) or None
        self.error_kind = "error" if problems else None
        self._end_run()
        self.sync_finished.emit(report)

    @Slot(str, str)
    def _on_failed(self, kind: str, message: str) -> None:
        self.error, self.error_kind = message, kind
        if kind == "offline":
            self.online = False
        self._end_run()

    @Slot(bool, str)
    def _on_enrolled(self, ok: bool, _message: str) -> None:
        if ok:
            self.error = self.error_kind = None
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
        self.state_changed.emit()
        if self._pending_reason is not None:
            reason, self._pending_reason = self._pending_reason, None
            self.request_sync(reason)


class SyncSetupDialog(QDialog):
    """Server address and one-time enrollment code; enrolling runs on the worker, not the GUI."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncSetup")
        self.controller = controller
        self.setWindowTitle(self.tr("Server connection"))
        form = QFormLayout()
        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("serverUrl")
        address = controller.client.address
        self.url_edit.setText(address.base if address else "")
        self.url_edit.setPlaceholderText("http://192.168.1.10:8765")
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("enrollmentCode")
        self.code_edit.setPlaceholderText(self.tr("One-time code from your coordinator"))
        form.addRow(self.tr("Server address"), self.url_edit)
        form.addRow(self.tr("Enrollment code"), self.code_edit)
        self.message = QLabel()
        self.message.setObjectName("setupMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Connect"))
        self.buttons.accepted.connect(self.connect_device)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        controller.signals.enrolled.connect(self._on_enrolled)

    @Slot()
    def connect_device(self) -> None:
        """Save the address; with a code, enroll (a Central project URL needs no code)."""
        url, code = self.url_edit.text().strip(), self.code_edit.text().strip()
        try:
            address = self.controller.client.set_server(url)
        except ServerAddressError as exc:
            self.message.setText(str(exc))
            return
        if address.is_central or not code:
            if (
                not address.is_central
                and self.controller.client.vault.get(address.keyring_name) is None
            ):
                self.message.setText(self.tr("Type the enrollment code your coordinator gave you."))
                return
            self.accept()
            self.controller.request_sync("setup")
            return
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Connecting…"))
        self.controller.enroll(code)

    @Slot(bool, str)
    def _on_enrolled(self, ok: bool, message: str) -> None:
        self.buttons.setEnabled(True)
        if ok:
            self.accept()
        else:
            self.message.setText(message)


def attach_sync(window: QMainWindow, client: SyncClient) -> SyncController:
    """Put the sync status in ``window.status_area`` and start syncing (call once, at start).

    If the window has a ``session_finalized`` signal, each finalisation triggers a sync; if it has
    a ``sessions`` controller with ``reload()``, the sessions list refreshes after every sync (new
    statuses, review comments, error reasons).
    """
    controller = SyncController(client, window)
    window.status_area.layout().addWidget(SyncStatusWidget(controller))  # type: ignore[attr-defined]
    finalized = getattr(window, "session_finalized", None)
    if finalized is not None:
        finalized.connect(lambda *_: controller.request_sync("finalize"))
    sessions = getattr(window, "sessions", None)
    if sessions is not None and hasattr(sessions, "reload"):
        controller.sync_finished.connect(lambda _report: sessions.reload())
    controller.start()
    return controller


class SyncStatusWidget(QWidget):
    """Online dot, queued count, last successful sync, progress bar, error line, "Sync now"."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.controller = controller
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.online_label = QLabel()
        self.online_label.setObjectName("syncOnline")
        self.queued_label = QLabel()
        self.queued_label.setObjectName("syncQueued")
        self.last_label = QLabel()
        self.last_label.setObjectName("syncLast")
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("syncProgress")
        self.progress_bar.setMaximumWidth(140)
        self.progress_bar.setVisible(False)
        self.error_label = QLabel()
        self.error_label.setObjectName("syncError")
        self.error_label.setStyleSheet("color: #b00020;")
        self.sync_button = QPushButton()
        self.sync_button.setObjectName("syncNow")
        self.sync_button.clicked.connect(lambda: controller.request_sync("button"))
        self.setup_button = QPushButton()
        self.setup_button.setObjectName("syncSetupButton")
        self.setup_button.clicked.connect(self.open_setup)
        for widget in (
            self.online_label,
            self.queued_label,
            self.last_label,
            self.progress_bar,
            self.error_label,
            self.sync_button,
            self.setup_button,
        ):
            layout.addWidget(widget)
        controller.state_changed.connect(self.refresh)
        self.refresh()

    @Slot()
    def open_setup(self) -> SyncSetupDialog:
        """Show the server connection dialog (non-modal, so the window keeps working)."""
        dialog = SyncSetupDialog(self.controller, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)

    @Slot()
    def refresh(self) -> None:
        c = self.controller
        # Colour is never the only signal: the dot always comes with a word.
        if c.online is None:
            self.online_label.setText("○ " + self.tr("Server: checking…"))
        elif c.online:
            self.online_label.setText("<span style='color:#1b7f3b'>●</span> " + self.tr("Online"))
        else:
            self.online_label.setText("<span style='color:#9e9e9e'>●</span> " + self.tr("Offline"))
        self.queued_label.setText(self.tr("To send: %1").replace("%1", str(c.queued)))
        last = c.last_success_at
        if last:
            when = datetime.fromisoformat(last).astimezone().strftime("%Y-%m-%d %H:%M")
            self.last_label.setText(self.tr("Last sync: %1").replace("%1", when))
        else:
            self.last_label.setText(self.tr("Never synced"))
        self.progress_bar.setVisible(c.running)
        if c.running:
            p = c.progress
            if p is None or p.total == 0:
                self.progress_bar.setRange(0, 0)  # busy indicator until the first figure arrives
            else:
                self.progress_bar.setRange(0, p.total)
                self.progress_bar.setValue(p.done)
                self.progress_bar.setFormat(
                    {"push": self.tr("Sending %v/%m"), "forms": self.tr("Forms %v/%m")}.get(
                        p.phase, self.tr("Feedback %v/%m")
                    )
                )
        error = c.error or ""
        self.error_label.setText(error.splitlines()[0] if error else "")
        self.error_label.setToolTip(error)
        self.error_label.setVisible(bool(error))
        self.sync_button.setText(self.tr("Syncing…") if c.running else self.tr("Sync now"))
        self.sync_button.setEnabled(not c.running)
        self.setup_button.setText(self.tr("Server…"))
        # Make the way out obvious when sync can't run without the person.
        self.setup_button.setDefault(c.error_kind in ("paused", "not_configured"))
