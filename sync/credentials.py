"""Where the device token lives: the OS keyring when the laptop has one, else the local database
(whose file is then made readable by this user only).

Without a keyring the token is only as safe as the data file: inside an SQLCipher-encrypted one
(data protected by a PIN, issue 9) it is never in clear on disk, nor in its WAL or backups. In a
plain data file (no PIN yet: developer mode, or a laptop from before issue 9) it is in clear
until the first PIN encrypts the file in place, which wipes the plain copy; that case is logged.

The token is what lets a stolen laptop pose as the device, so it is never written to logs or
settings shown on screen; revoking the device on the server is the remedy for a lost laptop.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from typing import Any, Protocol

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from sync.messages import SyncMessage, attach

log = logging.getLogger(__name__)

KEYRING_SERVICE = "Encuentro device token"
SETTING_PREFIX = "sync.device_token:"
LOCATION_PREFIX = "sync.device_token_location:"


class TokenSettings(Protocol):
    """The few settings operations the fallback needs (``Store.settings`` provides them)."""

    def get(self, key: str, default: Any = None) -> Any: ...
    def set(self, key: str, value: Any) -> None: ...


def keyring_usable(backend: KeyringBackend | None = None) -> bool:
    """True when a real keyring backend is there (not the 'fail' or 'null' placeholders)."""
    backend = backend or keyring.get_keyring()
    try:
        priority = float(backend.priority)
    except Exception:  # noqa: BLE001 - some backends raise from priority when unusable
        return False
    module = type(backend).__module__
    return priority > 0 and not module.startswith(
        ("keyring.backends.fail", "keyring.backends.null")
    )


def restrict_to_owner(database_path: Path) -> None:
    """chmod 0600 the database and its WAL/SHM companions (they hold the same secrets)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        path = Path(f"{database_path}{suffix}")
        if path.exists():
            os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def database_in_clear(database_path: Path) -> bool:
    """True when the data file is plain SQLite (an SQLCipher file starts with random bytes)."""
    try:
        with open(database_path, "rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


class TokenVault:
    """Keeps one device token per server address."""

    def __init__(
        self,
        settings: TokenSettings,
        database_path: Path | None,
        *,
        backend: KeyringBackend | None = None,
    ) -> None:
        self.settings = settings
        self.database_path = database_path
        self._backend = backend

    @property
    def backend(self) -> KeyringBackend:
        return self._backend or keyring.get_keyring()

    def location(self, server: str) -> str | None:
        """ "keyring", "database", or None when no token is kept for ``server``."""
        where: str | None = self.settings.get(LOCATION_PREFIX + server)
        return where

    def get(self, server: str) -> str | None:
        """The device token for ``server``, or None if this laptop is not enrolled there."""
        where = self.location(server)
        if where == "keyring":
            try:
                token: str | None = self.backend.get_password(KEYRING_SERVICE, server)
                return token
            except keyring.errors.KeyringError as exc:
                message = SyncMessage("keyring_unreadable", {"error": str(exc)})
                raise attach(CredentialsError(str(message)), message) from exc
        if where == "database":
            stored: str | None = self.settings.get(SETTING_PREFIX + server)
            return stored
        return None

    def put(self, server: str, token: str) -> str:
        """Keep ``token``; return where it went ("keyring" or "database")."""
        if keyring_usable(self.backend):
            try:
                self.backend.set_password(KEYRING_SERVICE, server, token)
            except keyring.errors.KeyringError as exc:
                log.warning(
                    "keyring refused the device token (%s); keeping it in the database", exc
                )
            else:
                self.settings.set(SETTING_PREFIX + server, None)
                self.settings.set(LOCATION_PREFIX + server, "keyring")
                return "keyring"
        if self.database_path is not None:
            restrict_to_owner(self.database_path)
            if database_in_clear(self.database_path):
                log.warning(
                    "no OS keyring and the data file has no PIN yet: the device token is kept "
                    "in the plain data file until a PIN protects it"
                )
        self.settings.set(SETTING_PREFIX + server, token)
        self.settings.set(LOCATION_PREFIX + server, "database")
        if self.database_path is not None:
            restrict_to_owner(self.database_path)  # WAL files may have appeared with the write
        return "database"

    def forget(self, server: str) -> None:
        """Drop the token (re-enrollment, or the server revoked it)."""
        if self.location(server) == "keyring":
            try:
                self.backend.delete_password(KEYRING_SERVICE, server)
            except keyring.errors.PasswordDeleteError:
                pass  # already gone: the goal is reached
        self.settings.set(SETTING_PREFIX + server, None)
        self.settings.set(LOCATION_PREFIX + server, None)


class CredentialsError(RuntimeError):
    """The stored token can't be reached (locked keyring); the message says what to do."""
