"""1,000 queued sessions pushed in one go, through the proxy, against the real server."""

from __future__ import annotations

import pytest

from tests.sync.harness import CentralServer, Laptop
from tests.sync.proxy import Fault, FaultyProxy
from tests.sync.test_failures import assert_all_sent_once


@pytest.mark.slow
def test_a_thousand_queued_sessions_go_in_one_sync(
    server: CentralServer, proxy: FaultyProxy, laptop: Laptop
) -> None:
    ids = [
        laptop.finalize_session(f"Participante {i}", photo=f"foto {i}".encode() * 50)
        for i in range(1000)
    ]
    # The outbox's order (finalisation time; the store breaks same-millisecond ties by ID).
    order = [e.instance_id for e in laptop.store.outbox.list()]
    assert sorted(order) == sorted(ids)
    # A 502 from a reverse proxy on the 101st: that one is resent after its backoff.
    proxy.add(Fault("pass"), method="POST", path="/submission", times=100)
    proxy.add(Fault("status", status=502), method="POST", path="/submission")
    report = laptop.client.sync()  # how fast: benchmarks/bench_sync.py
    assert len(report.sent) == 999 and report.sent == order[:100] + order[101:]
    laptop.wait_past_backoff()
    assert laptop.client.sync().sent == [order[100]]
    assert_all_sent_once(server, laptop, ids)
    assert len(server.submission_counts()) == 1000
