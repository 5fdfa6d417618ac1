"""What the sync steps need from the laptop's data, as an interface (implemented in app/).

``sync/`` is transport and protocol: HTTP, OpenRosa documents, the JSON API. It never opens the
store. Everything it reads from or writes to the laptop goes through a ``SyncLedger``, which
``app/sync_ledger.py`` implements over the workspace's store (``Workspace.sync_ledger()``).
That keeps one owner for every write: the store's transactions, the engine's check of a pulled
form and the media folder's confinement all live in ``app/``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, Protocol

from sync.messages import SyncMessage, attach
from sync.openrosa import Attachment

ReviewOutcome = Literal["changed", "same", "skip", "wait"]


@dataclass(frozen=True)
class DueSubmission:
    """One outbox entry whose next attempt has come."""

    instance_id: str
    attempts: int


@dataclass(frozen=True)
class SubmissionPayload:
    """What goes on the wire for one session: its finalised XML and its files."""

    xml: bytes
    attachments: list[Attachment]


@dataclass(frozen=True)
class KnownForm:
    """A form version already on this laptop."""

    source_hash: str
    from_server: bool  # pulled from a server (not built in, not imported from a file)


@dataclass(frozen=True)
class PulledForm:
    """A form the server listed and that arrived whole (hashes checked, sizes capped).

    ``media`` maps each media file name (a single safe name, checked) to the downloaded file in
    a scratch folder the ledger handed out (``scratch_folder()``); the ledger moves them.
    """

    form_id: str  # as the server's form list names it
    version: str
    name: str
    xform: bytes
    source_hash: str
    source_name: str
    media: dict[str, Path] = field(default_factory=dict)


class FormRefused(ValueError):
    """A pulled form can't be used on this laptop; ``sync_message`` says which and why."""

    def __init__(self, message: SyncMessage) -> None:
        super().__init__(str(message))
        attach(self, message)


class SyncSettings(Protocol):
    """Small values kept on the laptop: feedback cursor, pause, server address, device."""

    def get(self, key: str, default: Any = None) -> Any: ...
    def set(self, key: str, value: Any) -> None: ...


class SyncLedger(Protocol):
    """The laptop side of a sync. Every method commits its own change before returning."""

    @property
    def settings(self) -> SyncSettings: ...

    @property
    def database_path(self) -> Path | None:
        """The data file (the token fallback makes it and its companions owner-only)."""
        ...

    # -- push ----------------------------------------------------------------------------------
    def due(self, now: datetime, limit: int) -> list[DueSubmission]:
        """Outbox entries due at ``now``, oldest finalisation first."""
        ...

    def due_count(self, now: datetime) -> int: ...

    def queued_count(self) -> int:
        """Every session waiting to be sent (due or not)."""
        ...

    def payload(self, instance_id: str) -> SubmissionPayload: ...

    def mark_sent(self, instance_id: str, at: datetime) -> None: ...

    def mark_failed(self, instance_id: str, reason: SyncMessage, retry_at: datetime | None) -> None:
        """Count a failed attempt; ``retry_at`` None means a person must look (refused)."""
        ...

    def requeue_refused(self, reasons: frozenset[str]) -> int:
        """Put back in line the sessions refused for good with one of these message keys."""
        ...

    def device_id(self) -> str:
        """This laptop's device ID (the deviceid metadata; Central's DeviceID column)."""
        ...

    def record_event(self, action: str, target: str | None, details: dict[str, Any]) -> None:
        """An audit line (never answers, never secrets)."""
        ...

    # -- forms ---------------------------------------------------------------------------------
    def known_form(self, form_id: str, version: str) -> KnownForm | None: ...

    def scratch_folder(self) -> Path:
        """A folder on the data disk where downloads wait before ``add_pulled_form``."""
        ...

    def add_pulled_form(self, form: PulledForm) -> str:
        """Check the form with the engine, put its media in place and add it to the library.

        Returns "form_id version". FormRefused (with its reason) leaves nothing behind."""
        ...

    # -- review feedback ----------------------------------------------------------------------
    def apply_review(self, instance_id: str, state: str, comment: str | None) -> ReviewOutcome:
        """ "changed", "same", "skip" (not ours, or refused here) or "wait" (not yet sent)."""
        ...
