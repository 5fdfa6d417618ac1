"""The dependency graph: which computations read which generic paths, in a safe order.

A computation is one bind expression (calculate, relevant, required, readonly, constraint), a
repeat's jr:count, or a select's itemset (choice filter). Each reads generic paths (from
XPathExpr.references) and may change the values of others (its outputs): a calculate changes its
node, a relevant changes its node and everything below (non-relevant reads as empty), a jr:count
changes its repeat and everything below. Topological order makes one pass enough.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.engine.attributes import FlagAsNumber
from app.engine.errors import FormError

if TYPE_CHECKING:
    from app.engine.formdef import FormDef
    from app.engine.xpath import XPathExpr

# Renamed repeat step used to test whether a reference stays inside one repeat instance.
_PROBE = "\u2063probe"


@dataclass(eq=False)
class Computation:
    kind: str  # calculate | relevant | required | readonly | constraint | count | itemset
    target: str  # generic path of the nodes it is evaluated for (count: the repeat's parent)
    context: str  # generic path its relative steps start from (count: the repeat itself)
    expr: XPathExpr
    refs: set[str] = field(default_factory=set)
    # ref path -> the repeat level inside which this reference stays in the context's own
    # instance (None: it can reach any instance, e.g. sum(/data/rep/x)).
    local_level: dict[str, str | None] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    index: int = 0

    def describe(self) -> str:
        return f"{self.context} ({self.kind} {self.expr.source.strip()!r})"


class DependencyGraph:
    """All computations of a form in topological order, indexed by the paths they read."""

    def __init__(self, form: FormDef, paths: set[str]) -> None:
        self.paths = paths
        self.repeats = form.repeats
        self.descendants = _descendants(paths)
        computations = _collect(form, paths)
        for comp in computations:
            comp.refs = set(comp.expr.references(comp.context))
            comp.local_level = {ref: self._local_level(comp, ref) for ref in comp.refs}
            comp.outputs = self._outputs(comp)
        self.order: list[Computation] = _topological(computations)
        for index, comp in enumerate(self.order):
            comp.index = index
        self.by_ref: dict[str, list[Computation]] = {}
        for comp in self.order:
            for ref in comp.refs:
                self.by_ref.setdefault(ref, []).append(comp)
        # Computations evaluated for nodes inside one repeat instance when it is created.
        self.inside: dict[str, list[Computation]] = {
            repeat: [
                c for c in self.order if c.target == repeat or c.target.startswith(repeat + "/")
            ]
            for repeat in self.repeats
        }

    def _outputs(self, comp: Computation) -> list[str]:
        if comp.kind == "calculate":
            return [comp.target]
        if comp.kind == "relevant":
            return [comp.target, *self.descendants.get(comp.target, ())]
        if comp.kind == "count":
            return [comp.context, *self.descendants.get(comp.context, ())]
        return []

    def _local_level(self, comp: Computation, ref: str) -> str | None:
        """Deepest repeat (ancestor-or-self of both context and ref) whose instance the reference
        never leaves: renaming that repeat's step in the context path must rename the ref too."""
        levels = [r for r in self.repeats if _within(comp.context, r) and _within(ref, r)]
        for level in sorted(levels, key=len, reverse=True):
            probe = level + _PROBE + comp.context[len(level) :]
            if ref not in comp.expr.references(probe):
                return level
        return None

    def dependents(self, path: str) -> list[Computation]:
        return self.by_ref.get(path, [])


def _within(path: str, ancestor: str) -> bool:
    return path == ancestor or path.startswith(ancestor + "/")


def _descendants(paths: set[str]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for path in sorted(paths):
        parts = path.split("/")
        for cut in range(2, len(parts)):
            result.setdefault("/".join(parts[:cut]), []).append(path)
    return result


def _collect(form: FormDef, paths: set[str]) -> list[Computation]:
    computations: list[Computation] = []
    for path, bind in form.binds.items():
        if path not in paths:
            raise FormError(f"The bind for {path} names no node in the main instance.")
        for kind in ("calculate", "relevant", "required", "readonly", "constraint"):
            expr = getattr(bind, kind)
            if expr is not None:
                computations.append(Computation(kind, path, path, expr))
    for path, bind in form.attribute_binds.items():
        # Of a bind on an attribute only calculate matters (pyxform: entity @create/@update).
        if bind.calculate is not None:
            expr = FlagAsNumber(bind.calculate)
            computations.append(Computation("calculate", path, path, expr))  # type: ignore[arg-type]
    for path, control in form.controls.items():
        if control.kind == "repeat" and control.count is not None:
            parent = path.rsplit("/", 1)[0]
            computations.append(Computation("count", parent, path, control.count))
        if control.itemset is not None:
            computations.append(Computation("itemset", path, path, control.itemset.nodeset))
    return computations


def _topological(computations: list[Computation]) -> list[Computation]:
    """Kahn's algorithm, keeping form order among independent computations."""
    by_ref: dict[str, list[int]] = {}
    for i, comp in enumerate(computations):
        for ref in comp.refs:
            by_ref.setdefault(ref, []).append(i)
    edges: list[set[int]] = [set() for _ in computations]
    incoming = [0] * len(computations)
    for i, comp in enumerate(computations):
        for output in comp.outputs:
            for j in by_ref.get(output, ()):
                if j != i and j not in edges[i]:
                    edges[i].add(j)
                    incoming[j] += 1
    ready = [i for i, count in enumerate(incoming) if count == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        i = heapq.heappop(ready)
        order.append(i)
        for j in edges[i]:
            incoming[j] -= 1
            if incoming[j] == 0:
                heapq.heappush(ready, j)
    if len(order) < len(computations):
        raise FormError(_cycle_message(computations, edges, incoming))
    return [computations[i] for i in order]


def _cycle_message(computations: list[Computation], edges: list[set[int]], incoming: list[int]):
    """Walk back along unprocessed predecessors until one repeats: that is the loop."""
    left = {i for i, count in enumerate(incoming) if count > 0}
    before: dict[int, list[int]] = {i: [] for i in left}
    for i in left:
        for j in edges[i]:
            if j in left:
                before[j].append(i)
    walk = [min(left)]
    seen = {walk[0]: 0}
    while True:
        previous = min(before[walk[-1]])
        if previous in seen:
            loop = walk[seen[previous] :] + [previous]
            break
        seen[previous] = len(walk)
        walk.append(previous)
    loop.reverse()
    chain = " → ".join(computations[i].describe() for i in loop)
    return f"These fields depend on each other in a loop: {chain}."
