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
            if "choice-name" in comp.expr.source:
                comp.refs |= _choice_label_refs(form, comp.expr.ast)
            comp.local_level = {ref: self._local_level(comp, ref) for ref in comp.refs}
            comp.outputs = self._outputs(comp)
        try:
            self.order: list[Computation] = _topological(computations)
            lazy: list[Computation] = []
        except FormError:
            # JavaRosa reads jr:count only as the person moves through the repeat, so it is no
            # edge of its graph: forms where the count depends on the repeat itself must open.
            lazy = [c for c in computations if c.kind == "count"]
            for comp in lazy:
                comp.outputs = []
            self.order = _topological(computations)  # a loop without counts is still refused
        self.lazy_counts: set[str] = {c.context for c in lazy}
        self.has_counts = any(c.kind == "count" for c in computations)
        self.lazy_count_comps: list[Computation] = lazy
        for index, comp in enumerate(self.order):
            comp.index = index
        self.by_ref: dict[str, list[Computation]] = {}
        for comp in self.order:
            if comp in lazy:
                continue  # read once after each change (recompute.py), never mid-propagation
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


def _choice_label_refs(form: FormDef, expr: object) -> set[str]:
    """jr:choice-name(x, '/data/sel') shows a choice label, and a label's <output>s read other
    answers: when those change, the name changes too (JavaRosa re-reads it)."""
    from app.engine.xpath.parser import BinOp, Call, Filter, Literal, Negate, Path

    found: set[str] = set()
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Call):
            stack.extend(node.args)
            if node.name.rpartition(":")[2] == "choice-name" and len(node.args) == 2:
                path_arg = node.args[1]
                if isinstance(path_arg, Literal):
                    found |= _label_output_refs(form, path_arg.value.strip())
        elif isinstance(node, BinOp):
            stack.extend((node.left, node.right))
        elif isinstance(node, Negate):
            stack.append(node.operand)
        elif isinstance(node, Filter):
            stack.append(node.primary)
            stack.extend(node.predicates)
        elif isinstance(node, Path):
            if not isinstance(node.start, str):
                stack.append(node.start)
            stack.extend(p for step in node.steps for p in step.predicates)
    return found


def _label_output_refs(form: FormDef, select: str) -> set[str]:
    control = form.controls.get(select)
    if control is None:
        return set()
    groups: list[list[str | XPathExpr]] = []
    text_ids: list[str] = []
    for item in control.items:
        groups.append(item.label.parts)
        if item.label.itext_id is not None:
            text_ids.append(item.label.itext_id)
    itemset = control.itemset
    if itemset is not None and itemset.label.itext_expr is not None:
        # pyxform's choice lists: items in a secondary instance, labels by itext id per item.
        from app.engine.xpath import EvalEnv, XPathError

        env = EvalEnv(main=form.main, instances=form.instances)
        try:
            for choice in itemset.base.evaluate_nodes(env, form.main):
                text_ids.append(itemset.label.itext_expr.evaluate_string(env, choice))
        except XPathError:
            pass  # a list that depends on answers: its labels' outputs are not followed
    for texts in form.itext.translations.values():
        for text_id in text_ids:
            groups.extend(texts.get(text_id, {}).values())
    refs: set[str] = set()
    for parts in groups:
        for part in parts:
            if not isinstance(part, str):
                refs |= part.references(select)
    return refs


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
            # FlagAsNumber stands in for an attribute calculate's XPathExpr (evaluate, references).
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


def _cycle_message(
    computations: list[Computation], edges: list[set[int]], incoming: list[int]
) -> str:
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
