"""A burst of parallel wrong logins against a real server process: what it costs in memory.

Starts ``python -m sync.server server --workers 1`` on a loopback port with a SQLite file (or
PostgreSQL), production argon2 parameters (64 MiB per check), and sends N wrong logins at once,
each for another username (so that only the per-address limit and the bound on concurrent password
checks hold them back). Prints the answers by status, the wall time, and the server process's peak
resident memory (VmHWM) before and after the burst.

    .venv/bin/python benchmarks/bench_login_burst.py [--count 40] [--postgres-url URL]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sync.server import accounts  # noqa: E402
from sync.server.db import Database  # noqa: E402
from sync.server.migrations import migrate  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def peak_rss_mib(pid: int) -> float:
    """The highest resident set size of the process and its children so far (Linux)."""
    total = 0.0
    for proc in [pid, *children(pid)]:
        try:
            for line in Path(f"/proc/{proc}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total = max(total, int(line.split()[1]) / 1024)
        except OSError:
            pass
    return total


def children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(c) for c in found] + [g for c in found for g in children(int(c))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--postgres-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.postgres_url or f"sqlite:///{Path(folder) / 'server.sqlite3'}"
        db = Database(url)
        migrate(db)
        accounts.create_user(db, "ana", "ana-password", "admin")
        db.dispose()
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "sync.server", "server", "--port", str(port)]
            + ["--database-url", url, "--workers", "1"],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    requests.get(f"{base}/api/v1/health", timeout=1)
                    break
                except requests.ConnectionError:
                    time.sleep(0.1)
            before = peak_rss_mib(server.pid)

            def wrong(n: int) -> int:
                answer = requests.post(
                    f"{base}/api/v1/login",
                    json={"username": f"nadie{n}", "password": "guess1234"},
                    timeout=120,
                )
                return answer.status_code

            start = time.perf_counter()
            with ThreadPoolExecutor(args.count) as pool:
                statuses = Counter(pool.map(wrong, range(args.count)))
            elapsed = time.perf_counter() - start
            after = peak_rss_mib(server.pid)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=15)
    database = "postgresql" if args.postgres_url else "sqlite"
    print(
        f"{args.count} parallel wrong logins ({database}): answers {dict(sorted(statuses.items()))}"
    )
    print(
        f"  wall time {elapsed:.2f} s; server peak RSS {before:.0f} MiB before, {after:.0f} after"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
