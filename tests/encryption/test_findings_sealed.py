"""Findings (the server's report) take no key: an encrypted submission is counted as unreadable,
never read as an empty session."""

from __future__ import annotations

from app.export.source import SubmissionRecord
from app.findings import FormSubmissions, compute_findings
from app.odk_encryption import public_key_from_form, seal_submission
from app.xlsform import xlsform_to_xform
from tests.encryption.keys import FORM, PUBLIC_BASE64


class Listed(list):
    def count(self) -> int:  # type: ignore[override]
        return len(self)


def test_encrypted_submission_is_counted_unreadable():
    box = seal_submission(
        form_id="entrevista_cifrada",
        version="2026120701",
        instance_id="uuid:1",
        submission_xml=b"<data/>",
        media=[],
        public_key=public_key_from_form(PUBLIC_BASE64),
    )
    record = SubmissionRecord(
        instance_id="uuid:1",
        xml=box.manifest,
        submitted_at="2026-12-07T10:00:00.000Z",
        review_state="approved",
    )
    found = compute_findings([FormSubmissions(xlsform_to_xform(FORM), Listed([record]))])
    assert found.skipped_unreadable == 1
