"""Export benchmark: a 250-question form's submissions from the server's database to a file.

Builds a SQLite database (and a PostgreSQL one when a URL is given) holding the benchmark form of
``bench_server.py`` (250 questions in five groups) twice, in two projects:
``--count`` submissions in one and ``--large`` in the other, inserted in bulk through the server's
own tables. Then, each in a fresh child process (so that peak RSS is the export's own):

- seconds to export ``--count`` submissions to CSV (.zip) and to XLSX, as ``main.py export`` does
  (the database read, one parse per submission, the rows, the file written whole), wall clock and
  the process's CPU time (on a shared machine the wall clock includes waiting for a core);
- peak RSS and tracemalloc's peak of the CSV export at ``--count`` and at ``--large``: flat memory
  means the two stay close although the second has four times the rows.

    .venv/bin/python benchmarks/bench_export.py [--count 5120] [--large 20480] [--runs 3]
        [--postgres-url postgresql://...]   (default: ENCUENTRO_TEST_POSTGRES_URL if set)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_server import form_xml, submission  # noqa: E402

from sync.server import accounts, forms, schema  # noqa: E402
from sync.server.db import Database, utc_now  # noqa: E402
from sync.server.migrations import migrate  # noqa: E402

FORM_ID = "necesidades_250"
BATCH = 1000


@contextmanager
def fresh_database(kind: str, postgres_url: str | None):
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="encuentro-bench-export-") as folder:
            yield f"sqlite:///{folder}/server.sqlite3"
        return
    import psycopg

    name = f"bench_export_{secrets.token_hex(4)}"
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    separator = "&" if "?" in postgres_url else "?"
    try:
        yield f"{postgres_url}{separator}options={quote(f'-csearch_path={name}')}"
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {name} CASCADE")


def prepare(url: str, counts: dict[str, int]) -> None:
    """Each project with the form published, a device, and its submissions (bulk insert of the
    rows ingest writes; a tenth approved, so --approved-only has something to leave out)."""
    db = Database(url)
    migrate(db)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{FORM_ID}.xml"
        path.write_text(form_xml(), encoding="utf-8")
        for project, count in counts.items():
            project_id = accounts.create_project(db, project)
            published = forms.publish_form(db, project, path)
            code = accounts.create_enrollment_code(db, project, f"laptop {project}")
            device_id = accounts.enroll_device(db, code)["device_id"]
            with db.read() as conn:
                form_pk = conn.execute(
                    schema.forms.select()
                    .with_only_columns(schema.forms.c.id)
                    .where(
                        schema.forms.c.project_id == project_id,
                        schema.forms.c.version == published["version"],
                    )
                ).scalar_one()
            for start in range(0, count, BATCH):
                rows = []
                for number in range(start, min(count, start + BATCH)):
                    instance_id = f"uuid:{uuid.uuid4()}"
                    xml = submission(instance_id)
                    rows.append(
                        {
                            "instance_id": instance_id,
                            "root_id": instance_id,
                            "deprecated_id": None,
                            "is_current": True,
                            "project_id": project_id,
                            "form_pk": form_pk,
                            "device_id": device_id,
                            "xml": xml.decode("utf-8"),
                            "xml_sha256": hashlib.sha256(xml).hexdigest(),
                            "attachments_expected": 0,
                            "received_at": utc_now(),
                            "review_state": "approved" if number % 10 == 0 else "received",
                        }
                    )
                with db.write() as conn:
                    conn.execute(schema.submissions.insert(), rows)
    db.dispose()


def measure_one(url: str, project: str, fmt: str, trace: bool) -> dict[str, float]:
    """One export in this process (a child): seconds, peak RSS, tracemalloc peak."""
    from app.export import ExportOptions, export_to_file
    from app.export.layout import load_layout
    from sync.server.export_source import DatabaseSubmissions, find_export_form

    db = Database(url)
    project_id = accounts.project_id(db, project)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"export.{fmt}"
        if trace:
            tracemalloc.start()
        start, cpu = time.perf_counter(), time.process_time()
        form = find_export_form(db, project_id, FORM_ID)
        source = DatabaseSubmissions(db, project_id, FORM_ID)
        summary = export_to_file(target, form.xml, source, ExportOptions(format=fmt))
        seconds = time.perf_counter() - start
        cpu_seconds = time.process_time() - cpu
        peak = tracemalloc.get_traced_memory()[1] if trace else 0
        size = target.stat().st_size
    db.dispose()
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "seconds": seconds,
        "cpu": cpu_seconds,
        "rss_mb": rss_kb / 1024,
        "traced_mb": peak / 1024 / 1024,
        "submissions": summary.submissions,
        "columns": len(load_layout(form.xml).tables[0].headers),
        "bytes": size,
    }


def child(url: str, project: str, fmt: str, trace: bool = False) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", url, project, fmt, "trace" if trace else "time"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def bench(kind: str, url: str, args: argparse.Namespace) -> None:
    started = time.perf_counter()
    prepare(url, {"Base": args.count, "Large": args.large})
    print(
        f"[{kind}] {args.count:,} + {args.large:,} submissions inserted "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    csv_runs = [child(url, "Base", "csv") for _ in range(args.runs)]
    seconds = [run["seconds"] for run in csv_runs]
    cpu = [run["cpu"] for run in csv_runs]
    print(
        f"[{kind}] CSV export of {args.count:,} submissions ({csv_runs[0]['columns']} columns): "
        f"median {statistics.median(seconds):.2f} s, best {min(seconds):.2f} s "
        f"(CPU median {statistics.median(cpu):.2f} s) over {args.runs} runs; "
        f"{csv_runs[0]['bytes'] / 1e6:.1f} MB zip",
        flush=True,
    )
    xlsx = child(url, "Base", "xlsx")
    print(
        f"[{kind}] XLSX export of {args.count:,} submissions: {xlsx['seconds']:.2f} s "
        f"(CPU {xlsx['cpu']:.2f} s); {xlsx['bytes'] / 1e6:.1f} MB workbook; "
        f"peak RSS {xlsx['rss_mb']:.0f} MB",
        flush=True,
    )
    large = child(url, "Large", "csv")
    print(
        f"[{kind}] CSV export memory: peak RSS {csv_runs[0]['rss_mb']:.0f} MB at "
        f"{args.count:,}, {large['rss_mb']:.0f} MB at {args.large:,} "
        f"({large['seconds']:.2f} s)",
        flush=True,
    )
    small_trace = child(url, "Base", "csv", trace=True)
    large_trace = child(url, "Large", "csv", trace=True)
    print(
        f"[{kind}] CSV export memory: tracemalloc peak {small_trace['traced_mb']:.1f} MB at "
        f"{args.count:,}, {large_trace['traced_mb']:.1f} MB at {args.large:,}",
        flush=True,
    )


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        url, project, fmt, mode = sys.argv[2:6]
        print(json.dumps(measure_one(url, project, fmt, mode == "trace")))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=5120)
    parser.add_argument("--large", type=int, default=20480)
    parser.add_argument("--runs", type=int, default=3, help="CSV timing runs (median, best)")
    parser.add_argument("--postgres-url", default=os.environ.get("ENCUENTRO_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(f"load average at start {load:.1f} on {os.cpu_count()} CPUs (shared machine: noisy)")
    with fresh_database("sqlite", None) as url:
        bench("SQLite", url, args)
    if args.postgres_url:
        with fresh_database("postgresql", args.postgres_url) as url:
            bench("PostgreSQL", url, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
