"""Failure tests: a real server on loopback, real data files, faults on the wire or on the server.

After each: every finalised session is on the server exactly once with all its attachments, and the
laptop's states are right (sent only after an acknowledgement; otherwise queued with a reason).
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sync.client import NotEnrolled, SyncError, SyncPaused
from sync.http import NetworkError
from sync.messages import render_stored
from tests.sync.harness import CentralServer, Laptop
from tests.sync.proxy import Fault, FaultyProxy


def assert_all_sent_once(server: CentralServer, laptop: Laptop, ids: list[str]) -> None:
    counts = server.submission_counts()
    for instance_id in ids:
        assert counts.get(instance_id) == 1, (
            f"{instance_id} on the server {counts.get(instance_id)}x"
        )
        assert server.attachments(instance_id) == laptop.local_files(instance_id)
        assert server.xml(instance_id) == laptop.store.submissions.get(instance_id).instance_xml
        assert laptop.status(instance_id) == "sent"
    assert laptop.store.outbox.count() == 0


def outbox(laptop: Laptop) -> dict[str, tuple[int, str | None, str | None]]:
    return {
        # Reasons are stored as message keys; read them as a person would see them in English.
        e.instance_id: (e.attempts, e.next_attempt_at, render_stored(e.last_error, "en"))
        for e in laptop.store.outbox.list()
    }


def test_server_killed_after_storing_before_the_client_saw_the_answer(
    server: CentralServer, proxy: FaultyProxy, laptop: Laptop
) -> None:
    first = laptop.finalize_session("Ana")
    second = laptop.finalize_session("Berta")
    # The server stores the first session and answers; it is killed before the answer reaches
    # the laptop (the proxy holds the answer, SIGKILLs the server, then hangs up).
    proxy.add(Fault("drop_answer", then=server.kill), method="POST", path="/submission")
    with pytest.raises(NetworkError):
        laptop.client.sync()
    assert server.submission_counts() == {first: 1}
    assert laptop.status(first) == "queued" and laptop.status(second) == "finalized"
    attempts, next_at, reason = outbox(laptop)[first]
    assert attempts == 1 and reason and "server" in reason.lower()
    assert next_at is not None and datetime.fromisoformat(next_at) > datetime.now(UTC)
    assert outbox(laptop)[second][0] == 0  # the pass stopped: no attempt was spent on it
    # Still inside the backoff: syncing again sends nothing of the first.
    server.start()
    report = laptop.client.sync()
    assert report.sent == [second]
    laptop.wait_past_backoff()
    report = laptop.client.sync()
    assert report.sent == [first]  # the resend was acknowledged as a duplicate
    assert_all_sent_once(server, laptop, [first, second])


@pytest.mark.parametrize("cut_after", [200, 3_000, 40_000])
def test_connection_cut_mid_upload(
    server: CentralServer, proxy: FaultyProxy, laptop: Laptop, cut_after: int
) -> None:
    big_photo = bytes(range(256)) * 200  # 51 KB: the cut lands in the headers, the XML or the photo
    ids = [laptop.finalize_session(f"P{i}", photo=big_photo, audio=b"a" * 500) for i in range(3)]
    proxy.add(Fault("cut", cut_after=cut_after), method="POST", path="/submission")
    report = laptop.client.sync()
    assert report.sent == [] and ids[0] in report.retry_later
    assert server.submission_counts() == {}  # a truncated upload stores nothing
    assert laptop.status(ids[0]) == "queued"
    laptop.wait_past_backoff()
    assert laptop.client.sync().sent == ids
    assert_all_sent_once(server, laptop, ids)


def test_server_errors_are_retried_with_backoff_and_do_not_block_others(
    server: CentralServer, proxy: FaultyProxy, laptop: Laptop
) -> None:
    ids = [laptop.finalize_session(f"S{i}") for i in range(4)]
    proxy.add(Fault("status", status=500), method="POST", path="/submission", times=2)
    report = laptop.client.sync()
    assert report.sent == ids[2:] and set(report.retry_later) == set(ids[:2])
    for instance_id in ids[:2]:
        attempts, next_at, reason = outbox(laptop)[instance_id]
        assert attempts == 1 and "HTTP 500" in (reason or "") and next_at
        assert laptop.status(instance_id) == "queued"
        assert render_stored(laptop.store.submissions.get(instance_id).last_error, "en") == reason
    laptop.wait_past_backoff()
    assert laptop.client.sync().sent == ids[:2]
    assert_all_sent_once(server, laptop, ids)


def test_a_sick_server_stops_the_pass_and_retry_after_is_kept(
    server: CentralServer, proxy: FaultyProxy, laptop: Laptop
) -> None:
    ids = [laptop.finalize_session(f"S{i}") for i in range(5)]
    proxy.add(Fault("status", status=503), method="POST", path="/submission", times=-1)
    report = laptop.client.sync()
    # Three 5xx in a row: the server is sick, the two others keep their attempts for later.
    assert proxy.seen["POST /submission"] == 3 and report.stopped_early
    assert [outbox(laptop)[i][0] for i in ids] == [1, 1, 1, 0, 0]
    proxy.clear()
    proxy.add(
        Fault("status", status=429, headers={"Retry-After": "600"}),
        method="POST",
        path="/submission",
    )
    laptop.wait_past_backoff()
    before = laptop.client.clock()
    report = laptop.client.sync()
    assert report.sent == [] and report.stopped_early  # 429: the server asked everyone to wait
    next_at = datetime.fromisoformat(outbox(laptop)[ids[0]][1] or "")
    assert (next_at - before).total_seconds() >= 599
    laptop.wait_past_backoff()
    assert laptop.client.sync().sent == ids
    assert_all_sent_once(server, laptop, ids)


def test_timeouts_are_network_errors_and_retried(
    server: CentralServer, proxy: FaultyProxy, laptop: Laptop
) -> None:
    ids = [laptop.finalize_session("Ana"), laptop.finalize_session("Berta")]
    laptop.client.http.timeout = (1.5, 1.5)
    proxy.add(Fault("hang", hang_s=5), method="POST", path="/submission")
    report = laptop.client.sync()
    assert report.sent == [] and "stopped answering" in str(report.retry_later[ids[0]])
    # The preflight times out too when the server hangs: the sync says "offline", nothing changes.
    proxy.add(Fault("hang", hang_s=5), method="HEAD", path="/submission", times=-1)
    laptop.wait_past_backoff()
    with pytest.raises(NetworkError):
        laptop.client.sync()
    assert proxy.seen["HEAD /submission"] == 3  # HEAD is idempotent: retried once, then given up
    assert outbox(laptop)[ids[1]][0] == 0
    proxy.clear()
    laptop.client.http.timeout = (5.0, 5.0)
    assert laptop.client.sync().sent == ids
    assert_all_sent_once(server, laptop, ids)


def test_server_restarted_between_syncs(
    server: CentralServer, proxy: FaultyProxy, laptop: Laptop
) -> None:
    early = [laptop.finalize_session("Ana"), laptop.finalize_session("Berta")]
    assert laptop.client.sync().sent == early
    server.kill()
    synced_at = laptop.client.last_success_at
    with pytest.raises(NetworkError):  # nothing to push, but the form list can't be had: offline
        laptop.client.sync()
    assert laptop.client.last_success_at == synced_at
    late = [laptop.finalize_session("Carmen"), laptop.finalize_session("Dora")]
    with pytest.raises(NetworkError, match="Could not reach the server"):
        laptop.client.sync()
    assert all(laptop.status(i) == "finalized" and outbox(laptop)[i][0] == 0 for i in late)
    assert laptop.client.probe() is False
    server.start()  # same port, same database file
    assert laptop.client.probe() is True
    assert laptop.client.sync().sent == late
    assert_all_sent_once(server, laptop, early + late)


def test_token_revoked_pauses_sync_until_re_enrolled(
    server: CentralServer, proxy: FaultyProxy, laptop: Laptop
) -> None:
    ids = [laptop.finalize_session("Ana"), laptop.finalize_session("Berta")]
    server.revoke_all_devices()
    with pytest.raises(SyncPaused, match="enrollment code"):
        laptop.client.sync()
    assert laptop.client.paused_reason
    assert all(laptop.status(i) == "finalized" and outbox(laptop)[i][0] == 0 for i in ids)
    seen = sum(proxy.seen.values())
    with pytest.raises(SyncPaused):
        laptop.client.sync()
    assert sum(proxy.seen.values()) == seen  # paused: not even a request
    laptop.client.enroll(server.enrollment_code("Laptop 1, again"))
    assert laptop.client.paused_reason is None
    assert laptop.client.sync().sent == ids
    assert_all_sent_once(server, laptop, ids)


def test_401_in_the_middle_of_a_push_stops_it_and_keeps_the_rest(
    server: CentralServer, proxy: FaultyProxy, laptop: Laptop
) -> None:
    ids = [laptop.finalize_session(f"S{i}") for i in range(3)]
    proxy.add(Fault("pass"), method="POST", path="/submission")
    proxy.add(Fault("status", status=401), method="POST", path="/submission")
    with pytest.raises(SyncPaused):
        laptop.client.sync()
    assert laptop.status(ids[0]) == "sent"
    assert [outbox(laptop)[i][0] for i in ids[1:]] == [0, 0]
    laptop.client.enroll(server.enrollment_code())
    assert laptop.client.sync().sent == ids[1:]
    assert_all_sent_once(server, laptop, ids)


def test_duplicate_resend_from_a_restored_backup_is_acknowledged_once(
    server: CentralServer, proxy: FaultyProxy, laptop: Laptop, tmp_path: Path
) -> None:
    ids = [laptop.finalize_session("Ana", audio=b"relato"), laptop.finalize_session("Berta")]
    # The laptop is backed up before syncing, syncs, and is later restored from that backup.
    backup = tmp_path / "backup.sqlite3"
    laptop.store._db.conn.execute("VACUUM INTO ?", (str(backup),))
    assert laptop.client.sync().sent == ids
    laptop.close()
    restored_dir = tmp_path / "restored"
    restored_dir.mkdir()
    shutil.copy(backup, restored_dir / "encuentro.sqlite3")
    restored = Laptop.open(restored_dir)
    try:
        assert all(restored.status(i) == "finalized" for i in ids)
        report = restored.client.sync()  # same device token, same sessions: resent
        assert report.sent == ids
        assert_all_sent_once(server, restored, ids)
    finally:
        restored.close()


def test_conflicting_resend_is_refused_with_its_reason_and_blocks_nobody(
    server: CentralServer, proxy: FaultyProxy, laptop: Laptop, tmp_path: Path
) -> None:
    # A draft is copied to a second data file (a USB copy of the laptop); each copy finalises it
    # with different answers under the same instanceID.
    shared_id = "uuid:0b7a1a7e-3a64-4c2a-9a55-9d1b1d3f0001"
    laptop.store.submissions.create(shared_id, "visita", "2026112601", "<data/>")
    copy_dir = tmp_path / "copy"
    copy_dir.mkdir()
    laptop.store._db.conn.execute("VACUUM INTO ?", (str(copy_dir / "encuentro.sqlite3"),))
    laptop.store.submissions.delete_draft(shared_id)
    laptop.finalize_session("Ana original", instance_id=shared_id)
    assert laptop.client.sync().sent == [shared_id]
    original = server.xml(shared_id)

    other = Laptop.open(copy_dir)
    try:
        other.store.submissions.delete_draft(shared_id)
        other.finalize_session("Ana changed", instance_id=shared_id)
        later = other.finalize_session("Berta")
        report = other.client.sync()
        assert report.sent == [later] and shared_id in report.refused
        reason = str(report.refused[shared_id])
        assert "different version" in reason and "not retried automatically" in reason
        attempts, next_at, stored_reason = outbox(other)[shared_id]
        assert next_at is None and stored_reason == reason and attempts == 1
        assert other.status(shared_id) == "queued"
        stored = other.store.submissions.get(shared_id).last_error
        assert render_stored(stored, "en") == reason
        assert "otra versión" in render_stored(stored, "es")  # the same record, in Spanish
        assert server.xml(shared_id) == original  # the stored one stays
        assert server.submission_counts()[shared_id] == 1
        # A review of the server's copy must not hold back this laptop's other feedback.
        server.review(shared_id, "approved", None)
        server.review(later, "has_issues", "Revise la fecha")
        assert other.client.sync().feedback_updated == 1
        assert other.status(later) == "has_issues" and other.status(shared_id) == "queued"
        # A permanent failure is not retried by later syncs.
        other.wait_past_backoff()
        seen = proxy.seen["POST /submission"]
        assert other.client.sync().sent == []
        assert proxy.seen["POST /submission"] == seen
    finally:
        other.close()


def test_big_session_is_split_across_posts_and_arrives_whole(tmp_path: Path) -> None:
    central = CentralServer(tmp_path / "server", max_body=20_000)
    central.start()
    try:
        laptop = Laptop.open(tmp_path / "laptop", central.url)
        laptop.client.enroll(central.enrollment_code())
        instance_id = laptop.finalize_session("Ana", photo=b"p" * 12_000, audio=b"a" * 12_000)
        report = laptop.client.sync()
        assert report.sent == [instance_id], report
        assert_all_sent_once(central, laptop, [instance_id])
        laptop.close()
    finally:
        central.stop()


@pytest.mark.parametrize(
    ("status", "kind"),
    [(200, "retry"), (302, "retry"), (408, "retry"), (400, "refused"), (413, "refused")],
)
def test_only_201_or_202_means_sent(
    server: CentralServer, proxy: FaultyProxy, laptop: Laptop, status: int, kind: str
) -> None:
    # 200/302: a Wi-Fi login page or a wrong address, never an acknowledgement.
    ids = [laptop.finalize_session("Ana"), laptop.finalize_session("Berta")]
    proxy.add(Fault("status", status=status), method="POST", path="/submission")
    report = laptop.client.sync()
    assert ids[0] not in report.sent and laptop.status(ids[0]) == "queued"
    attempts, next_at, reason = outbox(laptop)[ids[0]]
    assert attempts == 1 and reason
    if kind == "retry":
        assert ids[0] in report.retry_later and next_at is not None
    else:
        assert ids[0] in report.refused and next_at is None
        assert report.sent == [ids[1]]  # a refusal blocks nobody
    assert server.submission_counts().get(ids[0]) is None


def test_enrollment_against_something_that_is_not_our_server(
    server: CentralServer, proxy: FaultyProxy, tmp_path: Path
) -> None:
    machine = Laptop.open(tmp_path / "l", proxy.url)
    try:
        proxy.add(Fault("status", status=200), method="POST", path="/api/v1/enroll")
        with pytest.raises(SyncError, match="no device token"):
            machine.client.enroll(server.enrollment_code())
        with pytest.raises(SyncError, match="not valid"):
            machine.client.enroll("ABCD-EFGH")
        with pytest.raises(NotEnrolled):
            machine.client.sync()
        machine.client.enroll(server.enrollment_code())
        # A revoked device is paused; typing a new server address lifts the pause for that one.
        server.revoke_all_devices()
        with pytest.raises(SyncPaused):
            machine.client.sync()
        machine.client.set_server(proxy.url)  # same address: still paused
        assert machine.client.paused_reason
        machine.client.set_server(server.url)
        assert machine.client.paused_reason is None
    finally:
        machine.close()
