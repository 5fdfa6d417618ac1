"""Benchmark: the sync client pushing 1,000 queued sessions to a real server over loopback.

    .venv/bin/python benchmarks/bench_sync.py [--sessions 1000] [--photo-kb 30] [--questions 250]
                                              [--https]

A server subprocess (uvicorn, SQLite) on a free loopback port; a laptop data file with N finalised
sessions of a 250-question instance, each with one photo; then one ``SyncClient.sync()``. Prints the
time of the push and sessions per second. Target (issue 4): 1,000 sessions in under 20 s.
``--https``: the server serves HTTPS with a ``make-cert`` certificate the laptop pinned.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.sync.harness import FORM_ID, FORM_VERSION, CentralServer, Laptop  # noqa: E402


def session_xml(instance_id: str, questions: int, photo: str) -> str:
    answers = "".join(f"<q{i}>respuesta número {i} ñandú</q{i}>" for i in range(questions))
    return (
        f'<data id="{FORM_ID}" version="{FORM_VERSION}"><nombre>Ana</nombre>{answers}'
        f"<foto>{photo}</foto><audio/><meta><instanceID>{instance_id}</instanceID></meta></data>"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--photo-kb", type=int, default=30)
    parser.add_argument("--questions", type=int, default=250)
    parser.add_argument("--https", action="store_true", help="TLS with a pinned certificate")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-sync-") as folder:
        base = Path(folder)
        tls, fingerprint = None, None
        if args.https:
            from sync.server.certs import make_certificate

            made = make_certificate(base / "tls", ["127.0.0.1"])
            tls, fingerprint = (made.cert_path, made.key_path), made.fingerprint
        server = CentralServer(base / "server", tls=tls)
        server.start()
        laptop = Laptop.open(base / "laptop", server.url)
        try:
            laptop.client.enroll(server.enrollment_code(), fingerprint=fingerprint)
            photo = bytes(range(256)) * (args.photo_kb * 4)
            started = time.perf_counter()
            store = laptop.store
            for _ in range(args.sessions):
                instance_id = f"uuid:{uuid.uuid4()}"
                xml = session_xml(instance_id, args.questions, "foto.jpg")
                store.submissions.create(instance_id, FORM_ID, FORM_VERSION, xml)
                store.attachments.add(instance_id, "foto.jpg", photo, "image/jpeg")
                store.submissions.finalize(instance_id, xml)
            prepared = time.perf_counter() - started
            xml_kb = len(xml.encode()) / 1024

            started, cpu_started = time.perf_counter(), time.process_time()
            report = laptop.client.sync()
            pushed = time.perf_counter() - started
            client_cpu = time.process_time() - cpu_started

            sent = len(report.sent)
            on_server = len(server.submission_counts())
            print(
                f"sessions: {args.sessions} ({xml_kb:.1f} KB XML, {args.questions} answers, "
                f"one {len(photo) // 1024} KB photo each); prepared locally in {prepared:.1f} s"
            )
            print(
                f"sync (preflight + push + form list + feedback): {pushed:.2f} s, "
                f"{sent / pushed:.0f} sessions/s; sent {sent}, on the server {on_server}, "
                f"still queued {store.outbox.count()}"
            )
            print(
                f"client CPU during the sync: {client_cpu:.2f} s (the rest is the server and I/O)"
            )
            verdict = "PASS" if pushed < 20 and sent == args.sessions else "FAIL"
            print(f"target: {args.sessions} sessions in under 20 s -> {verdict}")
            return 0 if verdict == "PASS" else 1
        finally:
            laptop.close()
            server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
