"""A FormSession: one person's answers to one form, kept consistent after every change."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from app.engine import presenter, submission
from app.engine.changes import ChangeReport
from app.engine.errors import RefError
from app.engine.formdef import FormDef, SetValue
from app.engine.instance import Node
from app.engine.position_wait import POSITION_WINDOW, AwaitedPosition, fix_accuracy
from app.engine.prompts import Problem, Prompt
from app.engine.recompute import InstanceState
from app.engine.values import calculated_value, normalise, normalise_select
from app.engine.xmlread import namespace, parse_xml
from app.engine.xpath import EvalEnv

if TYPE_CHECKING:
    from app.engine.load import Form

_STEP = re.compile(r"^([^\[\]/]+)(?:\[(\d+)\])?$")


def iso_timestamp(moment: datetime) -> str:
    """ODK's dateTime form: 2024-05-01T14:03:09.120-06:00."""
    text = moment.isoformat(timespec="milliseconds")
    return text if moment.tzinfo is not None else text + "Z"


def with_last_saved(definition: FormDef, last_saved: str | None) -> dict[str, Node]:
    """Secondary instances for one session: jr://instance/last-saved holds the last finalised
    filling of this form (instance XML), or stays empty when there is none, as in Collect."""
    if not definition.last_saved_ids or not last_saved:
        return definition.instances
    parsed = parse_xml(last_saved, "The last saved answers")
    document = Node("#document")
    document.append(parsed.to_node(parsed.root, namespace(parsed.root.tag)))
    instances = dict(definition.instances)
    for instance_id in definition.last_saved_ids:
        instances[instance_id] = document
    return instances


class Session(InstanceState):
    """Answers, relevance, calculations and validation for one filling of a form.

    Refs are absolute with 1-based repeat indexes: /data/participants[2]/age ([1] may be left out).
    """

    def __init__(
        self,
        form: Form,
        document: Node,
        language: str | None,
        properties: dict[str, str] | None = None,
        last_saved: str | None = None,
    ) -> None:
        definition = form.definition
        instances = with_last_saved(definition, last_saved)
        env = EvalEnv(main=document, instances=instances)
        env.properties = dict(properties or {})
        env.form_version = definition.version
        super().__init__(definition, form.graph, document, env)
        env.choice_label = self._choice_label
        self.owner = form
        self.properties = dict(properties or {})
        self._language = ""
        self.language = language or form.default_language
        # odk:setgeopoint asks this for "lat lon altitude accuracy" at once; None (the default)
        # or no answer leaves the node empty until receive_position() brings a fix within
        # POSITION_WINDOW seconds (position_wait.py), or for good, as Collect does when no fix
        # comes.
        self.position_source: Callable[[], str | None] | None = None
        self.clock: Callable[[], float] = time.monotonic
        self.awaited_positions: list[AwaitedPosition] = []
        self.position_requests = 0  # how many times an action asked (a screen sees new asks)

    # -- construction ------------------------------------------------------------------------
    def start(self) -> None:
        """A new filling: preloads, first recompute, then odk-instance-first-load actions."""
        self._ensure_instance_id()
        now = self.env.now()
        for path, bind in self.form.binds.items():
            if bind.preload is None or bind.preload_params == "end":
                continue
            for node in self.all_nodes(path):
                node.text = self._preload_value(bind.preload, bind.preload_params, now)
                node.touched()
        self.recompute_all()
        for action in self.form.setvalues:
            if action.event == "odk-instance-first-load":
                for node in self.all_nodes(action.path):
                    self._run_action(action, node)

    def _ensure_instance_id(self) -> None:
        meta = self.root.first_named("meta") or self.root.first_named("orx:meta")
        if meta is None:
            meta = self.root.append(Node("meta"))
        instance_id = meta.first_named("instanceID") or meta.first_named("orx:instanceID")
        if instance_id is None:
            instance_id = meta.append(Node("instanceID"))
        if not instance_id.text:
            instance_id.text = f"uuid:{uuid.uuid4()}"
            instance_id.touched()

    def _preload_value(self, preload: str, params: str, now: datetime) -> str:
        if preload == "uid":
            return f"uuid:{uuid.uuid4()}"
        if preload == "timestamp":
            return iso_timestamp(now)
        if preload == "date":
            return now.date().isoformat()
        return self.properties.get(params, "")

    # -- language ----------------------------------------------------------------------------
    @property
    def language(self) -> str:
        return self._language

    @language.setter
    def language(self, value: str) -> None:
        languages = self.owner.languages
        if languages and value not in languages:
            raise ValueError(f"The form has no language {value!r}; it has {', '.join(languages)}.")
        self._language = value
        self.env.locale = presenter.date_names_language(value)

    # -- refs ----------------------------------------------------------------------------------
    def node(self, ref: str) -> Node:
        """The instance node a ref names; RefError if there is none."""
        steps = ref.strip().strip("/").split("/")
        current: Node | None = self.document
        for step in steps:
            match = _STEP.match(step)
            if match is None or current is None:
                raise RefError(f"{ref!r} is not a valid reference.")
            siblings = current.children_named(match.group(1))
            index = int(match.group(2) or 1)
            if not 1 <= index <= len(siblings):
                raise RefError(f"There is no {ref} in this form session.")
            current = siblings[index - 1]
        if current is None or current is self.document:
            raise RefError(f"{ref!r} is not a valid reference.")
        return current

    def ref(self, node: Node) -> str:
        """Concrete ref of a node; repeat instances always carry their [n]."""
        parts: list[str] = []
        current: Node | None = node
        while current is not None and current.name != "#document":
            if self.generic(current) in self.form.repeats:
                parts.append(f"{current.name}[{current.sibling_index()}]")
            else:
                parts.append(current.name)
            current = current.parent
        return "/" + "/".join(reversed(parts))

    @property
    def instance_id(self) -> str:
        meta = self.root.first_named("meta") or self.root.first_named("orx:meta")
        found = meta and (meta.first_named("instanceID") or meta.first_named("orx:instanceID"))
        return found.text if found else ""

    def renew_instance_id(self) -> str:
        """Begin an edit of a submitted filling (ODK's edit model): meta/deprecatedID takes the
        old instanceID and a new uuid becomes the instanceID. Returns the new id."""
        meta = self.root.first_named("meta") or self.root.first_named("orx:meta")
        assert meta is not None  # _ensure_instance_id made it
        prefix = "orx:" if meta.name.startswith("orx:") else ""
        current = meta.first_named(f"{prefix}instanceID")
        assert current is not None  # _ensure_instance_id made it
        deprecated = meta.first_named(f"{prefix}deprecatedID")
        if deprecated is None:
            deprecated = Node(f"{prefix}deprecatedID")
            meta.insert(meta.children.index(current) + 1, deprecated)
        deprecated.text = current.text
        current.text = f"uuid:{uuid.uuid4()}"
        deprecated.touched()
        current.touched()
        return current.text

    # -- answers -------------------------------------------------------------------------------
    def value(self, ref: str) -> str:
        """What the form reads for this question now ('' while it is not relevant)."""
        return self.node(ref).text

    def set(self, ref: str, value: str) -> None:
        """Answer a question; dependents are recomputed. ValueError if the value does not fit."""
        node = self.node(ref)
        if node.children:
            raise ValueError(f"{ref} is a group, not a question.")
        if self.readonly(ref):
            raise ValueError(f"{ref} is read-only.")
        path = self.generic(node)
        bind = self.form.binds.get(path)
        control = self.form.controls.get(path)
        if control is not None and control.kind in ("select", "rank"):
            value = normalise_select(value)
        else:
            spanish = presenter.message_language(self.language) == "es"
            label = self.question_label(node)
            value = normalise(bind.datatype if bind else "string", value, label, spanish)
        if self.stored_value(node) == value:
            return
        changed = self.write(node, value)
        # Only xforms-value-changed fires on an answer; a first-load setvalue written inside the
        # control ran once at load (JavaRosa).
        actions = [
            a
            for a in self.form.setvalues
            if a.source == path and "xforms-value-changed" in a.event.split()
        ]
        if changed or actions:
            self.propagate([(path, node, None)] if changed else [])
            for action in actions:
                self._run_action(action, node)

    def set_reporting(self, ref: str, value: str) -> ChangeReport:
        """set(), returning what it changed: the refs whose value, required, read-only or
        constraint state or choices may differ now, and whether the layout changed (relevance,
        repeat instances), in which case a screen should rebuild everything."""
        report = ChangeReport()
        self.changes = report
        try:
            self.set(ref, value)
        finally:
            self.changes = None
        report.nodes.add(self.node(ref))
        report.refs = {self.ref(node) for node in report.nodes if node.parent is not None}
        return report

    def instances_removed_by(self, ref: str, value: str) -> list[str]:
        """Refs of repeat instances holding answers that answering `ref` with `value` would remove
        (a jr:count going down), so the person can be asked first; [] when none. JavaRosa keeps
        such instances and submits them; we remove them, but never without this question."""
        if not self.graph.has_counts or not self._feeds_count(self.generic(self.node(ref))):
            return []
        shadow = self.owner.open_session(
            self.to_xml(include_non_relevant=True), self.language, properties=self.properties
        )
        shadow.removal_log = []
        shadow.set(ref, value)
        return shadow.removal_log

    def _feeds_count(self, path: str) -> bool:
        """Whether a change to `path` can reach a jr:count (through calculations and relevance)."""
        seen = {path}
        todo = [path]
        while todo:
            current = todo.pop()
            if any(current in comp.refs for comp in self.graph.lazy_count_comps):
                return True
            for comp in self.graph.dependents(current):
                if comp.kind == "count":
                    return True
                for output in comp.outputs or ([comp.target] if comp.kind == "calculate" else []):
                    if output not in seen:
                        seen.add(output)
                        todo.append(output)
        return False

    def question_label(self, node: Node, limit: int = 60) -> str:
        """The question as the facilitator sees it (its label in the session language, shortened),
        for messages; the XML name only when the question has no label."""
        control = self.form.controls.get(self.generic(node))
        label = ""
        if control is not None and control.label is not None:
            label = " ".join(presenter.render(self, control.label, node).split())
        if len(label) > limit:
            label = label[: limit - 1].rstrip() + "…"
        return label or node.name

    def _run_action(self, action: SetValue, source: Node) -> None:
        """setvalue: evaluate in the target's context and store; dependents are recomputed.
        Inside a repeat, only the instance holding the source node is touched."""
        scope = self.root
        node: Node | None = source
        while node is not None and node.name != "#document":
            path = self.generic(node)
            if path in self.form.repeats and action.path.startswith(path + "/"):
                scope = node
                break
            node = node.parent
        for target in self.nodes_under(scope, action.path):
            self._set_by_action(action, target)

    def _set_by_action(self, action: SetValue, target: Node) -> None:
        if action.geopoint:
            waiting = self._await_position(target)
            position = self.position_source() if self.position_source is not None else None
            if position:
                self._write_fix(waiting, position)
            return
        if action.value is None:
            result = action.literal
        else:
            self.evaluations += 1
            bind = self.form.binds.get(action.path)
            result, target.kind = calculated_value(
                action.value.evaluate(self.env, target), bind.datatype if bind else "string"
            )
        if self.write(target, result):
            self.propagate([(action.path, target, None)])

    # -- the device's position (odk:setgeopoint) -------------------------------------------
    def _await_position(self, target: Node) -> AwaitedPosition:
        """The action fired for `target`: it waits for a fix from now on. Firing again for the
        same node starts its wait anew (Collect resets the best accuracy on each trigger)."""
        self.awaited_positions = [w for w in self.awaited_positions if w.node is not target]
        waiting = AwaitedPosition(target, self.clock() + POSITION_WINDOW, self.stored_value(target))
        self.awaited_positions.append(waiting)
        self.position_requests += 1
        return waiting

    def _write_fix(self, waiting: AwaitedPosition, position: str) -> bool:
        node = waiting.node
        before = self.stored_value(node)
        if self.write(node, position):
            self.propagate([(self.generic(node), node, None)])
        waiting.expected = self.stored_value(node)
        waiting.accuracy = fix_accuracy(position)
        return waiting.expected != before

    def awaiting_position(self) -> bool:
        """Whether some odk:setgeopoint target still waits for a fix (within its window)."""
        return self.position_wait_left() > 0

    def position_wait_left(self) -> float:
        """Seconds until the last waiting target's window closes (0: nothing waits). Targets
        whose window closed, whose repeat instance is gone, or whose value changed since are
        forgotten here."""
        now = self.clock()
        self.awaited_positions = [
            w
            for w in self.awaited_positions
            if w.until > now
            and w.node.root is self.document
            and self.stored_value(w.node) == w.expected
        ]
        return max((w.until - now for w in self.awaited_positions), default=0.0)

    def receive_position(self, position: str) -> bool:
        """A fix from the device ("lat lon altitude accuracy") for every target still waiting:
        the first fix is written, a later one only if it is more accurate (as in Collect).
        Returns whether anything was written. ValueError if the text is not a geopoint."""
        position = normalise("geopoint", position, "position", False)
        if not position or self.position_wait_left() <= 0:
            return False
        accuracy = fix_accuracy(position)
        wrote = False
        for waiting in list(self.awaited_positions):
            # Checked again at each write: a write may remove repeat instances (relevance).
            if waiting.node.root is not self.document:
                continue
            if self.stored_value(waiting.node) != waiting.expected:
                continue
            if waiting.accuracy is not None and accuracy >= waiting.accuracy:
                continue
            wrote = self._write_fix(waiting, position) or wrote
        return wrote

    def stop_waiting_for_position(self) -> None:
        """The session is left (closed, finalised): a fix arriving later is dropped."""
        self.awaited_positions = []

    def take_waits_from(self, other: Session) -> None:
        """Carry another session's waiting targets over (the same draft reopened): by ref."""
        self.clock = other.clock
        for waiting in other.awaited_positions:
            if waiting.node.root is not other.document:
                continue
            try:
                node = self.node(other.ref(waiting.node))
            except RefError:
                continue
            self.awaited_positions.append(
                AwaitedPosition(node, waiting.until, self.stored_value(node), waiting.accuracy)
            )

    def run_new_repeat_actions(self, instance: Node, repeat: str) -> None:
        for action in self.form.setvalues:
            if action.event == "odk-new-repeat" and action.path.startswith(repeat + "/"):
                for target in self.nodes_under(instance, action.path):
                    self._set_by_action(action, target)

    def relevant(self, ref: str) -> bool:
        return self.is_relevant(self.node(ref))

    def required(self, ref: str) -> bool:
        return self._required.get(self.node(ref), False)

    def readonly(self, ref: str) -> bool:
        target = self.node(ref)
        bind = self.form.binds.get(self.generic(target))
        if bind is not None and bind.calculate is not None:
            return True
        node: Node | None = target
        while node is not None and node.name != "#document":
            if self._readonly.get(node, False):
                return True
            node = node.parent
        return False

    # -- repeats -------------------------------------------------------------------------------
    def add_repeat(self, ref: str) -> str:
        """Add an instance at the end of the repeat named by ref (e.g. /data/kids or
        /data/hh[2]/members); returns the new instance's ref."""
        steps = ref.strip().rstrip("/").rsplit("/", 1)
        parent = self.node(steps[0]) if steps[0] else None
        step = _STEP.match(steps[1])
        name = step.group(1) if step else steps[1]
        if parent is None:
            raise RefError(f"{ref!r} is not a repeat.")
        path = self.generic(parent) + "/" + name
        control = self.form.controls.get(path)
        if path not in self.form.repeats:
            raise RefError(f"{ref} is not a repeat.")
        if control is not None and (control.count is not None or control.no_add_remove):
            raise ValueError(f"The number of {name} is set by the form; it cannot be changed here.")
        if not self.repeat_relevant(parent, path):
            raise ValueError(f"{name} does not apply now (the form's relevance): nothing to add.")
        instance = self.run_change(lambda: self.add_instance(parent, path))
        return self.ref(instance)

    def repeat_relevant(self, parent: Node, path: str) -> bool:
        """Whether a new instance of the repeat `path` under `parent` would be relevant: a
        repeat that does not apply gets no new instances (JavaRosa asks only when it does)."""
        if not self.is_relevant(parent):
            return False
        bind = self.form.binds.get(path)
        if bind is None or bind.relevant is None:
            return True
        probe = self._insert_instance(parent, path)  # relevance is read in a would-be instance
        try:
            return bind.relevant.evaluate_boolean(self.env, probe)
        finally:
            parent.remove(probe)
            self._paths.pop(probe, None)

    def remove_repeat(self, ref: str) -> None:
        """Remove one repeat instance, e.g. /data/kids[2] (later instances move up)."""
        instance = self.node(ref)
        path = self.generic(instance)
        if path not in self.form.repeats:
            raise RefError(f"{ref} is not a repeat instance.")
        control = self.form.controls.get(path)
        if control is not None and (control.count is not None or control.no_add_remove):
            raise ValueError(f"The number of {instance.name} is set by the form.")
        self.run_change(lambda: self.remove_instance(instance))

    # -- checks, prompts, XML ---------------------------------------------------------------
    def check(self, ref: str) -> Problem | None:
        """The required/constraint problem of one question now, or None."""
        return presenter.problem_of(self, self.node(ref))

    def validate(self) -> list[Problem]:
        """Every problem that stops finalising, in form order."""
        return presenter.all_problems(self)

    def prompts(self) -> list[Prompt]:
        """The visible form in order: groups, repeats, questions, in the session language."""
        return presenter.build_prompts(self)

    def prompt_at(self, ref: str, depth: int = 0) -> Prompt | None:
        """One question's prompt now (None if it is not a shown question): after
        set_reporting, a screen rebuilds just the prompts of the refs it reported."""
        return presenter.prompt_at(self, ref, depth)

    def stamp_end(self) -> None:
        """Stamp the end time (the `end` preload) now: once, when finalising."""
        submission.stamp_end(self)

    def to_xml(self, *, include_non_relevant: bool = False) -> str:
        """Submission XML (non-relevant nodes left out, as ODK Collect does). Drafts may pass
        include_non_relevant=True to keep hidden answers too. A pure read: stamp_end() first
        when finalising."""
        return submission.to_xml(self, include_non_relevant=include_non_relevant)

    def _choice_label(self, value: str, path: str) -> str:
        return presenter.choice_label(self, value, path)
