"""Who is signed in as supervisor on this laptop, and where their token is kept.

The token is kept like the device token (``sync.credentials.TokenVault``: the OS keyring, else the
data file, readable by this user only) under a name of its own, and is never logged. Signing out
forgets it; the cache of sessions stays in the data file (so a week of pulled work need not be
downloaded again) but the supervisor screens open only after signing in again. When another
account signs in, the cache of the previous one is cleared first: one supervisor never sees
another's projects through this laptop.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from app.store import Store
from sync.credentials import TokenVault
from sync.urls import ServerAddress

ACCOUNT_KEY = "supervisor.account"
CACHE_OWNER_KEY = "supervisor.cache_account"
LAST_SERVER_KEY = "supervisor.last_server"  # offered again in the sign-in form


@dataclass(frozen=True)
class SupervisorAccount:
    """The signed-in supervisor (no secret in here: the token stays in the vault)."""

    server: str  # the address as typed and parsed (redacted form)
    username: str
    user_id: int | None
    project_ids: list[int] | None  # None: an admin, who sees every project
    expires_at: str | None

    @property
    def key(self) -> str:
        """One name for this account on this server: the vault's key and the outbox's owner."""
        return f"{self.server}#supervisor:{self.username}"

    @property
    def address(self) -> ServerAddress:
        return ServerAddress.parse(self.server)


def saved_account(store: Store) -> SupervisorAccount | None:
    """The account signed in last (None after signing out)."""
    data = store.settings.get(ACCOUNT_KEY)
    if not isinstance(data, dict):
        return None
    try:
        return SupervisorAccount(**data)
    except TypeError:
        return None


def remember(store: Store, vault: TokenVault, account: SupervisorAccount, token: str) -> str:
    """Keep the token and the account; clear a cache that belongs to another account. Returns
    where the token went ("keyring" or "database")."""
    if store.settings.get(CACHE_OWNER_KEY) not in (None, account.key):
        store.review_cache.clear()
    where = vault.put(account.key, token)
    store.settings.set(CACHE_OWNER_KEY, account.key)
    store.settings.set(ACCOUNT_KEY, asdict(account))
    store.settings.set(LAST_SERVER_KEY, account.server)
    store.audit.record(account.username, "supervisor.signed_in", account.server, {"where": where})
    return where


def token_of(vault: TokenVault, account: SupervisorAccount) -> str | None:
    return vault.get(account.key)


def forget(store: Store, vault: TokenVault, account: SupervisorAccount) -> None:
    """Sign out: the token is gone from the vault and the account from the settings."""
    vault.forget(account.key)
    store.settings.set(ACCOUNT_KEY, None)
    store.audit.record(account.username, "supervisor.signed_out", account.server)


def account_from_me(
    server: ServerAddress, username: str, me: dict[str, Any], expires: str | None
) -> SupervisorAccount:
    """The account as the server describes the token's owner (``GET /api/v1/me``)."""
    projects = me.get("project_ids")
    user_id = me.get("user_id")
    return SupervisorAccount(
        server=server.redacted,
        username=str(me.get("name") or username),
        user_id=int(user_id) if isinstance(user_id, int) else None,
        project_ids=[int(p) for p in projects] if isinstance(projects, list) else None,
        expires_at=expires,
    )
