"""Predicates ([...]) and the hoisting that keeps cascading-select filters fast.

In `instance('m')/root/item[county = current()/../county]` the right-hand side is the same for
every item. The compiler finds such context-free parts of a predicate, evaluates them once per
predicate application and lets the per-item code read the stored values (through a ScopedEnv),
so filtering a few hundred choices costs a few hundred cheap comparisons, not path walks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.engine.instance import Node
from app.engine.xpath.parser import BinOp, Call, Expr, Filter, Literal, Negate, Number, Path
from app.engine.xpath.values import to_boolean

# Functions that read the context node, position or size when called without arguments.
_CONTEXT_DEFAULTS = {"position", "last", "string", "string-length", "normalize-space", "number"}
_CONTEXT_DEFAULTS |= {"name", "local-name"}
# Functions whose value changes between calls: keep them per node.
_VOLATILE = {"random", "uuid"}

Fn = Callable[[Any, Node, Node, int, int], Any]


def context_free(expr: Expr) -> bool:
    """True if the value does not depend on the context node, position or size."""
    if isinstance(expr, Literal | Number):
        return True
    if isinstance(expr, Path):
        if expr.start == "root":
            return True  # its predicates run on its own nodes, not on ours
        if expr.start == "context":
            return False
        assert isinstance(expr.start, Expr)
        return context_free(expr.start)
    if isinstance(expr, Filter):
        return context_free(expr.primary)
    if isinstance(expr, Call):
        name = expr.name.rpartition(":")[2]
        if name in _VOLATILE or (not expr.args and name in _CONTEXT_DEFAULTS):
            return False
        if name == "once":
            return False  # reads the bound node, and its argument runs only when that is empty
        return all(context_free(arg) for arg in expr.args)
    if isinstance(expr, BinOp):
        return context_free(expr.left) and context_free(expr.right)
    if isinstance(expr, Negate):
        return context_free(expr.operand)
    return False


def worth_hoisting(expr: Expr) -> bool:
    """Literals are already free; anything that walks paths or calls functions is worth it."""
    return not isinstance(expr, Literal | Number) and context_free(expr)


class ScopedEnv:
    """The evaluation environment plus the hoisted values of the predicate being applied.

    It carries every field of EvalEnv: functions called inside a predicate read them (format-date
    reads locale, property() properties, version() form_version)."""

    __slots__ = (
        "main",
        "instances",
        "properties",
        "form_version",
        "now",
        "rng",
        "choice_label",
        "locale",
        "hoisted",
    )

    def __init__(self, env: Any, hoisted: list[Any]) -> None:
        self.main = env.main
        self.instances = env.instances
        self.properties = env.properties
        self.form_version = env.form_version
        self.now = env.now
        self.rng = env.rng
        self.choice_label = env.choice_label
        self.locale = env.locale
        self.hoisted = hoisted


class Predicate:
    """A compiled predicate: its per-node closure and the context-free parts it reads."""

    __slots__ = ("fn", "hoisted", "index")

    def __init__(self, fn: Fn, hoisted: list[Fn], index: int | None) -> None:
        self.fn = fn
        self.hoisted = hoisted
        self.index = index  # a literal number predicate like [2]: just pick that node

    def apply(self, env: Any, cur: Node, nodes: list[Node]) -> list[Node]:
        if self.index is not None:
            return nodes[self.index - 1 : self.index] if self.index >= 1 else []
        if self.hoisted:
            env = ScopedEnv(env, [h(env, cur, cur, 1, 1) for h in self.hoisted])
        pred = self.fn
        size = len(nodes)
        kept: list[Node] = []
        for position, node in enumerate(nodes, 1):
            value = pred(env, cur, node, position, size)
            if isinstance(value, float):
                if value == position:
                    kept.append(node)
            elif to_boolean(value):
                kept.append(node)
        return kept
