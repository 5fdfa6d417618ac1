"""Server ingest benchmark: 250-question submissions through real HTTP to a real uvicorn process.

For each database (SQLite, and PostgreSQL when a URL is given) it starts ``python -m sync.server
server`` on a loopback port and measures submissions per second with 1 client and with 8 concurrent
clients (each a keep-alive HTTP/1.1 connection posting prebuilt multipart bodies), beside the raw
insert rate of the same rows into the same database (SQLAlchemy Core, one transaction per row, no
HTTP), from 1 thread and from 8 threads. The ratios HTTP/raw are the figure: what the web path
costs over the bare insert at the same concurrency. The machine is shared and its load drifts, so
raw and HTTP runs alternate for ``--rounds`` rounds and the median of each round's ratio is
printed. Beside them, CPU milliseconds per submission, which load does not skew: the server's
processes (all workers) per submission over HTTP, and this process per raw insert (SQLite works
inside the process that calls it; PostgreSQL's own backends count in neither). Every submission
is checked to be stored exactly once.

    .venv/bin/python benchmarks/bench_server.py [--count 600] [--workers 2] [--rounds 3]
        [--postgres-url postgresql://...]   (default: ENCUENTRO_TEST_POSTGRES_URL if set)
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sync.server import accounts, forms, schema  # noqa: E402
from sync.server.db import Database, utc_now  # noqa: E402
from sync.server.migrations import migrate  # noqa: E402

QUESTIONS = 250
BOUNDARY = "encuentro-bench-boundary"


def form_xml() -> str:
    """A 250-question XForm: text, integer and select questions in five groups."""
    fields, binds = [], []
    for i in range(QUESTIONS):
        group = f"g{i // 50}"
        fields.append((group, f"q{i:03d}"))
        kind = ("string", "int", "select1")[i % 3]
        binds.append(f'<bind nodeset="/data/{group}/q{i:03d}" type="{kind}"/>')
    groups: dict[str, list[str]] = {}
    for group, name in fields:
        groups.setdefault(group, []).append(f"<{name}/>")
    instance = "".join(f"<{g}>{''.join(items)}</{g}>" for g, items in groups.items())
    return (
        '<?xml version="1.0"?><h:html xmlns="http://www.w3.org/2002/xforms" '
        'xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa">'
        "<h:head><h:title>Evaluación de necesidades (250)</h:title><model><instance>"
        f'<data id="necesidades_250" version="1">{instance}<meta><instanceID/></meta></data>'
        f"</instance>{''.join(binds)}</model></h:head><h:body/></h:html>"
    )


def submission(instance_id: str) -> bytes:
    """One filled-in instance of the 250-question form (about 10 KB)."""
    parts = []
    for g in range(QUESTIONS // 50):
        answers = []
        for i in range(g * 50, g * 50 + 50):
            value = (f"Respuesta número {i} sobre la comunidad", str(i * 7), f"opcion_{i % 5}")[
                i % 3
            ]
            answers.append(f"<q{i:03d}>{value}</q{i:03d}>")
        parts.append(f"<g{g}>{''.join(answers)}</g{g}>")
    return (
        f'<data id="necesidades_250" version="1">{"".join(parts)}'
        f"<meta><instanceID>{instance_id}</instanceID></meta></data>"
    ).encode()


def multipart(xml: bytes) -> bytes:
    return (
        (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="xml_submission_file"; '
            f'filename="submission.xml"\r\nContent-Type: text/xml\r\n\r\n'
        ).encode()
        + xml
        + f"\r\n--{BOUNDARY}--\r\n".encode()
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def fresh_database(kind: str, postgres_url: str | None):
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="encuentro-bench-") as folder:
            yield f"sqlite:///{folder}/server.sqlite3"
        return
    import psycopg

    name = f"bench_{secrets.token_hex(4)}"
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    separator = "&" if "?" in postgres_url else "?"
    try:
        yield f"{postgres_url}{separator}options={quote(f'-csearch_path={name}')}"
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {name} CASCADE")


def prepare(url: str) -> str:
    """Schema, project, the published form and an enrolled device; returns its token."""
    db = Database(url)
    migrate(db)
    accounts.create_project(db, "Bench")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "necesidades_250.xml"
        path.write_text(form_xml(), encoding="utf-8")
        forms.publish_form(db, "Bench", path)
    code = accounts.create_enrollment_code(db, "Bench", "bench laptop")
    token = accounts.enroll_device(db, code)["token"]
    db.dispose()
    return token


def start_server(url: str, port: int, workers: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sync.server",
            "server",
            "--port",
            str(port),
            "--database-url",
            url,
            "--workers",
            str(workers),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/v1/health")
            if conn.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.1)
    os.killpg(process.pid, signal.SIGKILL)
    raise SystemExit("the server did not start")


def post_all(port: int, token: str, bodies: list[bytes], errors: list[str]) -> None:
    """One client: a keep-alive connection posting each body in turn."""
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
        "X-OpenRosa-Version": "1.0",
    }
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for body in bodies:
        conn.request("POST", "/submission", body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        if response.status != 201:
            errors.append(f"{response.status}")
    conn.close()


def group_cpu_s(pgid: int) -> float:
    """CPU seconds used so far by every process of a process group (the server and its workers)."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields after the name: state, ppid, pgrp, ...
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def http_rate(port: int, token: str, count: int, clients: int) -> float:
    bodies = [multipart(submission(f"uuid:{uuid.uuid4()}")) for _ in range(count)]
    shares = [bodies[i::clients] for i in range(clients)]
    errors: list[str] = []
    threads = [threading.Thread(target=post_all, args=(port, token, s, errors)) for s in shares]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise SystemExit(f"{len(errors)} submissions failed: {sorted(set(errors))}")
    return count / elapsed


def raw_insert_rate(url: str, count: int, threads: int) -> float:
    """The same rows into the same tables, one transaction each, without HTTP, from ``threads``
    threads (each with its own connection, as the server's request threads have)."""
    db = Database(url)
    with db.read() as conn:
        form_pk = conn.execute(schema.forms.select().with_only_columns(schema.forms.c.id)).scalar()
        project_id, device_id = conn.execute(
            schema.devices.select().with_only_columns(
                schema.devices.c.project_id, schema.devices.c.id
            )
        ).first()
    rows = []
    for _ in range(count):
        instance_id = f"uuid:{uuid.uuid4()}"
        rows.append((instance_id, submission(instance_id)))

    def insert(share: list[tuple[str, bytes]]) -> None:
        for instance_id, xml in share:
            with db.write() as conn:
                conn.execute(
                    schema.submissions.insert(),
                    {
                        "instance_id": instance_id,
                        "root_id": instance_id,
                        "is_current": True,
                        "project_id": project_id,
                        "form_pk": form_pk,
                        "device_id": device_id,
                        "xml": xml.decode(),
                        "xml_sha256": hashlib.sha256(xml).hexdigest(),
                        "attachments_expected": 0,
                        "received_at": utc_now(),
                        "review_state": "received",
                    },
                )

    workers = [threading.Thread(target=insert, args=(rows[i::threads],)) for i in range(threads)]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - start
    db.dispose()
    return count / elapsed


def stored_count(url: str) -> int:
    db = Database(url)
    with db.read() as conn:
        total = conn.execute(
            schema.submissions.select().with_only_columns(schema.submissions.c.id)
        ).all()
    db.dispose()
    return len(total)


def durability(url: str) -> str:
    """How commits reach the disk, printed beside the figures (they depend on it)."""
    db = Database(url)
    with db.read() as conn:
        if db.dialect == "sqlite":
            mode = conn.exec_driver_sql("PRAGMA synchronous").scalar()
            text = f"synchronous={ {0: 'OFF', 1: 'NORMAL', 2: 'FULL', 3: 'EXTRA'}.get(mode, mode) }"
        else:
            fsync = conn.exec_driver_sql("SHOW fsync").scalar()
            commit = conn.exec_driver_sql("SHOW synchronous_commit").scalar()
            text = f"fsync={fsync}, synchronous_commit={commit}"
    db.dispose()
    return text


def bench(kind: str, postgres_url: str | None, count: int, workers: int, rounds: int) -> dict:
    with fresh_database(kind, postgres_url) as url:
        token = prepare(url)
        port = free_port()
        process = start_server(url, port, workers)
        ratios_one, ratios_eight, figures = [], [], []
        sent = 30
        try:
            http_rate(port, token, 30, 2)  # warm up: connections, caches, page cache
            for _round in range(rounds):
                raw_one = raw_insert_rate(url, count // 4, 1)
                one = http_rate(port, token, count // 2, 1)
                raw_cpu_before = time.process_time()
                raw_eight = raw_insert_rate(url, count // 2, 8)
                raw_cpu = (time.process_time() - raw_cpu_before) / (count // 2)
                cpu_mid = group_cpu_s(process.pid)
                eight = http_rate(port, token, count, 8)
                http_cpu = (group_cpu_s(process.pid) - cpu_mid) / count
                sent += count // 4 + count // 2 + count // 2 + count
                ratios_one.append(one / raw_one)
                ratios_eight.append(eight / raw_eight)
                figures.append((one, raw_one, eight, raw_eight, http_cpu, raw_cpu))
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)
        stored = stored_count(url)
        if stored != sent:
            raise SystemExit(f"{kind}: {stored} stored, expected {sent}")
        middle = sorted(range(rounds), key=lambda i: ratios_eight[i])[rounds // 2]
        one, raw_one, eight, raw_eight, http_cpu, raw_cpu = figures[middle]
        return {
            "one": one,
            "eight": eight,
            "raw_one": raw_one,
            "raw_eight": raw_eight,
            "ratio_one": sorted(ratios_one)[rounds // 2],
            "ratio_eight": ratios_eight[middle],
            "http_cpu_ms": 1000 * sorted(f[4] for f in figures)[rounds // 2],
            "raw_cpu_ms": 1000 * sorted(f[5] for f in figures)[rounds // 2],
            "durability": durability(url),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=600, help="submissions with 8 clients")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--rounds", type=int, default=3, help="alternating raw/HTTP rounds")
    parser.add_argument("--postgres-url", default=os.environ.get("ENCUENTRO_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    kinds = ["sqlite"] + (["postgresql"] if args.postgres_url else [])
    size = len(submission(f"uuid:{uuid.uuid4()}"))
    print(
        f"submission: {QUESTIONS} questions, {size} bytes of XML; server workers: {args.workers}; "
        f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print(
        f"{'database':<11} {'HTTP 1 client/s':>15} {'raw 1 thread/s':>14} {'ratio':>6}"
        f" {'HTTP 8 clients/s':>16} {'raw 8 threads/s':>15} {'ratio':>6}"
        f" {'CPU ms HTTP':>11} {'CPU ms raw':>10}"
    )
    for kind in kinds:
        r = bench(kind, args.postgres_url, args.count, args.workers, args.rounds)
        print(
            f"{kind:<11} {r['one']:>15.0f} {r['raw_one']:>14.0f} {r['ratio_one']:>6.2f}"
            f" {r['eight']:>16.0f} {r['raw_eight']:>15.0f} {r['ratio_eight']:>6.2f}"
            f" {r['http_cpu_ms']:>11.2f} {r['raw_cpu_ms']:>10.2f}   ({r['durability']})",
            flush=True,
        )
    print(
        f"ratios: median of {args.rounds} alternating rounds (target: 8 clients >= 0.50); CPU ms:"
        " per submission, server processes (HTTP, 8 clients) vs this process (raw, 8 threads)"
    )
    if not args.postgres_url:
        print("PostgreSQL skipped: pass --postgres-url or set ENCUENTRO_TEST_POSTGRES_URL")
    return 0


if __name__ == "__main__":
    sys.exit(main())
