"""The columns of an XLSForm sheet as pyxform reads them: which header means what, and cells."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pyxform import aliases, constants
from pyxform.parsing.sheet_headers import process_header
from pyxform.question import MultipleChoiceQuestion, Option

# A sheet's rows as pyxform reads them (header -> cell text); None for a missing sheet.
Rows = list[dict[str, str]] | None

_ROLE_BY_TOKENS = {
    ("bind", "relevant"): "relevant",
    ("bind", "constraint"): "constraint",
    ("bind", "calculate"): "calculation",
    ("bind", "required"): "required",
    ("bind", "readonly"): "readonly",
    ("bind", "jr:constraintMsg"): "constraint_message",
    ("bind", "jr:requiredMsg"): "required_message",
    ("control", "jr:count"): "repeat_count",
    ("control", "appearance"): "appearance",
}


@dataclass
class Column:
    """One header of a sheet and what pyxform takes it to mean."""

    header: str  # as written in the sheet, e.g. "label::Español (es)"
    role: str  # what it means: "label", "relevant", "type", ...
    language: str | None


def read_columns(header_rows: Rows, sheet: str) -> dict[str, Column]:
    """Map each original header to its meaning, as pyxform reads it."""
    if sheet == constants.SURVEY:
        aliases_, known = aliases.survey_header, set(MultipleChoiceQuestion.get_slot_names())
    else:
        aliases_, known = aliases.list_header, set(Option.get_slot_names())
    columns = {}
    for header in (header_rows or [{}])[0]:
        _, tokens = process_header(header, False, aliases_, known)
        role, language = tokens[0], None
        if tokens[:2] in _ROLE_BY_TOKENS:
            role, rest = _ROLE_BY_TOKENS[tokens[:2]], tokens[2:]
        elif role in ("bind", "control") and len(tokens) > 1:
            role, rest = tokens[1], tokens[2:]
        else:
            rest = tokens[1:]
        if role == "list name":
            role = "list_name"
        if rest and role in (
            "label",
            "hint",
            "guidance_hint",
            "constraint_message",
            "required_message",
            "media",
        ):
            language = rest[-1]
        columns[header] = Column(header, role, language)
    return columns


def numbered_rows(rows: Rows) -> Iterator[tuple[int, dict[str, str]]]:
    """(spreadsheet row number, row): the header is row 1, the first data row 2."""
    for index, row in enumerate(rows or []):
        yield index + 2, row


def cell(row: dict[str, str], columns: dict[str, Column], role: str) -> tuple[str, str]:
    """(header, value) of the first non-empty cell with this role, or ("", "")."""
    for header, value in row.items():
        column = columns.get(header)
        if column and column.role == role and str(value).strip():
            return header, str(value).strip()
    return "", ""


def header_for(columns: dict[str, Column], role: str, default: str) -> str:
    """The header written for a role (e.g. "label::Español (es)" for "label"), or ``default``."""
    return next((c.header for c in columns.values() if c.role == role), default)
