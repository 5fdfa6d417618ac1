"""The supervisor's cache as a source of submissions for ``app.export`` (the desktop's export).

The same files as the server's export (``sync/server/export_source.py``) from what was pulled:
the newest cached version of each session of one form, streamed a page at a time. An edited
session keeps the key (its first version's instanceID, the cache's ``root_id``) and the date of
its first version, with the count of edits, as Central's export does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from app.export import SubmissionRecord
from app.odk_encryption import is_manifest
from app.store.review_cache import ReviewCache


class CachedSubmissions:
    """The current versions of one form's cached sessions (a ``SubmissionSource``).

    The submitter is the device that sent the session (its id and name on the server).
    Attachments: the cache lists the files the server holds, so
    both "present" and "expected" count those (a file the laptop has not sent yet is unknown
    here).
    """

    def __init__(
        self,
        cache: ReviewCache,
        form_id: str,
        *,
        approved_only: bool = False,
        opener: Callable[[str, str], str] | None = None,
    ) -> None:
        self.cache = cache
        self.form_id = form_id
        self.approved_only = approved_only
        # (instance_id, stored XML) -> XML in clear: decrypts ODK-encrypted sessions (or raises).
        self.opener = opener

    def count(self) -> int:
        return self.cache.count_submissions_of(self.form_id, approved_only=self.approved_only)

    def __iter__(self) -> Iterator[SubmissionRecord]:
        for row in self.cache.submissions_of(self.form_id, approved_only=self.approved_only):
            files = len(row["attachments"])
            xml = row["instance_xml"]
            if self.opener is not None and xml is not None and is_manifest(xml):
                xml = self.opener(row["instance_id"], xml)
                files = max(files - 1, 0)  # submission.xml.enc is not one of its files
            yield SubmissionRecord(
                instance_id=row["root_id"],
                xml=xml,
                submitted_at=central_time(row["first_submitted_at"] or row["submitted_at"]),
                form_version=row["form_version"],
                submitter_id=row["device_id"],
                submitter_name=row["submitter"],
                device_id=row["device_id"],
                review_state=row["review_state"],
                attachments_present=files,
                attachments_expected=files,
                edits=int(row["edits"] or 0),
            )


def central_time(stored: str) -> str:
    """The server's "2026-11-26T22:10:00.123456+00:00" as Central writes SubmissionDate:
    "2026-11-26T22:10:00.123Z"; any other shape is kept as it is."""
    if len(stored) == 32 and stored.endswith("+00:00"):
        return stored[:23] + "Z"
    return stored
