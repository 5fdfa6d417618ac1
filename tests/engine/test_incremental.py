"""Incremental recompute must give exactly what a full re-evaluation gives, at a fraction of it."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

from app.engine import load_form

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_engine.py"


def _bench_module():
    spec = importlib.util.spec_from_file_location("bench_engine", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_random_changes_on_the_benchmark_form_match_a_full_recompute():
    bench = _bench_module()
    form = load_form(bench.big_form())
    session = form.new_session()
    rng = random.Random(3)
    refs = [f"/data/q{i}" for i in range(1, 991)]
    refs += [f"/data/rep[{j}]/r{i}" for j in range(1, 51) for i in (1, 2, 4, 5)]
    ran = 0
    for step in range(600):
        ref = rng.choice(refs)
        if not session.relevant(ref):
            continue
        before = session.evaluations
        session.set(ref, str(rng.randrange(0, 12)))
        ran += session.evaluations - before
        if step % 150 == 149:
            session.add_repeat("/data/rep")
            session.remove_repeat(f"/data/rep[{rng.randrange(1, 50)}]")
    incremental = session.to_xml(include_non_relevant=True)
    relevance = [session.relevant(ref) for ref in refs]
    session.recompute_all()
    assert session.to_xml(include_non_relevant=True) == incremental
    assert [session.relevant(ref) for ref in refs] == relevance
    assert ran * 20 < 600 * session.naive_cost()


def test_repeat_of_a_thousand_instances_adds_and_removes_locally():
    bench = _bench_module()
    form = load_form(bench.wide_repeat_form())
    fields = "<x>2</x>" + "".join(f"<k{i}/>" for i in range(1, 6))
    rows = "".join(f"<row>{fields}</row>" for _ in range(1000))
    session = form.open_session(f"<data id='rows'>{rows}<n/><meta><instanceID/></meta></data>")
    assert session.value("/data/n") == "1000"
    assert session.value("/data/row[1000]/k5") == "2"  # k1=4 k2=5 k3=10 k4=6 k5=6 div 3
    before = session.evaluations
    ref = session.add_repeat("/data/row")
    assert ref == "/data/row[1001]" and session.value("/data/n") == "1001"
    before = session.evaluations
    session.remove_repeat("/data/row[5]")
    assert session.evaluations - before == 1  # only count(/data/row)
    assert session.value("/data/n") == "1000"
