"""The outbox sends in the order sessions were finalised, even within one millisecond."""

import uuid

from app.store import Store


def test_sessions_finalised_in_the_same_millisecond_keep_their_order(store: Store, form) -> None:
    ids = [f"uuid:{uuid.uuid4()}" for _ in range(40)]
    for instance_id in ids:
        store.submissions.create(instance_id, form.form_id, form.version, "<data/>")
    for instance_id in ids:
        store.submissions.finalize(instance_id, "<data/>")
    # Random uuids sort in no particular order: only the insertion order can pass this.
    assert [entry.instance_id for entry in store.outbox.due(limit=100)] == ids
    assert [entry.instance_id for entry in store.outbox.list()] == ids
