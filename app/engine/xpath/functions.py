"""Turning a function call in the AST into a closure: name lookup and arity checks happen here,
at compile time, so a form with a misspelt function fails when it loads, not mid-interview."""

from __future__ import annotations

from app.engine.xpath import (
    collect_functions,
    core_functions,
    date_functions,
    geo_functions,
    odk_functions,
)
from app.engine.xpath.compiler import Compiled
from app.engine.xpath.lexer import XPathError
from app.engine.xpath.parser import Call
from app.engine.xpath.registry import FUNCTIONS, lookup

# Importing these modules fills the registry.
_LIBRARY = (core_functions, date_functions, odk_functions, geo_functions)
_COLLECT = (collect_functions,)  # after the modules whose functions it gives other names


def known_functions() -> list[str]:
    """Names of every supported function (without namespace prefixes)."""
    return sorted(FUNCTIONS)


def compile_call(expr: Call, args: list[Compiled], source: str) -> Compiled:
    spec = lookup(expr.name)
    if spec is None:
        raise XPathError(f"unknown function {expr.name}()", source, expr.pos)
    n = len(args)
    top = spec.max_args
    if (
        n < spec.min_args
        or (top is not None and n > top)
        or (spec.allowed and n not in spec.allowed)
    ):
        if spec.allowed:
            wanted = " or ".join(str(a) for a in spec.allowed)
        elif top is None:
            wanted = f"at least {spec.min_args}"
        elif top == spec.min_args:
            wanted = str(top)
        else:
            wanted = f"{spec.min_args} to {top}"
        plural = "" if wanted == "1" else "s"
        raise XPathError(
            f"{expr.name}() takes {wanted} argument{plural}, {n} given", source, expr.pos
        )
    impl = spec.impl
    fns = [fn for fn, _ in args]
    if spec.style == "lazy":
        return (lambda e, c, node, p, s: impl(e, c, node, p, s, fns)), spec.returns
    if spec.style == "context":
        if n == 0:
            return (lambda e, c, node, p, s: impl(e, c, node, p, s)), spec.returns
        if n == 1:
            a = fns[0]
            return (lambda e, c, node, p, s: impl(e, c, node, p, s, a(e, c, node, p, s))), (
                spec.returns
            )
        return (
            lambda e, c, node, p, s: impl(e, c, node, p, s, *[f(e, c, node, p, s) for f in fns])
        ), spec.returns
    if n == 0:
        return (lambda e, c, node, p, s: impl()), spec.returns
    if n == 1:
        a = fns[0]
        return (lambda e, c, node, p, s: impl(a(e, c, node, p, s))), spec.returns
    if n == 2:
        a, b = fns
        return (lambda e, c, node, p, s: impl(a(e, c, node, p, s), b(e, c, node, p, s))), (
            spec.returns
        )
    return (lambda e, c, node, p, s: impl(*[f(e, c, node, p, s) for f in fns])), spec.returns
