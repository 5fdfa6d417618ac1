"""Unlock the laptop's encrypted data at start: choose your profile, type your PIN.

Shown before the main window when the data folder is protected by PINs (app/protection.py).
The PIN is checked off the GUI thread (argon2id takes about half a second; the first unlock of an
old plain folder also encrypts it). Wrong PINs are counted by the workspace, which makes the next
try wait after a few; this dialog only says so.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.data_health import DamagedData
from app.protection import NoPin, PinWait
from app.store.errors import StoreError
from app.store.keys import WrongPin
from ui.damaged_data import offer_restore
from ui.plain_text import PlainLabel
from ui.store_messages import error_text
from ui.tasks import run_in_background


class UnlockDialog(QDialog):
    """Profile + PIN; accepted once the workspace is unlocked (then choose_profile as usual).
    With `profile` the dialog asks that profile's PIN only (switching profile on the start
    screen); without, the person picks their profile or makes a new one (launch)."""

    def __init__(self, workspace, parent: QWidget | None = None, profile=None) -> None:
        super().__init__(parent)
        self.workspace = workspace  # app.workspace.Workspace
        self.unlocked_profile = None
        self._retry: Callable[[], object] | None = None
        self.setWindowTitle(self.tr("Unlock Encuentro"))
        layout = QVBoxLayout(self)
        if profile is None:
            text = self.tr("The sessions on this laptop are protected. Type your PIN.")
        else:
            text = self.tr("Type the PIN of %1 to open their sessions.").replace(
                "%1", profile.display_name
            )
        intro = PlainLabel(text)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.profiles = QComboBox()
        self.profiles.setAccessibleName(self.tr("Profile"))
        for listed in workspace.list_profiles() if profile is None else [profile]:
            self.profiles.addItem(listed.display_name, listed.id)
        self.profiles.setVisible(profile is None)
        layout.addWidget(self.profiles)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.pin.setAccessibleName(self.tr("PIN"))
        layout.addWidget(self.pin)
        self.message = PlainLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox()
        self.unlock_button = self.buttons.addButton(
            self.tr("Unlock"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(
            self.tr("Quit") if profile is None else self.tr("Cancel"),
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        self.new_button = None
        if profile is None:  # a new facilitator on a protected laptop needs no one else's PIN
            self.new_button = self.buttons.addButton(
                self.tr("New profile…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.new_button.clicked.connect(self.create_profile)
        self.buttons.accepted.connect(self.try_unlock)
        self.buttons.rejected.connect(self.reject)
        self.pin.returnPressed.connect(self.try_unlock)
        layout.addWidget(self.buttons)
        self.pin.setFocus()

    def try_unlock(self) -> None:
        profile_id = self.profiles.currentData()
        pin = self.pin.text()
        if not profile_id or not pin:
            self._say(self.tr("Choose your profile and type your PIN."))
            return
        self._busy(True)
        workspace = self.workspace
        self._retry = lambda: workspace.unlock(profile_id, pin)  # after a restored backup
        run_in_background(self._retry, self._unlocked, self._failed, writes=True)

    def create_profile(self) -> None:
        """A new profile with its own PIN; the workspace is then unlocked as that profile."""
        from ui import i18n, pin_setup

        asked = pin_setup.ask_new_profile(self)
        if asked is None:
            return
        name, pin = asked
        taken = {p.display_name.casefold() for p in self.workspace.list_profiles()}
        if name.casefold() in taken:
            self._say(self.tr("A profile with this name already exists: choose it in the list."))
            return
        self._busy(True)
        workspace, language = self.workspace, i18n.current_language()
        run_in_background(
            lambda: workspace.create_profile(name, language, pin=pin),
            self._unlocked,
            self._failed,
            writes=True,
        )

    def _unlocked(self, profile) -> None:  # app.store.Profile
        self._retry = None
        self.unlocked_profile = profile
        self.pin.clear()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        retry, self._retry = self._retry, None
        if isinstance(error, DamagedData):
            if retry is not None and offer_restore(self, error):
                self._busy(True)
                run_in_background(retry, self._unlocked, self._failed, writes=True)
            else:
                self.reject()  # nothing opens a damaged file: Encuentro closes, file untouched
            return
        self._busy(False)
        self.pin.clear()
        self.pin.setFocus()
        if isinstance(error, WrongPin):
            self._say(self.tr("Wrong PIN. Try again."))
        elif isinstance(error, PinWait):
            self._say(
                self.tr(
                    "Too many wrong PINs. Wait %n second(s), then try again.",
                    "",
                    int(error.seconds) + 1,
                )
            )
        elif isinstance(error, NoPin):
            self._say(
                self.tr(
                    "This profile has no PIN yet, so it cannot open the protected data. "
                    "Choose a profile that has one, or ask your coordinator."
                )
            )
        elif isinstance(error, StoreError):
            self._say(error_text(error, str(self.workspace.config.database_path)))
        else:
            self._say(self.tr("Encuentro could not unlock its data: %1").replace("%1", str(error)))

    def _busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy)
        if self.new_button is not None:
            self.new_button.setEnabled(not busy)
        self.pin.setEnabled(not busy)
        self.profiles.setEnabled(not busy)
        if busy:
            self._say(self.tr("Checking the PIN…"))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))


def ask_pin_and_unlock(parent: QWidget | None, workspace, profile) -> bool:
    """Ask `profile`'s PIN and open its file (closing the one open now); True when done."""
    dialog = UnlockDialog(workspace, parent, profile=profile)
    return dialog.exec() == QDialog.DialogCode.Accepted


def unlock_at_start(workspace) -> bool:  # app.workspace.Workspace
    """Ask for a PIN until the workspace is unlocked (True) or the person quits (False)."""
    if not workspace.is_locked:
        return True
    dialog = UnlockDialog(workspace)
    return dialog.exec() == QDialog.DialogCode.Accepted and not workspace.is_locked
