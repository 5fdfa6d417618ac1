"""The supervisor's sync indicator for the status bar: queued reviews out and the team's sessions
in, off the GUI thread, at sign-in, after each review, every few minutes and on "Sync now"."""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.supervisor.desk import SignInNeeded, SupervisorDesk
from sync.http import NetworkError
from sync.supervisor_api import SupervisorApiError
from ui.sessions_model import clock_time
from ui.tasks import run_in_background

log = logging.getLogger(__name__)
PERIOD_MS = 5 * 60 * 1000
RETRY_MS = 60 * 1000  # while offline: look again soon (queued reviews keep their own backoff)


class SupervisorSync(QWidget):
    """Status text + Sync now. ``finished`` carries (SendReport, PullReport), ``failed`` the
    error."""

    finished = Signal(object)
    failed = Signal(object)
    sign_in_needed = Signal()

    def __init__(self, desk: SupervisorDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorSync")
        self.desk = desk
        self.label = QLabel()
        self.label.setObjectName("supervisorSyncText")
        self.button = QPushButton()
        self.button.setObjectName("supervisorSyncNow")
        self.button.clicked.connect(self.request)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.running = False
        self._again = False
        self._state = "idle"
        self._last_ok: str | None = None
        self._problem = ""
        self.timer = QTimer(self)
        self.timer.setInterval(PERIOD_MS)
        self.timer.timeout.connect(self.request)
        self.retranslate()

    def start(self) -> None:
        self.timer.start()
        self.request()

    def stop(self) -> None:
        self.timer.stop()

    def request(self) -> None:
        """Sync now, or right after the one running (a review made meanwhile goes out too)."""
        if self.running:
            self._again = True
            return
        if self.desk.account() is None:
            return
        self.running = True
        self._state = "running"
        self.show_state()
        run_in_background(self.desk.sync, self._done, self._failed)

    def _done(self, result: object) -> None:
        self.running = False
        if not self.timer.isActive():
            return  # left (signed out, window closed) meanwhile: the data file may be shut
        self._state = "ok"
        self._problem = ""
        self._last_ok = datetime.now().astimezone().isoformat()
        self.timer.setInterval(PERIOD_MS)
        self.show_state()
        self.finished.emit(result)
        self._maybe_again()

    def _failed(self, error: BaseException) -> None:
        self.running = False
        if not self.timer.isActive():
            return  # left meanwhile (see _done)
        if isinstance(error, SignInNeeded):
            self._state = "signed_out"
            self.show_state()
            self.failed.emit(error)
            self.sign_in_needed.emit()
            return
        if isinstance(error, NetworkError):
            self._state = "offline"
            self.timer.setInterval(RETRY_MS)
        else:
            self._state = "problem"
            self._problem = (
                error.detail or error.kind if isinstance(error, SupervisorApiError) else ""
            )
            log.warning("supervisor sync failed: %s", type(error).__name__)
        self.show_state()
        self.failed.emit(error)
        self._maybe_again()

    def _maybe_again(self) -> None:
        if self._again:
            self._again = False
            self.request()

    def show_state(self) -> None:
        queued = len(self.desk.queued_reviews()) if self.desk.account() else 0
        if self._state == "running":
            text = self.tr("Syncing…")
        elif self._state == "offline":
            text = self.tr("Offline: working from this laptop's copy")
        elif self._state == "signed_out":
            text = self.tr("Sign in again to sync")
        elif self._state == "problem":
            text = self.tr("Sync failed: %1").replace("%1", self._problem or "?")
        elif self._last_ok:
            text = self.tr("Synced at %1").replace("%1", clock_time(self._last_ok))
        else:
            text = self.tr("Not synced yet")
        if queued:
            text += " · " + self.tr("%n review(s) waiting to be sent", "", queued)
        self.label.setText(text)
        self.label.setToolTip(text)
        self.button.setEnabled(self._state != "running")

    def retranslate(self) -> None:
        self.button.setText(self.tr("Sync no&w"))
        self.button.setToolTip(self.tr("Send queued reviews and bring new sessions (F5)"))
        if self.timer.isActive():  # stopped: signed out or closing, the data file may be shut
            self.show_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
