"""Our pre-checks of an XLSForm: the common mistakes, with their exact sheet, row and column.

pyxform's own messages often lack the row ("Unknown question type 'integr'."), so the workbook
is read first and checked here. Row numbers are the spreadsheet's: the header is row 1, the first
question row 2. Each problem is an ``XLSFormError`` with a catalogue key (app/xlsform/messages.py).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from pyxform import aliases, constants
from pyxform.parsing.expression import is_xml_tag
from pyxform.question_type_dictionary import QUESTION_TYPE_DICT
from pyxform.xls2json import RE_BEGIN_CONTROL, RE_END_CONTROL, RE_OSM, RE_SELECT
from pyxform.xls2json_backends import DefinitionData

from app.engine.xmlread import MAX_NESTING
from app.xlsform.columns import Column, Rows, cell, header_for, numbered_rows, read_columns
from app.xlsform.errors import XLSFormError

# Types a person is likely to have meant; used for "did you mean" suggestions only.
COMMON_TYPES = (
    "text integer decimal date time dateTime note calculate select_one select_multiple rank "
    "range geopoint geotrace geoshape image audio video file barcode acknowledge hidden "
    "start end today deviceid username audit begin_group end_group begin_repeat end_repeat"
).split()
# Columns whose ${name} references must point at a name on the survey sheet.
REFERENCE_ROLES = frozenset(
    "label hint guidance_hint relevant constraint calculation choice_filter required "
    "repeat_count default readonly constraint_message required_message trigger".split()
)
_REF = re.compile(r"\$\{(?:last-saved#)?([^}]*)\}")


def _suggest(word: str, options: Iterable[str]) -> str:
    """The closest of ``options`` to a mistyped word, or '' (the "did you mean" of a message)."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return close[0] if close else ""


def check_workbook(data: DefinitionData) -> dict[str, list[int]]:
    """Raise XLSFormError for the first common mistake found, with its exact location.

    Returns each survey name with the rows that use it.
    """
    if not data.survey and not data.survey_header:
        sheet_names = list(data.sheet_names or [])
        raise XLSFormError.of(
            "no_survey_sheet",
            rename=_suggest(constants.SURVEY, sheet_names),
            found=", ".join(sheet_names),
        )
    survey = read_columns(data.survey_header, constants.SURVEY)
    choices = read_columns(data.choices_header, constants.CHOICES) if data.choices_header else {}
    lists = _check_choices(data, choices)
    for role in ("type", "name"):
        if not any(c.role == role for c in survey.values()):
            raise XLSFormError.of(
                "missing_column",
                sheet=constants.SURVEY,
                row=1,
                column=role,
                sheet_name=constants.SURVEY,
                role=role,
                suggestion=_suggest(role, survey),
            )
    names = _check_structure(data, survey, lists)
    _check_references(data.survey, survey, names, constants.SURVEY)
    _check_references(data.choices, choices, names, constants.CHOICES)
    _check_expressions(data.survey, survey)
    return names


def _check_choices(data: DefinitionData, columns: dict[str, Column]) -> set[str]:
    """Check the choices sheet; return the list names it defines."""
    if not data.choices_header:
        return set()
    sheet = constants.CHOICES
    for role in ("list_name", "name"):
        if not any(c.role == role for c in columns.values()):
            raise XLSFormError.of(
                "missing_column", sheet=sheet, row=1, column=role, sheet_name=sheet, role=role
            )
    settings = (data.settings or [{}])[0] if data.settings else {}
    allow_duplicates = aliases.yes_no.get(settings.get("allow_choice_duplicates", "no"), False)
    seen: dict[tuple[str, str], int] = {}
    lists: set[str] = set()
    for number, row in numbered_rows(data.choices):
        list_name = cell(row, columns, "list_name")[1]
        if not row or not list_name:
            continue
        lists.add(list_name)
        name_header, name = cell(row, columns, "name")
        if not name:
            raise XLSFormError.of(
                "choice_no_name",
                sheet=sheet,
                row=number,
                column=header_for(columns, "name", "name"),
                list_name=list_name,
            )
        if not cell(row, columns, "label")[1] and not cell(row, columns, "media")[1]:
            raise XLSFormError.of(
                "choice_no_label",
                sheet=sheet,
                row=number,
                column=header_for(columns, "label", "label"),
                name=name,
                list_name=list_name,
            )
        if (list_name, name) in seen and not allow_duplicates:
            raise XLSFormError.of(
                "choice_duplicate",
                sheet=sheet,
                row=number,
                column=name_header,
                name=name,
                list_name=list_name,
                first_row=seen[(list_name, name)],
            )
        seen.setdefault((list_name, name), number)
    return lists


def _type_problem(
    kind: str, lists: set[str], data: DefinitionData
) -> tuple[str, dict[str, str]] | None:
    """None if the type is known and its choice list exists, else (key, params) of what is wrong."""
    if kind in QUESTION_TYPE_DICT or kind in aliases._type_alias_map:
        return None
    if kind in aliases.settings_header or RE_OSM.search(kind):
        return None
    if RE_BEGIN_CONTROL.search(kind) or RE_END_CONTROL.search(kind):
        return None
    if match := RE_SELECT.search(kind):
        command, list_name = match.group("select_command"), match.group("list_name")
        select_type = aliases.select[command]
        if select_type == constants.SELECT_ONE_EXTERNAL:
            return None if data.external_choices else ("no_external_choices", {})
        if command in aliases.select_from_file or list_name.startswith("${"):
            return None
        if list_name not in lists:
            key = "choice_list_missing" if data.choices_header else "choice_list_no_sheet"
            ignored = [
                n
                for n in data.sheet_names or []
                if n.lower() not in constants.SUPPORTED_SHEET_NAMES
            ]
            # In markdown, text in a row's first cell starts a new (here unknown) sheet.
            return key, {
                "list_name": list_name,
                "suggestion": _suggest(list_name, lists),
                "ignored": ", ".join(ignored),
            }
        return None
    if kind.split(" ")[0] in ("select_one", "select_multiple", "rank", "select_one_from_file"):
        return "select_needs_list", {"kind": kind, "example": kind.split()[0]}
    return "unknown_type", {"kind": kind, "suggestion": _suggest(kind, COMMON_TYPES)}


def _needs_label(kind: str) -> bool:
    if RE_SELECT.search(kind):
        return True
    spec = QUESTION_TYPE_DICT.get(aliases._type_alias_map.get(kind, kind))
    # An "action" control (start-geopoint: odk:setgeopoint) is never shown: no label needed.
    shown = bool(spec) and "control" in spec and spec["control"].get("tag") != "action"
    # background-geopoint: filled when another question changes, never shown itself.
    return shown and kind not in ("trigger", "acknowledge", "background-geopoint")


def _check_structure(
    data: DefinitionData, columns: dict[str, Column], lists: set[str]
) -> dict[str, list[int]]:
    """Types, names, labels and begin/end nesting; return each name with the rows using it."""
    sheet = constants.SURVEY
    type_header = header_for(columns, "type", "type")
    name_header = header_for(columns, "name", "name")
    # Each open group/repeat: (kind, name, row, names used directly inside it).
    stack: list[tuple[str, str, int, dict[str, int]]] = [("survey", "", 1, {})]
    names: dict[str, list[int]] = {}
    for number, row in numbered_rows(data.survey):
        if aliases.yes_no.get(cell(row, columns, "disabled")[1] or "no"):
            continue
        kind = " ".join(cell(row, columns, "type")[1].split())
        name = cell(row, columns, "name")[1]
        if not kind:
            if name or cell(row, columns, "label")[1]:
                key, params = (
                    ("name_without_type", {"name": name}) if name else ("row_without_type", {})
                )
                raise XLSFormError.of(key, sheet=sheet, row=number, column=type_header, **params)
            continue
        if problem := _type_problem(kind, lists, data):
            key, params = problem
            raise XLSFormError.of(key, sheet=sheet, row=number, column=type_header, **params)
        if end := RE_END_CONTROL.search(kind):
            wanted = aliases.control[end.group("type")]
            if len(stack) == 1:
                raise XLSFormError.of(
                    "end_without_begin",
                    sheet=sheet,
                    row=number,
                    column=type_header,
                    kind=kind,
                    wanted=wanted,
                )
            open_kind, open_name, open_row, _ = stack.pop()
            if open_kind != wanted:
                raise XLSFormError.of(
                    "end_mismatch",
                    sheet=sheet,
                    row=number,
                    column=type_header,
                    kind=kind,
                    open_kind=open_kind,
                    open_name=open_name,
                    open_row=open_row,
                )
            continue
        if kind in aliases.settings_header:
            continue
        if kind == "audit":
            continue  # pyxform names it "audit" itself and checks the name
        if not name:
            if kind == "note":
                continue
            raise XLSFormError.of("row_without_name", sheet=sheet, row=number, column=name_header)
        if not is_xml_tag(name):
            raise XLSFormError.of(
                "invalid_name", sheet=sheet, row=number, column=name_header, name=name
            )
        siblings = stack[-1][3]
        if name in siblings:
            raise XLSFormError.of(
                "duplicate_name",
                sheet=sheet,
                row=number,
                column=name_header,
                name=name,
                first_row=siblings[name],
                container="form" if len(stack) == 1 else stack[-1][0],
            )
        siblings[name] = number
        names.setdefault(name, []).append(number)
        if begin := RE_BEGIN_CONTROL.search(kind):
            if len(stack) > MAX_NESTING:  # the survey itself is stack[0]
                raise XLSFormError.of(
                    "too_deep", sheet=sheet, row=number, column=type_header, limit=MAX_NESTING
                )
            stack.append((aliases.control[begin.group("type")], name, number, {}))
            continue
        if _needs_label(kind) and not (
            cell(row, columns, "label")[1] or cell(row, columns, "hint")[1]
        ):
            raise XLSFormError.of(
                "no_label",
                sheet=sheet,
                row=number,
                column=header_for(columns, "label", "label"),
                name=name,
            )
    if len(stack) > 1:
        open_kind, open_name, open_row, _ = stack[-1]
        raise XLSFormError.of(
            "begin_without_end",
            sheet=sheet,
            row=open_row,
            column=type_header,
            open_kind=open_kind,
            open_name=open_name,
        )
    return names


def _check_references(
    rows: Rows, columns: dict[str, Column], names: dict[str, list[int]], sheet: str
) -> None:
    """Every ${name} in labels and expressions must name a question, group or repeat."""
    for number, row in numbered_rows(rows):
        for header, value in row.items():
            column = columns.get(header)
            if column is None or column.role not in REFERENCE_ROLES:
                continue
            for match in _REF.finditer(str(value)):
                ref = match.group(1).strip()
                if len(names.get(ref, ())) == 1:
                    continue
                where: dict[str, Any] = {"sheet": sheet, "row": number, "column": header}
                if ref in names:
                    rows_text = ", ".join(str(n) for n in names[ref])
                    raise XLSFormError.of(
                        "ambiguous_reference",
                        **where,
                        reference=f"${{{ref}}}",
                        ref=ref,
                        rows=rows_text,
                    )
                if not is_xml_tag(ref):
                    raise XLSFormError.of("invalid_reference", **where, reference=match.group(0))
                raise XLSFormError.of(
                    "unknown_reference",
                    **where,
                    reference=f"${{{ref}}}",
                    suggestion=_suggest(ref, names),
                )


EXPRESSION_ROLES = frozenset(
    "relevant constraint calculation choice_filter required readonly repeat_count".split()
)


def _same_length_path(match: re.Match[str]) -> str:
    # "${age}" -> "/age__": a valid path of the same length, so positions stay true.
    return "/" + match.group(0)[2:-1].replace("#", "_") + "__"


def _check_expressions(rows: Rows, columns: dict[str, Column]) -> None:
    """Every XPath in an expression column must parse, with its ODK functions known."""
    # Imported here: the engine imports this module when it loads an XLSForm.
    from app.engine.xpath import XPathError, compile_xpath

    for number, row in numbered_rows(rows):
        for header, value in row.items():
            column = columns.get(header)
            text = str(value).strip()
            if column is None or column.role not in EXPRESSION_ROLES or not text:
                continue
            if text in aliases.yes_no:
                continue
            try:
                compile_xpath(_REF.sub(_same_length_path, text))
            except XPathError as err:
                raise XLSFormError.of(
                    "invalid_expression",
                    sheet=constants.SURVEY,
                    row=number,
                    column=header,
                    text=text,
                    detail=err.detail,  # the XPath parser's own words (English)
                    position=None if err.position is None else err.position + 1,
                ) from err
