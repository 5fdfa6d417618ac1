"""Compile an XPath AST into nested Python closures.

Every compiled piece is a function `f(env, cur, node, pos, size)`: `env` is the EvalEnv, `cur` the
node the evaluation started on (for current()), `node` the context node, `pos`/`size` the context
position and size (1-based; they matter inside predicates). Passing these as plain arguments
keeps an evaluation free of per-step allocations, which is what makes it fast.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from app.engine.instance import Node
from app.engine.xpath import axes
from app.engine.xpath.comparison import NUMBER_TESTS, STRING_TESTS, compare
from app.engine.xpath.lexer import XPathError
from app.engine.xpath.parser import BinOp, Call, Expr, Filter, Literal, Negate, Number, Path, Step
from app.engine.xpath.predicates import Predicate, worth_hoisting
from app.engine.xpath.values import node_number, to_boolean, to_number

Fn = Callable[[Any, Node, Node, int, int], Any]
# Static result types, used to pick specialised closures: "nodes", "string", "number",
# "boolean" or "any".
Compiled = tuple[Fn, str]


def compile_ast(expr: Expr, source: str) -> Fn:
    """Compile a parsed expression; unknown functions and wrong argument counts raise here."""
    return _Compiler(source).compile(expr)[0]


class _Compiler:
    def __init__(self, source: str) -> None:
        self.source = source
        # Inside a predicate: where its context-free parts go (see predicates.py).
        self.hoist: list[Fn] | None = None

    def compile(self, expr: Expr) -> Compiled:
        method: Callable[[Expr], Compiled] = getattr(self, "c_" + type(expr).__name__)
        target = self.hoist
        if target is None or not worth_hoisting(expr):
            return method(expr)
        self.hoist = None
        try:
            fn, kind = method(expr)
        finally:
            self.hoist = target
        slot = len(target)
        target.append(fn)
        return (lambda e, c, n, p, s: e.hoisted[slot]), kind

    def predicate(self, expr: Expr) -> Predicate:
        if isinstance(expr, Number) and expr.value.is_integer():
            return Predicate(lambda e, c, n, p, s: expr.value, [], int(expr.value))
        saved = self.hoist
        self.hoist = []
        try:
            fn, _ = self.compile(expr)
            return Predicate(fn, self.hoist, None)
        finally:
            self.hoist = saved

    # -- primaries -------------------------------------------------------------------------
    def c_Literal(self, expr: Literal) -> Compiled:
        value = expr.value
        return (lambda env, cur, node, pos, size: value), "string"

    def c_Number(self, expr: Number) -> Compiled:
        value = expr.value
        return (lambda env, cur, node, pos, size: value), "number"

    def c_Negate(self, expr: Negate) -> Compiled:
        inner, _ = self.compile(expr.operand)
        return (lambda env, cur, node, pos, size: -to_number(inner(env, cur, node, pos, size))), (
            "number"
        )

    def c_Call(self, expr: Call) -> Compiled:
        from app.engine.xpath.functions import compile_call
        from app.engine.xpath.registry import lookup

        spec = lookup(expr.name)
        saved = self.hoist
        if spec is not None and spec.style == "lazy":
            # Arguments that may never run must not be run early (they could fail).
            self.hoist = None
        try:
            args = [self.compile(arg) for arg in expr.args]
        finally:
            self.hoist = saved
        return compile_call(expr, args, self.source)

    # -- operators -------------------------------------------------------------------------
    def c_BinOp(self, expr: BinOp) -> Compiled:
        left, ltype = self.compile(expr.left)
        right, rtype = self.compile(expr.right)
        op = expr.op
        if op == "or":
            return (
                lambda e, c, n, p, s: (
                    to_boolean(left(e, c, n, p, s)) or to_boolean(right(e, c, n, p, s))
                )
            ), "boolean"
        if op == "and":
            return (
                lambda e, c, n, p, s: (
                    to_boolean(left(e, c, n, p, s)) and to_boolean(right(e, c, n, p, s))
                )
            ), "boolean"
        if op in ("+", "-", "*", "div", "mod"):
            return self.arithmetic(op, left, right), "number"
        if op == "|":
            return self.union(expr, left, ltype, right, rtype), "nodes"
        return self.comparison(op, left, ltype, right, rtype), "boolean"

    def arithmetic(self, op: str, left: Fn, right: Fn) -> Fn:
        def divide(a: float, b: float) -> float:
            if b == 0:
                if a == 0 or a != a:
                    return float("nan")
                return math.copysign(math.inf, a) * math.copysign(1.0, b)  # 1 div -0 = -Infinity
            return a / b

        def modulo(a: float, b: float) -> float:
            if b == 0 or a != a or b != b or a in (float("inf"), float("-inf")):
                return float("nan")
            if b in (float("inf"), float("-inf")):
                return a
            result = abs(a) % abs(b)  # XPath mod takes the sign of the dividend
            return -result if a < 0 else result

        if op == "+":
            return lambda e, c, n, p, s: (
                to_number(left(e, c, n, p, s)) + to_number(right(e, c, n, p, s))
            )
        if op == "-":
            return lambda e, c, n, p, s: (
                to_number(left(e, c, n, p, s)) - to_number(right(e, c, n, p, s))
            )
        if op == "*":
            return lambda e, c, n, p, s: (
                to_number(left(e, c, n, p, s)) * to_number(right(e, c, n, p, s))
            )
        fn = divide if op == "div" else modulo
        return lambda e, c, n, p, s: fn(
            to_number(left(e, c, n, p, s)), to_number(right(e, c, n, p, s))
        )

    def comparison(self, op: str, left: Fn, ltype: str, right: Fn, rtype: str) -> Fn:
        relational = op not in ("=", "!=")
        # The common form-logic shapes, specialised for speed; all agree with compare().
        if ltype == "nodes" and rtype in ("number", "string") and (relational or rtype == "number"):
            number_test = NUMBER_TESTS[op]

            def nodes_vs_number(e: Any, c: Node, n: Node, p: int, s: int) -> Any:
                number = to_number(right(e, c, n, p, s))
                for node in left(e, c, n, p, s):
                    if number_test(node_number(node), number):
                        return True
                return False

            return nodes_vs_number
        if ltype == "nodes" and rtype in ("string", "nodes") and not relational:
            string_test = STRING_TESTS[op]

            def nodes_vs_text(e: Any, c: Node, n: Node, p: int, s: int) -> Any:
                a = left(e, c, n, p, s)
                b = right(e, c, n, p, s)
                if isinstance(b, list):
                    # item[county = current()/../county]: usually one node on the right
                    if len(b) != 1:
                        return compare(op, a, b)
                    b = b[0].string_value()
                for node in a:
                    if string_test(node.string_value(), b):
                        return True
                return False

            return nodes_vs_text
        return lambda e, c, n, p, s: compare(op, left(e, c, n, p, s), right(e, c, n, p, s))

    def union(self, expr: BinOp, left: Fn, ltype: str, right: Fn, rtype: str) -> Fn:
        source = self.source

        def union(e: Any, c: Node, n: Node, p: int, s: int) -> Any:
            a = left(e, c, n, p, s)
            b = right(e, c, n, p, s)
            if not isinstance(a, list) or not isinstance(b, list):
                raise XPathError("'|' joins node-sets only", source, expr.pos)
            return axes.document_order(a + b)

        return union

    # -- paths -----------------------------------------------------------------------------
    def c_Filter(self, expr: Filter) -> Compiled:
        primary, _ = self.compile(expr.primary)
        predicates = [self.predicate(pred) for pred in expr.predicates]
        source = self.source

        def filtered(e: Any, c: Node, n: Node, p: int, s: int) -> Any:
            nodes = primary(e, c, n, p, s)
            if not isinstance(nodes, list):
                raise XPathError("a predicate [...] applies to node-sets only", source, expr.pos)
            for pred in predicates:
                nodes = pred.apply(e, c, nodes)
            return nodes

        return filtered, "nodes"

    def c_Path(self, expr: Path) -> Compiled:
        steps = [self.step(step) for step in expr.steps]
        # After a descendant/ancestor/following... step, several context nodes may nest or
        # repeat, so later steps must re-sort; plain child steps from one node never need it.
        may_nest = False
        sort_flags: list[bool] = []
        for step in expr.steps:
            if step.axis not in ("child", "attribute", "self", "parent"):
                may_nest = True
            sort_flags.append(may_nest or step.axis == "parent")
        source = self.source
        if expr.start == "root":

            def start(e: Any, c: Node, n: Node, p: int, s: int) -> Any:
                return [e.main]

        elif expr.start == "context":

            def start(e: Any, c: Node, n: Node, p: int, s: int) -> Any:
                return [n]

        else:
            assert isinstance(expr.start, Expr)
            inner, _ = self.compile(expr.start)

            def start(e: Any, c: Node, n: Node, p: int, s: int) -> Any:
                found = inner(e, c, n, p, s)
                if not isinstance(found, list):
                    raise XPathError("'/' must follow a node-set", source, expr.pos)
                return found

        # Fast path: child steps by name without predicates, from a single start node.
        simple_names = [
            st.test
            for st in expr.steps
            if st.axis == "child"
            and not st.predicates
            and "*" not in st.test
            and "(" not in st.test
        ]
        if len(simple_names) == len(expr.steps) == 1 and expr.start == "context":
            only = simple_names[0]
            return (lambda e, c, n, p, s: n.children_named(only)), "nodes"
        if len(simple_names) == len(expr.steps) and simple_names:
            names = tuple(simple_names)

            def child_path(e: Any, c: Node, n: Node, p: int, s: int) -> Any:
                nodes = start(e, c, n, p, s)
                for name in names:
                    if len(nodes) == 1:
                        nodes = nodes[0].children_named(name)
                        if len(nodes) > 1:
                            nodes = _in_context(nodes, n)
                    else:
                        gathered: list[Node] = []
                        for node in nodes:
                            gathered.extend(node.children_named(name))
                        nodes = gathered
                    if not nodes:
                        return nodes
                return nodes

            return child_path, "nodes"

        pairs = list(zip(steps, sort_flags, strict=True))

        def path(e: Any, c: Node, n: Node, p: int, s: int) -> Any:
            nodes = start(e, c, n, p, s)
            for step_fn, needs_sort in pairs:
                if not nodes:
                    return nodes
                nodes = step_fn(e, c, n, nodes)
                if needs_sort and len(nodes) > 1:
                    nodes = axes.document_order(nodes)
            return nodes

        return path, "nodes"

    def step(self, step: Step) -> Callable[[Any, Node, Node, list[Node]], list[Node]]:
        axis = step.axis
        match = _node_test(step)
        predicates = [self.predicate(pred) for pred in step.predicates]
        reverse = axis in axes.REVERSE_AXES
        if axis == "child" and match is not None and not predicates and match[0] == "name":
            name = match[1]

            def child_step(e: Any, c: Node, n: Node, nodes: list[Node]) -> list[Node]:
                if len(nodes) == 1:
                    found = nodes[0].children_named(name)
                    return _in_context(found, n) if len(found) > 1 else found
                out: list[Node] = []
                for node in nodes:
                    out.extend(node.children_named(name))
                return out

            return child_step
        if axis == "parent" and not predicates and step.test == "node()":

            def parent_step(e: Any, c: Node, n: Node, nodes: list[Node]) -> list[Node]:
                return [node.parent for node in nodes if node.parent is not None]

            return parent_step
        if axis == "self" and not predicates and step.test == "node()":
            return lambda e, c, n, nodes: nodes

        if axis == "child" and match is not None and match[0] == "name":
            name = match[1]

            def child_filter_step(e: Any, c: Node, n: Node, nodes: list[Node]) -> list[Node]:
                out: list[Node] = []
                for node in nodes:
                    found = node.children_named(name)
                    for pred in predicates:
                        found = pred.apply(e, c, found)
                    out.extend(found)
                return out

            return child_filter_step

        walk = axes.text_children if step.test == "text()" else axes.AXIS_FUNCTIONS[axis]
        keep = _matcher(match)

        def general_step(e: Any, c: Node, n: Node, nodes: list[Node]) -> list[Node]:
            out: list[Node] = []
            for node in nodes:
                found = [x for x in walk(node) if keep(x)]
                for pred in predicates:
                    found = pred.apply(e, c, found)
                if reverse:
                    found.reverse()
                out.extend(found)
            return out

        return general_step


def _in_context(siblings: list[Node], context: Node) -> list[Node]:
    """JavaRosa's contextualisation: a step without predicates that reaches the repeat instances
    the context node is inside selects that one instance, so `/data/rep/x` evaluated in rep[2]
    means rep[2]/x (sum(/data/rep/x) outside the repeat still reads every instance)."""
    parent = siblings[0].parent
    node: Node | None = context
    while node is not None:
        above = node.parent
        if above is parent:
            return [node] if node.name == siblings[0].name else siblings
        node = above
    return siblings


def _node_test(step: Step) -> tuple[str, str] | None:
    test = step.test
    if test == "node()":
        return None
    if test.endswith("()"):
        return ("type", test)
    if test == "*":
        return ("any", "")
    if test.endswith(":*"):
        return ("prefix", test[:-1])
    return ("name", test)


def _matcher(match: tuple[str, str] | None) -> Callable[[Node], bool]:
    if match is None:
        return lambda node: True
    kind, value = match
    if kind == "name":
        return lambda node: node.name == value
    if kind == "any":
        return lambda node: node.name != axes.DOCUMENT
    if kind == "prefix":
        return lambda node: node.name.startswith(value)
    if value == "text()":
        return lambda node: isinstance(node, axes.TextNode)
    return lambda node: False  # comment(), processing-instruction(): our trees have none


__all__ = ["compile_ast"]
