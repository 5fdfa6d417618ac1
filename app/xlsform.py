"""XLSForm (.xlsx, .xls, .csv, pyxform markdown .md) to XForm XML, with errors a person can fix.

pyxform does the conversion. Its messages often lack the row ("Unknown question type
'integr'."), so the workbook is read first with pyxform's own backends and the common
mistakes are checked here with their exact sheet, row and column. Row numbers are the
spreadsheet's: the header is row 1, the first question row 2 (pyxform counts the same way).
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pyxform import aliases, constants
from pyxform.errors import PyXFormError
from pyxform.parsing.expression import is_xml_tag
from pyxform.parsing.sheet_headers import process_header
from pyxform.question import MultipleChoiceQuestion, Option
from pyxform.question_type_dictionary import QUESTION_TYPE_DICT
from pyxform.xls2json import RE_BEGIN_CONTROL, RE_END_CONTROL, RE_OSM, RE_SELECT
from pyxform.xls2json_backends import DefinitionData, definition_to_dict, get_definition_data
from pyxform.xls2xform import convert

SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".md")

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
_REF = re.compile(r"\$\{(?:last-saved#)?([^}]*)\}")
_PYXFORM_ROW = re.compile(r"\[row\s*:\s*(\d+)\]\s*")
_PYXFORM_SHEET_COLUMN = re.compile(r"On the '([^']+)' sheet, the '([^']+)' value")
_PYXFORM_SHEET = re.compile(r"On the '([^']+)' sheet,?\s*")
_DUPLICATE_HEADER = re.compile(r"Duplicate column header: (.+)")
_QUOTED = re.compile(r"'([^']+)'")
_URL_TAIL = re.compile(r"\s*Learn more: \S+\s*$")


class XLSFormError(ValueError):
    """A problem in an XLSForm, located as precisely as it can be (sheet, row, column)."""

    def __init__(
        self,
        message: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.sheet = sheet
        self.row = row
        self.column = column
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = []
        if self.sheet:
            where.append(f"{self.sheet} sheet")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class Conversion:
    """The XForm XML produced from an XLSForm and pyxform's warnings (advice, not errors)."""

    xform: str
    warnings: list[str] = field(default_factory=list)


def source_hash(path: Path | str) -> str:
    """Return the sha256 hex digest of the file's bytes (the cache key for its XForm)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def xlsform_to_xform(source: Path | str, *, form_id: str | None = None) -> str:
    """Convert an XLSForm file to XForm XML; raise XLSFormError naming sheet, row, column."""
    return convert_xlsform(source, form_id=form_id).xform


def convert_xlsform(source: Path | str, *, form_id: str | None = None) -> Conversion:
    """Like xlsform_to_xform, also returning pyxform's warnings."""
    path = Path(source)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise XLSFormError(
            f"'{path.name}' is not an XLSForm file: use one of {', '.join(SUPPORTED_SUFFIXES)}"
        )
    if not path.is_file():
        raise XLSFormError(f"file not found: {path}")
    data = _read_workbook(path)
    try:
        names = check_workbook(data)
    except XLSFormError:
        raise
    except Exception as err:  # a gap in the checks must still reach a person as a message
        raise XLSFormError(f"could not check this form ({type(err).__name__}: {err})") from err
    if form_id is not None:
        if not is_xml_tag(form_id):
            raise XLSFormError(f"form id '{form_id}' is not a valid name")
        _override_form_id(data, form_id)
    warnings: list[str] = []
    try:
        result = convert(xlsform=_as_dict(data), warnings=warnings)
    except PyXFormError as err:
        raise _from_pyxform(str(err), names) from err
    except Exception as err:  # pyxform bugs on odd input must not reach a person as a traceback
        raise XLSFormError(
            f"pyxform could not convert this form ({type(err).__name__}: {err})"
        ) from err
    return Conversion(xform=result.xform, warnings=list(warnings))


def _read_workbook(path: Path) -> DefinitionData:
    suffix = path.suffix.lower()
    try:
        return definition_to_dict(get_definition_data(path), file_type=suffix)
    except UnicodeDecodeError as err:
        raise XLSFormError(f"'{path.name}' is not UTF-8 text; save it as UTF-8") from err
    except PyXFormError as err:
        if match := _DUPLICATE_HEADER.search(str(err)):
            header = match.group(1).strip()
            raise XLSFormError(
                f"the column '{header}' appears twice in the header row; keep one",
                sheet=_sheet_with_duplicate_header(path, header),
                row=1,
                column=header,
            ) from err
        raise XLSFormError(f"cannot read '{path.name}' as a {suffix} XLSForm: {err}") from err
    except Exception as err:  # corrupt or mislabelled files: say which and why
        if suffix == ".md" and (ragged := _md_ragged_row(path)):
            raise ragged from err
        raise XLSFormError(f"cannot read '{path.name}' as a {suffix} XLSForm: {err}") from err


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
                return XLSFormError(
                    f"this row has {len(extra)} more cell(s) than the header has columns "
                    f"(first extra value: '{extra[0]}'); check for a stray '|'",
                    sheet=sheet,
                    row=number,
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


def _as_dict(data: DefinitionData) -> dict:
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


# ----------------------------------------------------------------------------- pre-checks


@dataclass
class _Column:
    header: str  # as written in the sheet, e.g. "label::Español (es)"
    role: str  # what it means: "label", "relevant", "type", ...
    language: str | None


def _columns(header_rows, sheet: str) -> dict[str, _Column]:
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
        columns[header] = _Column(header, role, language)
    return columns


def _rows(rows) -> Iterator[tuple[int, dict[str, str]]]:
    for index, row in enumerate(rows or []):
        yield index + 2, row


def _value(row: dict[str, str], columns: dict[str, _Column], role: str) -> tuple[str, str]:
    """(header, value) of the first non-empty cell with this role, or ("", "")."""
    for header, value in row.items():
        column = columns.get(header)
        if column and column.role == role and str(value).strip():
            return header, str(value).strip()
    return "", ""


def _header_for(columns: dict[str, _Column], role: str, default: str) -> str:
    return next((c.header for c in columns.values() if c.role == role), default)


def _suggest(word: str, options) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_workbook(data: DefinitionData) -> dict[str, list[int]]:
    """Raise XLSFormError for the first common mistake found, with its exact location.

    Returns each survey name with the rows that use it.
    """
    if not data.survey and not data.survey_header:
        names = list(data.sheet_names or [])
        close = difflib.get_close_matches(constants.SURVEY, names, n=1, cutoff=0.6)
        hint = f"; rename the sheet '{close[0]}' to 'survey'" if close else ""
        found = f"; sheets found: {', '.join(names)}" if names else ""
        raise XLSFormError(f"the form has no 'survey' sheet{hint}{found}")
    survey = _columns(data.survey_header, constants.SURVEY)
    choices = _columns(data.choices_header, constants.CHOICES) if data.choices_header else {}
    lists = _check_choices(data, choices)
    for role in ("type", "name"):
        if not any(c.role == role for c in survey.values()):
            raise XLSFormError(
                f"the survey sheet has no '{role}' column{_suggest(role, survey)}",
                sheet=constants.SURVEY,
                row=1,
                column=role,
            )
    names = _check_structure(data, survey, lists)
    _check_references(data.survey, survey, names, constants.SURVEY)
    _check_references(data.choices, choices, names, constants.CHOICES)
    _check_expressions(data.survey, survey)
    return names


def _check_choices(data: DefinitionData, columns: dict[str, _Column]) -> set[str]:
    """Check the choices sheet; return the list names it defines."""
    if not data.choices_header:
        return set()
    sheet = constants.CHOICES
    for role in ("list_name", "name"):
        if not any(c.role == role for c in columns.values()):
            raise XLSFormError(
                f"the choices sheet has no '{role}' column", sheet=sheet, row=1, column=role
            )
    settings = (data.settings or [{}])[0] if data.settings else {}
    allow_duplicates = aliases.yes_no.get(settings.get("allow_choice_duplicates", "no"), False)
    seen: dict[tuple[str, str], int] = {}
    lists: set[str] = set()
    for number, row in _rows(data.choices):
        list_name = _value(row, columns, "list_name")[1]
        if not row or not list_name:
            continue
        lists.add(list_name)
        name_header, name = _value(row, columns, "name")
        if not name:
            raise XLSFormError(
                f"choice in list '{list_name}' has no name",
                sheet=sheet,
                row=number,
                column=_header_for(columns, "name", "name"),
            )
        if not _value(row, columns, "label")[1] and not _value(row, columns, "media")[1]:
            raise XLSFormError(
                f"choice '{name}' in list '{list_name}' has no label",
                sheet=sheet,
                row=number,
                column=_header_for(columns, "label", "label"),
            )
        if (list_name, name) in seen and not allow_duplicates:
            raise XLSFormError(
                f"choice name '{name}' appears twice in list '{list_name}' "
                f"(first at row {seen[(list_name, name)]})",
                sheet=sheet,
                row=number,
                column=name_header,
            )
        seen.setdefault((list_name, name), number)
    return lists


def _type_problem(kind: str, lists: set[str], data: DefinitionData) -> str | None:
    """None if the type is known and its choice list exists, else what is wrong."""
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
            return None if data.external_choices else "there is no external_choices sheet"
        if command in aliases.select_from_file or list_name.startswith("${"):
            return None
        if list_name not in lists:
            where = "the choices sheet" if data.choices_header else "a choices sheet (none found)"
            ignored = [
                n
                for n in data.sheet_names or []
                if n.lower() not in constants.SUPPORTED_SHEET_NAMES
            ]
            # In markdown, text in a row's first cell starts a new (here unknown) sheet.
            note = f"; sheets ignored as not XLSForm: {', '.join(ignored)}" if ignored else ""
            return f"choice list '{list_name}' is not in {where}{_suggest(list_name, lists)}{note}"
        return None
    if kind.split(" ")[0] in ("select_one", "select_multiple", "rank", "select_one_from_file"):
        return f"'{kind}' needs a choice list name after the type, e.g. '{kind.split()[0]} yes_no'"
    return f"unknown question type '{kind}'{_suggest(kind, COMMON_TYPES)}"


def _needs_label(kind: str) -> bool:
    if RE_SELECT.search(kind):
        return True
    spec = QUESTION_TYPE_DICT.get(aliases._type_alias_map.get(kind, kind))
    return bool(spec) and "control" in spec and kind not in ("trigger", "acknowledge")


def _check_structure(
    data: DefinitionData, columns: dict[str, _Column], lists: set[str]
) -> set[str]:
    """Types, names, labels and begin/end nesting; return each name with the rows using it."""
    sheet = constants.SURVEY
    type_header = _header_for(columns, "type", "type")
    name_header = _header_for(columns, "name", "name")
    # Each open group/repeat: (kind, name, row, names used directly inside it).
    stack: list[tuple[str, str, int, dict[str, int]]] = [("survey", "", 1, {})]
    names: dict[str, list[int]] = {}
    for number, row in _rows(data.survey):
        if aliases.yes_no.get(_value(row, columns, "disabled")[1] or "no"):
            continue
        kind = " ".join(_value(row, columns, "type")[1].split())
        name = _value(row, columns, "name")[1]
        if not kind:
            if name or _value(row, columns, "label")[1]:
                raise XLSFormError(
                    f"'{name or 'this row'}' has no type",
                    sheet=sheet,
                    row=number,
                    column=type_header,
                )
            continue
        if problem := _type_problem(kind, lists, data):
            raise XLSFormError(problem, sheet=sheet, row=number, column=type_header)
        if end := RE_END_CONTROL.search(kind):
            wanted = aliases.control[end.group("type")]
            if len(stack) == 1:
                raise XLSFormError(
                    f"'{kind}' without a matching begin_{wanted}",
                    sheet=sheet,
                    row=number,
                    column=type_header,
                )
            open_kind, open_name, open_row, _ = stack.pop()
            if open_kind != wanted:
                raise XLSFormError(
                    f"'{kind}' closes begin_{open_kind} '{open_name}' (row {open_row}); "
                    f"expected end_{open_kind}",
                    sheet=sheet,
                    row=number,
                    column=type_header,
                )
            continue
        if kind in aliases.settings_header:
            continue
        if kind == "audit":
            continue  # pyxform names it "audit" itself and checks the name
        if not name:
            if kind == "note":
                continue
            raise XLSFormError("this row has no name", sheet=sheet, row=number, column=name_header)
        if not is_xml_tag(name):
            raise XLSFormError(
                f"invalid name '{name}': a name starts with a letter or underscore and holds "
                "only letters, digits, '_', '-' or '.' (no spaces)",
                sheet=sheet,
                row=number,
                column=name_header,
            )
        siblings = stack[-1][3]
        if name in siblings:
            raise XLSFormError(
                f"duplicate name '{name}' (already used at row {siblings[name]} "
                f"in the same {'form' if len(stack) == 1 else stack[-1][0]})",
                sheet=sheet,
                row=number,
                column=name_header,
            )
        siblings[name] = number
        names.setdefault(name, []).append(number)
        if begin := RE_BEGIN_CONTROL.search(kind):
            stack.append((aliases.control[begin.group("type")], name, number, {}))
            continue
        if _needs_label(kind) and not (
            _value(row, columns, "label")[1] or _value(row, columns, "hint")[1]
        ):
            raise XLSFormError(
                f"'{name}' has no label",
                sheet=sheet,
                row=number,
                column=_header_for(columns, "label", "label"),
            )
    if len(stack) > 1:
        open_kind, open_name, open_row, _ = stack[-1]
        raise XLSFormError(
            f"begin_{open_kind} '{open_name}' has no matching end_{open_kind}",
            sheet=sheet,
            row=open_row,
            column=type_header,
        )
    return names


def _check_references(
    rows, columns: dict[str, _Column], names: dict[str, list[int]], sheet: str
) -> None:
    """Every ${name} in labels and expressions must name a question, group or repeat."""
    for number, row in _rows(rows):
        for header, value in row.items():
            column = columns.get(header)
            if column is None or column.role not in REFERENCE_ROLES:
                continue
            for match in _REF.finditer(str(value)):
                ref = match.group(1).strip()
                if len(names.get(ref, ())) == 1:
                    continue
                if ref in names:
                    rows_text = ", ".join(str(n) for n in names[ref])
                    problem = (
                        f"'${{{ref}}}' is ambiguous: the name '{ref}' is used on rows "
                        f"{rows_text}; ${{}} needs a name used only once in the form"
                    )
                    raise XLSFormError(problem, sheet=sheet, row=number, column=header)
                if not is_xml_tag(ref):
                    problem = f"'{match.group(0)}' is not a valid reference"
                else:
                    problem = f"'${{{ref}}}' refers to no question{_suggest(ref, names)}"
                raise XLSFormError(problem, sheet=sheet, row=number, column=header)


EXPRESSION_ROLES = frozenset(
    "relevant constraint calculation choice_filter required readonly repeat_count".split()
)


def _same_length_path(match: re.Match[str]) -> str:
    # "${age}" -> "/age__": a valid path of the same length, so positions stay true.
    return "/" + match.group(0)[2:-1].replace("#", "_") + "__"


def _check_expressions(rows, columns: dict[str, _Column]) -> None:
    """Every XPath in an expression column must parse, with its ODK functions known."""
    # Imported here: the engine imports this module when it loads an XLSForm.
    from app.engine.xpath import XPathError, compile_xpath

    for number, row in _rows(rows):
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
                where = "" if err.position is None else f" at character {err.position + 1}"
                raise XLSFormError(
                    f"invalid expression '{text}': {err.detail}{where}",
                    sheet=constants.SURVEY,
                    row=number,
                    column=header,
                ) from err
