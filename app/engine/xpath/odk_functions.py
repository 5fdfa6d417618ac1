"""ODK XForms function library beyond XPath 1.0: selects, repeats, math, random, geo, digest."""

from __future__ import annotations

import base64
import hashlib
import math
import random
import secrets
import string as string_module
import uuid as uuid_module
from typing import TYPE_CHECKING, Any

from app.engine.instance import Node
from app.engine.xpath.lexer import XPathError
from app.engine.xpath.registry import xpath_function
from app.engine.xpath.values import NAN, node_number, to_boolean, to_number, to_string

if TYPE_CHECKING:
    from app.engine.xpath import EvalEnv

# -- selects -------------------------------------------------------------------------------


@xpath_function("selected", 2, returns="boolean")
def selected(answer: Any, value: Any) -> bool:
    """Whether a space-separated multiple-choice answer contains the value."""
    return to_string(value).strip() in to_string(answer).split()


@xpath_function("selected-at", 2, returns="string")
def selected_at(answer: Any, index: Any) -> str:
    items = to_string(answer).split()
    i = to_number(index)
    if i != i or not 0 <= i < len(items):
        return ""
    return items[int(i)]


@xpath_function("count-selected", 1, returns="number")
def count_selected(answer: Any) -> float:
    return float(len(to_string(answer).split()))


@xpath_function("choice-name", 2, style="context", returns="string")
def choice_name(
    env: EvalEnv, cur: Node, node: Node, pos: int, size: int, value: Any, select_path: Any
) -> str:
    """The label of a choice value in the session language (env.choice_label decides)."""
    text = to_string(value)
    if env.choice_label is None or text == "":
        return text
    path = to_string(select_path).strip()
    if not path.startswith("/"):
        path = _resolve(cur.path(indexed=False), path)
    return env.choice_label(text, _strip_indexes(path))


def _resolve(base: str, relative: str) -> str:
    parts = base.split("/")
    for step in relative.split("/"):
        if step == "..":
            if len(parts) > 1:
                parts.pop()
        elif step not in (".", ""):
            parts.append(step)
    return "/".join(parts)


def _strip_indexes(path: str) -> str:
    return "/".join(step.split("[", 1)[0] for step in path.split("/"))


# -- repeats and lists ---------------------------------------------------------------------


@xpath_function("indexed-repeat", 3, 7, allowed=(3, 5, 7), returns="nodes")
def indexed_repeat(value: Any, *repeats_and_indexes: Any) -> list[Node]:
    """The value node inside the n-th repeat instance (and the m-th nested one, ...)."""
    if not isinstance(value, list):
        raise XPathError("indexed-repeat() needs a path as its first argument")
    chosen: Node | None = None
    pairs = zip(repeats_and_indexes[::2], repeats_and_indexes[1::2], strict=True)
    for repeat, index in pairs:
        if not isinstance(repeat, list):
            raise XPathError("indexed-repeat() needs repeat paths as arguments 2, 4 and 6")
        candidates = repeat if chosen is None else [n for n in repeat if _inside(n, chosen)]
        i = to_number(index)
        if i != i or not 1 <= i <= len(candidates):
            return []
        chosen = candidates[int(i) - 1]
    return [n for n in value if chosen is not None and _inside(n, chosen)][:1]


def _inside(node: Node, ancestor: Node) -> bool:
    current: Node | None = node
    while current is not None:
        if current is ancestor:
            return True
        current = current.parent
    return False


def _truths(values: tuple[Any, ...]) -> list[bool]:
    found: list[bool] = []
    for value in values:
        if isinstance(value, list):
            found.extend(to_boolean(n.string_value()) for n in value)
        else:
            found.append(to_boolean(value))
    return found


@xpath_function("checklist", 2, None, returns="boolean")
def checklist(low: Any, high: Any, *values: Any) -> bool:
    """Whether the number of true values is within [low, high] (-1: no bound)."""
    count = sum(_truths(values))
    lo, hi = to_number(low), to_number(high)
    return (lo < 0 or count >= lo) and (hi < 0 or count <= hi)


@xpath_function("weighted-checklist", 2, None, returns="boolean")
def weighted_checklist(low: Any, high: Any, *pairs: Any) -> bool:
    """Whether the summed weights of the true values lie within [low, high]."""
    if len(pairs) % 2:
        raise XPathError("weighted-checklist() needs value/weight pairs after min and max")
    total = 0.0
    for value, weight in zip(pairs[::2], pairs[1::2], strict=True):
        truths = _truths((value,))
        weights = (
            [node_number(n) for n in weight]
            if isinstance(weight, list)
            else [to_number(weight)] * len(truths)
        )
        total += sum(w for t, w in zip(truths, weights, strict=False) if t)
    return to_number(low) <= total <= to_number(high)


@xpath_function("randomize", 1, 2, returns="nodes")
def randomize(nodes: Any, seed: Any = None) -> list[Node]:
    """Shuffled copy of a node-set (choice order); with a seed the order is repeatable."""
    if not isinstance(nodes, list):
        raise XPathError("randomize() needs a node-set (a path)")
    shuffled = list(nodes)
    rng = random.Random(to_number(seed)) if seed is not None else random.Random()
    rng.shuffle(shuffled)
    return shuffled


# -- random and ids ------------------------------------------------------------------------

_ALPHANUMERIC = string_module.ascii_letters + string_module.digits


@xpath_function("uuid", 0, 1, returns="string")
def uuid(length: Any = None) -> str:
    """A random UUID (version 4); with a length, a random alphanumeric string that long.
    Uses the OS random source: these become identifiers that must never collide."""
    if length is None:
        return str(uuid_module.uuid4())
    n = to_number(length)
    if not 0 <= n <= 10_000:
        raise XPathError(f"uuid() needs a length from 0 to 10000, not {to_string(length)!r}")
    return "".join(secrets.choice(_ALPHANUMERIC) for _ in range(int(n)))


@xpath_function("random", 0, style="context", returns="number")
def random_(env: EvalEnv, cur: Node, node: Node, pos: int, size: int) -> float:
    return env.rng.random()


# -- math ----------------------------------------------------------------------------------


def _math(name: str, fn: Any, arity: int = 1) -> None:
    def impl(*values: Any) -> float:
        try:
            return float(fn(*(to_number(v) for v in values)))
        except OverflowError:
            return math.inf  # exp(1000): too big, as XPath's Infinity
        except (ValueError, ZeroDivisionError):
            return NAN

    xpath_function(name, arity, returns="number")(impl)


for _name, _fn in {
    "abs": abs,
    "sqrt": math.sqrt,
    "exp": math.exp,
    "exp10": lambda x: 10.0**x,
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "asin": math.asin,
    "acos": math.acos,
    "atan": math.atan,
}.items():
    _math(_name, _fn)
_math("atan2", math.atan2, 2)


def _log(x: float) -> float:
    return -math.inf if x == 0 else math.log(x)


def _log10(x: float) -> float:
    return -math.inf if x == 0 else math.log10(x)


_math("log", _log)
_math("log10", _log10)


@xpath_function("pow", 2, returns="number")
def pow_(base: Any, exponent: Any) -> float:
    x, y = to_number(base), to_number(exponent)
    try:
        return float(math.pow(x, y))
    except OverflowError:
        return -math.inf if x < 0 and y.is_integer() and y % 2 else math.inf
    except ValueError:
        return NAN


@xpath_function("pi", 0, returns="number")
def pi() -> float:
    return math.pi


@xpath_function("base64-decode", 1, returns="string")
def base64_decode(value: Any) -> str:
    """UTF-8 text from base64; "" if it is not valid base64 of UTF-8 text (as Collect does)."""
    try:
        return base64.b64decode(to_string(value), validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return ""


# -- digest --------------------------------------------------------------------------------

_DIGESTS = {"MD5": "md5", "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384"}
_DIGESTS["SHA-512"] = "sha512"


@xpath_function("digest", 2, 3, returns="string")
def digest(message: Any, algorithm: Any, encoding: Any = "base64") -> str:
    name = to_string(algorithm)
    if name not in _DIGESTS:
        raise XPathError(f"digest(): unknown algorithm {name!r} (use one of {', '.join(_DIGESTS)})")
    raw = hashlib.new(_DIGESTS[name], to_string(message).encode("utf-8")).digest()
    kind = to_string(encoding)
    if kind == "hex":
        return raw.hex()
    if kind == "base64":
        return base64.b64encode(raw).decode("ascii")
    raise XPathError(f"digest(): unknown encoding {kind!r} (use 'base64' or 'hex')")
