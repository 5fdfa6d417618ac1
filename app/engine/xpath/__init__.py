"""XPath 1.0 + the ODK XForms function library, evaluated over our own instance tree.

Design decision: our own recursive-descent parser (parser.py) and a compile-to-closures evaluator
(compiler.py) over app.engine.instance.Node, rather than lxml or elementpath. ODK semantics need
typed dates in comparisons, current(), position(..) with an argument, once(), instance() and
dependency extraction from the AST (references()); libxml2 does not let us override its built-ins
(position, and how it compares and converts), and elementpath measured about 95 µs per evaluation,
too slow for a form that re-evaluates dependents on every answer.

Semantics: XPath 1.0 with the ODK refinements that Collect (JavaRosa) applies, where they differ:
- a node-set of exactly one node converts to boolean by its value (empty -> false), so
  `relevant="/data/q"` means "q is answered"; empty node-sets are false, larger ones true;
- numbers compare equal within 1e-12 (`0.1 + 0.2 = 0.3`); node-sets compare existentially;
- dates: today()/date() give datetime.date, now()/date-time() aware datetimes; in numeric
  contexts they and ISO date strings are days since 1970-01-01, so `. <= today()` works;
- absolute paths always start at the main instance, also inside instance('x')/... predicates;
- current() is the node the evaluation started on; position(node) is its repeat index;
  once(x) keeps the bound node's value once it has one.

Typical use:
    expr = compile_xpath("/data/age >= 18 and selected(/data/consent, 'yes')")
    env = EvalEnv(main=document_node, instances={"municipalities": their_document_node})
    expr.evaluate_boolean(env, context_node)
    expr.references("/data/age")   # {"/data/age", "/data/consent"}
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from app.engine.instance import Node
from app.engine.xpath.compiler import Fn, compile_ast
from app.engine.xpath.core_functions import RegexTimeout
from app.engine.xpath.functions import known_functions
from app.engine.xpath.lexer import XPathError
from app.engine.xpath.parser import Expr, parse
from app.engine.xpath.references import references as _references
from app.engine.xpath.values import to_boolean, to_number, to_string

__all__ = [
    "EvalEnv",
    "RegexTimeout",
    "XPathError",
    "XPathExpr",
    "compile_xpath",
    "known_functions",
    "to_boolean",
    "to_number",
    "to_string",
]


def _local_now() -> datetime:
    return datetime.now().astimezone()


@dataclass
class EvalEnv:
    """What an evaluation can see besides its context node."""

    main: Node  # document node ("#document") of the main instance
    instances: dict[str, Node] = field(default_factory=dict)  # secondary instances by id
    properties: dict[str, str] = field(default_factory=dict)  # property(): deviceid, username…
    form_version: str = ""  # version()
    now: Callable[[], datetime] = _local_now
    rng: random.Random = field(default_factory=random.Random)
    # (choice value, generic path of the select question) -> label in the session language
    choice_label: Callable[[str, str], str] | None = None
    locale: str = "en"  # month and day names of format-date: "es" or "en" (the form language)


class XPathExpr:
    """A compiled expression: evaluate it many times against different contexts."""

    __slots__ = ("source", "ast", "_fn")

    def __init__(self, source: str, ast: Expr, fn: Fn) -> None:
        self.source = source
        self.ast = ast
        self._fn = fn

    def evaluate(self, env: EvalEnv, context: Node) -> object:
        """The raw result: str | float | bool | list[Node] | date | datetime."""
        try:
            result = self._fn(env, context, context, 1, 1)
        except XPathError as exc:
            raise self._locate(exc) from None
        except RecursionError:
            raise XPathError("expression is nested too deeply", self.source) from None
        return list(result) if isinstance(result, list) else result

    def evaluate_string(self, env: EvalEnv, context: Node) -> str:
        return to_string(self._run(env, context))

    def evaluate_number(self, env: EvalEnv, context: Node) -> float:
        return to_number(self._run(env, context))

    def evaluate_boolean(self, env: EvalEnv, context: Node) -> bool:
        return to_boolean(self._run(env, context))

    def evaluate_nodes(self, env: EvalEnv, context: Node) -> list[Node]:
        result = self._run(env, context)
        if not isinstance(result, list):
            raise XPathError(
                f"this expression gives a {type(result).__name__} value, not nodes",
                self.source,
            )
        return list(result)

    def references(self, context_path: str) -> set[str]:
        """Generic absolute paths of main-instance nodes this expression reads, with relative
        paths and current() resolved against `context_path` (the context node's generic path)."""
        return _references(self.ast, context_path)

    def _run(self, env: EvalEnv, context: Node) -> object:
        try:
            return self._fn(env, context, context, 1, 1)
        except XPathError as exc:
            raise self._locate(exc) from None
        except RecursionError:
            raise XPathError("expression is nested too deeply", self.source) from None

    def _locate(self, exc: XPathError) -> XPathError:
        if exc.expression is not None:
            return exc
        return type(exc)(exc.detail, self.source, exc.position)  # keeps e.g. RegexTimeout

    def __repr__(self) -> str:
        return f"XPathExpr({self.source!r})"


@lru_cache(maxsize=4096)
def compile_xpath(expr: str) -> XPathExpr:
    """Parse and compile once (cached by text); XPathError for bad syntax, unknown functions or
    wrong argument counts, naming the expression and the position at fault."""
    try:
        ast = parse(expr)
        return XPathExpr(expr, ast, compile_ast(ast, expr))
    except RecursionError:
        raise XPathError("expression is nested too deeply", expr) from None
