"""Keeping a session's instance consistent: relevance, calculations, repeats, incrementally.

Invariants kept here:
- a leaf that is not relevant (itself or through an ancestor) reads as empty, as in JavaRosa;
  its value waits in `_hidden` and comes back when the node is relevant again;
- after any change, every computation whose inputs changed has been re-run, for just the
  nodes (repeat instances) the change can reach, in topological order.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from app.engine.attributes import attribute_slots, split_attribute
from app.engine.changes import ChangeReport
from app.engine.errors import FormError
from app.engine.formdef import FormDef
from app.engine.graph import Computation, DependencyGraph
from app.engine.instance import Node
from app.engine.values import calculated_value
from app.engine.xpath import EvalEnv, RegexTimeout, XPathError, to_number

# An event: a generic path whose value changed below `anchor`; `gone` names a repeat whose
# instance (holding the change) was removed or has just been computed in full, so computations
# local to that instance have nothing left to do.
Anchor = tuple[Node, str | None]
T = TypeVar("T")
_ALL = object()  # scope: every node of the target path


class Wave:
    """One propagation: the changes so far and the computations queued, by topological index."""

    def __init__(self) -> None:
        self.events: dict[str, list[Anchor]] = {}
        self.heap: list[int] = []
        self.queued: set[int] = set()


class InstanceState:
    """The instance tree plus what the binds say about each node right now."""

    if TYPE_CHECKING:

        def ref(self, node: Node) -> str: ...  # Session's (app/engine/session.py)

    def __init__(self, form: FormDef, graph: DependencyGraph, document: Node, env: EvalEnv) -> None:
        self.form = form
        self.graph = graph
        self.document = document
        self.env = env
        self.evaluations = 0  # expressions evaluated by recomputation (for the benchmark)
        self._self_relevant: dict[Node, bool] = {}
        self._hidden: dict[Node, str] = {}
        self._required: dict[Node, bool] = {}
        self._readonly: dict[Node, bool] = {}
        self._valid: dict[Node, bool] = {}
        self._too_slow: set[Node] = set()  # constraint stopped by the regex() time budget
        self._items: dict[Node, list[Node]] = {}
        self._paths: dict[Node, str] = {}
        self._wave: Wave | None = None
        self._settling: str | None = None  # repeat whose new instance is being computed in full
        # Refs of removed repeat instances that held answers, while someone asks (see
        # Session.instances_removed_by); None otherwise.
        self.removal_log: list[str] | None = None
        # What a change did, for screens that update only that (changes.py); None: nobody asks.
        self.changes: ChangeReport | None = None

    # -- paths and nodes ---------------------------------------------------------------------
    @property
    def root(self) -> Node:
        return self.document.children[0]

    def generic(self, node: Node) -> str:
        path = self._paths.get(node)
        if path is None:
            parent = node.parent
            if parent is None or parent.name == "#document":
                path = "/" + node.name
            else:
                path = self.generic(parent) + "/" + node.name
            self._paths[node] = path
        return path

    def nodes_under(self, scope: Node, path: str) -> list[Node]:
        """Concrete nodes with this generic path at or below `scope` (/@name: attribute slots)."""
        element_path, attribute = split_attribute(path)
        if attribute is not None:
            return attribute_slots(self.nodes_under(scope, element_path), attribute)
        base = self.generic(scope)
        if path == base:
            return [scope]
        if not path.startswith(base + "/"):
            return []
        found = [scope]
        for step in path[len(base) + 1 :].split("/"):
            found = [child for node in found for child in node.children_named(step)]
            if not found:
                break
        return found

    def all_nodes(self, path: str) -> list[Node]:
        return self.nodes_under(self.root, path)

    # -- relevance and values ------------------------------------------------------------------
    def is_relevant(self, node: Node) -> bool:
        current: Node | None = node
        while current is not None and current.name != "#document":
            if not self._self_relevant.get(current, True):
                return False
            current = current.parent
        return True

    def stored_value(self, node: Node) -> str:
        """The answer kept for a node, also while it is hidden by relevance."""
        return self._hidden.get(node, node.text)

    def write(self, node: Node, value: str) -> bool:
        """Store a leaf's value; True if what expressions read changed."""
        if self.is_relevant(node):
            if node.text == value:
                return False
            node.text = value
            if node.draft_xml is not None:
                node.touched()
            if self.changes is not None:
                self.changes.nodes.add(node)
            return True
        if node.draft_xml is not None and self._hidden.get(node, "") != value:
            node.touched()  # a hidden answer is still part of the draft
        if value:
            self._hidden[node] = value
        else:
            self._hidden.pop(node, None)
        return False

    def sync_relevance(self, top: Node) -> None:
        """Move values between the tree and `_hidden` below `top` after relevance changed."""
        parent = top.parent
        inherited = parent is None or parent.name == "#document" or self.is_relevant(parent)
        stack = [(top, inherited)]
        while stack:
            node, parent_relevant = stack.pop()
            relevant = parent_relevant and self._self_relevant.get(node, True)
            if node.children:
                stack.extend((child, relevant) for child in node.children)
            # The stored value (the draft's XML) is the same either way: nothing to touch.
            elif relevant:
                if node in self._hidden:
                    node.text = self._hidden.pop(node)
            elif node.text:
                self._hidden[node] = node.text
                node.text = ""

    # -- evaluation ----------------------------------------------------------------------------
    def evaluate(self, comp: Computation, node: Node) -> None:
        """Run one computation for one node, recording the value changes it causes.
        An expression that fails on these answers raises FormError naming it (the answer that
        triggered it stays stored)."""
        try:
            self._evaluate(comp, node)
        except XPathError as exc:
            raise FormError(f"The form's {comp.kind} for {comp.context} failed: {exc}") from exc

    def _evaluate(self, comp: Computation, node: Node) -> None:
        kind = comp.kind
        if kind == "itemset":
            self._items.pop(node, None)  # choices are listed again when next asked for
            if self.changes is not None:
                self.changes.nodes.add(node)
            return
        self.evaluations += 1
        expr = comp.expr
        if kind == "calculate":
            bind = self.form.binds.get(comp.target)
            text, node.kind = calculated_value(
                expr.evaluate(self.env, node), bind.datatype if bind else "string"
            )
            if self.write(node, text):
                self.emit(comp.target, node)
        elif kind == "relevant":
            relevant = expr.evaluate_boolean(self.env, node)
            if relevant != self._self_relevant.get(node, True):
                self._self_relevant[node] = relevant
                if self.changes is not None:
                    self.changes.layout_changed = True
                parent = node.parent
                if parent is None or self.is_relevant(parent):
                    self.sync_relevance(node)
                    for path in comp.outputs:
                        self.emit(path, node)
        elif kind == "required":
            self._required[node] = expr.evaluate_boolean(self.env, node)
            if self.changes is not None:
                self.changes.nodes.add(node)
        elif kind == "readonly":
            self._readonly[node] = expr.evaluate_boolean(self.env, node)
            if self.changes is not None:
                self.changes.nodes.add(node)
        elif kind == "constraint":
            self._too_slow.discard(node)
            try:
                self._valid[node] = node.text == "" or expr.evaluate_boolean(self.env, node)
                if self.changes is not None:
                    self.changes.nodes.add(node)
            except RegexTimeout:
                # Not a broken form for everyone: this answer could not be checked in time, so it
                # cannot be finalised as is (presenter says why).
                self._valid[node] = False
                self._too_slow.add(node)
        elif kind == "count":
            if self.changes is not None:
                self.changes.layout_changed = True  # instances may come or go
            self._apply_count(comp, node)

    def emit(self, path: str, anchor: Node, gone: str | None = None) -> None:
        wave = self._wave
        if wave is None:
            return
        if gone is None:
            gone = self._settling
        wave.events.setdefault(path, []).append((anchor, gone))
        for comp in self.graph.dependents(path):
            if comp.index not in wave.queued:
                wave.queued.add(comp.index)
                heapq.heappush(wave.heap, comp.index)

    def run_change(self, change: Callable[[], T]) -> T:
        """Make a change (whose effects are emitted) and re-run everything it reaches."""
        outer = self._wave
        if outer is not None:  # already inside a propagation: it will pick the events up
            return change()
        wave = self._wave = Wave()
        try:
            result = change()
            self._drain(wave)
            for comp in self.graph.lazy_count_comps:
                for parent in self.all_nodes(comp.target):
                    self._settle_lazy_count(comp, parent)
        finally:
            self._wave = None
        return result

    def _settle_lazy_count(self, comp: Computation, parent: Node) -> None:
        """A count that depends on its own repeat, read after every change (JavaRosa reads it as
        the person moves on): the instances that hold answers, plus one empty one to fill while
        the count asks for more. Empty trailing instances go first so the count reads the
        answered ones ("the last flat is final": no further flat)."""
        name = comp.context.rsplit("/", 1)[1]
        self._wave = Wave()
        instances = parent.children_named(name)
        while instances and not self.holds_answers(instances[-1]):
            self.remove_instance(instances[-1])
            instances = parent.children_named(name)
        self._drain(self._wave)
        self._wave = Wave()
        self.evaluate(comp, parent)
        self._drain(self._wave)

    def _drain(self, wave: Wave) -> None:
        order = self.graph.order
        while wave.heap:
            comp = order[heapq.heappop(wave.heap)]
            for node in self._targets(comp, wave.events):
                if node.root is self.document:
                    self.evaluate(comp, node)

    def propagate(self, changes: Iterable[tuple[str, Node, str | None]]) -> None:
        """Re-run what depends on these changes (path, anchor node, removed repeat or None)."""

        def emit_all() -> None:
            for path, anchor, gone in changes:
                self.emit(path, anchor, gone)

        self.run_change(emit_all)

    def _targets(self, comp: Computation, events: dict[str, list[Anchor]]) -> list[Node]:
        scopes: dict[int, Node] = {}
        for ref in comp.refs:
            anchors = events.get(ref)
            if not anchors:
                continue
            level = comp.local_level[ref]
            if level is None:
                return self.all_nodes(comp.target)
            for anchor, gone in anchors:
                scope = self._scope(level, anchor, gone)
                if scope is _ALL:
                    return self.all_nodes(comp.target)
                if isinstance(scope, Node):  # not _ALL (above), not None
                    scopes[id(scope)] = scope
        if len(scopes) == 1:
            return self.nodes_under(next(iter(scopes.values())), comp.target)
        seen: dict[int, Node] = {}
        for scope in scopes.values():
            for node in self.nodes_under(scope, comp.target):
                seen[id(node)] = node
        return list(seen.values())

    def _scope(self, level: str, anchor: Node, gone: str | None) -> Node | object | None:
        """The repeat instance (at `level`) a local reference to a change below `anchor` reaches."""
        if gone is not None and (level == gone or level.startswith(gone + "/")):
            return None
        path = self.generic(anchor)
        if level == path or level.startswith(path + "/"):
            return anchor  # the change is above the level: every instance below it
        node: Node | None = anchor
        while node is not None and node.name != "#document":
            if self.generic(node) == level:
                return node
            node = node.parent
        return _ALL

    def recompute_all(self) -> None:
        """Evaluate every computation for every node, in topological order (no propagation)."""
        outer, self._wave = self._wave, None
        try:
            for comp in self.graph.order:
                for node in self.all_nodes(comp.target):
                    self.evaluate(comp, node)
        finally:
            self._wave = outer
        if self.graph.lazy_counts and outer is None:
            # Lazy counts are no edges of the order: what reads their repeats runs again.
            comps = self.graph.lazy_count_comps
            self.propagate([(c.context, p, None) for c in comps for p in self.all_nodes(c.target)])

    def naive_cost(self) -> int:
        """How many expressions a full re-evaluation runs now (itemsets are listed lazily)."""
        return sum(
            len(self.all_nodes(comp.target)) for comp in self.graph.order if comp.kind != "itemset"
        )

    # -- repeats -------------------------------------------------------------------------------
    def _apply_count(self, comp: Computation, parent: Node) -> None:
        repeat = comp.context
        name = repeat.rsplit("/", 1)[1]
        probe = None
        if not parent.children_named(name):
            # jr:count is read from a repeat instance; lend it one while there is none.
            probe = self._insert_instance(parent, repeat)
        try:
            number = to_number(comp.expr.evaluate(self.env, parent.children_named(name)[0]))
        finally:
            if probe is not None:
                parent.remove(probe)
        wanted = int(number) if number == number and number > 0 else 0
        wanted = min(wanted, 10_000)  # a typo must not build millions of instances
        instances = parent.children_named(name)
        if repeat in self.graph.lazy_counts and wanted > len(instances):
            # A count that depends on its own repeat ("add flats until the last is final"):
            # JavaRosa adds one instance as the person moves past the last; never a run of them.
            wanted = len(instances) + 1
        for _ in range(len(instances), wanted):
            self.add_instance(parent, repeat)
        for instance in instances[wanted:][::-1]:
            self.remove_instance(instance)

    def _insert_instance(self, parent: Node, repeat: str) -> Node:
        name = repeat.rsplit("/", 1)[1]
        instance = self.form.templates[repeat].copy()
        existing = parent.children_named(name)
        if existing:
            position = parent.children.index(existing[-1]) + 1
        else:
            order = self.form.child_order.get(repeat.rsplit("/", 1)[0], [])
            later = set(order[order.index(name) + 1 :]) if name in order else set()
            position = next(
                (i for i, child in enumerate(parent.children) if child.name in later),
                len(parent.children),
            )
        parent.insert(position, instance)
        return instance

    def add_instance(self, parent: Node, repeat: str) -> Node:
        """A new repeat instance from the template, with its computations and actions run."""
        instance = self._insert_instance(parent, repeat)
        self.sync_relevance(instance)
        outer, self._settling = self._settling, repeat
        try:
            self.run_new_repeat_actions(instance, repeat)
            for comp in self.graph.inside.get(repeat, ()):
                for node in self.nodes_under(instance, comp.target):
                    self.evaluate(comp, node)
        finally:
            self._settling = outer
        self.emit(repeat, parent)
        # Computations local to the new instance just ran; only the others need the news.
        for path in self.graph.descendants.get(repeat, ()):
            self.emit(path, instance, repeat)
        return instance

    def holds_answers(self, instance: Node) -> bool:
        """Whether anything typed is kept below this repeat instance, hidden or not: values that
        calculations, setvalue actions or the template's defaults put there do not count."""
        base = self.generic(instance)
        template = self.form.templates.get(base)
        defaults = _leaf_values(template, base) if template is not None else {}
        set_by_form = {a.path for a in self.form.setvalues}
        for node in instance.iter_descendants():
            if node.children:
                continue
            path = self.generic(node)
            bind = self.form.binds.get(path)
            if bind is not None and bind.calculate is not None or path in set_by_form:
                continue
            value = self.stored_value(node)
            if value and value != defaults.get(path, ""):
                return True
        return False

    def remove_instance(self, instance: Node) -> None:
        parent = instance.parent
        if parent is None:
            return
        repeat = self.generic(instance)
        if self.removal_log is not None and self.holds_answers(instance):
            self.removal_log.append(self.ref(instance))
        parent.remove(instance)
        for node in (instance, *instance.iter_descendants()):
            for state in (self._self_relevant, self._hidden, self._required, self._readonly):
                state.pop(node, None)
            self._valid.pop(node, None)
            self._too_slow.discard(node)
            self._items.pop(node, None)
            self._paths.pop(node, None)
        self.emit(repeat, parent)
        for path in self.graph.descendants.get(repeat, ()):
            self.emit(path, parent, repeat)

    def run_new_repeat_actions(self, instance: Node, repeat: str) -> None:
        """Hook for odk-new-repeat setvalue actions (the session fills it in)."""


def _leaf_values(top: Node, base: str) -> dict[str, str]:
    """Generic path -> text of every leaf under a template (its default values)."""
    values: dict[str, str] = {}
    stack = [(top, base)]
    while stack:
        node, path = stack.pop()
        if not node.children:
            values[path] = node.text
        stack.extend((child, f"{path}/{child.name}") for child in node.children)
    return values
