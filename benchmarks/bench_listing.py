"""Submission listing benchmark: a page of 100 at 100,000 submissions, SQLite and PostgreSQL.

Fills a fresh database with ``--count`` submissions (two projects, 20 devices, rows straight into
the table), then times ``GET /api/v1/submissions`` through the application in-process (FastAPI,
JSON and all; no socket): the first page, a page deep in the list by keyset (``after``), both
for a supervisor, an admin and a device, each the median of ``--repeat`` calls; and the same
pages from the listing service alone (the database's share, without HTTP and the test client's
thread hand-offs, which swing most on a busy machine). Beside them, the
ways that read every row: the total count, and a page at a deep ``offset``.

    .venv/bin/python benchmarks/bench_listing.py [--count 100000] [--repeat 15]
        [--postgres-url postgresql://...]   (default: ENCUENTRO_TEST_POSTGRES_URL if set)
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_server import fresh_database, prepare  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from sync.server import accounts, review, schema  # noqa: E402
from sync.server.app import ServerSettings, create_app  # noqa: E402


def fill(db, count: int) -> str:
    """Fill the table; returns the token of a device that sent some of the rows."""
    with db.read() as conn:
        form_pk, project_id = conn.execute(
            schema.forms.select().with_only_columns(schema.forms.c.id, schema.forms.c.project_id)
        ).first()
    other = accounts.create_project(db, "Otro")
    enrolled = [
        accounts.enroll_device(db, accounts.create_enrollment_code(db, "Bench", f"d{i}"))
        for i in range(20)
    ]
    devices = [device["device_id"] for device in enrolled]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    batch = []
    for i in range(count):
        instance_id = f"uuid:{uuid.uuid4()}"
        moment = start + timedelta(seconds=i * 7 // 3)  # some share a second... and ties
        batch.append(
            {
                "instance_id": instance_id,
                "root_id": instance_id,
                "is_current": i % 50 != 0,
                "project_id": project_id if i % 10 else other,
                "form_pk": form_pk,
                "device_id": devices[i % 20] if i % 10 else None,
                "xml": f"<data id='necesidades_250'><n>{i}</n></data>",
                "xml_sha256": "0" * 64,
                "attachments_expected": 0,
                "received_at": moment.isoformat(timespec="microseconds"),
                "review_state": ("received", "approved", "has_issues")[i % 3],
            }
        )
        if len(batch) == 5000:
            with db.write() as conn:
                conn.execute(schema.submissions.insert(), batch)
            batch = []
    if batch:
        with db.write() as conn:
            conn.execute(schema.submissions.insert(), batch)
    if db.dialect == "postgresql":
        with db.write() as conn:
            conn.exec_driver_sql("ANALYZE submissions")
    return enrolled[1]["token"]


def timed(client: TestClient, token: str, params: dict, repeat: int) -> tuple[float, dict]:
    headers = {"Authorization": f"Bearer {token}"}
    times, body = [], {}
    for _ in range(repeat):
        begin = time.perf_counter()
        response = client.get("/api/v1/submissions", headers=headers, params=params)
        times.append((time.perf_counter() - begin) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{params}: {response.status_code} {response.text}")
        body = response.json()
    return statistics.median(times), body


def query_ms(db, principal, after: str | None, repeat: int) -> float:
    """The listing service alone (the database part, no HTTP), median of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        review.list_submissions(
            db, principal, review.SubmissionFilter(), limit=100, after=after, with_total=False
        )
        times.append((time.perf_counter() - begin) * 1000)
    return statistics.median(times)


def bench(kind: str, postgres_url: str | None, count: int, repeat: int) -> None:
    with fresh_database(kind, postgres_url) as url:
        prepare(url)
        app = create_app(ServerSettings(database_url=url))
        db = app.state.db
        begin = time.perf_counter()
        device_token = fill(db, count)
        filled = time.perf_counter() - begin
        accounts.create_user(db, "admin", "bench-admin-password", "admin")
        accounts.create_user(db, "ana", "bench-ana-password", "supervisor", ["Bench"])
        with TestClient(app) as client:
            tokens = {}
            for name, password in (
                ("admin", "bench-admin-password"),
                ("ana", "bench-ana-password"),
            ):
                login = client.post("/api/v1/login", json={"username": name, "password": password})
                tokens[name] = login.json()["token"]
            tokens["device"] = device_token
            print(f"{kind}: {count} submissions filled in {filled:.1f} s")
            for who in ("ana", "admin", "device"):
                first, body = timed(client, tokens[who], {"limit": 100, "total": "false"}, repeat)
                after = body["next"]
                for _ in range(30):  # walk 30 pages in
                    _t, body = timed(client, tokens[who], {"limit": 100, "after": after}, 1)
                    after = body["next"] or after
                deep, _ = timed(client, tokens[who], {"limit": 100, "after": after}, repeat)
                principal = accounts.principal_for_token(db, tokens[who])
                alone = (
                    query_ms(db, principal, None, repeat),
                    query_ms(db, principal, after, repeat),
                )
                print(
                    f"  {who:<7} page of 100: first {first:6.1f} ms, 31st by keyset {deep:6.1f} ms"
                    f"   (query alone: {alone[0]:.1f} ms, {alone[1]:.1f} ms)   (target <= 20 ms)"
                )
            counted, body = timed(client, tokens["ana"], {"limit": 100, "total": "true"}, 3)
            offset, _ = timed(client, tokens["ana"], {"limit": 100, "offset": count // 2}, 3)
            print(
                f"  reading every row: first page with total ({body['total']}) {counted:.1f} ms;"
                f" offset {count // 2} {offset:.1f} ms"
            )
        db.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--postgres-url", default=os.environ.get("ENCUENTRO_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory():
        bench("sqlite", None, args.count, args.repeat)
        if args.postgres_url:
            bench("postgresql", args.postgres_url, args.count, args.repeat)
        else:
            print("PostgreSQL skipped: pass --postgres-url or set ENCUENTRO_TEST_POSTGRES_URL")
    return 0


if __name__ == "__main__":
    sys.exit(main())
