"""What the store hands back: plain, immutable records (no SQL rows leak out of app/store)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

# Submission lifecycle (ARCHITECTURE.md): draft -> finalized -> (queued) -> sent ->
# approved|has_issues|rejected
DRAFT = "draft"
FINALIZED = "finalized"
QUEUED = "queued"
SENT = "sent"
APPROVED = "approved"
HAS_ISSUES = "has_issues"
REJECTED = "rejected"
STATUSES = (DRAFT, FINALIZED, QUEUED, SENT, APPROVED, HAS_ISSUES, REJECTED)
REVIEW_STATES = (APPROVED, HAS_ISSUES, REJECTED)


def now_iso() -> str:
    """Now in ISO-8601, UTC with offset and milliseconds (fixed width: text order = time order)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def to_iso(moment: datetime) -> str:
    """An aware datetime as stored (UTC, milliseconds). Naive datetimes are taken as local time."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def day_start_iso(day: date) -> str:
    """Local midnight at the start of `day`, as stored."""
    return to_iso(datetime.combine(day, time.min))


@dataclass(frozen=True)
class Profile:
    """A facilitator (or supervisor) using this laptop."""

    id: str
    display_name: str
    role: str  # "facilitator" | "supervisor"
    language: str  # interface/questionnaire language remembered for this person, e.g. "es"
    created_at: str
    last_used_at: str | None


@dataclass(frozen=True)
class FormRecord:
    """One version of a questionnaire, with its XForm XML cached."""

    form_id: str
    version: str
    title: str
    languages: list[str]
    default_language: str | None
    xform_xml: str
    source_hash: str | None
    source_name: str | None
    builtin: bool
    imported_at: str


@dataclass(frozen=True)
class SubmissionSummary:
    """One row of the sessions list (no answers: the list never loads instance XML)."""

    instance_id: str
    form_id: str
    form_version: str
    status: str
    language: str | None
    profile_id: str | None
    facilitator: str | None
    community: str | None
    created_at: str
    updated_at: str
    finalized_at: str | None
    sent_at: str | None
    review_state: str | None
    review_comment: str | None
    last_error: str | None
    deprecated_id: str | None
    form_title: str | None = None


@dataclass(frozen=True)
class Submission(SubmissionSummary):
    """A session with its answers: the instance XML and where the facilitator was."""

    instance_xml: str = ""
    position: str | None = None
    revision: int = 0  # raised by every save of the draft (the optimistic lock's token)

    @property
    def is_read_only(self) -> bool:
        """Only drafts can be edited; from finalisation on the XML is exactly what is sent."""
        return self.status != DRAFT


@dataclass(frozen=True)
class SessionFilter:
    """Filters of the sessions list; every field is optional and they combine with AND.

    text matches community or facilitator name anywhere, ignoring case and accents.
    since/until are local dates (inclusive) on the session's creation time.
    not_sent: only sessions the server refused for good (an outbox entry with a reason and no
    next attempt: they wait for a person to "Send again").
    sort/descending: the list's order, one of SORT_KEYS; ties go most recently changed first.
    The order rides with the filters so one value says which page of which list is meant.
    """

    form_id: str | None = None
    status: str | tuple[str, ...] | None = None
    community: str | None = None
    profile_id: str | None = None
    text: str | None = None
    since: date | None = None
    until: date | None = None
    deprecated_id: str | None = None  # the correction of this returned session
    not_sent: bool = False
    sort: str = "updated"
    descending: bool = True


# The orders the sessions list offers: each names a column an index of the submissions table
# leads with, so a page is read from the index without sorting every session first.
SORT_KEYS = ("updated", "created", "form", "community", "status", "facilitator")


@dataclass(frozen=True)
class OutboxEntry:
    """A finalised submission waiting to be sent (or for a person, after a permanent error)."""

    instance_id: str
    enqueued_at: str
    attempts: int
    next_attempt_at: str | None  # None: not retried automatically (permanent error)
    last_error: str | None


@dataclass(frozen=True)
class Attachment:
    """A file answer (photo, audio, signature) belonging to a submission."""

    instance_id: str
    filename: str
    media_type: str
    sha256: str
    size: int
    created_at: str


@dataclass(frozen=True)
class AuditEntry:
    """Who did what to which thing. Never answers."""

    id: int
    at: str
    actor: str | None
    action: str
    target: str | None
    detail: dict[str, Any] = field(default_factory=dict)


def json_list(text: str | None) -> list[str]:
    return list(json.loads(text)) if text else []
