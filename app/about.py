"""What Help > About shows: facts an IT person or a coordinator asks for when helping."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.logs import redact
from app.store import Store
from app.version import version

# The sync client keeps the server address here (sync/server_setting.py), a Central key hidden.
SERVER_URL_SETTING = "sync.server_url"


@dataclass(frozen=True)
class AboutFacts:
    version: str
    data_dir: Path
    log_dir: Path
    schema_version: int
    server_url: str  # "" when no server is set


def about_facts(store: Store, data_dir: Path, log_dir: Path) -> AboutFacts:
    """The facts for one open data folder (the server address without any secret in it)."""
    server = store.settings.get(SERVER_URL_SETTING) or ""
    return AboutFacts(
        version=version(),
        data_dir=data_dir,
        log_dir=log_dir,
        schema_version=store.schema_version,
        server_url=redact(str(server)),
    )
