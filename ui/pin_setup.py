"""Choosing a PIN for a new profile, and changing one (issue 9).

NewPinDialog: PIN + confirmation (and the name, when the start screen did not ask it yet), at
least MIN_PIN_LENGTH characters: six digits or a passphrase. Keyboard first: Enter moves on to the
next field, then accepts. ChangePinDialog: old PIN + new PIN twice; the workspace rewraps the
profile's key (argon2id, off the GUI thread) without rewriting its data file.

`ask_new_pin`, `ask_new_profile` and `change_pin` are what the screens call (tests replace them,
like ui/dialogs.py's functions, where a modal dialog would block).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.protection import PinWait
from app.store.keys import MIN_PIN_LENGTH, WrongPin
from ui.plain_text import PlainLabel
from ui.tasks import run_in_background


def _pin_field(placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    field.setAccessibleName(placeholder)
    field.setMaxLength(128)
    return field


def _no_default_buttons(buttons: QDialogButtonBox) -> None:
    """Enter belongs to the fields (next field, then save): a default button would take it from
    the first field and save half-typed PINs."""
    for button in buttons.buttons():
        if isinstance(button, QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)


def _message_line() -> PlainLabel:
    """Where problems are said: room for two lines kept from the start, because a shown dialog
    does not grow for a word-wrapped label that appears later (the text above would be cut)."""
    label = PlainLabel()
    label.setWordWrap(True)
    label.setMinimumHeight(label.fontMetrics().lineSpacing() * 2 + 4)
    return label


class NewPinDialog(QDialog):
    """A new profile's PIN, typed twice. With `name` None it asks the profile's name too."""

    def __init__(self, name: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Protect your profile with a PIN"))
        layout = QVBoxLayout(self)
        self.name = QLineEdit(name or "")
        self.name.setPlaceholderText(self.tr("Your name, as your team knows you"))
        self.name.setAccessibleName(self.tr("Name"))
        self.name.setMaxLength(80)
        self.name.setVisible(name is None)
        layout.addWidget(self.name)
        who = name or self.tr("your profile")
        intro = PlainLabel(
            self.tr(
                "The sessions of %1 will be encrypted on this laptop: only this PIN opens them. "
                "Use at least %2 digits, or a passphrase. If it is forgotten, only your "
                "coordinator can recover the sessions."
            )
            .replace("%1", who)
            .replace("%2", str(MIN_PIN_LENGTH))
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.pin = _pin_field(self.tr("New PIN"))
        self.again = _pin_field(self.tr("The same PIN again"))
        layout.addWidget(self.pin)
        layout.addWidget(self.again)
        self.message = _message_line()
        self.message.setStyleSheet("color: #b91c1c;")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox()
        # ActionRole: an AcceptRole button is made the dialog's default when shown, and a
        # default button takes Enter from the fields.
        action = QDialogButtonBox.ButtonRole.ActionRole
        self.ok_button = buttons.addButton(self.tr("Save PIN"), action)
        self.ok_button.clicked.connect(self.try_accept)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        _no_default_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.name.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.again.setFocus)
        self.again.returnPressed.connect(self.try_accept)
        self.setMinimumWidth(420)
        (self.pin if name else self.name).setFocus()

    def problem(self) -> str:
        """What is wrong with what was typed ("" when it can be saved)."""
        if not self.name.text().strip():
            return self.tr("Type the facilitator's name first.")
        if len(self.pin.text().strip()) < MIN_PIN_LENGTH:
            return self.tr("The PIN needs at least %1 characters.").replace(
                "%1", str(MIN_PIN_LENGTH)
            )
        if self.pin.text() != self.again.text():
            return self.tr("The two PINs differ. Type the same PIN twice.")
        return ""

    def try_accept(self) -> None:
        problem = self.problem()
        self.message.setText(problem)
        if problem:
            self.again.clear()
            (self.name if not self.name.text().strip() else self.pin).setFocus()
            return
        self.accept()


class ChangePinDialog(QDialog):
    """Old PIN, new PIN twice; accepted once the workspace has rewrapped the key."""

    def __init__(self, workspace, profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace  # app.workspace.Workspace
        self.profile = profile
        self.setWindowTitle(self.tr("Change PIN"))
        layout = QVBoxLayout(self)
        intro = PlainLabel(
            self.tr("Change the PIN of %1. The sessions stay as they are.").replace(
                "%1", profile.display_name
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.old = _pin_field(self.tr("Current PIN"))
        self.pin = _pin_field(self.tr("New PIN"))
        self.again = _pin_field(self.tr("The same PIN again"))
        for field in (self.old, self.pin, self.again):
            layout.addWidget(field)
        self.message = _message_line()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox()
        # ActionRole: an AcceptRole button is made the dialog's default when shown, and a
        # default button takes Enter from the fields.
        action = QDialogButtonBox.ButtonRole.ActionRole
        self.ok_button = buttons.addButton(self.tr("Change PIN"), action)
        self.ok_button.clicked.connect(self.try_change)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        _no_default_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.old.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.again.setFocus)
        self.again.returnPressed.connect(self.try_change)
        self.setMinimumWidth(420)
        self.old.setFocus()

    def try_change(self) -> None:
        if len(self.pin.text().strip()) < MIN_PIN_LENGTH:
            self._say(
                self.tr("The PIN needs at least %1 characters.").replace("%1", str(MIN_PIN_LENGTH))
            )
            return
        if self.pin.text() != self.again.text():
            self.again.clear()
            self._say(self.tr("The two PINs differ. Type the same PIN twice."))
            return
        old, new, workspace = self.old.text(), self.pin.text(), self.workspace
        profile_id = self.profile.id
        self._busy(True)
        run_in_background(
            lambda: workspace.change_pin(profile_id, old, new),
            lambda _result: self.accept(),
            self._failed,
            writes=True,
        )

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.old.clear()
        self.old.setFocus()
        if isinstance(error, WrongPin):
            self._say(self.tr("The current PIN is wrong. Try again."))
        elif isinstance(error, PinWait):
            self._say(
                self.tr(
                    "Too many wrong PINs. Wait %n second(s), then try again.",
                    "",
                    int(error.seconds) + 1,
                )
            )
        else:
            self._say(self.tr("The PIN could not be changed: %1").replace("%1", str(error)))

    def _busy(self, busy: bool) -> None:
        self.ok_button.setEnabled(not busy)
        for field in (self.old, self.pin, self.again):
            field.setEnabled(not busy)
        if busy:
            self._say(self.tr("Checking the PIN…"))

    def _say(self, text: str) -> None:
        self.message.setText(text)


def ask_new_pin(parent: QWidget | None, name: str) -> str | None:
    """The PIN for a new profile called `name`, or None when the person cancels."""
    dialog = NewPinDialog(name, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.pin.text()


def ask_new_profile(parent: QWidget | None) -> tuple[str, str] | None:
    """(name, PIN) for a new profile made before anything is unlocked, or None."""
    dialog = NewPinDialog(None, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.name.text().strip(), dialog.pin.text()


def change_pin(parent: QWidget | None, workspace, profile) -> bool:
    """Ask the old and new PIN and change it; True when changed."""
    return ChangePinDialog(workspace, profile, parent).exec() == QDialog.DialogCode.Accepted
