"""Time typical form expressions (a developer tool, not a test):

    .venv/bin/python -m app.engine.xpath.bench

Prints microseconds per evaluation (best of 5 runs) on a form with a 50-instance repeat and a
262-item secondary instance (the size of El Salvador's municipality list).
"""

from __future__ import annotations

import timeit

from app.engine.instance import Node
from app.engine.xpath import EvalEnv, XPathExpr, compile_xpath


def _instances() -> tuple[Node, Node]:
    document = Node("#document")
    data = document.append(Node("data"))
    data.append(Node("a", "5"))
    data.append(Node("b", "x"))
    data.append(Node("county", "c7"))
    data.append(Node("d", "2024-05-01"))
    data.append(Node("multi", "a b c"))
    for i in range(50):
        rep = data.append(Node("rep"))
        rep.append(Node("x", str(i)))
        rep.append(Node("y", ""))
    lists = Node("#document")
    root = lists.append(Node("root"))
    for i in range(262):
        item = root.append(Node("item"))
        item.append(Node("name", f"m{i}"))
        item.append(Node("county", f"c{i % 14}"))
    return document, lists


CASES = [
    ("/data/a > 3 and /data/b = 'x'", "/data"),
    ("../x + 1", "/data/rep[25]/y"),
    ("position(..)", "/data/rep[25]/y"),
    ("selected(/data/multi, 'b')", "/data"),
    ("if(/data/a > 3, concat(/data/b, '-', /data/a), '')", "/data"),
    ("/data/d <= today()", "/data"),
    ("sum(/data/rep/x)", "/data"),
    ("count(/data/rep[x > 10])", "/data"),
    ("instance('municipalities')/root/item[county = current()/../county]", "/data/b"),
]


def main() -> None:
    document, lists = _instances()
    env = EvalEnv(main=document, instances={"municipalities": lists})
    for source, where in CASES:
        expr = compile_xpath(source)
        (context,) = compile_xpath(where).evaluate_nodes(env, document)
        number = 20000 if "instance(" not in source else 500

        def run(e: XPathExpr = expr, c: Node = context) -> object:
            return e.evaluate(env, c)

        best = min(timeit.repeat(run, number=number, repeat=5))
        print(f"{best / number * 1e6:8.2f} µs  {source}")
    compile_time = timeit.timeit(
        lambda: compile_xpath.__wrapped__("if(/data/a > 3, concat(/data/b, '-', /data/a), '')"),
        number=2000,
    )
    print(f"{compile_time / 2000 * 1e6:8.2f} µs  compile (uncached) of the if/concat expression")


if __name__ == "__main__":
    main()
