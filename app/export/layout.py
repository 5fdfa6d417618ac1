"""A form's tables, as ODK Central's CSV export lays them out, worked out once per export.

From the XForm (read by our engine) come one table for the submissions and one per repeat, nested
repeats included, in the order Central uses (depth first, in the order of the instance):

- the submissions table: ``SubmissionDate``, the form's fields, then ``KEY``, ``SubmitterID``,
  ``SubmitterName``, ``AttachmentsPresent``, ``AttachmentsExpected``, ``Status``, ``ReviewState``,
  ``DeviceID``, ``Edits``, ``FormVersion``;
- a repeat's table: its fields, then ``PARENT_KEY`` and ``KEY``.

A field's column is its path below its table with ``-`` between groups (``hogar-remittances``); a
geopoint takes four columns (``-Latitude``, ``-Longitude``, ``-Altitude``, ``-Accuracy``); a
select_multiple keeps its space-separated value and adds a 0/1 column per choice of the form
(``skills/carpentry``), as Central's "split select multiples" names them, 0 also when the question
was not answered (as Central). Central lists the choices
found in the data; we list the form's own, in its order, so the columns are known before the first
row and do not change from one export to the next (a value the form does not list has no column;
it stays in the value column).

With ``labels``, headers are the questions' labels and select answers their choices' labels in the
chosen language; ``KEY`` and the other metadata columns keep their names (scripts join on them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.engine.body import Control
from app.engine.errors import FormError
from app.engine.formdef import FormDef, parse_xform
from app.engine.instance import Node
from app.engine.itext import Text

VALUE, GROUP, REPEAT, SELECT_MULTIPLE, GEOPOINT = range(5)
NUMERIC_TYPES = {"int", "integer", "decimal"}
ROOT_META = (
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
)
GEOPOINT_PARTS = ("Latitude", "Longitude", "Altitude", "Accuracy")
LABEL_HEADER_LIMIT = 120  # a note's label can be a paragraph: headers stay readable
OUTPUT_PLACEHOLDER = "…"  # an <output> in a label has no value outside a submission
_LANGUAGE_WORDS = {"es": ("español", "espanol", "spanish"), "en": ("english", "inglés", "ingles")}


class ExportError(ValueError):
    """The export cannot be made as asked; the message says why (a person can act on it)."""


@dataclass(eq=False, slots=True)
class Field:
    """One element of the instance, as the row builder walks it (looked up by local name)."""

    name: str  # local name, no namespace prefix
    kind: int
    col: int = -1  # value column in its table (leaves)
    children: dict[str, Field] = field(default_factory=dict)  # groups and repeats
    table: Table | None = None  # repeats: their own table
    choice_columns: dict[str, int] | None = None  # select_multiple: value -> its 0/1 column
    labels: dict[str, str] | None = None  # selects, with labels: value -> choice label


@dataclass(eq=False)
class Table:
    """One output table: the submissions, or one repeat."""

    name: str  # form id for the submissions, else the repeat's name
    path: str  # generic path of the repeat, "" for the submissions table
    headers: list[str] = field(default_factory=list)
    template: list[Any] = field(default_factory=list)  # a blank row: None, 0 in choice columns
    numeric_columns: list[int] = field(default_factory=list)
    key_col: int = -1
    parent_key_col: int = -1  # repeats only

    def add_column(self, header: str, blank: object = None, numeric: bool = False) -> int:
        self.headers.append(header)
        self.template.append(blank)
        if numeric:
            self.numeric_columns.append(len(self.headers) - 1)
        return len(self.headers) - 1


@dataclass
class FormLayout:
    """The tables of one form and the tree of fields that fills them."""

    form_id: str
    title: str
    version: str
    language: str  # itext language used for labels ("" when the form has none)
    tables: list[Table]
    fields: dict[str, Field]  # children of the root element
    meta_columns: dict[str, int]  # submissions table: metadata column name -> index


def load_layout(
    form_xml: str,
    *,
    labels: bool = False,
    language: str | None = None,
    media_dir: Path | None = None,
) -> FormLayout:
    """The export layout of an XForm; ExportError when the form cannot be read or has no such
    language."""
    try:
        definition = parse_xform(form_xml, media_dir)
    except FormError as error:
        raise ExportError(f"the form cannot be read: {error}") from None
    # Without labels the export holds names and values only: the language changes nothing.
    chosen = resolve_language(definition, language) if labels else ""
    return _Builder(definition, labels, chosen).build()


def resolve_language(definition: FormDef, wanted: str | None) -> str:
    """The form's itext language for ``wanted`` ("es", "en", or a language name as the form
    writes it, e.g. "Español (es)"); the form's default when None. A form without itext has
    one set of labels, whatever the language asked."""
    languages = definition.itext.languages
    if not languages:
        return ""
    if wanted is None or not wanted.strip():
        return definition.itext.default_language
    lowered = wanted.strip().lower()
    for language in languages:
        if language.lower() == lowered:
            return language
    for language in languages:
        name = language.lower()
        if f"({lowered})" in name or name.startswith(_LANGUAGE_WORDS.get(lowered, ("\0",))):
            return language
    raise ExportError(
        f"the form {definition.form_id!r} has no labels in {wanted!r}; "
        f"its languages are: {', '.join(languages)}"
    )


class _Builder:
    def __init__(self, definition: FormDef, labels: bool, language: str) -> None:
        from app.engine.xpath import EvalEnv

        self.definition = definition
        self.labels = labels
        self.language = language
        self.env = EvalEnv(main=definition.main, instances=definition.instances)
        self.root_node = definition.main.children[0]
        self.tables: list[Table] = []

    def build(self) -> FormLayout:
        d = self.definition
        root = Table(name=d.form_id, path="")
        self.tables.append(root)
        root.add_column("SubmissionDate")
        fields: dict[str, Field] = {}
        root_path = "/" + d.root_name
        self._add_children(root_path, root, [], fields)
        meta = {name: root.add_column(name) for name in ROOT_META}
        root.key_col = meta["KEY"]
        for table in self.tables:
            if self.labels:
                _make_unique(table.headers)
        return FormLayout(
            form_id=d.form_id,
            title=d.title,
            version=d.version,
            language=self.language,
            tables=self.tables,
            fields=fields,
            meta_columns=meta,
        )

    def _add_children(
        self, path: str, table: Table, prefix: list[str], into: dict[str, Field]
    ) -> None:
        d = self.definition
        for name in d.child_order.get(path, []):
            child_path = f"{path}/{name}"
            local = name.rsplit(":", 1)[-1]
            if local in into:  # "meta" and "orx:meta": one element to a walker that drops prefixes
                continue
            if child_path in d.repeats:
                sub = Table(name=local, path=child_path)
                self.tables.append(sub)
                repeat = Field(local, REPEAT, table=sub)
                self._add_children(child_path, sub, [], repeat.children)
                sub.parent_key_col = sub.add_column("PARENT_KEY")
                sub.key_col = sub.add_column("KEY")
                into[local] = repeat
            elif d.child_order.get(child_path):
                group = Field(local, GROUP)
                self._add_children(child_path, table, [*prefix, local], group.children)
                into[local] = group
            else:
                into[local] = self._leaf(child_path, local, table, "-".join([*prefix, local]))

    def _leaf(self, path: str, local: str, table: Table, header: str) -> Field:
        bind = self.definition.binds.get(path)
        datatype = bind.datatype if bind is not None else "string"
        control = self.definition.controls.get(path)
        title = self._question_label(control, header) if self.labels else header
        if datatype == "geopoint":
            leaf = Field(local, GEOPOINT)
            leaf.col = table.add_column(f"{title}-{GEOPOINT_PARTS[0]}", numeric=True)
            for part in GEOPOINT_PARTS[1:]:
                table.add_column(f"{title}-{part}", numeric=True)
            return leaf
        if control is None or control.kind not in ("select", "select1"):
            leaf = Field(local, VALUE)
            leaf.col = table.add_column(title, numeric=datatype in NUMERIC_TYPES)
            return leaf
        choices = self._choices(control)
        kind = SELECT_MULTIPLE if control.kind == "select" else VALUE
        leaf = Field(local, kind)
        leaf.col = table.add_column(title)
        if self.labels:
            leaf.labels = {value: label or value for value, label in choices}
        if kind == SELECT_MULTIPLE:
            leaf.choice_columns = {}
            for value, label in choices:
                if value in leaf.choice_columns or not value:
                    continue
                shown = label or value if self.labels else value
                leaf.choice_columns[value] = table.add_column(f"{title}/{shown}", blank=0)
        return leaf

    # -- labels ------------------------------------------------------------------------------
    def _question_label(self, control: Control | None, header: str) -> str:
        label = self._render(control.label, self.root_node) if control is not None else ""
        if not label:
            return header
        if len(label) > LABEL_HEADER_LIMIT:
            label = label[: LABEL_HEADER_LIMIT - 1].rstrip() + "…"
        return label

    def _choices(self, control: Control) -> list[tuple[str, str]]:
        """(value, label) of every choice the form lists for a select, choice filter ignored.
        A list the form takes from a file the export was not given has no choices here."""
        if control.itemset is None:
            root = self.root_node
            return [(item.value, self._render(item.label, root)) for item in control.items]
        from app.engine.xpath import XPathError

        itemset = control.itemset
        try:
            items = itemset.base.evaluate_nodes(self.env, self.root_node)
            return [
                (itemset.value.evaluate_string(self.env, item), self._render(itemset.label, item))
                for item in items
            ]
        except XPathError:
            return []

    def _render(self, text: Text | None, context: Node) -> str:
        """A label in the export's language; outputs (answers) shown as a placeholder."""
        if text is None or not self.labels:
            return ""
        from app.engine.xpath import XPathError

        try:
            text_id = text.itext_id
            if text.itext_expr is not None:
                text_id = text.itext_expr.evaluate_string(self.env, context)
            if text_id is not None:
                parts = self.definition.itext.lookup(text_id, self.language) or []
            elif text.ref_expr is not None:
                parts = [text.ref_expr.evaluate_string(self.env, context)]
            else:
                parts = text.parts
        except XPathError:
            return ""
        joined = "".join(part if isinstance(part, str) else OUTPUT_PLACEHOLDER for part in parts)
        return " ".join(joined.split())


def _make_unique(headers: list[str]) -> None:
    """Two questions with one label ("Observaciones" in two sections): number the later ones."""
    seen: set[str] = set()
    for index, header in enumerate(headers):
        candidate, number = header, 1
        while candidate.lower() in seen:
            number += 1
            candidate = f"{header} ({number})"
        seen.add(candidate.lower())
        headers[index] = candidate


_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f/\\?<>:*|"]')


def safe_file_stem(name: str) -> str:
    """A name usable as a file name on every system (as Central's sanitize-filename does)."""
    cleaned = _UNSAFE_NAME.sub("", name).strip().rstrip(". ")
    return cleaned[:200] or "form"
