"""Benchmark: findings, the REFI-QDA export and the PDF report over N focus-group sessions.

    .venv/bin/python benchmarks/bench_findings.py [--sessions 2000] [--note-chars 600]
        [--only view]

N sessions spread over the four built-in focus-group guides (all approved; each topic with notes
of about --note-chars characters, up to three quotes and up to three coded themes, rosters of 2
to 8) plus N/2 needs assessments, held in memory as the export's SubmissionRecords, so the
figures are the findings code's own (a database source adds its read time). Prints the median of
--runs runs in ms: findings cold (every submission's XML parsed and read), findings warm (a
SessionCache, as the findings view keeps: another filter, or the view opened again), the .qdpx
written to a temporary file, the report (findings + content + PDF laid out by Qt offscreen).

First, the findings view (``--only view`` times just this): the same sessions in a supervisor's
data file, every review state (the view's default, approved only, reads fewer); median wall
clock and CPU time (on a shared machine the wall clock also counts others' use of the cores):
  view first open: nothing read yet (every XML parsed, then kept in the store's findings cache);
  view cold: a new process (empty memory, forms parsed again), sessions from the findings cache;
  view warm: the view's memory kept (another filter, or the tab shown again);
  view laid out: the GUI thread's part, the counted findings laid into the Qt view (offscreen).
Opening the view costs a count (cold or warm) plus the lay-out.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.export.qdpx import write_qdpx  # noqa: E402
from app.findings import (  # noqa: E402
    FindingsFilter,
    FormSubmissions,
    SessionCache,
    compute_findings,
)
from app.findings.book import SessionMemory, SupervisorFindings, ViewQuery  # noqa: E402
from app.findings.compute import cached_roles  # noqa: E402
from app.findings.report import build_report  # noqa: E402
from app.findings.tables import need_table, theme_table  # noqa: E402
from reports.pdf import write_pdf  # noqa: E402
from tests.findings.synthetic import (  # noqa: E402
    FOCUS_FORMS,
    NEEDS_FORM,
    form_xml,
    random_focus_groups,
    random_needs,
)


def timed(run, runs: int) -> tuple[float, object]:  # noqa: ANN001
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def laid_out(store: object, runs: int) -> tuple[float, float]:
    """The GUI thread's part of opening the view: the counted findings laid into the Qt
    tables, the chart and the first count's quotes (offscreen), at 1366x700."""
    from PySide6.QtWidgets import QApplication

    from ui.findings.controller import FindingsController
    from ui.findings.view import FindingsView

    app = QApplication.instance() or QApplication([])
    book = SupervisorFindings(store)  # type: ignore[arg-type]
    view = FindingsView()
    view.resize(1366, 700)
    view.show()
    controller = FindingsController(view, lambda: book, supervisor=True)
    found = book.findings(ViewQuery(review_states=None), "es")
    result = (book.forms("es"), found, found.top_themes(limit=8))

    def lay_out() -> None:
        controller._show(result)  # noqa: SLF001 - what the worker's result is handed to
        app.processEvents()

    ms, cpu, _ = timed_cpu(lay_out, runs)
    view.close()
    return ms, cpu


def timed_cpu(run, runs: int) -> tuple[float, float, object]:  # noqa: ANN001
    """Median wall-clock and CPU milliseconds of ``runs`` calls, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        result = run()
        walls.append((time.perf_counter() - start) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return statistics.median(walls), statistics.median(cpus), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--note-chars", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=("all", "view"), default="all")
    args = parser.parse_args()
    per_group = max(1, args.sessions // len(FOCUS_FORMS))
    approved = ["approved"]
    forms = [
        FormSubmissions(
            form_xml(form_id),
            random_focus_groups(
                group, per_group, seed=i, note_chars=args.note_chars, states=approved
            ),
        )
        for i, (group, form_id) in enumerate(FOCUS_FORMS.items())
    ]
    sessions = per_group * len(FOCUS_FORMS)
    forms.append(
        FormSubmissions(form_xml(NEEDS_FORM), random_needs(max(1, sessions // 2), states=approved))
    )
    size = sum(len(r.xml) for f in forms for r in f.source.records) / 1e6
    print(
        f"{sessions} focus-group sessions + {sessions // 2} needs assessments ({size:.1f} MB XML)"
    )
    view(forms, args.runs)
    if args.only == "view":
        return 0
    compute_findings(forms)  # warm the form parse caches of the engine's XPath compiler
    ms, findings = timed(lambda: compute_findings(forms, FindingsFilter()), args.runs)
    print(
        f"findings cold: {ms:.0f} ms ({len(findings.sessions)} sessions, "
        f"{len(findings.themes)} counts)"
    )
    cache = SessionCache()
    compute_findings(forms, cache=cache)
    some = FindingsFilter(date_from="2026-03-01", date_to="2026-09-30")
    ms, findings = timed(lambda: compute_findings(forms, some, cache=cache), args.runs)
    print(f"findings warm (cached sessions, new filter): {ms:.0f} ms")
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "bench.qdpx"

        def qdpx() -> object:
            with open(target, "wb") as out:
                return write_qdpx(out, forms)

        ms, summary = timed(qdpx, args.runs)
        print(
            f"qdpx: {ms:.0f} ms ({summary.sources} sources, {summary.selections} selections, "
            f"{target.stat().st_size / 1e6:.1f} MB)"
        )
        pdf = Path(folder) / "bench.pdf"

        def report() -> int:
            content = build_report(compute_findings(forms), project="Bench", language="es")
            return write_pdf(content, pdf)

        ms, pages = timed(report, args.runs)
        print(f"report: {ms:.0f} ms ({pages} pages)")
    return 0


def view(forms: list[FormSubmissions], runs: int) -> None:
    """Time what opening the findings view computes, over a supervisor's data file."""
    from app.store import Store
    from forms.builder.common import VERSION
    from tests.findings.synthetic import FOCUS_FORMS as _FOCUS

    every = ViewQuery(review_states=None)

    def open_view(memory: SessionMemory | None) -> int:
        found = SupervisorFindings(store).findings(every, "es", cache=memory)
        theme_table(found, "group")
        need_table(found, "group")
        return len(found.sessions) + found.assessments

    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "encuentro.sqlite3")
        cache = store.review_cache
        ids = [*_FOCUS.values(), NEEDS_FORM]
        with cache.batch():
            for form_id, entry in zip(ids, forms, strict=True):
                cache.put_form(form_id, VERSION, 1, form_id, entry.form_xml)
                records = entry.source.records
                cache.upsert_listed(
                    {
                        "instance_id": r.instance_id,
                        "root_id": r.instance_id,
                        "is_current": True,
                        "project_id": 1,
                        "form_id": form_id,
                        "form_version": VERSION,
                        "device_id": r.submitter_id,
                        "received_at": f"2026-11-30T10:{n // 60 % 60:02d}:{n % 60:02d}+00:00",
                        "review_state": r.review_state,
                    }
                    for n, r in enumerate(records)
                )
                for r in records:
                    cache.put_detail(
                        r.instance_id,
                        str(r.xml),
                        facilitator=None,
                        community=None,
                        community_label=None,
                        attachments=[],
                        events=[],
                    )

        def first() -> int:
            store.findings_cache.clear("review")
            cached_roles.cache_clear()
            return open_view(None)

        def cold() -> int:
            cached_roles.cache_clear()
            return open_view(None)

        # CPU time beside the wall clock: on a shared machine the wall clock also counts the
        # time other processes held the cores.
        ms, cpu, n = timed_cpu(first, runs)
        print(
            f"view first open (every XML parsed, then kept): {ms:.0f} ms, CPU {cpu:.0f} ms "
            f"({n} sessions)"
        )
        ms, cpu, n = timed_cpu(cold, runs)
        print(f"view cold (new process, sessions kept in the store): {ms:.0f} ms, CPU {cpu:.0f} ms")
        memory = SessionMemory()
        open_view(memory)
        ms, cpu, n = timed_cpu(lambda: open_view(memory), runs)
        print(f"view warm (the view's memory kept): {ms:.0f} ms, CPU {cpu:.0f} ms")
        ms, cpu = laid_out(store, runs)
        print(
            f"view laid out on the GUI thread (tables, chart, quotes): {ms:.0f} ms, "
            f"CPU {cpu:.0f} ms"
        )
        store.close()


if __name__ == "__main__":
    sys.exit(main())
