"""Where the server address is kept: plain settings, except the secret part of an ODK Central
project URL.

An ODK Central app-user URL (``https://host/v1/key/<token>/projects/<id>``) carries the app user's
access key in its path: whoever reads it can send to the project. So the settings keep the address
with the key hidden (``…/v1/key/…/projects/7``) and the key itself goes to the TokenVault (the OS
keyring, else the database with owner-only permissions), like a device token. A plain keyed URL
saved by an earlier version is moved there the first time it is read.
"""

from __future__ import annotations

import logging

from sync.credentials import TokenSettings, TokenVault
from sync.urls import ServerAddress, redact

log = logging.getLogger(__name__)
# Libraries that write request URLs to their logs (urllib3 at DEBUG: 'GET /v1/key/<key>/...').
URL_LOGGERS = ("urllib3.connectionpool", "requests")

SERVER_URL_KEY = "sync.server_url"
HIDDEN_KEY = "…"  # what redact() puts in place of a Central key
CENTRAL_KEY_SLOT = "ODK Central app-user key for "


class RedactKeys(logging.Filter):
    """Hides ODK Central keys in log records of libraries that print request URLs."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/v1/key/" in message:
            record.msg, record.args = redact(message), ()
        return True


_REDACT = RedactKeys()


def hide_keys_in_library_logs() -> None:
    """Install the filter once on the loggers that print URLs (idempotent)."""
    for name in URL_LOGGERS:
        logger = logging.getLogger(name)
        if _REDACT not in logger.filters:
            logger.addFilter(_REDACT)


def central_key_slot(address: ServerAddress) -> str:
    """The TokenVault name of a Central project's key (the redacted URL: no secret in it)."""
    return CENTRAL_KEY_SLOT + address.redacted


def save_address(settings: TokenSettings, vault: TokenVault, address: ServerAddress) -> bool:
    """Keep ``address`` as the server; a Central key goes to the vault. True if it changed."""
    before = load_address(settings, vault)
    if address.is_central and address.central_key:
        hide_keys_in_library_logs()
        vault.put(central_key_slot(address), address.central_key)
        settings.set(SERVER_URL_KEY, address.redacted)
    else:
        settings.set(SERVER_URL_KEY, address.base)
    return before is None or before.base != address.base


def load_address(settings: TokenSettings, vault: TokenVault) -> ServerAddress | None:
    """The server address with any Central key put back from the vault; None when none is set
    (or the Central key is gone from the keyring: the person types the project URL again)."""
    stored = settings.get(SERVER_URL_KEY)
    if not stored:
        return None
    address = ServerAddress.parse(stored)
    if not address.is_central:
        return address
    hide_keys_in_library_logs()
    if address.central_key != HIDDEN_KEY:
        _move_key_to_vault(settings, vault, address)
        return address
    key = vault.get(central_key_slot(address))
    if not key:
        log.warning("the access key of %s is no longer kept on this laptop", address.redacted)
        return None
    return ServerAddress.parse(address.base.replace(f"/v1/key/{HIDDEN_KEY}/", f"/v1/key/{key}/"))


def _move_key_to_vault(settings: TokenSettings, vault: TokenVault, address: ServerAddress) -> None:
    # An earlier version kept the whole keyed URL in plain settings: move the key out now.
    where = vault.put(central_key_slot(address), address.central_key or "")
    settings.set(SERVER_URL_KEY, redact(address.base))
    log.info("moved the ODK Central access key of %s to the %s", address.redacted, where)
