"""XLSForm errors in the interface language: our checks' texts and the location in es and en."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.engine import FormError, load_form
from app.xlsform import XLSFormError, xlsform_to_xform
from app.xlsform.messages import CATALOGUE, FRAGMENTS, render


def error_for(tmp_path: Path, text: str, name: str = "form.md") -> XLSFormError:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(XLSFormError) as caught:
        xlsform_to_xform(path)
    return caught.value


def survey(*rows: str, header: str = "| | type | name | label |") -> str:
    return "\n".join(["| survey |", header, *rows]) + "\n"


@pytest.mark.parametrize(
    ("form", "english", "spanish"),
    [
        (
            survey("| | integr | age | Age |"),
            "survey sheet, row 2, column 'type': unknown question type 'integr' "
            "(did you mean 'integer'?)",
            "hoja «survey», fila 2, columna «type»: tipo de pregunta desconocido: 'integr' "
            "(¿quiso decir 'integer'?)",
        ),
        (
            survey("| | text | age | Age |", "| | integer | age | Age again |"),
            "survey sheet, row 3, column 'name': duplicate name 'age' (already used at row 2 "
            "in the same form)",
            "hoja «survey», fila 3, columna «name»: nombre repetido 'age' (ya se usa en la fila 2 "
            "en el mismo formulario)",
        ),
        (
            survey("| | begin_group | g | G |", "| | text | a | A |"),
            "survey sheet, row 2, column 'type': begin_group 'g' has no matching end_group",
            "hoja «survey», fila 2, columna «type»: begin_group 'g' no tiene su end_group "
            "correspondiente",
        ),
        (
            survey("| | text | a | A |", "| | text | b | ${agee} |"),
            "survey sheet, row 3, column 'label': '${agee}' refers to no question",
            "hoja «survey», fila 3, columna «label»: '${agee}' no corresponde a ninguna pregunta",
        ),
        (
            survey("| | select_one colors | c | Color |"),
            "survey sheet, row 2, column 'type': choice list 'colors' is not in a choices sheet "
            "(none found)",
            "hoja «survey», fila 2, columna «type»: la lista de opciones 'colors' no está en una "
            "hoja choices (no se encontró ninguna)",
        ),
        (
            survey("| | text | 1abc | A |"),
            "survey sheet, row 2, column 'name': invalid name '1abc'",
            "hoja «survey», fila 2, columna «name»: nombre no válido '1abc'",
        ),
    ],
)
def test_our_checks_read_in_spanish_and_english(
    tmp_path: Path, form: str, english: str, spanish: str
) -> None:
    error = error_for(tmp_path, form)
    assert error.key is not None
    assert error.localized("en").startswith(english)
    assert str(error).startswith(english)  # str() stays English (CLI, logs, server)
    assert error.localized("es").startswith(spanish)
    assert error.localized("Español (es)") == error.localized("es")


def test_file_level_mistakes_have_no_location_and_translate(tmp_path: Path) -> None:
    with pytest.raises(XLSFormError) as caught:
        xlsform_to_xform(tmp_path / "form.txt")
    assert caught.value.localized("es").startswith("'form.txt' no es un archivo XLSForm")
    with pytest.raises(XLSFormError) as caught:
        xlsform_to_xform(tmp_path / "missing.md")
    assert caught.value.localized("es").startswith("no se encontró el archivo:")


def test_pyxform_texts_stay_as_written_behind_a_translated_location() -> None:
    error = XLSFormError("some pyxform wording", sheet="survey", row=4)
    assert error.key is None
    assert error.localized("es") == "hoja «survey», fila 4: some pyxform wording"
    assert error.localized("en") == "survey sheet, row 4: some pyxform wording"


def test_the_engine_keeps_the_xlsform_error_it_wraps(tmp_path: Path) -> None:
    path = tmp_path / "form.md"
    path.write_text(survey("| | integr | age | Age |"), encoding="utf-8")
    with pytest.raises(FormError) as caught:
        load_form(path)
    cause = caught.value.__cause__
    assert isinstance(cause, XLSFormError)
    assert "tipo de pregunta desconocido" in cause.message_in("es")


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_check_text_exists_in_both_languages(key: str) -> None:
    names = set(re.findall(r"(?<!\{)\{(\w+)\}", CATALOGUE[key]["en"]))
    assert names == set(re.findall(r"(?<!\{)\{(\w+)\}", CATALOGUE[key]["es"])), key
    params: dict[str, object] = {n: f"<{n}>" for n in names}
    if "container" in names:
        params["container"] = "repeat"
    for fragment in FRAGMENTS:
        if fragment in names:
            params[fragment] = "x"
    english, spanish = render(key, params, "en"), render(key, params, "es")
    assert english != spanish and "{" not in english.replace("${}", "")
