"""Which main-instance nodes an expression reads, found from its AST (for the dependency graph).

Paths are generic (no [n] indexes). A path cut short by a wildcard or descendant step (`*`, `//`)
is returned up to that point and means "anything under this node".
"""

from __future__ import annotations

from app.engine.xpath.parser import BinOp, Call, Expr, Filter, Negate, Path, Step
from app.engine.xpath.registry import lookup

# A generic path, or None for nodes that are not in the main instance (or not nodes at all).
Base = str | None


def references(expr: Expr, context_path: str) -> set[str]:
    found: set[str] = set()
    context = strip_indexes(context_path.rstrip("/")) or "/"
    _walk(expr, context, context, found)
    return found


def strip_indexes(path: str) -> str:
    return "/".join(step.split("[", 1)[0] for step in path.split("/"))


def _walk(expr: Expr, context: Base, current: str, found: set[str]) -> list[Base]:
    """Record what `expr` reads; return the generic paths it selects (for paths built on it)."""
    if isinstance(expr, Path):
        if expr.start == "root":
            bases: list[Base] = ["/"]
        elif expr.start == "context":
            bases = [context]
        elif _is_current(expr.start):
            bases = [current]  # current()/../x reads x, not the node it starts from
        else:
            assert isinstance(expr.start, Expr)
            bases = _walk(expr.start, context, current, found)
        exact = True
        for step in expr.steps:
            bases, exact = _step(bases, step, exact)
            for base in bases:
                for predicate in step.predicates:
                    _walk(predicate, base, current, found)
        # "/" alone is read only by a path that reaches past it (//x: "anything in the form").
        found.update(b for b in bases if b is not None and (b != "/" or not exact))
        return bases
    if isinstance(expr, Filter):
        bases = _walk(expr.primary, context, current, found)
        for base in bases:
            for predicate in expr.predicates:
                _walk(predicate, base, current, found)
        return bases
    if isinstance(expr, Call):
        spec = lookup(expr.name)
        name = expr.name.rpartition(":")[2]
        if name == "current" and spec is not None:
            found.add(current)
            return [current]
        if name == "instance":
            for arg in expr.args:
                _walk(arg, context, current, found)
            return [None]
        selected: list[Base] = []
        for arg in expr.args:
            selected += _walk(arg, context, current, found)
        # Functions that hand back nodes from their arguments (indexed-repeat, randomize).
        return selected if spec is not None and spec.returns == "nodes" else []
    if isinstance(expr, BinOp):
        left = _walk(expr.left, context, current, found)
        right = _walk(expr.right, context, current, found)
        return left + right if expr.op == "|" else []
    if isinstance(expr, Negate):
        _walk(expr.operand, context, current, found)
    return []


def _is_current(expr: object) -> bool:
    return isinstance(expr, Call) and expr.name.rpartition(":")[2] == "current"


def _step(bases: list[Base], step: Step, exact: bool) -> tuple[list[Base], bool]:
    """Apply one location step to generic paths. After an imprecise step the paths stay put."""
    out: list[Base] = []
    for base in bases:
        if base is None or not exact:
            out.append(base)
            continue
        axis, test = step.axis, step.test
        if axis == "self":
            out.append(base)
        elif axis == "parent":
            if base != "/":
                parent = base.rsplit("/", 1)[0]
                out.append(parent or "/")
        elif axis == "child" and "*" not in test and "(" not in test:
            out.append(base.rstrip("/") + "/" + test)
        elif axis == "attribute" and "*" not in test:
            out.append(base.rstrip("/") + "/@" + test)
        else:
            out.append(base)
    precise = exact and (
        step.axis in ("self", "parent")
        or (step.axis in ("child", "attribute") and "*" not in step.test and "(" not in step.test)
    )
    return out, precise
