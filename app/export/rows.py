"""One submission's XML -> its row in the submissions table and one row per repeat instance.

The hot path of an export: each submission is parsed once (expat, through ElementTree's C
parser) and its tree walked once; every element finds its column through a dict of its parent's
fields, so the cost is one lookup per element whatever the form's size. Keys follow Central's:
``uuid:…/hogar/household[2]`` (groups named on the way, repeat instances numbered from 1 within
their parent instance); ``PARENT_KEY`` is the key of the enclosing repeat instance, or the
submission's key.

The XML is untrusted (it came over the network): a document with a DTD is refused before it is
parsed, so no entity is ever declared or expanded; without one, expat refuses any entity but the
five predefined ones.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

from app.export.layout import GEOPOINT, GROUP, REPEAT, SELECT_MULTIPLE, VALUE, Field, FormLayout
from app.export.layout import Table as LayoutTable
from app.export.source import CENTRAL_REVIEW_STATES, SubmissionRecord

Emit = Callable[[LayoutTable, list[Any]], None]
LABEL_SEPARATOR = "; "  # between a select_multiple's choice labels (labels may hold spaces)
UNREADABLE = "unreadable XML"  # Status of a submission whose XML cannot be read


class UnreadableSubmission(ValueError):
    """The submission's XML is not well-formed or carries a DTD."""


def parse_instance(xml: str | bytes) -> ET.Element:
    """The submission's root element; UnreadableSubmission if it cannot be read safely."""
    try:
        text = xml.decode("utf-8") if isinstance(xml, bytes) else xml
    except UnicodeDecodeError:
        raise UnreadableSubmission("the XML is not UTF-8") from None
    # Checked on the decoded text, so another declared encoding cannot hide it; "<!DOCTYPE" is
    # case-sensitive in XML. Expat then reads UTF-8 bytes (faster than a str).
    if "<!DOCTYPE" in text:
        raise UnreadableSubmission("the XML has a DTD")
    try:
        return ET.fromstring(text.encode("utf-8") if isinstance(xml, str) else xml)
    except ET.ParseError as error:
        raise UnreadableSubmission(f"the XML is not well-formed: {error}") from None


class RowBuilder:
    """Turns submission records into rows of the layout's tables (handed to ``emit``)."""

    def __init__(self, layout: FormLayout, emit: Emit, *, labels: bool = False) -> None:
        self.layout = layout
        self.emit = emit
        self.labels = labels
        self.root = layout.tables[0]
        meta = layout.meta_columns
        self._meta = [meta[name] for name in _META_ORDER]

    def add(self, record: SubmissionRecord) -> None:
        """Emit the record's repeat rows (children before parents, as Central) then its row."""
        row = self.root.template.copy()
        key = record.instance_id
        status = None
        try:
            element = parse_instance(record.xml)
        except UnreadableSubmission:
            status = UNREADABLE
        else:
            _fill(element, self.layout.fields, row, key, key, {}, self.emit, self.labels)
        row[0] = record.submitted_at
        review = CENTRAL_REVIEW_STATES.get(record.review_state, record.review_state)
        values = (
            key,
            record.submitter_id,
            record.submitter_name,
            record.attachments_present,
            record.attachments_expected,
            status,
            review or None,
            record.device_id,
            record.edits,
            record.form_version,
        )
        for col, value in zip(self._meta, values, strict=True):
            row[col] = value
        self.emit(self.root, row)


_META_ORDER = (
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


def _field_for(fields: dict[str, Field], tag: str) -> Field | None:
    """The field of a namespaced tag ("{http://openrosa.org/xforms}meta" -> meta); remembered
    under the full tag, only when it names a field, so the dict never grows with odd input."""
    if not isinstance(tag, str) or "}" not in tag:
        return None
    found = fields.get(tag.rsplit("}", 1)[1])
    if found is not None:
        fields[tag] = found
    return found


def _fill(
    element: ET.Element,
    fields: dict[str, Field],
    row: list[Any],
    path_key: str,
    parent_key: str,
    counters: dict[Field, int],
    emit: Emit,
    labels: bool,
) -> None:
    """Write the children of ``element`` into ``row``; repeat instances become rows of their own.

    ``path_key`` is the key so far (groups included), ``parent_key`` the key of the repeat
    instance (or submission) that owns ``row``; ``counters`` numbers repeat instances within it.
    """
    get = fields.get
    for child in element:
        field = get(child.tag)
        if field is None:
            field = _field_for(fields, child.tag)
            if field is None:
                continue  # not in this form version (or a comment): Central drops it too
        kind = field.kind
        if kind == VALUE:
            text = child.text
            if text:
                if labels and field.labels is not None:
                    text = field.labels.get(text, text)
                row[field.col] = text
        elif kind == GROUP:
            _fill(
                child,
                field.children,
                row,
                f"{path_key}/{field.name}",
                parent_key,
                counters,
                emit,
                labels,
            )
        elif kind == REPEAT:
            number = counters.get(field, 0) + 1
            counters[field] = number
            key = f"{path_key}/{field.name}[{number}]"
            table = field.table
            assert table is not None
            sub = table.template.copy()
            sub[table.parent_key_col] = parent_key
            sub[table.key_col] = key
            _fill(child, field.children, sub, key, key, {}, emit, labels)
            emit(table, sub)
        elif kind == SELECT_MULTIPLE:
            text = child.text
            if text:
                values = text.split()
                columns = field.choice_columns
                if columns:
                    for value in values:
                        col = columns.get(value)
                        if col is not None:
                            row[col] = 1
                if labels and field.labels is not None:
                    text = LABEL_SEPARATOR.join(field.labels.get(v, v) for v in values)
                row[field.col] = text
        elif kind == GEOPOINT:
            text = child.text
            if text:
                parts = text.split()[:4]
                row[field.col : field.col + len(parts)] = parts
