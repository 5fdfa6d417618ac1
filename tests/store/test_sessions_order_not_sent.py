"""The sessions list's "Not sent" filter and its sort orders, done in SQL with paging intact."""

from datetime import UTC, datetime, timedelta

import pytest

from app.store import SessionFilter, Store, StoreError
from app.store.records import SORT_KEYS

XML = "<data id='grupo_focal'><meta><instanceID/></meta></data>"
COMMUNITIES = ("San Miguel", "Chalatenango", "El Progreso", "Ahuachapán", "Berlín")


def make(store: Store, n: int, **kwargs) -> str:
    instance_id = f"uuid:00000000-0000-4000-8000-{n:012d}"
    store.submissions.create(instance_id, "grupo_focal", "2026110101", XML, **kwargs)
    return instance_id


def test_not_sent_means_refused_for_good_not_waiting_for_a_retry(store, form):
    draft = make(store, 1)
    waiting, retrying, refused, sent = (make(store, n) for n in (2, 3, 4, 5))
    for iid in (waiting, retrying, refused, sent):
        store.submissions.finalize(iid, XML)
    later = datetime.now(UTC) + timedelta(minutes=5)
    store.outbox.mark_failed(retrying, "503 Service Unavailable", later)
    store.outbox.mark_failed(refused, "400 form not on the server", None)
    store.outbox.mark_sent(sent)

    not_sent = SessionFilter(not_sent=True)
    assert store.submissions.count(not_sent) == 1
    assert [s.instance_id for s in store.submissions.list(not_sent)] == [refused]
    assert draft not in {s.instance_id for s in store.submissions.list(not_sent)}
    # Combined with the other filters as AND; "Send again" puts it back in line.
    assert store.submissions.count(SessionFilter(not_sent=True, status="queued")) == 1
    assert store.submissions.count(SessionFilter(not_sent=True, form_id="other")) == 0
    store.outbox.requeue(refused)
    assert store.submissions.count(not_sent) == 0


def seed(store: Store, how_many: int) -> None:
    for n in range(how_many):
        make(
            store,
            n,
            community=COMMUNITIES[n % len(COMMUNITIES)],
            facilitator=f"Facilitadora {n % 7}",
        )


def ids(rows) -> list[str]:
    return [row.instance_id for row in rows]


@pytest.mark.parametrize("key", ["community", "facilitator", "status", "form", "created"])
@pytest.mark.parametrize("descending", [False, True])
def test_every_order_pages_like_one_sorted_list(store, form, key, descending):
    seed(store, 60)
    for n in range(0, 60, 4):
        store.submissions.finalize(f"uuid:00000000-0000-4000-8000-{n:012d}", XML)
    everything = store.submissions.list(SessionFilter(), 0, 1000)
    field = {"form": "form_id", "created": "created_at"}.get(key, key)
    # The expected order, worked out in Python: the key, then most recently changed first.
    expected = sorted(everything, key=lambda r: (r.updated_at, r.instance_id), reverse=True)
    expected = sorted(expected, key=lambda r: getattr(r, field) or "", reverse=descending)
    if key == "created":  # created ties are rare; the index breaks them like this too
        expected = sorted(
            everything, key=lambda r: (r.created_at, r.instance_id), reverse=descending
        )
    where = SessionFilter(sort=key, descending=descending)
    pages = (store.submissions.list(where, offset, 25) for offset in range(0, 60, 25))
    paged = [row for page in pages for row in page]
    if key == "created":
        assert [r.created_at for r in paged] == [r.created_at for r in expected]
    else:
        assert ids(paged) == ids(expected)
    assert len(set(ids(paged))) == 60  # no row twice, none skipped


def test_sorting_by_community_gives_the_right_first_page_with_filters(store, form):
    seed(store, 300)
    where = SessionFilter(sort="community", descending=False, text="facilitadora")
    first = store.submissions.list(where, 0, 50)
    assert [r.community for r in first] == ["Ahuachapán"] * 50
    assert first[0].updated_at >= first[-1].updated_at
    last = store.submissions.list(SessionFilter(sort="community"), 0, 1)
    assert last[0].community == "San Miguel"


def test_an_unknown_sort_key_is_refused_not_pasted_into_sql(store, form):
    seed(store, 3)
    with pytest.raises(StoreError, match="cannot be sorted"):
        store.submissions.list(SessionFilter(sort="community; DROP TABLE submissions"))
    assert store.submissions.count() == 3
    assert set(SORT_KEYS) == {"updated", "created", "form", "community", "status", "facilitator"}


@pytest.mark.parametrize("key", ["community", "status", "form", "updated"])
def test_the_first_page_of_an_order_is_read_from_an_index(store, form, key):
    # On a plain file and an SQLCipher one alike (SQLite 3.53 inside SQLCipher plans the
    # mixed-direction orders differently from stdlib's: schema version 4's indexes serve both).
    seed(store, 20)
    traced: list[str] = []
    store._db.conn.set_trace_callback(traced.append)
    store.submissions.list(SessionFilter(sort=key, descending=False), 0, 10)
    store._db.conn.set_trace_callback(None)
    select = next(sql for sql in traced if sql.lstrip().upper().startswith("SELECT"))
    plan = " ".join(str(row[-1]) for row in store._db.conn.execute(f"EXPLAIN QUERY PLAN {select}"))
    assert "USING INDEX submissions_by" in plan or "USING COVERING INDEX" in plan, plan
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
