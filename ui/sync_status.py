"""The sync status in the main window's status bar, and the server connection dialog.

``SyncStatusWidget`` shows the connection (not set up / not enrolled / checking / online /
offline / paused), the queued count, the last successful sync, progress and the last problem,
with a "Sync now" button and a "Server…" button opening ``SyncSetupDialog`` (server address +
enrollment code). The worker and its controller are in ui/sync_worker.py. Problems are
``SyncMessage`` values rendered at paint time, so a language switch re-renders them.
Wiring in the main window (``attach_sync(window, SyncClient(workspace.sync_ledger()))`` does it,
through the window's named parts, ``SyncHost``):

    controller = SyncController(client, parent=window)
    window.status_area.layout().addWidget(SyncStatusWidget(controller))
    window.session_finalized.connect(...)    # each finalisation asks for a sync
    controller.sync_finished -> window.sessions.reload()   # new statuses and review comments
    window.sessions.sync_requested -> controller.request_sync   # "Send again" in the list
    controller.start()                       # first sync now, then timers and connectivity
    # on quit:                        controller.shutdown()
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, SignalInstance, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sync import messages
from sync.client import SyncClient
from sync.credentials import CredentialsError
from sync.urls import ServerAddress, ServerAddressError
from sync.wire_settings import needs_plain_allowance
from ui.elided_label import ElidedLabel
from ui.i18n import current_language
from ui.sessions_model import local_time
from ui.sync_worker import PERIODIC_SYNC_MS, PROBE_MS, SyncController

__all__ = [
    "PERIODIC_SYNC_MS",
    "PROBE_MS",
    "SessionsHost",
    "SyncController",
    "SyncHost",
    "SyncSetupDialog",
    "SyncStatusWidget",
    "attach_sync",
]

_GREY, _GREEN, _RED = "#5f6368", "#1b7f3b", "#b00020"
_ERROR_WIDTH_PX = 560  # leaves room for the other parts on a 1366-pixel laptop screen
# Kinds that wait for the person to set something up: shown in grey, not as an error.
_NEUTRAL = ("not_configured", "not_enrolled")


class SyncSetupDialog(QDialog):
    """Server address and one-time enrollment code; enrolling runs on the worker, not the GUI."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncSetup")
        self.controller = controller
        self.setWindowTitle(self.tr("Server connection"))
        # Wide enough for a whole address and for the Spanish words; messages wrap below.
        self.setMinimumWidth(480)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("serverUrl")
        address = controller.client.address
        self.url_edit.setText(address.base if address else "")
        self.url_edit.setPlaceholderText("http://192.168.1.10:8765")
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("enrollmentCode")
        self.code_edit.setPlaceholderText(self.tr("One-time code from your coordinator"))
        self.url_label = QLabel(self.tr("Server &address"))
        self.url_label.setBuddy(self.url_edit)
        self.code_label = QLabel(self.tr("&Enrollment code"))
        self.code_label.setBuddy(self.code_edit)
        self.fingerprint_edit = QLineEdit()
        self.fingerprint_edit.setObjectName("certificateFingerprint")
        self.fingerprint_edit.setText(controller.client.pinned_fingerprint or "")
        self.fingerprint_edit.setPlaceholderText(
            self.tr("Only for a server with its own certificate (from your coordinator)")
        )
        self.fingerprint_label = QLabel(self.tr("Certificate &fingerprint"))
        self.fingerprint_label.setBuddy(self.fingerprint_edit)
        form.addRow(self.url_label, self.url_edit)
        form.addRow(self.code_label, self.code_edit)
        form.addRow(self.fingerprint_label, self.fingerprint_edit)
        # Plain http to another machine: only with this box ticked, for this one address.
        self.allow_plain = QCheckBox(self.tr("Allow unencrypted connection to this address"))
        self.allow_plain.setObjectName("allowUnencrypted")
        self.allow_plain.setChecked(controller.client.unencrypted_allowance is not None)
        self.plain_warning = QLabel(
            self.tr(
                "Anyone on this network could read everything sent, answers included. Tick it "
                "only if your coordinator says so, on a network you trust."
            )
        )
        self.plain_warning.setObjectName("unencryptedWarning")
        self.plain_warning.setWordWrap(True)
        self.plain_warning.setStyleSheet(f"color: {_RED};")
        self.url_edit.textChanged.connect(self._show_plain_choice)
        self._show_plain_choice()
        self.message = QLabel()
        self.message.setObjectName("setupMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # server words are not markup
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Connect"))
        self.buttons.accepted.connect(self.connect_device)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.allow_plain)
        layout.addWidget(self.plain_warning)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        controller.signals.enrolled.connect(self._on_enrolled)

    @Slot()
    def connect_device(self) -> None:
        """Save the address; with a code, enroll (a Central project URL needs no code)."""
        url, code = self.url_edit.text().strip(), self.code_edit.text().strip()
        fingerprint = self.fingerprint_edit.text().strip()
        allow = self.allow_plain.isChecked() if not self.allow_plain.isHidden() else None
        try:
            address = self.controller.client.set_server(url, allow_unencrypted=allow)
        except (ServerAddressError, CredentialsError) as exc:  # CredentialsError: keyring locked
            self._say(messages.of(exc).render(current_language()))
            return
        self.controller.refresh_queued()  # the status bar stops saying "no server"
        pin = bool(fingerprint) and fingerprint != self.controller.client.pinned_fingerprint
        if address.is_central or (not code and not pin):
            try:
                enrolled = address.is_central or self.controller.client.vault.get(
                    address.keyring_name
                )
            except CredentialsError as exc:  # a locked keyring: say how to unlock it
                self._say(messages.of(exc).render(current_language()))
                return
            if not enrolled:
                self._say(self.tr("Type the enrollment code your coordinator gave you."))
                self.code_edit.setFocus()
                return
            self.accept()
            self.controller.request_sync("setup")
            return
        self.buttons.setEnabled(False)
        self._say(self.tr("Connecting…"))
        self.controller.enroll(code, fingerprint if pin else "")

    @Slot(bool, object)
    def _on_enrolled(self, ok: bool, message: object) -> None:
        self.buttons.setEnabled(True)
        if ok:
            self.accept()
        else:
            self._say(messages.of(message).render(current_language()))

    @Slot()
    def _show_plain_choice(self) -> None:
        """The allowance box shows only for plain http:// to another machine."""
        try:
            needed = needs_plain_allowance(ServerAddress.parse(self.url_edit.text()))
        except ServerAddressError:
            needed = False
        self.allow_plain.setVisible(needed)
        self.plain_warning.setVisible(needed)
        self.adjustSize()

    def _say(self, text: str) -> None:
        """Show a message under the fields; the dialog grows to show all of it."""
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.adjustSize()


class SessionsHost(Protocol):
    """The sessions list's part in sync: refreshed after a sync, and asking for one."""

    sync_requested: SignalInstance  # reason (str): "Send again" in the sessions list

    def reload(self) -> None: ...


class SyncHost(Protocol):
    """The parts of the main window sync plugs into (ui.main_window.MainWindow has them)."""

    status_area: QWidget
    session_finalized: SignalInstance  # instance_id (str)
    sessions: SessionsHost


def attach_sync(window: SyncHost, client: SyncClient) -> SyncController:
    """Put the sync status in ``window.status_area`` and start syncing (call once, at start).

    Each finalisation triggers a sync; the sessions list refreshes after every sync (new
    statuses, review comments, error reasons), and its ``sync_requested`` asks for a sync.
    """
    controller = SyncController(client, window if isinstance(window, QObject) else None)
    status_layout = window.status_area.layout()
    assert status_layout is not None  # MainWindow gives the status area one
    status_layout.addWidget(SyncStatusWidget(controller))
    window.session_finalized.connect(lambda *_: controller.request_sync("finalize"))
    sessions = window.sessions
    controller.sync_finished.connect(lambda _report: sessions.reload())
    window.sessions.sync_requested.connect(controller.request_sync)
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
        # Stays while an unencrypted address is in use (the administrator allowed it).
        self.unencrypted_label = QLabel()
        self.unencrypted_label.setObjectName("syncUnencrypted")
        self.unencrypted_label.setStyleSheet(f"color: {_RED};")
        self.unencrypted_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label = ElidedLabel()  # gives way to the buttons on a narrow screen
        self.error_label.setObjectName("syncError")
        self.error_label.setStyleSheet(f"color: {_RED};")
        self._error_colour = _RED
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)  # server words are not markup
        self.sync_button = QPushButton()
        self.sync_button.setObjectName("syncNow")
        self.sync_button.clicked.connect(lambda: controller.request_sync("button"))
        self.setup_button = QPushButton()
        self.setup_button.setObjectName("syncSetupButton")
        self.setup_button.clicked.connect(self.open_setup)
        for widget in (
            self.online_label,
            self.unencrypted_label,
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
        self.online_label.setText(self._connection_text())
        self.online_label.setToolTip((c.error or "") if c.error_kind in _NEUTRAL else "")
        self.unencrypted_label.setVisible(bool(c.unencrypted))
        self.unencrypted_label.setText("⚠ " + self.tr("Unencrypted connection"))
        self.unencrypted_label.setToolTip(
            self.tr(
                "%1 is reached without encryption: anyone on the network can read what is sent."
            ).replace("%1", c.unencrypted or "")
        )
        self.queued_label.setText(self.tr("To send: %1").replace("%1", str(c.queued)))
        last = c.last_success_at
        if last:
            when = local_time(last)  # as the sessions list writes dates, in the locale's order
            self.last_label.setText(self.tr("Last sync: %1").replace("%1", when))
        else:
            self.last_label.setText(self.tr("Never synced"))
        self.last_label.setVisible(c.configured)
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
        # Not set up yet is a state, not an error: it is said once, in grey, by online_label.
        error = "" if c.error_kind in _NEUTRAL or not c.configured else (c.error or "")
        # Offline is the usual state in the field: said calmly, in grey; real trouble in red.
        colour = _GREY if c.error_kind == "offline" else _RED
        if colour != self._error_colour:  # restyling is costly; refresh runs on every progress
            self._error_colour = colour
            self.error_label.setStyleSheet(f"color: {colour};")
        # One line that fits the status bar; the whole text is in the tooltip.
        first = error.splitlines()[0] if error else ""
        metrics = self.error_label.fontMetrics()
        self.error_label.setText(
            metrics.elidedText(first, Qt.TextElideMode.ElideRight, _ERROR_WIDTH_PX)
        )
        self.error_label.setToolTip(error)
        self.error_label.setVisible(bool(error))
        self.sync_button.setText(self.tr("Syncing…") if c.running else self.tr("Sync now"))
        self.sync_button.setEnabled(not c.running and c.configured)
        self.setup_button.setText(self.tr("Server…"))
        # Make the way out obvious when sync can't run without the person.
        self.setup_button.setDefault(not c.configured or c.error_kind in ("paused", *_NEUTRAL))

    def _connection_text(self) -> str:
        """The dot and the word: colour is never the only signal."""
        c = self.controller
        if not c.configured:
            text = self.tr("Not connected to a server — Server… to set one up")
            return f"<span style='color:{_GREY}'>○ {text}</span>"
        if c.error_kind == "not_enrolled":
            text = self.tr("Not enrolled yet — Server… to type the enrollment code")
            return f"<span style='color:{_GREY}'>○ {text}</span>"
        if c.error_kind == "paused" and not c.running:
            return f"<span style='color:{_RED}'>■</span> " + self.tr("Sending paused")
        if c.online is None:
            return "○ " + self.tr("Server: checking…")
        if c.online:
            return f"<span style='color:{_GREEN}'>●</span> " + self.tr("Online")
        return f"<span style='color:{_GREY}'>●</span> " + self.tr("Offline")
