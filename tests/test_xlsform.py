"""app.xlsform: conversion of every supported format and precise locations for broken forms."""

import csv
import hashlib
from pathlib import Path

import openpyxl
import pytest

from app.xlsform import XLSFormError, convert_xlsform, source_hash, xlsform_to_xform

GOOD = """
| survey |
|        | type          | name  | label::Español (es) | label::English (en) | relevant      |
|        | select_one yn | agree | ¿Está de acuerdo?   | Do you agree?       |               |
|        | integer       | age   | Edad                | Age                 | ${agree} = 'y' |
| choices |
|         | list_name | name | label::Español (es) | label::English (en) |
|         | yn        | y    | Sí                  | Yes                 |
|         | yn        | n    | No                  | No                  |
| settings |
|          | form_id | version    | default_language |
|          | prueba  | 2026112601 | Español (es)     |
"""


def write_md(tmp_path: Path, text: str, name: str = "form.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> XLSFormError:
    with pytest.raises(XLSFormError) as caught:
        xlsform_to_xform(write_md(tmp_path, text))
    return caught.value


def survey(*rows: str, header: str = "| | type | name | label |") -> str:
    return "\n".join(["| survey |", header, *rows]) + "\n"


YN = "| choices |\n| | list_name | name | label |\n| | yn | y | Yes |\n| | yn | n | No |\n"


# ------------------------------------------------------------------ good forms, every format


def test_markdown_converts_with_both_languages(tmp_path):
    xml = xlsform_to_xform(write_md(tmp_path, GOOD))
    assert 'id="prueba"' in xml and 'version="2026112601"' in xml
    assert "¿Está de acuerdo?" in xml and "Do you agree?" in xml
    assert "<h:head>" in xml


def test_form_id_argument_overrides_settings(tmp_path):
    xml = xlsform_to_xform(write_md(tmp_path, GOOD), form_id="otro_id")
    assert 'id="otro_id"' in xml and 'id="prueba"' not in xml


def test_form_id_defaults_to_file_stem(tmp_path):
    xml = xlsform_to_xform(write_md(tmp_path, survey("| | text | a | A |"), "mi_forma.md"))
    assert 'id="mi_forma"' in xml


def test_invalid_form_id_argument(tmp_path):
    with pytest.raises(XLSFormError, match="form id '1 x'"):
        xlsform_to_xform(write_md(tmp_path, GOOD), form_id="1 x")


def test_warnings_are_returned(tmp_path):
    text = survey(
        "| | text | a | A | A | pista |",
        header="| | type | name | label::Español (es) | label::English (en) | hint::Español (es) |",
    )
    result = convert_xlsform(write_md(tmp_path, text))
    assert any("English (en)" in w for w in result.warnings)


def _write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_xlsx_converts(tmp_path):
    path = _write_xlsx(
        tmp_path / "f.xlsx",
        {
            "survey": [["type", "name", "label"], ["select_one yn", "q", "Q"]],
            "choices": [["list_name", "name", "label"], ["yn", "y", "Yes"], ["yn", "n", "No"]],
        },
    )
    assert "<select1" in xlsform_to_xform(path)


def test_xlsx_row_numbers_count_blank_rows(tmp_path):
    # Row 3 is blank in the spreadsheet: the error is on spreadsheet row 4.
    path = _write_xlsx(
        tmp_path / "f.xlsx",
        {"survey": [["type", "name", "label"], ["text", "a", "A"], [], ["integr", "b", "B"]]},
    )
    with pytest.raises(XLSFormError) as caught:
        xlsform_to_xform(path)
    assert (caught.value.sheet, caught.value.row, caught.value.column) == ("survey", 4, "type")


def test_xlsx_duplicate_column_header(tmp_path):
    path = _write_xlsx(
        tmp_path / "f.xlsx",
        {
            "survey": [["type", "name", "label", "hint"], ["text", "a", "A", ""]],
            "choices": [["list_name", "name", "label", "label"], ["yn", "y", "Yes", "Sí"]],
        },
    )
    with pytest.raises(XLSFormError) as caught:
        xlsform_to_xform(path)
    assert (caught.value.sheet, caught.value.row, caught.value.column) == ("choices", 1, "label")
    assert "appears twice" in caught.value.message


def test_csv_converts_and_locates(tmp_path):
    path = tmp_path / "f.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["survey", "", "", ""])
        writer.writerow(["", "type", "name", "label"])
        writer.writerow(["", "text", "nombre_lugar", "Lugar"])
        writer.writerow(["", "decimel", "monto", "Monto"])
    with pytest.raises(XLSFormError) as caught:
        xlsform_to_xform(path)
    assert (caught.value.sheet, caught.value.row, caught.value.column) == ("survey", 3, "type")
    assert "did you mean 'decimal'" in caught.value.message


def test_xls_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "f.xls"
    path.write_bytes(b"this is not a spreadsheet")
    with pytest.raises(XLSFormError, match=r"cannot read 'f.xls' as a \.xls XLSForm"):
        xlsform_to_xform(path)


def test_corrupt_xlsx(tmp_path):
    path = tmp_path / "f.xlsx"
    path.write_bytes(b"PK\x03\x04 broken zip")
    with pytest.raises(XLSFormError, match="cannot read 'f.xlsx'"):
        xlsform_to_xform(path)


def test_unsupported_suffix_and_missing_file(tmp_path):
    with pytest.raises(XLSFormError, match="not an XLSForm file"):
        xlsform_to_xform(tmp_path / "form.docx")
    with pytest.raises(XLSFormError, match="file not found"):
        xlsform_to_xform(tmp_path / "missing.md")


def test_non_utf8_markdown(tmp_path):
    path = tmp_path / "f.md"
    path.write_bytes(survey("| | text | a | Año |").encode("latin-1"))
    with pytest.raises(XLSFormError, match="UTF-8"):
        xlsform_to_xform(path)


def test_markdown_row_wider_than_its_header(tmp_path):
    text = survey("| | text | a | A |", "| | text | b | B | sobra |")
    error = error_for(tmp_path, text)
    assert (error.sheet, error.row) == ("survey", 3)
    assert "more cell(s) than the header" in error.message and "'sobra'" in error.message


def test_text_in_the_first_markdown_column_is_explained(tmp_path):
    # "x" in the sheet-name column starts a sheet "x": the yn choices end up outside "choices".
    text = survey("| | select_one yn | a | A |") + (
        "| choices |\n| | list_name | name | label |\n| x | yn | y | Yes |\n"
    )
    error = error_for(tmp_path, text)
    assert (error.sheet, error.row, error.column) == ("survey", 2, "type")
    assert "sheets ignored as not XLSForm: x" in error.message


def test_source_hash_is_sha256_of_bytes(tmp_path):
    path = write_md(tmp_path, GOOD)
    assert source_hash(path) == hashlib.sha256(path.read_bytes()).hexdigest()
    before = source_hash(path)
    path.write_text(GOOD + "\n", encoding="utf-8")
    assert source_hash(path) != before


# ------------------------------------------------------------------ broken forms, located


BROKEN = {
    "unknown type": (
        survey("| | text | a | A |", "| | integr | b | B |"),
        ("survey", 3, "type"),
        "unknown question type 'integr' (did you mean 'integer'?)",
    ),
    "select list missing, no choices sheet": (
        survey("| | select_one yn | a | A |"),
        ("survey", 2, "type"),
        "choice list 'yn' is not in a choices sheet (none found)",
    ),
    "select list misspelt": (
        survey("| | text | a | A |", "| | select_multiple yno | b | B |") + YN,
        ("survey", 3, "type"),
        "choice list 'yno' is not in the choices sheet (did you mean 'yn'?)",
    ),
    "select without list": (
        survey("| | select_one | a | A |"),
        ("survey", 2, "type"),
        "needs a choice list name",
    ),
    "duplicate name": (
        survey("| | text | a | A |", "| | text | b | B |", "| | integer | a | C |"),
        ("survey", 4, "name"),
        "duplicate name 'a' (already used at row 2",
    ),
    "duplicate name inside a group": (
        survey(
            "| | begin_group | g | G |",
            "| | text | x | X |",
            "| | text | x | X2 |",
            "| | end_group | | |",
        ),
        ("survey", 4, "name"),
        "duplicate name 'x' (already used at row 3 in the same group)",
    ),
    "begin group not closed": (
        survey("| | text | a | A |", "| | begin_group | g | G |", "| | text | b | B |"),
        ("survey", 3, "type"),
        "begin_group 'g' has no matching end_group",
    ),
    "end repeat without begin": (
        survey("| | text | a | A |", "| | end_repeat | | |"),
        ("survey", 3, "type"),
        "'end_repeat' without a matching begin_repeat",
    ),
    "end group closes a repeat": (
        survey("| | begin_repeat | r | R |", "| | text | a | A |", "| | end_group | | |"),
        ("survey", 4, "type"),
        "closes begin_repeat 'r' (row 2); expected end_repeat",
    ),
    "unknown reference in relevant": (
        survey(
            "| | text | edad | A | |",
            "| | text | b | B | ${eddad} > 3 |",
            header="| | type | name | label | relevant |",
        ),
        ("survey", 3, "relevant"),
        "'${eddad}' refers to no question (did you mean 'edad'?)",
    ),
    "unknown reference in a translated label": (
        survey(
            "| | text | a | A | A |",
            "| | note | n | Hola ${nombre} | Hi ${a} |",
            header="| | type | name | label::Español (es) | label::English (en) |",
        ),
        ("survey", 3, "label::Español (es)"),
        "'${nombre}' refers to no question",
    ),
    "unknown reference in constraint": (
        survey(
            "| | integer | a | A | |",
            "| | integer | b | B | . < ${c} |",
            header="| | type | name | label | constraint |",
        ),
        ("survey", 3, "constraint"),
        "'${c}' refers to no question",
    ),
    "unknown reference in calculation": (
        survey(
            "| | calculate | total | | ${x} + 1 |",
            header="| | type | name | label | calculation |",
        ),
        ("survey", 2, "calculation"),
        "'${x}' refers to no question",
    ),
    "unknown reference in choice_filter": (
        survey(
            "| | select_one yn | a | A | |",
            "| | select_one yn | b | B | name != ${aa} |",
            header="| | type | name | label | choice_filter |",
        )
        + YN,
        ("survey", 3, "choice_filter"),
        "'${aa}' refers to no question",
    ),
    "unknown reference in hint": (
        survey("| | text | a | A | ver ${b} |", header="| | type | name | label | hint |"),
        ("survey", 2, "hint"),
        "'${b}' refers to no question",
    ),
    "unknown reference in required": (
        survey("| | text | a | A | ${b} = 1 |", header="| | type | name | label | required |"),
        ("survey", 2, "required"),
        "'${b}' refers to no question",
    ),
    "unknown reference in repeat_count": (
        survey(
            "| | integer | n | N | |",
            "| | begin_repeat | r | R | ${m} |",
            "| | text | a | A | |",
            "| | end_repeat | | | |",
            header="| | type | name | label | repeat_count |",
        ),
        ("survey", 3, "repeat_count"),
        "'${m}' refers to no question",
    ),
    "unknown reference in default": (
        survey("| | text | a | A | ${b} |", header="| | type | name | label | default |"),
        ("survey", 2, "default"),
        "'${b}' refers to no question",
    ),
    "unknown reference in a choice label": (
        survey("| | text | a | A |", "| | select_one yn | b | B |")
        + "| choices |\n| | list_name | name | label |\n| | yn | y | Sí, ${zz} |\n",
        ("choices", 2, "label"),
        "'${zz}' refers to no question",
    ),
    "ambiguous reference to a name used in two groups": (
        survey(
            "| | begin_group | g1 | G1 | |",
            "| | text | x | X | |",
            "| | end_group | | | |",
            "| | begin_group | g2 | G2 | |",
            "| | text | x | X | |",
            "| | end_group | | | |",
            "| | text | y | Y | ${x} != '' |",
            header="| | type | name | label | relevant |",
        ),
        ("survey", 8, "relevant"),
        "'${x}' is ambiguous: the name 'x' is used on rows 3, 6",
    ),
    "malformed reference": (
        survey("| | text | a | A | ${a b} = 1 |", header="| | type | name | label | relevant |"),
        ("survey", 2, "relevant"),
        "'${a b}' is not a valid reference",
    ),
    "invalid name": (
        survey("| | text | 1a | A |"),
        ("survey", 2, "name"),
        "invalid name '1a'",
    ),
    "name with a space": (
        survey("| | text | a | A |", "| | text | mi nombre | B |"),
        ("survey", 3, "name"),
        "invalid name 'mi nombre'",
    ),
    "missing name": (
        survey("| | text | a | A |", "| | integer | | B |"),
        ("survey", 3, "name"),
        "this row has no name",
    ),
    "missing type": (
        survey("| | text | a | A |", "| | | b | B |"),
        ("survey", 3, "type"),
        "'b' has no type",
    ),
    "missing label": (
        survey(
            "| | text | a | A | |",
            "| | integer | b | | |",
            header="| | type | name | label | hint |",
        ),
        ("survey", 3, "label"),
        "'b' has no label",
    ),
    "missing label in a translated form": (
        survey(
            "| | text | a | A |",
            "| | select_one yn | b | |",
            header="| | type | name | label::English (en) |",
        )
        + YN,
        ("survey", 3, "label::English (en)"),
        "'b' has no label",
    ),
    "missing type column": (
        survey("| a | A |", header="| | name | label |"),
        ("survey", 1, "type"),
        "the survey sheet has no 'type' column",
    ),
    "missing name column": (
        survey("| text | A |", header="| | type | label |"),
        ("survey", 1, "name"),
        "the survey sheet has no 'name' column",
    ),
    "choices without list_name column": (
        survey("| | select_one yn | a | A |") + "| choices |\n| | name | label |\n| | y | Yes |\n",
        ("choices", 1, "list_name"),
        "the choices sheet has no 'list_name' column",
    ),
    "duplicate choice": (
        survey("| | select_one yn | a | A |")
        + "| choices |\n| | list_name | name | label |\n| | yn | y | Yes |\n| | yn | y | Sí |\n",
        ("choices", 3, "name"),
        "choice name 'y' appears twice in list 'yn' (first at row 2)",
    ),
    "choice without label": (
        survey("| | select_one yn | a | A |")
        + "| choices |\n| | list_name | name | label |\n| | yn | y | Yes |\n| | yn | n | |\n",
        ("choices", 3, "label"),
        "choice 'n' in list 'yn' has no label",
    ),
    "choice without name": (
        survey("| | select_one yn | a | A |")
        + "| choices |\n| | list_name | name | label |\n| | yn | | Yes |\n",
        ("choices", 2, "name"),
        "choice in list 'yn' has no name",
    ),
    "broken expression": (
        survey(
            "| | integer | a | A | |",
            "| | integer | b | B | ${a} >>= 3 |",
            header="| | type | name | label | relevant |",
        ),
        ("survey", 3, "relevant"),
        "invalid expression '${a} >>= 3': expected an expression, found '>=' at character 7",
    ),
    "unknown function": (
        survey(
            "| | select_multiple yn | a | A | |",
            "| | text | b | B | selectd(${a}, 'y') |",
            header="| | type | name | label | relevant |",
        )
        + YN,
        ("survey", 3, "relevant"),
        "unknown function selectd()",
    ),
    "unclosed parenthesis in a calculation": (
        survey(
            "| | integer | a | A | |",
            "| | calculate | b | | concat(${a}, 'x' |",
            header="| | type | name | label | calculation |",
        ),
        ("survey", 3, "calculation"),
        "expected ')'",
    ),
    # pyxform finds this one; its "[row : N]" and column are kept.
    "bad range parameters (from pyxform)": (
        survey(
            "| | range | r | R | start=a |",
            header="| | type | name | label | parameters |",
        ),
        ("survey", 2, "parameters"),
        "invalid",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_form_is_located(tmp_path, case):
    text, location, message = BROKEN[case]
    error = error_for(tmp_path, text)
    assert (error.sheet, error.row, error.column) == location, str(error)
    assert message in error.message
    assert str(error).startswith(f"{location[0]} sheet, row {location[1]}")


def test_message_format_matches_contract(tmp_path):
    error = error_for(tmp_path, survey("| | text | a | A |", "| | integr | b | B |"))
    assert str(error).startswith(
        "survey sheet, row 3, column 'type': unknown question type 'integr'"
    )
    assert isinstance(error, ValueError)


def test_missing_survey_sheet(tmp_path):
    error = error_for(tmp_path, YN + "| settings |\n| | form_id |\n| | x |\n")
    assert "no 'survey' sheet" in error.message and "choices" in error.message


def test_misspelt_survey_sheet_is_suggested(tmp_path):
    error = error_for(tmp_path, "| surveys |\n| | type | name | label |\n| | text | a | A |\n" + YN)
    assert "rename the sheet 'surveys' to 'survey'" in error.message


def test_disabled_rows_are_not_checked(tmp_path):
    text = survey(
        "| | text | a | A | |",
        "| | integr | b | B | yes |",
        header="| | type | name | label | disabled |",
    )
    assert "<h:head>" in xlsform_to_xform(write_md(tmp_path, text))


def test_names_may_repeat_in_different_groups(tmp_path):
    text = survey(
        "| | begin_group | g1 | G1 |",
        "| | text | x | X |",
        "| | end_group | | |",
        "| | begin_group | g2 | G2 |",
        "| | text | x | X |",
        "| | end_group | | |",
    )
    assert "/data/g2/x" in xlsform_to_xform(write_md(tmp_path, text))


def test_every_pyxform_question_type_passes_the_precheck(tmp_path):
    kinds = [
        "text", "integer", "decimal", "date", "time", "dateTime", "geopoint", "geotrace",
        "geoshape", "image", "audio", "video", "file", "barcode", "acknowledge", "range",
        "start", "end", "today", "deviceid", "username", "hidden", "note",
        "select_one yn", "select_multiple yn", "rank yn", "select_one yn or_other",
        "select one yn", "begin group", "end group", "begin_repeat", "end repeat",
    ]  # fmt: skip
    rows = [
        f"| | {k} | q{i} | Q |" if "end" not in k.split()[0][:3] or k == "end" else f"| | {k} | | |"
        for i, k in enumerate(kinds)
    ]
    rows[kinds.index("begin group") + 0] = "| | begin group | grp | G |"
    rows[kinds.index("begin_repeat")] = "| | begin_repeat | rep | R |"
    rows.insert(kinds.index("end repeat"), "| | text | inside | I |")
    xml = xlsform_to_xform(write_md(tmp_path, survey(*rows) + YN))
    assert "/data/rep/inside" in xml


def test_repeat_and_last_saved_references_are_accepted(tmp_path):
    text = survey(
        "| | text | a | A | |",
        "| | text | b | B | ${last-saved#a} |",
        header="| | type | name | label | default |",
    )
    assert "<h:head>" in xlsform_to_xform(write_md(tmp_path, text))


def test_pyxform_message_without_row_names_sheet(tmp_path):
    # An invalid settings name is only caught by pyxform, which gives no row.
    text = survey("| | text | a | A |") + "| settings |\n| | name |\n| | 1bad |\n"
    error = error_for(tmp_path, text)
    assert "Traceback" not in str(error)
    assert error.message


def test_audit_without_name_is_accepted(tmp_path):
    text = survey("| | audit | | |", "| | text | a | A |")
    assert "/data/meta/audit" in xlsform_to_xform(write_md(tmp_path, text))


def test_pyxform_message_naming_a_question_gets_its_row(tmp_path):
    # pyxform says "The survey element named 'ok' has no label or hint." with no row.
    error = error_for(tmp_path, survey("| | text | a | A |", "| | acknowledge | ok | |"))
    assert (error.sheet, error.row) == ("survey", 3)
    assert "'ok' has no label or hint" in error.message
