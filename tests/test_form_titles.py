"""A questionnaire's title per language (settings `form_title::<language>`, kept as an itext text
pyxform cannot write) and its yyyymmddNN version as a date. Real conversions, no Qt."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.engine import load_form
from app.form_titles import title_in, version_date, version_revision
from app.xlsform import xlsform_to_xform

FORM = """
| survey |
| | type | name | label::Español (es) | label::English (en) |
| | text | venue | Lugar | Venue |

| settings |
| | form_id | version | form_title | form_title::English (en) | default_language |
| | consulta | 2026112602 | Consulta comunitaria | Community consultation | Español (es) |
"""


def test_a_translated_title_survives_conversion_and_is_found_by_language(tmp_path: Path) -> None:
    source = tmp_path / "consulta.md"
    source.write_text(FORM, encoding="utf-8")
    xform = xlsform_to_xform(source)
    assert "<h:title>Consulta comunitaria</h:title>" in xform  # ODK's one title unchanged
    assert title_in(xform, "en", "Consulta comunitaria") == "Community consultation"
    assert title_in(xform, "English (en)", "x") == "Community consultation"
    assert title_in(xform, "es", "Consulta comunitaria") == "Consulta comunitaria"
    load_form(xform)  # still a form our engine (and ODK, which ignores unused itext) opens


def test_a_form_without_translated_titles_keeps_its_one_title() -> None:
    assert title_in("<h:html/>", "en", "Grupo focal con mujeres") == "Grupo focal con mujeres"
    assert title_in("not xml form_title", "en", "Título") == "Título"


def test_dated_versions_read_as_dates() -> None:
    assert version_date("2026112601") == date(2026, 11, 26)
    assert version_revision("2026112602") == 2
    assert version_date("3") is None
    assert version_date("2026133101") is None  # month 13: not a date, shown as it is
