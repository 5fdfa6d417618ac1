"""When this laptop last reached the server (the sync client keeps it in the store's settings)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.workspace import Workspace

LAST_SUCCESS_KEY = "sync.last_success_at"  # written by sync/client.py (its LAST_SUCCESS_KEY)


def last_sync_at(workspace: Workspace) -> str | None:
    """ISO-8601 time of the last successful sync, or None if it never happened."""
    value = workspace.store.settings.get(LAST_SUCCESS_KEY)
    return value if isinstance(value, str) and value else None
