"""Form engine benchmark: load time, one-answer recompute, repeat add/remove. Prints figures only.

Run from the repository root:

    .venv/bin/python benchmarks/bench_engine.py            # full run (about half a minute)
    .venv/bin/python benchmarks/bench_engine.py --quick    # fewer repetitions

Targets (from the engine brief): a generated form of 1,000 questions with 300 relevance
expressions, 200 calculations and a repeat with 50 instances loads (parse + dependency graph) in
≤ 300 ms; one answer change updates its dependents in median ≤ 2 ms, p95 ≤ 10 ms, running ≥ 20×
fewer expressions than a naive full re-evaluation for a leaf change; in a repeat of 1,000
instances with 5 calculations each, adding or removing one instance takes ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.engine import load_form  # noqa: E402
from app.engine.load import Form  # noqa: E402

HEAD = (
    '<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml" '
    'xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms">'
    "<h:head><h:title>{title}</h:title><model>"
)


def big_form(questions: int = 1000, relevants: int = 300, calculations: int = 200) -> str:
    """990 top-level integer questions and a repeat (50 instances) of 10 more; relevance on 300
    questions and 200 calculations, each reading one or two earlier answers."""
    rng = random.Random(7)
    top = questions - 10
    inner = [f"r{i}" for i in range(1, 11)]
    inner_calcs = [f"rc{i}" for i in range(1, 6)]
    top_calcs = [f"c{i}" for i in range(1, calculations - len(inner_calcs) + 1)]
    relevant_at = set(rng.sample(range(20, top + 1), relevants - 2))
    instance = ["<data id='bench' version='1'>"]
    instance += [f"<q{i}/>" for i in range(1, top + 1)]
    instance += [f"<c{i}/>" for i in range(1, len(top_calcs) + 1)]
    repeat_fields = "".join(f"<{n}/>" for n in inner + inner_calcs)
    instance.append(f"<rep jr:template=''>{repeat_fields}</rep>")
    instance += [f"<rep>{repeat_fields}</rep>" for _ in range(50)]
    instance.append("<total/><meta><instanceID/></meta></data>")
    binds = []
    for i in range(1, top + 1):
        relevant = ""
        if i in relevant_at:
            earlier = rng.randrange(1, i)
            relevant = f' relevant="/data/q{earlier} &gt; {rng.randrange(0, 10)}"'
        binds.append(f'<bind nodeset="/data/q{i}" type="int"{relevant}/>')
    for i, name in enumerate(top_calcs, start=1):
        a, b = rng.randrange(1, top + 1), rng.randrange(1, top + 1)
        expr = f"/data/q{a} + /data/q{b}" if i % 4 else f"/data/c{max(1, i - 1)} * 2"
        if i == 1:
            expr = f"/data/q{a} + /data/q{b}"
        binds.append(f'<bind nodeset="/data/{name}" type="decimal" calculate="{expr}"/>')
    for i, name in enumerate(inner, start=1):
        relevant = ' relevant="../r1 &gt; 0"' if i in (2, 3) else ""
        binds.append(f'<bind nodeset="/data/rep/{name}" type="int"{relevant}/>')
    for i, name in enumerate(inner_calcs, start=1):
        expr = "../r1 * 2" if i == 1 else f"../rc{i - 1} + ../r{i}"
        binds.append(f'<bind nodeset="/data/rep/{name}" type="decimal" calculate="{expr}"/>')
    binds.append('<bind nodeset="/data/total" calculate="sum(/data/rep/rc5)"/>')
    binds.append('<bind nodeset="/data/meta/instanceID" type="string" jr:preload="uid"/>')
    body = [
        f'<input ref="/data/q{i}"><label>Question {i}</label></input>' for i in range(1, top + 1)
    ]
    body.append('<group ref="/data/rep"><label>Rows</label><repeat nodeset="/data/rep">')
    body += [f'<input ref="/data/rep/{n}"><label>{n}</label></input>' for n in inner]
    body.append("</repeat></group>")
    return (
        HEAD.format(title="Benchmark")
        + "<instance>"
        + "".join(instance)
        + "</instance>"
        + "".join(binds)
        + "</model></h:head><h:body>"
        + "".join(body)
        + "</h:body></h:html>"
    )


def wide_repeat_form() -> str:
    """A repeat with one answer and a chain of 5 calculations, plus a total over all instances."""
    calcs = ["../x * 2", "../k1 + 1", "../k2 * ../x", "../k3 - ../k1", "round(../k4 div 3, 2)"]
    fields = "<x/>" + "".join(f"<k{i}/>" for i in range(1, 6))
    binds = ['<bind nodeset="/data/row/x" type="int"/>']
    binds += [
        f'<bind nodeset="/data/row/k{i}" type="decimal" calculate="{expr}"/>'
        for i, expr in enumerate(calcs, start=1)
    ]
    binds.append('<bind nodeset="/data/n" calculate="count(/data/row)"/>')
    return (
        HEAD.format(title="Rows")
        + f"<instance><data id='rows' version='1'><row jr:template=''>{fields}</row>"
        + f"<row>{fields}</row><n/><meta><instanceID/></meta></data></instance>"
        + "".join(binds)
        + "</model></h:head><h:body><group ref='/data/row'><label>Row</label>"
        + "<repeat nodeset='/data/row'><input ref='/data/row/x'><label>x</label></input>"
        + "</repeat></group></h:body></h:html>"
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    runs, changes, repeat_ops = (3, 200, 20) if args.quick else (7, 1000, 50)

    xform = big_form()
    load_times, load_cpu = [], []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        form = Form(xform)
        load_times.append(time.perf_counter() - began)
        load_cpu.append(time.process_time() - began_cpu)
    form = load_form(xform)
    print("Generated form: 1,000 questions, 300 relevance expressions, 200 calculations,")
    print(f"  repeat with 50 instances; {len(form.graph.order)} computations in the graph")
    print(
        f"Load (parse + graph): median {ms(statistics.median(load_times))}, "
        f"CPU {ms(statistics.median(load_cpu))} (target ≤ 300 ms; CPU time is steadier on a "
        "busy machine)"
    )
    began = time.perf_counter()
    session = form.new_session()
    print(f"New session (full compute):  {ms(time.perf_counter() - began)}")
    naive = session.naive_cost()

    rng = random.Random(11)
    refs = [f"/data/q{i}" for i in range(1, 991)]
    refs += [f"/data/rep[{j}]/r{i}" for j in range(1, 51) for i in (1, 4, 5)]
    times, counts = [], []
    for _ in range(changes):
        ref = rng.choice(refs)
        value = str(rng.randrange(0, 12))
        if session.value(ref) == value:
            value = str(int(value) + 12)  # always a real change
        before = session.evaluations
        began = time.perf_counter()
        session.set(ref, value)
        times.append(time.perf_counter() - began)
        counts.append(session.evaluations - before)
    print(
        f"One answer change ({changes} random): median {ms(statistics.median(times))}, "
        f"p95 {ms(percentile(times, 0.95))}, max {ms(max(times))}  (targets ≤ 2 ms, ≤ 10 ms)"
    )
    with_dependents = [t for t, c in zip(times, counts, strict=True) if c > 0]
    print(
        f"  the {len(with_dependents)} changes that had dependents: "
        f"median {ms(statistics.median(with_dependents))}, "
        f"p95 {ms(percentile(with_dependents, 0.95))}"
    )
    print(
        f"  expressions ran per change: median {statistics.median(counts):.0f}, "
        f"mean {statistics.mean(counts):.1f}, max {max(counts)}; "
        f"a naive full re-evaluation runs {naive}"
    )
    before = session.evaluations
    session.set("/data/rep[17]/r4", "3")  # a leaf: one calculation chain in its own instance
    leaf = session.evaluations - before
    print(
        f"  leaf change /data/rep[17]/r4: ran {leaf} vs naive {naive} "
        f"({naive / max(leaf, 1):.0f}× fewer)"
    )

    rows = load_form(wide_repeat_form())
    fields = "<x>3</x>" + "".join(f"<k{i}/>" for i in range(1, 6))
    saved = (
        "<data id='rows' version='1'>"
        + "".join(f"<row>{fields}</row>" for _ in range(1000))
        + "<n/><meta><instanceID>uuid:00000000-0000-4000-8000-000000000000</instanceID>"
        + "</meta></data>"
    )
    began = time.perf_counter()
    big = rows.open_session(saved)
    print(
        f"Repeat of 1,000 instances × 5 calculations: opened in {ms(time.perf_counter() - began)}"
    )
    add_times, remove_times, add_counts = [], [], []
    for _ in range(repeat_ops):
        before = big.evaluations
        began = time.perf_counter()
        new = big.add_repeat("/data/row")
        add_times.append(time.perf_counter() - began)
        add_counts.append(big.evaluations - before)
        big.set(f"{new}/x", "5")
        began = time.perf_counter()
        big.remove_repeat(f"/data/row[{rng.randrange(1, 1000)}]")
        remove_times.append(time.perf_counter() - began)
    print(
        f"  add one instance: median {ms(statistics.median(add_times))}, max {ms(max(add_times))}; "
        f"remove one: median {ms(statistics.median(remove_times))}, max {ms(max(remove_times))} "
        f"(target ≤ 50 ms); expressions per add: {statistics.median(add_counts):.0f} "
        f"vs naive {big.naive_cost()}"
    )
    assert big.value("/data/n") == "1000"


if __name__ == "__main__":
    main()
