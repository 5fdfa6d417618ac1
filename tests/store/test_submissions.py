"""Sessions: drafts, finalisation with its outbox entry, review, the paged list and its filters."""

from datetime import UTC, date, datetime, timedelta

import pytest

from app.store import FINALIZED, QUEUED, SENT, SessionFilter, Store, StoreError

XML = "<data id='grupo_focal'><community>El Carmen</community><meta><instanceID/></meta></data>"


def new_draft(store: Store, n: int = 1, **kwargs) -> str:
    instance_id = f"uuid:00000000-0000-4000-8000-{n:012d}"
    store.submissions.create(instance_id, "grupo_focal", "2026110101", XML, **kwargs)
    return instance_id


def test_a_draft_is_saved_with_its_position_and_reopens_identically(store, form):
    profile = store.profiles.create("Ana Martínez")
    iid = new_draft(store, profile_id=profile.id, facilitator=profile.display_name, language="es")
    store.submissions.save_draft(iid, XML.replace("El Carmen", "Ñancuchí"), position="/data/age")

    again = store.submissions.get(iid)
    assert again.instance_xml == XML.replace("El Carmen", "Ñancuchí")
    assert again.position == "/data/age"
    assert again.status == "draft" and not again.is_read_only
    assert again.facilitator == "Ana Martínez" and again.language == "es"
    assert again.form_title == "Grupo focal"
    assert datetime.fromisoformat(again.updated_at).utcoffset() == timedelta(0)


def test_instance_ids_must_be_uuid_urns(store, form):
    with pytest.raises(StoreError) as caught:
        store.submissions.create("1234", "grupo_focal", "2026110101", XML)
    assert caught.value.kind == "invalid"


def test_a_draft_needs_a_known_form_version(store, form):
    with pytest.raises(StoreError):
        store.submissions.create("uuid:x", "grupo_focal", "999", XML)
    assert store.submissions.count() == 0


def test_finalizing_makes_it_read_only_and_queues_it_in_the_same_transaction(store, form):
    iid = new_draft(store)
    done = store.submissions.finalize(iid, XML)
    assert done.status == FINALIZED and done.is_read_only and done.finalized_at
    assert [e.instance_id for e in store.outbox.due()] == [iid]

    for change in (
        lambda: store.submissions.save_draft(iid, "<data/>"),
        lambda: store.submissions.finalize(iid, "<data/>"),
        lambda: store.submissions.delete_draft(iid),
        lambda: store.attachments.add(iid, "photo.jpg", b"x", "image/jpeg"),
    ):
        with pytest.raises(StoreError) as caught:
            change()
        assert caught.value.kind == "read_only"
    assert store.submissions.get(iid).instance_xml == XML
    assert store.outbox.count() == 1


def test_a_failed_outbox_insert_undoes_the_finalisation(store, form):
    iid = new_draft(store)
    # A stray outbox row makes finalize's INSERT fail; the status change must roll back with it.
    store._db.conn.execute("INSERT INTO outbox (instance_id, enqueued_at) VALUES (?, 'x')", (iid,))
    with pytest.raises(StoreError):
        store.submissions.finalize(iid, XML)
    assert store.submissions.get(iid).status == "draft"


def test_outbox_order_failures_and_sent(store, form):
    first, second = new_draft(store, 1), new_draft(store, 2)
    store.submissions.finalize(first, XML)
    store.submissions.finalize(second, XML)
    assert [e.instance_id for e in store.outbox.due()] == [first, second]

    later = datetime.now(UTC) + timedelta(minutes=5)
    store.outbox.mark_failed(first, "server unreachable", later)
    assert [e.instance_id for e in store.outbox.due()] == [second]
    assert [e.instance_id for e in store.outbox.due(now=later)] == [first, second]
    entry = store.outbox.list()[0]
    assert entry.attempts == 1 and entry.last_error == "server unreachable"
    assert store.submissions.get(first).status == QUEUED

    store.outbox.mark_failed(second, "400: form not on server", None)
    assert store.outbox.due(now=later + timedelta(days=365)) == [
        e for e in store.outbox.due(now=later) if e.instance_id == first
    ]
    store.outbox.requeue(second)
    assert second in [e.instance_id for e in store.outbox.due()]

    store.outbox.mark_sent(first)
    store.outbox.mark_sent(first)  # a repeated acknowledgement is harmless
    sent = store.submissions.get(first)
    assert sent.status == SENT and sent.sent_at and sent.last_error is None
    assert [e.instance_id for e in store.outbox.list()] == [second]


def test_review_feedback_only_for_sent_sessions(store, form):
    iid = new_draft(store)
    with pytest.raises(StoreError) as caught:
        store.submissions.set_review(iid, "approved")
    assert caught.value.kind == "invalid"
    store.submissions.finalize(iid, XML)
    store.outbox.mark_sent(iid)
    store.submissions.set_review(iid, "has_issues", "Falta el consentimiento de P3")
    got = store.submissions.get(iid)
    assert (got.status, got.review_state, got.review_comment) == (
        "has_issues",
        "has_issues",
        "Falta el consentimiento de P3",
    )
    with pytest.raises(StoreError):
        store.submissions.set_review(iid, "maybe")


def test_deleting_a_draft_removes_its_files(store, form):
    iid = new_draft(store)
    store.attachments.add(iid, "firma.png", b"\x89PNG", "image/png")
    store.submissions.delete_draft(iid)
    assert not store.submissions.exists(iid)
    assert store.attachments.list(iid) == []
    with pytest.raises(StoreError) as caught:
        store.submissions.get(iid)
    assert caught.value.kind == "not_found"


def test_list_pages_and_filters(store, form):
    store.forms.add("necesidades", "1", "Evaluación de necesidades", "<h:html/>")
    ana = store.profiles.create("Ana Martínez")
    luis = store.profiles.create("Luis Peña")
    for n in range(30):
        person = ana if n % 2 else luis
        iid = f"uuid:{n:04d}"
        store.submissions.create(
            iid,
            "grupo_focal" if n < 20 else "necesidades",
            "2026110101" if n < 20 else "1",
            XML,
            profile_id=person.id,
            facilitator=person.display_name,
            community=["San Miguel", "Ciudad Barrios", "El 100% Norte"][n % 3],
        )
        if n % 5 == 0:
            store.submissions.finalize(iid, XML)

    assert store.submissions.count() == 30
    page = store.submissions.list(offset=0, limit=10)
    assert [s.instance_id for s in page] == [f"uuid:{n:04d}" for n in range(29, 19, -1)]
    assert [s.instance_id for s in store.submissions.list(offset=25, limit=10)][-1] == "uuid:0000"
    assert page[0].form_title == "Evaluación de necesidades"

    assert store.submissions.count(SessionFilter(form_id="necesidades")) == 10
    assert store.submissions.count(SessionFilter(status="finalized")) == 6
    assert store.submissions.count(SessionFilter(status=("draft", "finalized"))) == 30
    assert store.submissions.count(SessionFilter(community="San Miguel")) == 10
    assert store.submissions.count(SessionFilter(profile_id=ana.id)) == 15
    assert store.submissions.count(SessionFilter(text="barrios")) == 10
    assert store.submissions.count(SessionFilter(text="peña")) == 15
    assert store.submissions.count(SessionFilter(text="PENA")) == 15  # accents and case ignored
    assert store.submissions.count(SessionFilter(text="martinez")) == 15
    assert store.submissions.count(SessionFilter(text="100%")) == 10  # % is literal
    assert store.submissions.count(SessionFilter(text="_")) == 0
    both = SessionFilter(form_id="grupo_focal", community="San Miguel", status="draft")
    listed = store.submissions.list(both, 0, 100)
    assert len(listed) == store.submissions.count(both) == 5
    assert all(s.community == "San Miguel" and s.status == "draft" for s in listed)

    today = date.today()
    assert store.submissions.count(SessionFilter(since=today, until=today)) == 30
    assert store.submissions.count(SessionFilter(until=today - timedelta(days=1))) == 0
    assert store.submissions.count(SessionFilter(since=today + timedelta(days=1))) == 0
    assert store.submissions.count_by_status()["finalized"] == 6
    assert store.submissions.communities() == ["Ciudad Barrios", "El 100% Norte", "San Miguel"]


def test_the_list_never_reads_instance_xml(store, form):
    new_draft(store)
    traced: list[str] = []
    store._db.conn.set_trace_callback(traced.append)
    store.submissions.list()
    store.submissions.count()
    store._db.conn.set_trace_callback(None)
    assert traced and not any("instance_xml" in sql for sql in traced)
