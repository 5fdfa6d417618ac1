"""One copy of the app per data folder: a second copy brings the first one's window to the front.

Two copies on one data file would both save the same drafts and refuse each other's changes with
conflicts that no retry can cure. The first copy holds a lock file in the data folder (QLockFile:
a lock left by a crashed copy is taken over) and listens on a local socket whose name is derived
from a hash of the data folder's path. A second copy finds the lock taken, asks the first one
through the socket to show its window, and quits; if the first does not answer, it says why it
cannot start instead of opening the data file.
"""

from __future__ import annotations

import contextlib
import hashlib
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_NAME = "encuentro.lock"
SHOW = b"show\n"
CONNECT_MS = 3000


class Claim(Enum):
    OWNER = "owner"  # this copy runs the data folder
    ASKED_FIRST = "asked_first"  # another copy runs it and was asked to come to the front
    BLOCKED = "blocked"  # another copy holds the lock but does not answer


def server_name(data_dir: Path) -> str:
    """The local socket's name for a data folder: the same folder always gives the same name,
    and no path (which may name a person) shows in the system's socket list."""
    digest = hashlib.sha256(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()[:24]
    return f"encuentro-{digest}"


class SingleInstance(QObject):
    """claim() once at start; `show_requested` fires when a second copy asks for the window."""

    show_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data_dir)
        self._lock_path = Path(data_dir) / LOCK_NAME
        self._lock = QLockFile(str(self._lock_path))
        self._lock.setStaleLockTime(0)  # never stale by age: only when its process is gone
        self._server: QLocalServer | None = None

    def claim(self) -> Claim:
        """Become the owner of the data folder, or ask the copy that owns it to show itself."""
        if self._lock.tryLock(0):
            with contextlib.suppress(OSError):
                self._lock_path.chmod(0o600)  # owner-only, like everything in the data folder
            self._listen()
            return Claim.OWNER
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_MS):
            return Claim.BLOCKED
        socket.write(SHOW)
        socket.waitForBytesWritten(CONNECT_MS)
        socket.disconnectFromServer()
        return Claim.ASKED_FIRST

    def release(self) -> None:
        """At a clean quit: stop listening and give up the lock."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def _listen(self) -> None:
        # A socket file left by a crashed copy would make listen() fail: we hold the lock, so
        # any copy that made it is gone.
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._on_connection)
        server.listen(self.name)
        self._server = server

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.setParent(self)
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(SHOW.strip()):
            self.show_requested.emit()


def bring_to_front(window) -> None:  # window: QWidget
    """Show the window as the person left it, above the others."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def guard_data_folder(data_dir: Path) -> SingleInstance | None:
    """Claim the data folder for this copy; None when this copy must not go on (the first copy
    was asked to come to the front, or it does not answer and the person was told why)."""
    from PySide6.QtWidgets import QApplication

    from ui import dialogs

    instance = SingleInstance(data_dir)
    claim = instance.claim()
    if claim is Claim.OWNER:
        return instance
    if claim is Claim.BLOCKED:
        dialogs.show_error(
            None,
            QApplication.translate("Launch", "Encuentro is already running"),
            QApplication.translate(
                "Launch",
                "Another copy of Encuentro is using this data folder and did not answer. Close it "
                "(or wait until it has finished closing) and start Encuentro again. Two copies "
                "on one data folder would refuse each other's answers.",
            ),
            str(data_dir),
        )
    return None
