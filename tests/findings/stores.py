"""Data files holding the synthetic focus groups and needs assessments: a supervisor's cache
(as a pull leaves it) and a facilitator's own store (finalised, some reviewed), for the findings
view's tests and benchmark."""

from __future__ import annotations

from pathlib import Path

from app.export.source import SubmissionRecord
from app.store import Store
from forms.builder.common import VERSION
from tests.findings.synthetic import (
    FOCUS_FORMS,
    NEEDS_FORM,
    ListSource,
    form_xml,
    random_focus_groups,
    random_needs,
)


def synthetic_sources(
    per_group: int, needs: int, *, note_chars: int = 0, states: list[str] | None = None
) -> dict[str, ListSource]:
    """form_id -> its records (four focus-group forms and the needs assessment)."""
    out = {
        form_id: random_focus_groups(group, per_group, seed=i, note_chars=note_chars, states=states)
        for i, (group, form_id) in enumerate(FOCUS_FORMS.items())
    }
    out[NEEDS_FORM] = random_needs(needs, states=states)
    return out


def supervisor_store(path: Path, sources: dict[str, ListSource]) -> Store:
    """A supervisor's data file whose cache holds every record (the current version of each)."""
    store = Store.open(path)
    cache = store.review_cache
    for form_id, source in sources.items():
        cache.put_form(form_id, VERSION, 1, form_id, form_xml(form_id))
        records: list[SubmissionRecord] = source.records
        cache.upsert_listed(
            {
                "instance_id": r.instance_id,
                "root_id": r.instance_id,
                "is_current": True,
                "project_id": 1,
                "form_id": form_id,
                "form_version": VERSION,
                "device_id": r.submitter_id,
                "received_at": f"2026-11-30T10:00:{n % 60:02d}.{n:06d}+00:00",
                "review_state": r.review_state,
            }
            for n, r in enumerate(records)
        )
        with cache.batch():  # one transaction: thousands of sessions in seconds
            for r in records:
                cache.put_detail(
                    r.instance_id,
                    str(r.xml),
                    facilitator=None,
                    community=None,
                    community_label=None,
                    attachments=[],
                    events=[],
                )
    return store


def facilitator_store(path: Path, sources: dict[str, ListSource]) -> Store:
    """A facilitator's data file: every record finalised here; those a supervisor decided on
    were sent and carry the decision, the "received" ones were sent, others wait in the
    outbox."""
    store = Store.open(path)
    for form_id, source in sources.items():
        store.forms.add(form_id, VERSION, form_id, form_xml(form_id), languages=["es"])
        for n, r in enumerate(source.records):
            store.submissions.create(r.instance_id, form_id, VERSION, str(r.xml))
            store.submissions.finalize(r.instance_id, str(r.xml))
            if r.review_state != "received" or n % 2:
                store.outbox.mark_sent(r.instance_id)
            if r.review_state in ("approved", "has_issues", "rejected"):
                store.submissions.set_review(r.instance_id, r.review_state)
    return store
