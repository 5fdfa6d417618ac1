"""XPath 1.0 core functions, with ODK's extensions (node-set arguments, coalesce, once...)."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import regex as regex_engine

from app.engine.instance import Node
from app.engine.xpath.axes import AttributeNode, TextNode
from app.engine.xpath.lexer import XPathError
from app.engine.xpath.registry import xpath_function
from app.engine.xpath.values import NAN, node_number, to_boolean, to_number, to_string

if TYPE_CHECKING:
    from app.engine.xpath import EvalEnv
    from app.engine.xpath.compiler import Fn

# -- node-set and context ------------------------------------------------------------------


@xpath_function("position", 0, 1, style="context", returns="number")
def position(env: EvalEnv, cur: Node, node: Node, pos: int, size: int, *nodes: Any) -> float:
    """No argument: the context position. One node-set (ODK): that node's repeat index."""
    if not nodes:
        return float(pos)
    found = _nodes("position", nodes[0])
    if not found:
        raise XPathError("position() was given an empty node-set")
    if isinstance(found[0], AttributeNode | TextNode):
        return 1.0  # not among the element's children
    return float(found[0].sibling_index())


@xpath_function("last", 0, style="context", returns="number")
def last(env: EvalEnv, cur: Node, node: Node, pos: int, size: int) -> float:
    return float(size)


@xpath_function("count", 1, returns="number")
def count(nodes: Any) -> float:
    return float(len(_nodes("count", nodes)))


@xpath_function("count-non-empty", 1, returns="number")
def count_non_empty(nodes: Any) -> float:
    return float(sum(1 for n in _nodes("count-non-empty", nodes) if n.string_value() != ""))


@xpath_function("current", 0, style="context", returns="nodes")
def current(env: EvalEnv, cur: Node, node: Node, pos: int, size: int) -> list[Node]:
    return [cur]


@xpath_function("instance", 1, style="context", returns="nodes")
def instance(env: EvalEnv, cur: Node, node: Node, pos: int, size: int, name: Any) -> list[Node]:
    key = to_string(name)
    found = env.instances.get(key)
    if found is None:
        raise XPathError(f"instance('{key}') does not exist in this form")
    return [found]


@xpath_function("name", 0, 1, style="context", returns="string")
def name(env: EvalEnv, cur: Node, node: Node, pos: int, size: int, *nodes: Any) -> str:
    target = _nodes("name", nodes[0]) if nodes else [node]
    return target[0].name if target and target[0].name != "#document" else ""


@xpath_function("local-name", 0, 1, style="context", returns="string")
def local_name(env: EvalEnv, cur: Node, node: Node, pos: int, size: int, *nodes: Any) -> str:
    return name(env, cur, node, pos, size, *nodes).rpartition(":")[2]


@xpath_function("once", 1, style="lazy", returns="any")
def once(env: EvalEnv, cur: Node, node: Node, pos: int, size: int, args: list[Fn]) -> Any:
    """The bound node's own value if it has one, so it is computed once and then kept."""
    existing = cur.string_value()
    if existing != "":
        return existing
    return args[0](env, cur, node, pos, size)


# -- booleans ------------------------------------------------------------------------------


@xpath_function("if", 3, style="lazy", returns="any")
def if_(env: EvalEnv, cur: Node, node: Node, pos: int, size: int, args: list[Fn]) -> Any:
    chosen = args[1] if to_boolean(args[0](env, cur, node, pos, size)) else args[2]
    return chosen(env, cur, node, pos, size)


@xpath_function("true", 0, returns="boolean")
def true() -> bool:
    return True


@xpath_function("false", 0, returns="boolean")
def false() -> bool:
    return False


@xpath_function("not", 1, returns="boolean")
def not_(value: Any) -> bool:
    return not to_boolean(value)


@xpath_function("boolean", 1, returns="boolean")
def boolean(value: Any) -> bool:
    return to_boolean(value)


@xpath_function("boolean-from-string", 1, returns="boolean")
def boolean_from_string(value: Any) -> bool:
    return to_string(value).strip().lower() in ("true", "1")


# -- numbers -------------------------------------------------------------------------------


@xpath_function("number", 0, 1, style="context", returns="number")
def number(env: EvalEnv, cur: Node, node: Node, pos: int, size: int, *values: Any) -> float:
    return to_number(values[0] if values else [node])


@xpath_function("sum", 1, returns="number")
def sum_(nodes: Any) -> float:
    """Empty nodes are skipped, as JavaRosa does (3, '', 4 sums to 7); nothing sums to 0."""
    return math.fsum(node_number(n) for n in _nodes("sum", nodes) if n.string_value() != "")


def _numbers(values: tuple[Any, ...]) -> list[float]:
    """The numbers of min()/max(): nodes that are empty are skipped (JavaRosa)."""
    found: list[float] = []
    for value in values:
        if isinstance(value, list):
            found.extend(node_number(n) for n in value if n.string_value() != "")
        else:
            found.append(to_number(value))
    return found


@xpath_function("min", 1, None, returns="number")
def min_(*values: Any) -> float:
    numbers = _numbers(values)
    if not numbers or any(x != x for x in numbers):
        return NAN
    return min(numbers)


@xpath_function("max", 1, None, returns="number")
def max_(*values: Any) -> float:
    numbers = _numbers(values)
    if not numbers or any(x != x for x in numbers):
        return NAN
    return max(numbers)


@xpath_function("floor", 1, returns="number")
def floor(value: Any) -> float:
    x = to_number(value)
    return float(math.floor(x)) if math.isfinite(x) else x


@xpath_function("ceiling", 1, returns="number")
def ceiling(value: Any) -> float:
    x = to_number(value)
    return float(math.ceil(x)) if math.isfinite(x) else x


@xpath_function("round", 1, 2, returns="number")
def round_(value: Any, digits: Any = None) -> float:
    """XPath round (halves up toward +infinity); with digits, ODK rounds halves away from zero."""
    x = to_number(value)
    if not math.isfinite(x):
        return x
    if digits is None:
        return float(math.floor(x + 0.5))
    places = to_number(digits)
    if not math.isfinite(places):
        return NAN
    quantum = Decimal(1).scaleb(-int(max(-400.0, min(400.0, places))))
    try:
        return float(Decimal(repr(x)).quantize(quantum, rounding=ROUND_HALF_UP))
    except InvalidOperation:  # more digits than Decimal's precision: nothing left to round
        return x if places >= 0 else 0.0


@xpath_function("int", 1, returns="number")
def int_(value: Any) -> float:
    x = to_number(value)
    return float(math.trunc(x)) if math.isfinite(x) else x


# -- strings -------------------------------------------------------------------------------


@xpath_function("string", 0, 1, style="context", returns="string")
def string(env: EvalEnv, cur: Node, node: Node, pos: int, size: int, *values: Any) -> str:
    return to_string(values[0] if values else node)


@xpath_function("concat", 0, None, returns="string")
def concat(*values: Any) -> str:
    # ODK: node-set arguments contribute every node, not just the first.
    parts: list[str] = []
    for value in values:
        if isinstance(value, list):
            parts.extend(n.string_value() for n in value)
        else:
            parts.append(to_string(value))
    return "".join(parts)


@xpath_function("join", 1, None, returns="string")
def join(separator: Any, *values: Any) -> str:
    parts: list[str] = []
    for value in values:
        if isinstance(value, list):
            parts.extend(n.string_value() for n in value)
        else:
            parts.append(to_string(value))
    return to_string(separator).join(parts)


@xpath_function("coalesce", 2, None, style="lazy", returns="string")
def coalesce(env: EvalEnv, cur: Node, node: Node, pos: int, size: int, args: list[Fn]) -> str:
    for arg in args:
        text = to_string(arg(env, cur, node, pos, size))
        if text != "":
            return text
    return ""


@xpath_function("string-length", 0, 1, style="context", returns="number")
def string_length(env: EvalEnv, cur: Node, node: Node, pos: int, size: int, *values: Any) -> float:
    return float(len(to_string(values[0] if values else node)))


@xpath_function("normalize-space", 0, 1, style="context", returns="string")
def normalize_space(env: EvalEnv, cur: Node, node: Node, pos: int, size: int, *values: Any) -> str:
    return " ".join(to_string(values[0] if values else node).split())


@xpath_function("contains", 2, returns="boolean")
def contains(text: Any, part: Any) -> bool:
    return to_string(part) in to_string(text)


@xpath_function("starts-with", 2, returns="boolean")
def starts_with(text: Any, part: Any) -> bool:
    return to_string(text).startswith(to_string(part))


@xpath_function("ends-with", 2, returns="boolean")
def ends_with(text: Any, part: Any) -> bool:
    return to_string(text).endswith(to_string(part))


@xpath_function("substring-before", 2, returns="string")
def substring_before(text: Any, part: Any) -> str:
    separator = to_string(part)
    if separator == "":
        return ""
    before, found, _ = to_string(text).partition(separator)
    return before if found else ""


@xpath_function("substring-after", 2, returns="string")
def substring_after(text: Any, part: Any) -> str:
    separator = to_string(part)
    if separator == "":
        return to_string(text)
    _, found, after = to_string(text).partition(separator)
    return after if found else ""


@xpath_function("substring", 2, 3, returns="string")
def substring(text: Any, start: Any, length: Any = None) -> str:
    """XPath 1.0 substring: 1-based, with its rounding rules for fractional/NaN arguments."""
    s = to_string(text)
    first = round_(to_number(start))
    last = math.inf if length is None else first + round_(to_number(length))
    if first != first or last != last:
        return ""
    return "".join(ch for i, ch in enumerate(s, 1) if first <= i < last)


@xpath_function("substr", 2, 3, returns="string")
def substr(text: Any, start: Any, end: Any = None) -> str:
    """ODK substr: 0-based start, exclusive end; negative values count from the end."""
    s = to_string(text)
    first = to_number(start)
    if first != first:
        return ""
    if end is None:
        return s[_index(first, len(s)) :]
    stop = to_number(end)
    if stop != stop:
        return ""
    return s[_index(first, len(s)) : _index(stop, len(s))]


def _index(x: float, length: int) -> int:
    """A slice index from any number (infinities and huge values clamp to the ends)."""
    return int(max(-length - 1, min(length + 1, x)))


@xpath_function("translate", 3, returns="string")
def translate(text: Any, source: Any, target: Any) -> str:
    frm, to = to_string(source), to_string(target)
    table: dict[int, int | None] = {}
    for i, ch in enumerate(frm):
        table.setdefault(ord(ch), ord(to[i]) if i < len(to) else None)
    return to_string(text).translate(table)


# A form's pattern is untrusted: `^(a|a)+$` against a few dozen letters backtracks for minutes
# (with re, `^(a+)+$` took 15 s per save). The `regex` package stops a search after this budget.
REGEX_SECONDS = 0.25


class RegexTimeout(XPathError):
    """A form's regex() took longer than REGEX_SECONDS on this text (catastrophic backtracking):
    a constraint using it counts as broken, with its own message (see presenter)."""


@lru_cache(maxsize=256)
def _pattern(pattern: str) -> regex_engine.Pattern[str]:
    try:
        return regex_engine.compile(pattern)
    except regex_engine.error as exc:
        raise XPathError(f"regex(): invalid regular expression {pattern!r}: {exc}") from None


@xpath_function("regex", 2, returns="boolean")
def regex(text: Any, pattern: Any) -> bool:
    source = to_string(pattern)
    try:
        found = _pattern(source).search(to_string(text), timeout=REGEX_SECONDS)
    except TimeoutError:
        raise RegexTimeout(
            f"regex(): the pattern {source!r} takes too long on this answer "
            f"(stopped after {REGEX_SECONDS} s); the form's author should simplify it"
        ) from None
    return found is not None


# -- helpers -------------------------------------------------------------------------------


def _nodes(function: str, value: Any) -> list[Node]:
    if not isinstance(value, list):
        raise XPathError(f"{function}() needs a node-set (a path), got {to_string(value)!r}")
    return value
