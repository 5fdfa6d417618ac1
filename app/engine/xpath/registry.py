"""The table of XPath functions: name -> implementation, arity and calling style."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

# The decorated function keeps its own signature for the type checker.
Impl = TypeVar("Impl", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class FunctionSpec:
    impl: Callable[..., Any]
    min_args: int
    max_args: int | None  # None: any number
    # "values": impl(*argument values)
    # "context": impl(env, cur, node, pos, size, *argument values)
    # "lazy": impl(env, cur, node, pos, size, argument closures) — decides what to evaluate
    style: str
    returns: str  # static result type: "nodes", "string", "number", "boolean" or "any"
    # Arity alternatives such as indexed-repeat's 3, 5 or 7 arguments.
    allowed: tuple[int, ...] | None = None


FUNCTIONS: dict[str, FunctionSpec] = {}
# ODK writes some functions with a namespace prefix; both spellings resolve to one function.
PREFIXES = ("jr:", "odk:", "orx:")


def xpath_function(
    name: str,
    min_args: int,
    max_args: int | None = -1,
    *,
    style: str = "values",
    returns: str = "any",
    allowed: tuple[int, ...] | None = None,
) -> Callable[[Impl], Impl]:
    """Register an implementation; max_args -1 means "same as min_args"."""

    def register(impl: Impl) -> Impl:
        top = min_args if max_args == -1 else max_args
        FUNCTIONS[name] = FunctionSpec(impl, min_args, top, style, returns, allowed)
        return impl

    return register


def lookup(name: str) -> FunctionSpec | None:
    spec = FUNCTIONS.get(name)
    if spec is None:
        for prefix in PREFIXES:
            if name.startswith(prefix):
                return FUNCTIONS.get(name[len(prefix) :])
    return spec
