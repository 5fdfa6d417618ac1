"""What a form's ``encuentro:role`` binds say, worked out once per form: which groups are
discussion topics, where each topic's notes, quotes, speakers and coded themes are, which
question holds the participant group, the community and the ranked needs, and the labels of
their choices (communities with their municipality and department).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.engine.errors import FormError
from app.engine.formdef import FormDef, parse_xform
from app.engine.instance import Node
from app.export.layout import ExportError, resolve_language

_INSTANCE_ID = re.compile(r"instance\(\s*['\"]([^'\"]+)['\"]\s*\)")


@dataclass(frozen=True, slots=True)
class TopicRoles:
    """One discussion topic (a group with role ``topic``) and where its parts are, as paths
    relative to the topic's element (``espacios_quotes/quote_text``)."""

    name: str
    path: str  # generic path of the topic group, e.g. /data/espacios
    label: str
    notes: tuple[str, ...] = ()
    quote_repeat: str = ""  # the repeat that holds quote and speaker, relative to the topic
    quote: str = ""  # relative to the repeat
    speaker: str = ""  # relative to the repeat
    themes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Place:
    """A community's name and the municipality and department it lies in (labels)."""

    community: str
    municipality: str = ""
    department: str = ""


@dataclass
class FormRoles:
    """A form read for findings: its topics, role paths and choice labels."""

    form_id: str
    title: str
    language: str
    topics: list[TopicRoles] = field(default_factory=list)
    group_path: str = ""  # generic path of the participant group question
    group_in_repeat: bool = False  # a roster: the session's group is its most frequent value
    community_path: str = ""
    date_path: str = ""  # the first date question outside repeats (the session's date)
    need_paths: list[str] = field(default_factory=list)  # in rank order (form order)
    theme_labels: dict[str, str] = field(default_factory=dict)
    group_labels: dict[str, str] = field(default_factory=dict)
    need_labels: dict[str, str] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)  # community value -> place
    root_name: str = "data"

    @property
    def is_focus_group(self) -> bool:
        return bool(self.topics)


def read_form_roles(form_xml: str | bytes, language: str | None = None) -> FormRoles:
    """The roles of an XForm; ExportError (a clear message) when it cannot be read."""
    try:
        definition = parse_xform(form_xml)
    except FormError as error:
        raise ExportError(f"the form cannot be read: {error}") from None
    return roles_of(definition, language)


def roles_of(definition: FormDef, language: str | None = None) -> FormRoles:
    """The roles of a parsed form, with choice labels in ``language`` (es/en or the form's)."""
    chosen = resolve_language(definition, language)
    labels = _Labels(definition, chosen)
    out = FormRoles(
        form_id=definition.form_id,
        title=definition.title,
        language=chosen,
        root_name=definition.root_name,
    )
    roles = definition.roles()
    topic_paths = [p for p, r in roles.items() if r == "topic"]
    by_topic: dict[str, dict[str, list[str]]] = {p: {} for p in topic_paths}
    for path, role in roles.items():
        if role == "topic":
            continue
        owner = _nearest_topic(path, topic_paths)
        if owner is not None and role in ("note", "quote", "speaker", "themes"):
            by_topic[owner].setdefault(role, []).append(path)
        elif role == "group" and not out.group_path:
            out.group_path = path
            out.group_in_repeat = _in_repeat(path, definition)
            out.group_labels = labels.for_question(path)
        elif role == "community" and not out.community_path:
            out.community_path = path
            out.places = labels.places(path)
        elif role == "need":
            out.need_paths.append(path)
            out.need_labels.update(labels.for_question(path))
    for topic in topic_paths:
        parts = by_topic[topic]
        quote = (parts.get("quote") or [""])[0]
        repeat = quote.rsplit("/", 1)[0] if quote else ""
        speakers = [s for s in parts.get("speaker", []) if s.rsplit("/", 1)[0] == repeat]
        for theme_path in parts.get("themes", []):
            for value, label in labels.for_question(theme_path).items():
                out.theme_labels.setdefault(value, label)
        out.topics.append(
            TopicRoles(
                name=topic.rsplit("/", 1)[1],
                path=topic,
                label=labels.question(topic) or topic.rsplit("/", 1)[1],
                notes=tuple(_relative(p, topic) for p in parts.get("note", [])),
                quote_repeat=_relative(repeat, topic) if repeat else "",
                quote=quote.rsplit("/", 1)[1] if quote else "",
                speaker=speakers[0].rsplit("/", 1)[1] if speakers else "",
                themes=tuple(_relative(p, topic) for p in parts.get("themes", [])),
            )
        )
    out.date_path = next(
        (
            path
            for path, bind in definition.binds.items()
            if bind.datatype == "date" and not _in_repeat(path, definition)
        ),
        "",
    )
    return out


def _nearest_topic(path: str, topics: list[str]) -> str | None:
    owners = [t for t in topics if path.startswith(t + "/")]
    return max(owners, key=len) if owners else None


def _relative(path: str, base: str) -> str:
    return path[len(base) + 1 :]


def _in_repeat(path: str, definition: FormDef) -> bool:
    return any(path.startswith(r + "/") for r in definition.repeats)


class _Labels:
    """Choice and question labels in one language, read from the form's itext and lists."""

    def __init__(self, definition: FormDef, language: str) -> None:
        self.definition = definition
        self.language = language

    def text(self, itext_id: str | None, fallback: str = "") -> str:
        if itext_id:
            parts = self.definition.itext.lookup(itext_id, self.language) or []
            joined = "".join(p for p in parts if isinstance(p, str))
            if joined.strip():
                return " ".join(joined.split())
        return fallback

    def question(self, path: str) -> str:
        control = self.definition.controls.get(path)
        if control is None or control.label is None:
            return ""
        label = control.label
        if label.itext_id:
            return self.text(label.itext_id)
        return " ".join("".join(p for p in label.parts if isinstance(p, str)).split())

    def list_items(self, list_id: str) -> list[Node]:
        document = self.definition.instances.get(list_id)
        if document is None or not document.children:
            return []
        return [item for item in document.children[0].children if item.name == "item"]

    def item_label(self, item: Node) -> tuple[str, str]:
        fields = {child.name: child.text for child in item.children}
        value = fields.get("name", "")
        return value, self.text(fields.get("itextId"), fields.get("label", "") or value)

    def list_of(self, path: str) -> str | None:
        control = self.definition.controls.get(path)
        if control is None or control.itemset is None:
            return None
        source = getattr(control.itemset.base, "source", None) or str(control.itemset.base)
        match = _INSTANCE_ID.search(source)
        return match.group(1) if match else None

    def for_question(self, path: str) -> dict[str, str]:
        control = self.definition.controls.get(path)
        if control is None:
            return {}
        if control.itemset is None:
            return {
                item.value: (self.text(item.label.itext_id) if item.label else "") or item.value
                for item in control.items
            }
        list_id = self.list_of(path)
        return dict(self.item_label(item) for item in self.list_items(list_id or ""))

    def places(self, path: str) -> dict[str, Place]:
        list_id = self.list_of(path)
        places: dict[str, Place] = {}
        if list_id is None:
            return {value: Place(label) for value, label in self.for_question(path).items()}
        upper: dict[str, dict[str, str]] = {}
        for column in ("municipality", "department"):
            upper[column] = dict(self.item_label(i) for i in self.list_items(column))
        # A community lists its municipality; the municipality lists its department.
        department_of = {
            self.item_label(i)[0]: next((c.text for c in i.children if c.name == "department"), "")
            for i in self.list_items("municipality")
        }
        for item in self.list_items(list_id):
            value, label = self.item_label(item)
            fields = {child.name: child.text for child in item.children}
            municipality = fields.get("municipality", "")
            department = fields.get("department", "") or department_of.get(municipality, "")
            places[value] = Place(
                community=label,
                municipality=upper["municipality"].get(municipality, municipality),
                department=upper["department"].get(department, department),
            )
        return places
