"""XLSForm to XForm XML through pyxform, with errors a person can fix.

pyxform does the conversion. Its messages often lack the row ("Unknown question type
'integr'."), so the workbook is read first with pyxform's own backends and the common
mistakes are checked here with their exact sheet, row and column. Row numbers are the
spreadsheet's: the header is row 1, the first question row 2 (pyxform counts the same way).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pyxform import constants
from pyxform.errors import PyXFormError
from pyxform.parsing.expression import is_xml_tag
from pyxform.xls2json_backends import DefinitionData, definition_to_dict, get_definition_data
from pyxform.xls2xform import convert

from app.form_titles import TITLE_COLUMN, add_title_translations, split_title_columns
from app.xlsform.checks import check_workbook
from app.xlsform.errors import XLSFormError

SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".md")

_PYXFORM_ROW = re.compile(r"\[row\s*:\s*(\d+)\]\s*")
_PYXFORM_SHEET_COLUMN = re.compile(r"On the '([^']+)' sheet, the '([^']+)' value")
_PYXFORM_SHEET = re.compile(r"On the '([^']+)' sheet,?\s*")
_DUPLICATE_HEADER = re.compile(r"Duplicate column header: (.+)")
_QUOTED = re.compile(r"'([^']+)'")
_URL_TAIL = re.compile(r"\s*Learn more: \S+\s*$")


@dataclass
class Conversion:
    """The XForm XML produced from an XLSForm and pyxform's warnings (advice, not errors)."""

    xform: str
    warnings: list[str] = field(default_factory=list)


def xlsform_to_xform(source: Path | str, *, form_id: str | None = None) -> str:
    """Convert an XLSForm file to XForm XML; raise XLSFormError naming sheet, row, column."""
    return convert_xlsform(source, form_id=form_id).xform


def convert_xlsform(source: Path | str, *, form_id: str | None = None) -> Conversion:
    """Like xlsform_to_xform, also returning pyxform's warnings."""
    path = Path(source)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise XLSFormError.of(
            "not_xlsform_file", name=path.name, suffixes=", ".join(SUPPORTED_SUFFIXES)
        )
    if not path.is_file():
        raise XLSFormError.of("file_not_found", path=str(path))
    data = _read_workbook(path)
    try:
        names = check_workbook(data)
    except XLSFormError:
        raise
    except Exception as err:  # a gap in the checks must still reach a person as a message
        raise XLSFormError.of("check_failed", error=f"{type(err).__name__}: {err}") from err
    if form_id is not None:
        if not is_xml_tag(form_id):
            raise XLSFormError.of("bad_form_id", form_id=form_id)
        _override_form_id(data, form_id)
    titles = _take_title_translations(data)  # pyxform 4.5 crashes on form_title::<language>
    warnings: list[str] = []
    try:
        result = convert(xlsform=_as_dict(data), warnings=warnings)
    except PyXFormError as err:
        raise _from_pyxform(str(err), names) from err
    except Exception as err:  # pyxform bugs on odd input must not reach a person as a traceback
        raise XLSFormError.of("pyxform_crashed", error=f"{type(err).__name__}: {err}") from err
    return Conversion(xform=add_title_translations(result.xform, titles), warnings=list(warnings))


def _read_workbook(path: Path) -> DefinitionData:
    suffix = path.suffix.lower()
    try:
        return definition_to_dict(get_definition_data(path), file_type=suffix)
    except UnicodeDecodeError as err:
        raise XLSFormError.of("not_utf8", name=path.name) from err
    except PyXFormError as err:
        if match := _DUPLICATE_HEADER.search(str(err)):
            header = match.group(1).strip()
            raise XLSFormError.of(
                "duplicate_header",
                sheet=_sheet_with_duplicate_header(path, header),
                row=1,
                column=header,
                header=header,
            ) from err
        raise XLSFormError.of("unreadable", name=path.name, suffix=suffix, error=str(err)) from err
    except Exception as err:  # corrupt or mislabelled files: say which and why
        if suffix == ".md" and (ragged := _md_ragged_row(path)):
            raise ragged from err
        raise XLSFormError.of("unreadable", name=path.name, suffix=suffix, error=str(err)) from err


def _md_ragged_row(path: Path) -> XLSFormError | None:
    """A markdown table row with more filled cells than its header has columns, if any."""
    from pyxform.xls2json_backends import _md_table_to_ss_structure

    sheets = _md_table_to_ss_structure(path.read_text(encoding="utf-8"))
    for sheet, rows in sheets.items():
        if not rows:
            continue
        width = len(rows[0])
        for number, row in enumerate(rows[1:], start=2):
            extra = [c for c in row[width:] if c not in (None, "")]
            if extra:
                return XLSFormError.of(
                    "ragged_row", sheet=sheet, row=number, count=len(extra), first=extra[0]
                )
    return None


def _sheet_with_duplicate_header(path: Path, header: str) -> str | None:
    """Which sheet of an .xlsx repeats this header (pyxform's message does not say)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        for sheet in book.worksheets:
            first = next(sheet.iter_rows(max_row=1, values_only=True), ())
            cells = [str(c).strip() for c in first if c is not None]
            if cells.count(header) > 1:
                return sheet.title
    finally:
        book.close()
    return None


def _take_title_translations(data: DefinitionData) -> dict[str, str]:
    """The settings' translated titles (app/form_titles.py), out of pyxform's way."""
    if not data.settings:
        return {}
    settings = [dict(row) for row in data.settings]
    titles = split_title_columns(settings[0])
    if titles:
        data.settings = settings
        if data.settings_header:
            headers = dict(data.settings_header[0])
            for key in [k for k in headers if TITLE_COLUMN.match(str(k))]:
                headers.pop(key)
            data.settings_header = [headers]
    return titles


def _as_dict(data: DefinitionData) -> dict[str, Any]:
    return {f.name: getattr(data, f.name) for f in dataclasses.fields(data)}


def _override_form_id(data: DefinitionData, form_id: str) -> None:
    settings = [dict(row) for row in (data.settings or [{}])] or [{}]
    settings[0].pop("id_string", None)
    settings[0]["form_id"] = form_id
    headers = dict((data.settings_header or [{}])[0]) if data.settings_header else {}
    headers.pop("id_string", None)
    headers["form_id"] = None
    data.settings = settings
    data.settings_header = [headers]


def _from_pyxform(text: str, names: dict[str, list[int]] | None = None) -> XLSFormError:
    """Turn a pyxform message into an XLSFormError, keeping any row/sheet/column it names.

    A message without a row that quotes a name used on one survey row gets that row.
    """
    message = _URL_TAIL.sub("", text.strip())
    row = sheet = column = None
    if match := _PYXFORM_ROW.search(message):
        row = int(match.group(1))
        message = _PYXFORM_ROW.sub("", message, count=1)
    if match := _PYXFORM_SHEET_COLUMN.search(message):
        sheet, column = match.group(1), match.group(2)
    if match := _PYXFORM_SHEET.search(message):
        sheet = sheet or match.group(1)
        message = _PYXFORM_SHEET.sub("", message, count=1)
    if row is None and names:
        rows = {r for quoted in _QUOTED.findall(message) for r in names.get(quoted, [])}
        if len(rows) == 1:
            sheet, row = sheet or constants.SURVEY, rows.pop()
    if row is not None and sheet is None:
        sheet = constants.SURVEY
    message = message.strip()
    if message[:1].isupper() and not message[1:2].isupper():
        message = message[0].lower() + message[1:]
    return XLSFormError(message.rstrip("."), sheet=sheet, row=row, column=column)
