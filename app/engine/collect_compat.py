"""Will ODK Collect run this form? What JavaRosa (Collect's engine) rejects while filling it.

Our engine evaluates some expressions that JavaRosa refuses at evaluation time, so a form that
works here can stop a facilitator in Collect mid-interview. Measured against JavaRosa (ODK
Validate's copy): the functions ceiling, floor, last, local-name and substring; current() in a
bind (it is meant for choice filters); the preceding-sibling:: axis; and a path that selects
several nodes where one value is needed ("This field is repeated"), e.g. comparing with
`/data/participants[consent = 'si']/participant_code` once two participants consented.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.engine.xpath.parser import BinOp, Call, Expr, Filter, Negate, Number, Path

if TYPE_CHECKING:
    from app.engine.load import Form

REJECTED_FUNCTIONS = ("ceiling", "floor", "last", "local-name", "substring")
# Functions that take node-sets: a path with several nodes is what they are for.
NODESET_FUNCTIONS = {
    "count",
    "count-non-empty",
    "sum",
    "min",
    "max",
    "join",
    "indexed-repeat",
    "randomize",
    "position",
    "instance",
    "name",
}
_BIND_KINDS = ("calculate", "relevant", "required", "readonly", "constraint")


@dataclass(frozen=True)
class CollectWarning:
    """One expression Collect would refuse: the question (generic path), where in it, and why."""

    path: str
    where: str  # calculate, relevant, constraint, ..., jr:count, setvalue
    message: str

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def collect_warnings(form: Form) -> list[CollectWarning]:
    """Every expression of the form JavaRosa would reject, in form order of the binds."""
    definition = form.definition
    found: list[CollectWarning] = []
    for path, bind in definition.binds.items():
        for kind in _BIND_KINDS:
            expr = getattr(bind, kind)
            if expr is not None:
                _Check(definition.repeats, path, kind, found, in_bind=True).run(expr.ast)
    for path, control in definition.controls.items():
        if control.count is not None:
            _Check(definition.repeats, path, "jr:count", found, in_bind=True).run(control.count.ast)
        if control.itemset is not None:  # current() is right here: a choice filter
            check = _Check(definition.repeats, path, "choice filter", found, in_bind=False)
            check.run(control.itemset.nodeset.ast, single=False)
    for action in definition.setvalues:
        if action.value is not None:
            _Check(definition.repeats, action.path, "setvalue", found, in_bind=True).run(
                action.value.ast
            )
    unique: dict[CollectWarning, None] = dict.fromkeys(found)
    return list(unique)


class _Check:
    def __init__(
        self, repeats: set[str], path: str, where: str, out: list[CollectWarning], in_bind: bool
    ) -> None:
        self.repeats = repeats
        self.path = path
        self.where = where
        self.out = out
        self.in_bind = in_bind

    def warn(self, message: str) -> None:
        self.out.append(CollectWarning(self.path, self.where, message))

    def run(self, expr: Expr, single: bool = True) -> None:
        self._walk(expr, single, self.path)

    def _walk(self, expr: Expr, single: bool, context: str | None) -> None:
        if isinstance(expr, Call):
            name = expr.name.rpartition(":")[2]
            if name in REJECTED_FUNCTIONS:
                self.warn(f"ODK Collect cannot evaluate {name}() (JavaRosa rejects it).")
            if name == "current" and self.in_bind:
                self.warn("ODK Collect rejects current() outside choice filters.")
            for arg in expr.args:
                self._walk(arg, name not in NODESET_FUNCTIONS, context)
        elif isinstance(expr, BinOp):
            for side in (expr.left, expr.right):
                self._walk(side, expr.op != "|" and single, context)
        elif isinstance(expr, Negate):
            self._walk(expr.operand, True, context)
        elif isinstance(expr, Filter):
            self._walk(expr.primary, False, context)
            for predicate in expr.predicates:
                self._walk(predicate, True, None)
        elif isinstance(expr, Path):
            if any(step.axis == "preceding-sibling" for step in expr.steps):
                self.warn("ODK Collect does not support the preceding-sibling:: axis.")
            if isinstance(expr.start, Expr):
                self._walk(expr.start, False, context)
            for step in expr.steps:
                for predicate in step.predicates:
                    self._walk(predicate, True, None)
            if single and context is not None and self._several(expr, context):
                text = _source_hint(expr)
                self.warn(
                    f"{text} can select several answers (a repeat) where one value is needed: "
                    "ODK Collect stops with “This field is repeated”. Use an aggregate "
                    "(count, sum, join…) or selected(join(' ', …), .)."
                )

    def _several(self, expr: Path, context: str) -> bool:
        """Whether the path can select nodes of several instances of a repeat that is not
        around the context (inside it, JavaRosa reads the context's own instance)."""
        if expr.start == "root":
            path = ""
        elif expr.start == "context":
            path = context
        else:
            return False
        single_steps: set[str] = set()
        for step in expr.steps:
            if step.axis == "child" and "*" not in step.test and "(" not in step.test:
                path = f"{path}/{step.test}"
                if any(isinstance(p, Number) for p in step.predicates):
                    single_steps.add(path)
            elif step.axis == "parent" and step.test == "node()":
                path = path.rsplit("/", 1)[0]
            elif step.axis == "self" and step.test == "node()":
                continue
            else:
                return False
        for repeat in self.repeats:
            reaches = path == repeat or path.startswith(repeat + "/")
            around = context == repeat or context.startswith(repeat + "/")
            if reaches and not around and repeat not in single_steps:
                return True
        return False


def _source_hint(expr: Path) -> str:
    """The path as written (steps only), for the message."""
    parts = []
    for step in expr.steps:
        text = step.test if step.axis == "child" else f"{step.axis}::{step.test}"
        if step.test == "node()" and step.axis in ("parent", "self"):
            text = ".." if step.axis == "parent" else "."
        parts.append(text + ("[…]" if step.predicates else ""))
    prefix = "/" if expr.start == "root" else ""
    return "The path " + prefix + "/".join(parts)


def survey_rows(path: str, root: str) -> dict[str, int]:
    """Generic path of each survey row's node -> its row number (the header is row 1) in an
    XLSForm file; `root` is the instance root's name (pyxform: "data")."""
    from pathlib import Path as FilePath

    from pyxform.xls2json_backends import definition_to_dict, get_definition_data

    from app.xlsform.columns import numbered_rows

    source = FilePath(path)
    data = definition_to_dict(get_definition_data(source), file_type=source.suffix.lower())
    rows: dict[str, int] = {}
    stack: list[str] = []
    for number, row in numbered_rows(data.survey):
        kind = " ".join(str(row.get("type") or "").replace("_", " ").split()).lower()
        name = str(row.get("name") or "").strip()
        if kind.startswith("end "):
            if stack:
                stack.pop()
            continue
        if name:
            rows.setdefault("/" + "/".join([root, *stack, name]), number)
        if kind.startswith("begin "):
            stack.append(name)
    return rows
