"""The one small interface every export reads submissions through.

The server (its database), the desktop's supervisor cache and the tests each provide a
``SubmissionSource``; the export code never knows where the rows come from, so the CLI, the API
and the desktop write the same files from the same code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

# Our review states -> ODK Central's ReviewState column ("received" is Central's null).
CENTRAL_REVIEW_STATES = {
    "received": "",
    "edited": "edited",
    "approved": "approved",
    "has_issues": "hasIssues",
    "rejected": "rejected",
}


@dataclass(frozen=True, slots=True)
class SubmissionRecord:
    """One submission as the export needs it (the current version of an edited submission).

    ``instance_id`` is the submission's key in the export (Central's ``KEY``): the instanceID of
    its first version, so that it stays the same when the submission is edited; the current
    version's own instanceID is in the XML (``meta-instanceID``). ``submitted_at`` is ISO-8601:
    when the server first received the submission.
    """

    instance_id: str
    xml: str | bytes
    submitted_at: str
    form_version: str = ""
    submitter_id: int | str | None = None
    submitter_name: str | None = None
    device_id: int | str | None = None
    review_state: str = "received"  # received | edited | approved | has_issues | rejected
    attachments_present: int = 0
    attachments_expected: int = 0
    edits: int = 0


class SubmissionSource(Protocol):
    """Where submissions of one form come from.

    ``count()`` is how many ``__iter__`` will yield (for a progress bar; it may be an estimate
    if rows arrive meanwhile). ``__iter__`` yields the records one at a time, streamed: an
    implementation must not load every submission into memory first.
    """

    def count(self) -> int: ...

    def __iter__(self) -> Iterator[SubmissionRecord]: ...
