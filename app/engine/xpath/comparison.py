"""XPath 1.0 comparisons (=, !=, <, <=, >, >=) with ODK's refinements.

- Node-sets compare existentially, as XPath 1.0 says: `/data/rep/x = 2` is true if any x is 2.
- Numbers are equal within 1e-12, as JavaRosa does, so `0.1 + 0.2 = 0.3` holds in a constraint.
- Relational comparisons convert both sides to numbers; date values and date-typed nodes become
  days since the epoch, so `. <= today()` and `/data/start < /data/end` work on dates; text that
  merely looks like a date is not a number (JavaRosa). `=` compares dates and text as text.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from app.engine.instance import Node
from app.engine.xpath.values import node_number, to_boolean, to_number, to_string

Test = Callable[[Any, Any], bool]
TOLERANCE = 1e-12


def _number_eq(a: float, b: float) -> bool:
    return a == b or abs(a - b) < TOLERANCE


def _number_ne(a: float, b: float) -> bool:
    return not (a == b or abs(a - b) < TOLERANCE)


STRING_TESTS: dict[str, Test] = {"=": operator.eq, "!=": operator.ne}
NUMBER_TESTS: dict[str, Test] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "=": _number_eq,
    "!=": _number_ne,
}
FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!="}


def compare(op: str, a: object, b: object) -> bool:
    """Compare two evaluator values with operator `op`."""
    relational = op not in ("=", "!=")
    if isinstance(a, list):
        if isinstance(b, list):
            return _nodes_vs_nodes(op, relational, a, b)
        return compare_nodes(op, a, b)
    if isinstance(b, list):
        return compare_nodes(FLIP[op], b, a)
    if relational:
        return NUMBER_TESTS[op](to_number(a), to_number(b))
    if isinstance(a, bool) or isinstance(b, bool):
        return STRING_TESTS[op](to_boolean(a), to_boolean(b))
    if isinstance(a, float | int) or isinstance(b, float | int):
        return NUMBER_TESTS[op](to_number(a), to_number(b))
    # Text and dates (JavaRosa): equal when they read the same, date('2024-05-01') = '2024-05-01'
    return STRING_TESTS[op](to_string(a), to_string(b))


def _nodes_vs_nodes(op: str, relational: bool, a: list[Node], b: list[Node]) -> bool:
    if relational:
        test = NUMBER_TESTS[op]
        right = [node_number(n) for n in b]
        return any(test(node_number(n), r) for n in a for r in right)
    right_text = {n.string_value() for n in b}
    if op == "=":
        return any(n.string_value() in right_text for n in a)
    return any(n.string_value() != r for n in a for r in right_text)


def compare_nodes(op: str, nodes: list[Node], other: object) -> bool:
    """A node-set (on the left) against a value that is not a node-set."""
    if isinstance(other, bool):
        return compare(op, to_boolean(nodes), other)
    if op in ("=", "!=") and not isinstance(other, float | int):
        test = STRING_TESTS[op]
        text = to_string(other)
        return any(test(n.string_value(), text) for n in nodes)
    test = NUMBER_TESTS[op]
    number = to_number(other)
    return any(test(node_number(n), number) for n in nodes)
