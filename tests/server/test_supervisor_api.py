"""Supervisor mode's server side: review history, and a review sent twice stored once."""

from __future__ import annotations

from sqlalchemy import func, select

from sync.server import schema
from tests.server.conftest import Pilot, instance_of, submission_xml


def events_on(pilot: Pilot, instance_id: str) -> int:
    s, ev = schema.submissions, schema.review_events
    with pilot.db.read() as conn:
        return int(
            conn.execute(
                select(func.count())
                .select_from(ev.join(s, ev.c.submission_pk == s.c.id))
                .where(s.c.instance_id == instance_id)
            ).scalar_one()
        )


def submitted(pilot: Pilot) -> str:
    xml = submission_xml()
    assert pilot.submit(xml).status_code == 201
    return instance_of(xml)


def review(pilot: Pilot, instance_id: str, **body):
    return pilot.client.post(
        f"/api/v1/submissions/{instance_id}/reviews",
        json=body,
        headers=pilot.auth(pilot.supervisor_token),
    )


def test_the_same_review_sent_twice_is_one_event(pilot: Pilot) -> None:
    instance_id = submitted(pilot)
    first = review(pilot, instance_id, state="has_issues", comment="Falta la fecha", after_event=0)
    assert first.status_code == 200, first.text
    assert first.json()["duplicate"] is False
    again = review(pilot, instance_id, state="has_issues", comment="Falta la fecha", after_event=0)
    assert again.status_code == 200
    assert again.json()["duplicate"] is True
    assert again.json()["event_id"] == first.json()["event_id"]
    assert events_on(pilot, instance_id) == 1
    # The next verdict names what it saw: a new event.
    approved = review(pilot, instance_id, state="approved", after_event=first.json()["event_id"])
    assert approved.status_code == 200 and approved.json()["duplicate"] is False
    assert events_on(pilot, instance_id) == 2


def test_a_review_over_someone_elses_newer_one_is_a_conflict(pilot: Pilot) -> None:
    instance_id = submitted(pilot)
    other = pilot.client.post(
        f"/api/v1/submissions/{instance_id}/review",
        json={"state": "approved"},
        headers=pilot.auth(pilot.admin_token),
    )
    assert other.status_code == 200
    late = review(pilot, instance_id, state="rejected", comment="Duplicada", after_event=0)
    assert late.status_code == 409
    assert "reviewed meanwhile" in late.json()["detail"]
    assert events_on(pilot, instance_id) == 1


def test_returning_or_rejecting_needs_a_reason_and_devices_cannot_review(pilot: Pilot) -> None:
    instance_id = submitted(pilot)
    for state in ("has_issues", "rejected"):
        answer = review(pilot, instance_id, state=state, comment="  ", after_event=0)
        assert answer.status_code == 400 and "comment" in answer.json()["detail"]
    device = pilot.client.post(
        f"/api/v1/submissions/{instance_id}/reviews",
        json={"state": "approved"},
        headers=pilot.auth(),
    )
    assert device.status_code == 403
    assert events_on(pilot, instance_id) == 0


def test_a_replaced_version_cannot_be_reviewed_and_history_spans_versions(pilot: Pilot) -> None:
    first = submitted(pilot)
    assert (
        review(pilot, first, state="has_issues", comment="Corrija", after_event=0).status_code
        == 200
    )
    fix = submission_xml(deprecated_id=first, community="Perquín")
    assert pilot.submit(fix).status_code == 201
    late = review(pilot, first, state="approved", after_event=0)
    assert late.status_code == 409
    assert instance_of(fix) in late.json()["detail"]
    assert review(pilot, instance_of(fix), state="approved", after_event=0).status_code == 200
    history = pilot.client.get(
        f"/api/v1/submissions/{instance_of(fix)}/reviews",
        headers=pilot.auth(pilot.supervisor_token),
    )
    assert history.status_code == 200
    items = history.json()["items"]
    assert [(i["instance_id"], i["state"], i["comment"], i["reviewer"]) for i in items] == [
        (first, "has_issues", "Corrija", "ana"),
        (instance_of(fix), "approved", None, "ana"),
    ]


def test_history_of_a_submission_one_may_not_see_is_not_found(pilot: Pilot) -> None:
    answer = pilot.client.get(
        "/api/v1/submissions/uuid:nope/reviews", headers=pilot.auth(pilot.supervisor_token)
    )
    assert answer.status_code == 404
