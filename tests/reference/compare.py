"""Comparing what JavaRosa and our engine made of one script.

Only the harmless differences below are ignored; everything else is a Difference, which the test
either finds in KNOWN_DIFFERENCES (known_differences.py: printed, not failed) or fails on.

Harmless, with the reason each one is harmless:
- VOLATILE values (instanceID, start/end/today preloads, now(), today(), uuid(), random(),
  randomize(), and whatever is computed from them): each engine creates its own at its own
  moment; only "empty in one, filled in the other" is compared.
- DECIMAL TEXT: 2 vs 2.0, 1.50 vs 1.5 in a number-typed or calculated node: the same number,
  and ODK servers and exports read both the same way.
- TIME ZONE RENDERING: 2024-05-01T10:00:00.000-06:00 vs 2024-05-01T16:00:00.000Z is one instant.
- required/constraint of a node that is not relevant: neither engine asks or checks it, and its
  value is not submitted; its value is likewise not compared (the submission comparison covers
  what is sent).
- GEO TEXT: "13.7 -89.2 0 0;13.71 -89.2 0 0" vs "13.7 -89.2 0.0 0.0; 13.71 -89.2 0.0 0.0" in a
  geopoint/geotrace/geoshape node: the same points (JavaRosa re-renders the numbers).
- Namespace declarations (xmlns:…) on the submission's root: where a prefix is declared does not
  change the document.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime

from app.engine import Form
from tests.reference.javarosa import NodeState, Outcome

_VOLATILE_CALLS = re.compile(r"\b(now|today|uuid|random|randomize|once)\s*\(")
_INDEX = re.compile(r"\[\d+\]")
_NUMBER = re.compile(r"^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$")


@dataclass(frozen=True)
class Difference:
    kind: str  # load, step, missing, extra, relevant, required, constraint, value, xml
    # Concrete ref in our style (/data/rep[2]/x); for "step", the ref the refused step acts on,
    # or "constraint REF" when JavaRosa failed to evaluate a constraint.
    ref: str
    ours: str
    javarosa: str

    @property
    def generic(self) -> str:
        return _INDEX.sub("", self.ref)

    def describe(self) -> str:
        pad = " " * 11
        return (
            f"{self.kind:10} {self.ref}\n{pad}ours:      {self.ours!r}\n"
            f"{pad}javarosa:  {self.javarosa!r}"
        )


def volatile_paths(form: Form) -> set[str]:
    """Generic paths whose value each engine makes up for itself, and what depends on them."""
    definition = form.definition
    found = {p for p, b in definition.binds.items() if b.preload in ("uid", "timestamp", "date")}
    found |= {p for p in definition.paths if p.endswith(("/instanceID", "/deprecatedID"))}
    exprs: dict[str, list] = {}
    for path, bind in definition.binds.items():
        if bind.calculate is not None:
            exprs.setdefault(path, []).append(bind.calculate)
    for action in definition.setvalues:
        if action.value is not None:
            exprs.setdefault(action.path, []).append(action.value)
    for path, compiled in exprs.items():
        if any(_VOLATILE_CALLS.search(e.source) for e in compiled):
            found.add(path)
    while True:
        more = {
            path
            for path, compiled in exprs.items()
            if path not in found and any(e.references(path) & found for e in compiled)
        }
        if not more:
            return found
        found |= more


class Comparison:
    """One form's rules: which paths are repeats, volatile, numeric or moments."""

    def __init__(self, form: Form) -> None:
        definition = form.definition
        self.repeats = definition.repeats
        self.volatile = volatile_paths(form)
        self.numeric = {
            p
            for p, b in definition.binds.items()
            if b.datatype in ("int", "integer", "decimal") or b.calculate is not None
        }
        binds = definition.binds.items()
        self.moments = {p for p, b in binds if b.datatype in ("dateTime", "time")}
        self.geo = {p for p, b in binds if b.datatype in ("geopoint", "geotrace", "geoshape")}

    def our_ref(self, javarosa_ref: str) -> str:
        """/data[1]/rep[2]/x[1] -> /data/rep[2]/x: [n] kept on repeat steps only."""
        out: list[str] = []
        generic = ""
        for step in javarosa_ref.strip("/").split("/"):
            name = _INDEX.sub("", step)
            generic += "/" + name
            out.append(step if generic in self.repeats else name)
        return "/" + "/".join(out)

    def same_value(self, generic: str, ours: str, theirs: str) -> bool:
        if ours == theirs:
            return True
        if generic in self.volatile:
            return (ours == "") == (theirs == "")
        if generic in self.numeric and _NUMBER.match(ours) and _NUMBER.match(theirs):
            a, b = float(ours), float(theirs)
            return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
        if generic in self.moments:
            return _same_instant(ours, theirs)
        if generic in self.geo:
            return _numbers(ours) == _numbers(theirs)
        return False

    def compare(self, script: str, ours: Outcome, javarosa: Outcome) -> list[Difference]:
        if ours.load_error or javarosa.load_error:
            if bool(ours.load_error) != bool(javarosa.load_error):
                return [Difference("load", "(form)", ours.load_error, javarosa.load_error)]
            return []
        found: list[Difference] = []
        steps = script.splitlines()
        for line in sorted(set(ours.errors) | set(javarosa.errors)):
            if (line in ours.errors) != (line in javarosa.errors):
                # A refused step is named by the ref it acts on (known rows match that).
                ref = steps[int(line) - 1].split("\t")[1] if line.isdigit() else line
                mine, theirs = ours.errors.get(line, ""), javarosa.errors.get(line, "")
                found.append(Difference("step", ref, mine or "(done)", theirs or "(done)"))
        theirs = {self.our_ref(ref): state for ref, state in javarosa.nodes.items()}
        for ref in theirs.keys() - ours.nodes.keys():
            if "/@xmlns" not in ref:
                found.append(Difference("missing", ref, "", "(node)"))
        for ref in ours.nodes.keys() - theirs.keys():
            found.append(Difference("extra", ref, "(node)", ""))
        for ref in ours.nodes.keys() & theirs.keys():
            found.extend(self._node(ref, ours.nodes[ref], theirs[ref]))
        found.extend(self._xml(ours.xml, javarosa.xml))
        return found

    def _node(self, ref: str, ours: NodeState, theirs: NodeState) -> list[Difference]:
        out: list[Difference] = []
        if ours.relevant != theirs.relevant:
            out.append(Difference("relevant", ref, str(ours.relevant), str(theirs.relevant)))
            return out
        if not ours.relevant:
            return out
        generic = _INDEX.sub("", ref)
        if ours.required != theirs.required and "/@" not in ref:
            out.append(Difference("required", ref, str(ours.required), str(theirs.required)))
        if ours.value and theirs.value and ours.valid != theirs.valid:
            out.append(Difference("constraint", ref, str(ours.valid), str(theirs.valid)))
        if not self.same_value(generic, ours.value, theirs.value):
            out.append(Difference("value", ref, ours.value, theirs.value))
        return out

    def _xml(self, ours: str, theirs: str) -> list[Difference]:
        """The submissions, node by node in document order (values compared as above)."""
        if not ours or not theirs:
            return [Difference("xml", "(submission)", ours[:80], theirs[:80])]
        a, b = _flatten(ours), _flatten(theirs)
        out: list[Difference] = []
        names_a = [ref for ref, _ in a]
        names_b = [ref for ref, _ in b]
        if names_a != names_b:
            only_ours = [r for r in names_a if r not in set(names_b)]
            only_theirs = [r for r in names_b if r not in set(names_a)]
            for ref in only_ours:
                out.append(Difference("xml", ref, "(sent)", "(not sent)"))
            for ref in only_theirs:
                out.append(Difference("xml", ref, "(not sent)", "(sent)"))
            if not only_ours and not only_theirs:
                # Named by the first node out of place, so a known row can say which nodes.
                first = next(
                    i for i, (x, y) in enumerate(zip(names_a, names_b, strict=True)) if x != y
                )
                ref = f"(order) {names_a[first]}"
                mine, theirs = names_a[first : first + 4], names_b[first : first + 4]
                out.append(Difference("xml", ref, " ".join(mine), " ".join(theirs)))
            return out
        for (ref, value_a), (_, value_b) in zip(a, b, strict=True):
            generic = _INDEX.sub("", ref)
            if not self.same_value(generic, value_a, value_b):
                out.append(Difference("xml", ref, value_a, value_b))
        return out


def _flatten(xml: str) -> list[tuple[str, str]]:
    """(ref with [n] on every repeated name, text) for elements and attributes in order."""
    root = ET.fromstring(xml.encode("utf-8"))
    out: list[tuple[str, str]] = []

    def walk(element: ET.Element, ref: str) -> None:
        for name, value in sorted(element.attrib.items()):
            out.append((f"{ref}/@{name}", value))
        children = list(element)
        if not children:
            out.append((ref, (element.text or "")))
        seen: dict[str, int] = {}
        for child in children:
            seen[child.tag] = seen.get(child.tag, 0) + 1
            total = sum(1 for c in children if c.tag == child.tag)
            suffix = f"[{seen[child.tag]}]" if total > 1 else ""
            walk(child, f"{ref}/{_short(child.tag)}{suffix}")

    walk(root, "/" + _short(root.tag))
    return out


def _short(tag: str) -> str:
    if tag.startswith("{"):
        uri, name = tag[1:].split("}", 1)
        return f"{{{uri.rsplit('/', 1)[-1]}}}{name}"
    return tag


def _numbers(text: str) -> list[float] | None:
    try:
        return [float(part) for part in text.replace(";", " ").split()]
    except ValueError:
        return None


def _same_instant(a: str, b: str) -> bool:
    try:
        first = datetime.fromisoformat(a.replace("Z", "+00:00"))
        second = datetime.fromisoformat(b.replace("Z", "+00:00"))
    except ValueError:
        return False
    if (first.tzinfo is None) != (second.tzinfo is None):
        return first.replace(tzinfo=None) == second.replace(tzinfo=None)
    return first == second
