"""Benchmark: supervisor mode over a real server: the first pull of N focus-group sessions, a
pull with nothing new, a page of the review list, one session rendered, the dashboard's figures,
the export of every cached session to CSV (.zip) and XLSX (the desktop's Export…).

    .venv/bin/python benchmarks/bench_supervisor.py [--sessions 1000]

A server subprocess (uvicorn, SQLite) on a loopback port with the built-in women's focus-group
guide; a laptop sends N finalised sessions (3 participants, notes, a quote, themes; communities
and weeks varied); then a supervisor's data file signs in and pulls. Prints each figure in ms.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from keyring.backends.fail import Keyring as NoKeyring  # noqa: E402

from app.engine import load_form  # noqa: E402
from app.export import ExportOptions  # noqa: E402
from app.store import Store  # noqa: E402
from app.store.review_cache import ReviewFilter  # noqa: E402
from app.supervisor.dashboard import figures  # noqa: E402
from app.supervisor.desk import SupervisorDesk  # noqa: E402
from sync.credentials import TokenVault  # noqa: E402
from sync.server import accounts  # noqa: E402
from tests.supervisor.focus_groups import (  # noqa: E402
    FocusGroup,
    Person,
    mujeres_xform,
    publish_mujeres,
    session_xml,
)
from tests.sync.harness import PROJECT, CentralServer, Laptop  # noqa: E402

COMMUNITIES = ("smg_el_amate", "smg_el_brazo", "smg_jalacatal", "smg_la_canoa", "smg_volcan")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-supervisor-") as folder:
        root = Path(folder)
        server = CentralServer(root / "server")
        accounts.create_user(server.db, "luisa", "clave-de-luisa-1", "supervisor", [PROJECT])
        server.start()
        try:
            publish_mujeres(server, root / "forms")
            laptop = Laptop.open(root / "laptop", server.url, timeout=30.0)
            laptop.client.enroll(server.enrollment_code("Laptop 1"))
            form = load_form(mujeres_xform())
            laptop.store.forms.add(form.form_id, form.version, form.title, mujeres_xform())
            template = session_xml(
                FocusGroup(
                    ("san_miguel", "san_miguel", "smg_el_amate"),
                    people=[Person("P01"), Person("P02", sex="hombre"), Person("P03")],
                )
            )
            start = date(2026, 9, 7)
            for n in range(args.sessions):
                instance_id = f"uuid:{uuid.uuid4()}"
                xml = re.sub(
                    r"<instanceID>[^<]*</instanceID>",
                    f"<instanceID>{instance_id}</instanceID>",
                    template,
                )
                xml = xml.replace("smg_el_amate", COMMUNITIES[n % len(COMMUNITIES)])
                day = (start + timedelta(days=n % 90)).isoformat()
                xml = re.sub(
                    r"<session_date>[^<]*</session_date>",
                    f"<session_date>{day}</session_date>",
                    xml,
                )
                laptop.store.submissions.create(instance_id, form.form_id, form.version, xml)
                laptop.store.submissions.finalize(instance_id, xml)
            sent = laptop.client.sync()
            assert len(sent.sent) == args.sessions, sent
            laptop.close()

            store = Store.open(root / "supervisor" / "encuentro.sqlite3")
            desk = SupervisorDesk(
                store, vault=TokenVault(store.settings, store.path, backend=NoKeyring())
            )
            desk.sign_in(server.url, "luisa", "clave-de-luisa-1")
            began = time.perf_counter()
            _sent, pulled = desk.sync()
            first = time.perf_counter() - began
            began = time.perf_counter()
            _sent, again = desk.sync()
            second = time.perf_counter() - began
            began = time.perf_counter()
            page = desk.list(ReviewFilter(), 0, 100)
            count = desk.count(ReviewFilter())
            listing = time.perf_counter() - began
            began = time.perf_counter()
            desk.rendering(page[0].instance_id, "es")
            rendering = time.perf_counter() - began
            began = time.perf_counter()
            found = figures(store, "es")
            dashboard = time.perf_counter() - began
            exports = {}
            for kind in ("csv", "xlsx"):
                began = time.perf_counter()
                summary = desk.export(
                    form.form_id, root / f"export.{kind}", ExportOptions(format=kind, labels=True)
                )
                exports[kind] = (time.perf_counter() - began, summary.submissions)
            store.close()
        finally:
            server.stop()
    print(f"sessions: {args.sessions} (pulled {pulled.fetched}, listed {count})")
    print(f"first pull (list + XML + history of each): {ms(first)}")
    print(f"pull with nothing new: {ms(second)} (details fetched again: {again.fetched})")
    print(f"review list, count + first page of 100: {ms(listing)}")
    print(f"one session rendered (form parsed on first use): {ms(rendering)}")
    print(f"dashboard figures over {found.sessions} sessions: {ms(dashboard)}")
    for kind, (seconds, exported) in exports.items():
        print(f"export of {exported} sessions from the cache to {kind} (labels): {ms(seconds)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
