"""Schema v3 (supervisor mode's cache and review outbox): frozen fixture, migration from v2, and
the cache's upserts keeping one row per version however often a page is pulled."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.store import CURRENT_VERSION, Store, StoreError
from app.store.review_cache import ReviewFilter
from tests.store.test_migrations import FIXTURES, schema_of


def test_the_frozen_v3_schema_migrates_to_what_a_new_file_gets(db_path: Path, tmp_path: Path):
    Store.open(db_path).close()
    frozen = tmp_path / "v3.sqlite3"
    conn = sqlite3.connect(frozen)
    conn.executescript((FIXTURES / "schema_v3.sql").read_text(encoding="utf-8"))
    conn.close()
    # Later versions (the draft revision, ODK-encrypted submissions) came after: the frozen v3
    # file migrates to today's, with a backup taken first.
    with Store.open(frozen) as store:
        assert store.backup_taken is not None and "-v3-" in store.backup_taken.name
        assert store.schema_version == CURRENT_VERSION
    assert schema_of(frozen) == schema_of(db_path)


def test_the_frozen_v7_schema_is_what_a_new_file_gets(db_path: Path, tmp_path: Path):
    Store.open(db_path).close()
    frozen = tmp_path / "v7.sqlite3"
    conn = sqlite3.connect(frozen)
    conn.executescript((FIXTURES / "schema_v7.sql").read_text(encoding="utf-8"))
    conn.close()

    # index_info does not show DESC: compare the indexes' SQL too.
    def index_sql(path: Path) -> dict[str, str]:
        with sqlite3.connect(path) as c:
            rows = c.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'")
            return {n: " ".join(q.split()) for n, q in rows if q}

    assert schema_of(frozen) == schema_of(db_path)
    assert index_sql(frozen) == index_sql(db_path)
    with Store.open(frozen) as store:
        assert store.schema_version == CURRENT_VERSION == 7
        assert store.backup_taken is None


def test_a_v2_file_migrates_to_the_current_schema_with_its_data_and_a_backup(db_path: Path):
    conn = sqlite3.connect(db_path)
    conn.executescript((FIXTURES / "schema_v2.sql").read_text(encoding="utf-8"))
    conn.execute("INSERT INTO settings VALUES ('current_profile', '\"p1\"')")
    conn.commit()
    conn.close()
    with Store.open(db_path) as store:
        assert store.schema_version == CURRENT_VERSION
        assert store.backup_taken is not None and "-v2-" in store.backup_taken.name
        assert store.settings.get("current_profile") == "p1"
        assert store.review_cache.count() == 0


def listed(instance_id: str, **extra) -> dict:
    return {
        "instance_id": instance_id,
        "root_id": extra.pop("root_id", instance_id),
        "deprecated_id": None,
        "is_current": True,
        "project_id": 1,
        "form_id": "gf",
        "form_version": "1",
        "form_title": "Grupo focal",
        "device_id": 1,
        "device_name": "Laptop 1",
        "received_at": "2026-12-01T10:00:00.000000+00:00",
        "review_state": "received",
        "reviewed_at": None,
        **extra,
    }


def test_pulling_a_page_twice_keeps_one_row_and_asks_details_once(db_path: Path):
    with Store.open(db_path) as store:
        cache = store.review_cache
        assert cache.upsert_listed([listed("uuid:a"), listed("uuid:b")]) == ["uuid:a", "uuid:b"]
        cache.put_detail(
            "uuid:a",
            "<data/>",
            facilitator="Ana",
            community="perquin",
            community_label="Perquín",
            attachments=[],
            events=[],
        )
        # Again: b still lacks its XML; a is complete and unchanged.
        assert cache.upsert_listed([listed("uuid:a"), listed("uuid:b")]) == ["uuid:b"]
        # A review on the server makes a stale again.
        changed = listed("uuid:a", review_state="approved", reviewed_at="2026-12-02T00:00:00+00:00")
        assert cache.upsert_listed([changed]) == ["uuid:a"]
        assert cache.count() == 2
        assert cache.get("uuid:a").review_state == "approved"
        assert cache.get("uuid:a").instance_xml == "<data/>"
        assert cache.count(ReviewFilter(text="perquin")) == 1


def test_queued_reviews_replace_each_other_until_sent(db_path: Path):
    with Store.open(db_path) as store:
        cache = store.review_cache
        cache.upsert_listed([listed("uuid:a")])
        cache.queue_review("me", "uuid:a", "approved", None)
        latest = cache.queue_review("me", "uuid:a", "rejected", "Duplicada")
        assert [q.id for q in cache.queued_reviews("me")] == [latest.id]
        assert cache.get("uuid:a").shown_state == "queued"
        assert cache.count(ReviewFilter(review_state="queued")) == 1
        with pytest.raises(StoreError):
            cache.queue_review("me", "uuid:nope", "approved", None)
        cache.review_sent(
            latest.id,
            {
                "review_state": "rejected",
                "review_comment": "Duplicada",
                "reviewed_at": "2026-12-02T00:00:00+00:00",
                "event_id": 7,
            },
            "me",
        )
        cache.review_sent(latest.id, {}, "me")  # a second call is harmless
        assert cache.get("uuid:a").shown_state == "rejected"
        assert [e.event_id for e in cache.events("uuid:a")] == [7]
        assert cache.last_event_id("uuid:a") == 7


def test_a_file_that_is_not_the_listed_one_is_refused(db_path: Path):
    import hashlib

    with Store.open(db_path) as store:
        cache = store.review_cache
        cache.upsert_listed([listed("uuid:a")])
        digest = hashlib.sha256(b"photo").hexdigest()
        cache.put_detail(
            "uuid:a",
            "<data/>",
            facilitator=None,
            community=None,
            community_label=None,
            attachments=[
                {"name": "f.jpg", "content_type": "image/jpeg", "size": 5, "sha256": digest}
            ],
            events=[],
        )
        with pytest.raises(StoreError):
            cache.put_attachment_data("uuid:a", "f.jpg", b"other")
        cache.put_attachment_data("uuid:a", "f.jpg", b"photo")
        assert cache.attachment_data("uuid:a", "f.jpg") == b"photo"


def test_an_export_reads_the_newest_version_of_each_session_page_by_page(db_path: Path):
    with Store.open(db_path) as store:
        cache = store.review_cache
        cache.upsert_listed(
            [
                listed("uuid:a", is_current=False, received_at="2026-12-01T10:00:00+00:00"),
                listed("uuid:a2", root_id="uuid:a", received_at="2026-12-02T10:00:00+00:00"),
                listed("uuid:b", received_at="2026-12-01T11:00:00+00:00", review_state="approved"),
                listed("uuid:c", received_at="2026-12-03T10:00:00+00:00"),
            ]
        )
        for instance_id in ("uuid:a", "uuid:a2", "uuid:b", "uuid:c"):
            cache.put_detail(
                instance_id,
                f"<data>{instance_id}</data>",
                facilitator="Ana",
                community=None,
                community_label=None,
                attachments=[],
                events=[],
            )
        rows = list(cache.submissions_of("gf", page=1))
        assert [r["instance_id"] for r in rows] == ["uuid:b", "uuid:a2", "uuid:c"]
        assert rows[0]["instance_xml"] == "<data>uuid:b</data>"
        assert rows[0]["submitter"] == "Laptop 1" and rows[0]["attachments"] == []
        approved = list(cache.submissions_of("gf", approved_only=True))
        assert [r["instance_id"] for r in approved] == ["uuid:b"]
