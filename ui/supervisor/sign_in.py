"""Supervisor sign-in: server address, username and password, checked by the server off the GUI
thread. The password is never kept: only the token the server gives back (in the vault)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.supervisor.desk import NotASupervisor, SupervisorDesk
from sync.http import NetworkError
from sync.supervisor_api import SupervisorApiError
from sync.urls import ServerAddressError
from ui import i18n
from ui.plain_text import PlainLabel
from ui.tasks import run_in_background


class SignInDialog(QDialog):
    """Asks for the three fields; accept()s once the server has said yes."""

    signed_in = Signal(object)  # SupervisorAccount

    def __init__(self, desk: SupervisorDesk, server: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("supervisorSignIn")
        self.desk = desk
        self.setWindowTitle(self.tr("Supervisor sign-in"))
        self.setMinimumWidth(460)
        self.intro = PlainLabel(
            self.tr(
                "Sign in with the supervisor account your coordinator created on the server. "
                "Sessions of your projects are copied to this laptop so you can review offline."
            )
        )
        self.intro.setWordWrap(True)
        self.server = QLineEdit(server)
        self.server.setObjectName("supervisorServer")
        self.server.setPlaceholderText("http://192.168.1.10:8765")
        self.username = QLineEdit()
        self.username.setObjectName("supervisorUsername")
        self.username.setMaxLength(200)
        self.password = QLineEdit()
        self.password.setObjectName("supervisorPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(1000)
        self.message = PlainLabel()
        self.message.setObjectName("supervisorSignInMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # server text
        self.message.setStyleSheet("color: #b91c1c;")
        self.message.hide()

        form = QFormLayout()
        form.addRow(self.tr("&Server address:"), self.server)
        form.addRow(self.tr("&Username:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("supervisorSignInButton")
        self.ok_button.setText(self.tr("Sign &in"))
        # Enter signs in even after a failed try moved the focus (never Cancel by accident).
        self.ok_button.setDefault(True)
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):  # a dialog button box holds push buttons
                button.setAutoDefault(button is self.ok_button)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.sign_in)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        (self.username if server else self.server).setFocus()

    def sign_in(self) -> None:
        server, username = self.server.text().strip(), self.username.text().strip()
        password = self.password.text()
        if not server or not username or not password:
            self._say(self.tr("Fill in the server address, your username and your password."))
            return
        self._busy(True)
        self._say(self.tr("Signing in…"), error=False)
        run_in_background(
            lambda: self.desk.sign_in(server, username, password),
            self._done,
            self._failed,
            writes=True,
        )

    def _done(self, account: object) -> None:
        self.password.clear()
        self._busy(False)
        self.signed_in.emit(account)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.password.setFocus()
        self.password.selectAll()
        self._say(self.explain(error))

    def explain(self, error: BaseException) -> str:
        if isinstance(error, ServerAddressError):
            return error.sync_message.render(i18n.current_language())
        if isinstance(error, NetworkError):
            return self.tr(
                "The server does not answer. Check the address and that this laptop is on the "
                "network, then try again."
            )
        if isinstance(error, NotASupervisor):
            return self.tr("This account is not a supervisor's.")
        if isinstance(error, SupervisorApiError):
            if error.kind == "unauthorized":
                return self.tr("The username or the password is not right.")
            if error.kind == "throttled":
                return self.tr("Too many attempts: wait a few minutes and try again.")
            if error.kind == "bad_answer":
                return self.tr("That address does not answer like an Encuentro server.")
            return self.tr("The server refused the sign-in: %1").replace("%1", error.detail)
        return self.tr("Signing in failed: %1").replace("%1", type(error).__name__)

    def _busy(self, busy: bool) -> None:
        for widget in (self.server, self.username, self.password, self.ok_button):
            widget.setEnabled(not busy)

    def _say(self, text: str, *, error: bool = True) -> None:
        self.message.setStyleSheet("color: #b91c1c;" if error else "color: #374151;")
        self.message.setText(text)
        self.message.setVisible(bool(text))
