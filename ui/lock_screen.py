"""The screen lock: Ctrl+L, or after some minutes without a key or a click, the window's content
is hidden behind a PIN box; the same person's PIN brings them back exactly where they were.

Only for data protected by PINs (a plain folder has no PIN to ask for). Before locking, what is
typed in the focused field is saved to the store at once (the runner's commit_typing), so a lock,
or a laptop closed while locked, never loses a word. The page, the open session and the focused
field stay as they were underneath; the data file stays open, so sending continues while locked
(the README's threat model: a locked screen stops someone at the keyboard, not a memory dump).
Wrong PINs are counted like at start-up (app/protection.py), with the same growing waits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.protection import NoPin, PinWait
from app.store.keys import WrongPin
from ui import settings as ui_settings
from ui.plain_text import PlainLabel
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

IDLE_SECONDS = "lock/idle_seconds"
DEFAULT_IDLE_SECONDS = 10 * 60
IDLE_CHOICES = (0, 5 * 60, 10 * 60, 30 * 60)  # 0: never
# What counts as someone at the laptop: keys, clicks, the wheel, moving the mouse.
ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


def idle_seconds() -> int:
    """The idle time before the screen locks, from the settings (0: never)."""
    value = ui_settings.app_settings().value(IDLE_SECONDS, DEFAULT_IDLE_SECONDS)
    try:
        return max(0, int(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return DEFAULT_IDLE_SECONDS


class LockView(QWidget):
    """Layout only: who is locked out, the PIN box, the answer to a wrong PIN."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockView")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        column = QWidget()
        column.setFixedWidth(420)  # word-wrapped labels need a width to compute their height
        layout = QVBoxLayout(column)
        self.title = PlainLabel()
        self.title.setObjectName("lockTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 16pt;")
        layout.addWidget(self.title)
        self.intro = PlainLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.profiles = QComboBox()
        layout.addWidget(self.profiles)
        self.pin = QLineEdit()
        self.pin.setObjectName("lockPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.pin)
        self.message = PlainLabel()
        self.message.setObjectName("lockMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.unlock_button = QPushButton()
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        layout.addWidget(self.unlock_button)
        # Centred by stretches, not an alignment flag: with one, the box layout stops asking the
        # word-wrapped labels their height for the column's width and clips them.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Encuentro is locked"))
        self.intro.setText(
            self.tr("Your answers are saved. Type your PIN to continue where you left off.")
        )
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.pin.setAccessibleName(self.tr("PIN"))
        self.profiles.setAccessibleName(self.tr("Profile"))
        self.unlock_button.setText(self.tr("Unlock"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ScreenLock(QObject):
    """Locks one main window (see the module docstring). `stack` is the window's page stack;
    `current_profile()` says who is working (None on the start screen: any PIN'd profile may
    unlock then); `save_typing()` saves the focused field's text."""

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        window: QMainWindow,
        stack: QStackedWidget,
        workspace,  # app.workspace.Workspace
        current_profile: Callable[[], object],
        save_typing: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.stack = stack
        self.workspace = workspace
        self.current_profile = current_profile
        self.save_typing = save_typing
        self.view = LockView()
        stack.addWidget(self.view)
        self._page: QWidget | None = None  # the page under the lock
        self._focus: QWidget | None = None  # the field that had the keyboard
        self._disabled: list[QAction] = []
        self._checking = False
        self.action = QAction(window)
        self.action.setObjectName("lockAction")
        self.action.setShortcut(QKeySequence("Ctrl+L"))
        self.action.triggered.connect(self.lock)
        window.addAction(self.action)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self._idle_timeout)
        self.view.unlock_button.clicked.connect(self.try_unlock)
        self.view.pin.returnPressed.connect(self.try_unlock)
        self.set_idle_seconds(idle_seconds())
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.retranslate()

    # -- state --------------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        """Only data protected by PINs can be locked (there is a PIN to ask for)."""
        return bool(self.workspace.protection.encrypted)

    @property
    def is_locked(self) -> bool:
        return self.stack.currentWidget() is self.view

    def set_idle_seconds(self, seconds: int, remember: bool = False) -> None:
        """Lock after `seconds` without activity (0: never); `remember` keeps it in settings."""
        self._idle_ms = max(0, int(seconds)) * 1000
        if remember:
            ui_settings.write(IDLE_SECONDS, int(seconds))
        self._restart_idle()

    def _restart_idle(self) -> None:
        if self._idle_ms > 0 and self.available and not self.is_locked:
            self.idle.start(self._idle_ms)
        else:
            self.idle.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self._idle_ms > 0 and not self.is_locked:
            if self.available:  # a folder given its first PIN starts counting from here
                self.idle.start(self._idle_ms)
        return False

    def _idle_timeout(self) -> None:
        if QApplication.activeModalWidget() is not None:
            self.idle.start(self._idle_ms)  # a dialog is open: locking under it would strand it
            return
        log.info("screen locked after %d s without activity", self._idle_ms // 1000)
        self.lock()

    # -- lock and unlock ----------------------------------------------------------------------
    def lock(self) -> None:
        """Save what is being typed, hide the window's content behind the PIN box."""
        if self.is_locked:
            return
        if not self.available:
            self.window.statusBar().showMessage(
                self.tr("This laptop's data has no PIN yet, so the screen cannot be locked."),
                8000,
            )
            return
        try:
            self.save_typing()
        except Exception as error:  # noqa: BLE001 - the typed text stays in its box; lock anyway
            log.error("saving the typed text before locking failed: %s", error)
        self._focus = QApplication.focusWidget()
        self._page = self.stack.currentWidget()
        # The window's own keys (Ctrl+1, Ctrl+Q...) sleep while locked; the lock's stays.
        self._disabled = [
            a for a in self.window.actions() if a is not self.action and a.isEnabled()
        ]
        for action in self._disabled:
            action.setEnabled(False)
        self.window.statusBar().hide()  # the sync buttons and messages too
        self._fill_profiles()
        self.view.message.setText("")
        self.view.pin.clear()
        self.stack.setCurrentWidget(self.view)
        self.idle.stop()
        self.view.pin.setFocus()
        self.locked.emit()

    def _fill_profiles(self, anyone: bool = False) -> None:
        working = None if anyone else self.current_profile()
        profiles = self.workspace.list_profiles()
        if working is not None:
            profiles = [p for p in profiles if p.id == working.id]  # type: ignore[attr-defined]
        self.view.profiles.clear()
        for profile in profiles:
            self.view.profiles.addItem(profile.display_name, profile.id)
        self.view.profiles.setVisible(len(profiles) > 1)

    def try_unlock(self) -> None:
        if self._checking or not self.is_locked:
            return
        profile_id = self.view.profiles.currentData()
        pin = self.view.pin.text()
        if not profile_id or not pin:
            self.view.message.setText(self.tr("Type your PIN."))
            return
        self._checking = True
        self.view.pin.setEnabled(False)
        self.view.unlock_button.setEnabled(False)
        self.view.message.setText(self.tr("Checking the PIN…"))
        workspace = self.workspace
        # argon2id takes about half a second: off the GUI thread.
        run_in_background(
            lambda: workspace.verify_pin(profile_id, pin), self._pin_right, self._pin_refused
        )

    def _pin_right(self, _result: object) -> None:
        self._checking = False
        self.view.pin.clear()
        self.view.pin.setEnabled(True)
        self.view.unlock_button.setEnabled(True)
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        self.window.statusBar().show()
        page, self._page = self._page, None
        if page is not None and self.stack.indexOf(page) >= 0:
            self.stack.setCurrentWidget(page)
        focus, self._focus = self._focus, None
        if focus is not None:
            try:
                focus.setFocus()
            except RuntimeError:  # deleted while locked (a dialog closed under the lock)
                pass
        self._restart_idle()
        self.unlocked.emit()

    def _pin_refused(self, error: BaseException) -> None:
        self._checking = False
        self.view.pin.clear()
        self.view.pin.setEnabled(True)
        self.view.unlock_button.setEnabled(True)
        self.view.pin.setFocus()
        if isinstance(error, WrongPin):
            text = self.tr("Wrong PIN. Try again.")
        elif isinstance(error, PinWait):
            text = self.tr(
                "Too many wrong PINs. Wait %n second(s), then try again.",
                "",
                int(error.seconds) + 1,
            )
        elif isinstance(error, NoPin):
            # Made before the data had PINs: another facilitator with a PIN may unlock.
            self._fill_profiles(anyone=True)
            text = self.tr("This profile has no PIN. Ask your coordinator.")
        else:
            log.error("checking the PIN failed: %s", error)
            text = self.tr("The PIN could not be checked: %1").replace("%1", str(error))
        self.view.message.setText(text)

    # -- menu ---------------------------------------------------------------------------------
    def add_to_menu(self, menu) -> None:  # QMenu
        """ "Lock now" and "Lock when idle" (never / 5 / 10 / 30 minutes) in `menu`."""
        menu.addAction(self.action)
        self.idle_menu = menu.addMenu("")
        self.idle_actions: list[tuple[int, QAction]] = []
        for seconds in IDLE_CHOICES:
            choice = QAction(self.idle_menu)
            choice.setCheckable(True)
            choice.triggered.connect(lambda _=False, s=seconds: self._choose_idle(s))
            self.idle_menu.addAction(choice)
            self.idle_actions.append((seconds, choice))
        self.retranslate()

    def _choose_idle(self, seconds: int) -> None:
        self.set_idle_seconds(seconds, remember=True)
        self._check_idle_choice()

    def _check_idle_choice(self) -> None:
        for seconds, choice in getattr(self, "idle_actions", []):
            choice.setChecked(seconds * 1000 == self._idle_ms)

    def retranslate(self) -> None:
        self.action.setText(self.tr("&Lock now (Ctrl+L)"))
        if hasattr(self, "idle_menu"):
            self.idle_menu.setTitle(self.tr("Lock when &idle"))
            for seconds, choice in self.idle_actions:
                if seconds == 0:
                    choice.setText(self.tr("Never"))
                else:
                    choice.setText(self.tr("After %n minute(s)", "", seconds // 60))
            self._check_idle_choice()
        self.view.retranslate()
