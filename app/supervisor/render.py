"""A pulled session as a supervisor reads it: question and choice labels in a chosen language,
repeats (the participant roster, each topic's quotes) as tables, never raw XML.

The engine does the work: the XForm is loaded, the instance opened, and its prompts walked, so
what is shown is exactly what the facilitator saw (relevance, outputs, choice filters included).
A rendering is plain data (``Rendering``) the interface lays out; ``flatten``/``compare`` give the
answers of two versions side by side with the changed ones marked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from app.engine import load_form
from app.engine.xmlread import parse_xml

if TYPE_CHECKING:
    from app.engine import Form, Prompt

# Question kinds that carry no answer of their own.
_NO_ANSWER = ("note", "trigger", "group", "repeat", "repeat_instance")


@dataclass
class Table:
    """A repeat: one row per instance, one column per question (labels)."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    refs: list[list[str]] = field(default_factory=list)  # the answer refs, cell by cell


@dataclass
class Section:
    """The answers of one group (or of the form's top level): labelled answers and tables."""

    title: str
    answers: list[tuple[str, str, str]] = field(default_factory=list)  # (ref, label, shown)
    tables: list[Table] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)  # (label, attachment name)


@dataclass
class Rendering:
    title: str
    language: str
    sections: list[Section]


@lru_cache(maxsize=16)
def cached_form(xform_xml: str) -> Form:
    """Forms are parsed once per process (a review session opens many sessions of one form)."""
    return load_form(xform_xml)


def pick_language(form: Form, wanted: str | None) -> str | None:
    """The form language matching "es"/"en" (as ``Español (es)``), else the form's default."""
    if wanted:
        for name in form.languages:
            if name == wanted or name.endswith(f"({wanted})"):
                return name
    return form.default_language or None


def shown_value(prompt: Prompt) -> str:
    """An answer as a person reads it: choice labels for selects, the text otherwise."""
    value = prompt.value
    if not value:
        return ""
    if prompt.kind == "select1":
        return next((c.label or c.value for c in prompt.choices if c.value == value), value)
    if prompt.kind == "select":
        labels = {c.value: c.label or c.value for c in prompt.choices}
        return ", ".join(labels.get(v, v) for v in value.split())
    return value


def _generic(ref: str) -> str:
    """/data/participants[2]/sex -> /data/participants/sex (one column for every row)."""
    import re

    return re.sub(r"\[\d+\]", "", ref)


def render(xform_xml: str, instance_xml: str, language: str | None) -> Rendering:
    """The session's answers, section by section, in ``language`` ("es", "en" or a form
    language name; None: the form's default)."""
    form = cached_form(xform_xml)
    chosen = pick_language(form, language)
    session = form.open_session(instance_xml, chosen)
    prompts = session.prompts()
    top = Section(title="")
    sections = [top]
    stack: list[tuple[int, Section]] = []  # open groups by depth
    i = 0
    while i < len(prompts):
        prompt = prompts[i]
        while stack and prompt.depth <= stack[-1][0]:
            stack.pop()
        current = stack[-1][1] if stack else top
        if prompt.kind == "group":
            section = Section(title=prompt.label or prompt.ref.rsplit("/", 1)[-1])
            sections.append(section)
            stack.append((prompt.depth, section))
            i += 1
        elif prompt.kind == "repeat":
            table, i = _table(prompts, i)
            if table.rows:
                current.tables.append(table)
        elif prompt.kind in _NO_ANSWER:
            i += 1
        else:
            if prompt.kind == "upload" and prompt.value:
                current.files.append((prompt.label, prompt.value))
            current.answers.append((prompt.ref, prompt.label, shown_value(prompt)))
            i += 1
    kept = [s for s in sections if s.answers or s.tables or s.files]
    return Rendering(title=form.title, language=chosen or "", sections=kept)


def _table(prompts: list[Prompt], start: int) -> tuple[Table, int]:
    header = prompts[start]
    columns: list[str] = []
    generic_columns: list[str] = []
    rows: list[dict[str, tuple[str, str]]] = []
    i = start + 1
    while i < len(prompts) and prompts[i].depth > header.depth:
        prompt = prompts[i]
        if prompt.kind == "repeat_instance":
            rows.append({})
        elif prompt.kind not in _NO_ANSWER and rows:
            generic = _generic(prompt.ref)
            if generic not in generic_columns:
                generic_columns.append(generic)
                columns.append(prompt.label)
            rows[-1][generic] = (prompt.ref, shown_value(prompt))
        i += 1
    # A repeat left with one empty instance (no quote written) is no row of answers.
    rows = [row for row in rows if any(shown for _ref, shown in row.values())]
    table = Table(
        title=header.label or header.ref.rsplit("/", 1)[-1],
        columns=columns,
        rows=[[row.get(g, ("", ""))[1] for g in generic_columns] for row in rows],
        refs=[[row.get(g, ("", ""))[0] for g in generic_columns] for row in rows],
    )
    return table, i


def flatten(rendering: Rendering) -> dict[str, tuple[str, str]]:
    """ref -> (question label, shown answer) for every answer, repeats included."""
    out: dict[str, tuple[str, str]] = {}
    for section in rendering.sections:
        for ref, label, shown in section.answers:
            out[ref] = (label, shown)
        for table in section.tables:
            for number, (row_refs, row) in enumerate(zip(table.refs, table.rows, strict=True), 1):
                for column, ref, shown in zip(table.columns, row_refs, row, strict=True):
                    if ref:  # which row: "Participants 3 · Sex"
                        out[ref] = (f"{table.title} {number} · {column}", shown)
    return out


@dataclass(frozen=True)
class ChangedAnswer:
    ref: str
    label: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def compare(before: Rendering, after: Rendering) -> list[ChangedAnswer]:
    """Every answer of two versions side by side (the newer's order, then answers only the
    older had); ``changed`` marks those that differ. Instance ids are not answers."""
    old, new = flatten(before), flatten(after)
    refs = list(new) + [ref for ref in old if ref not in new]
    rows = []
    for ref in refs:
        if "/meta/" in ref:
            continue
        label = (new.get(ref) or old.get(ref) or ("", ""))[0]
        rows.append(ChangedAnswer(ref, label, old.get(ref, ("", ""))[1], new.get(ref, ("", ""))[1]))
    return rows


# -- summary fields for the list and the dashboard --------------------------------------------
COMMUNITY_NAMES = ("community",)
FACILITATOR_NAMES = ("facilitator", "interviewer", "username")


def summary_fields(xform_xml: str | None, instance_xml: str) -> dict[str, str | None]:
    """community (choice value), community_label (in the form's default language) and
    facilitator, read from the answers by their field names (the built-in forms' names)."""
    root = parse_xml(instance_xml, "The session").root
    found: dict[str, str] = {}
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        text = (element.text or "").strip()
        if text and name not in found:
            found[name] = text
    community = next((found[n] for n in COMMUNITY_NAMES if n in found), None)
    if community and community.endswith("_otra") and found.get("community_other"):
        community = found["community_other"]
    facilitator = next((found[n] for n in FACILITATOR_NAMES if n in found), None)
    label = community
    if xform_xml and community and "community" in found:
        label = community_label(xform_xml, instance_xml, found["community"]) or community
        if found["community"] != community:  # "other": the typed name is its own label
            label = community
    return {"community": community, "community_label": label, "facilitator": facilitator}


def community_label(xform_xml: str, instance_xml: str, value: str) -> str | None:
    """The community choice's label in the form's default language (read from the form's choice
    lists once per form, not by opening the session: a pull labels thousands)."""
    from app.supervisor.dashboard import choice_labels

    try:
        labels = choice_labels(xform_xml, None)
    except ValueError:
        return None
    return next((labels[n].get(value) for n in COMMUNITY_NAMES if n in labels), None)
