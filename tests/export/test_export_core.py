"""The export core on its own: what it does with odd answers, broken XML, cancellation, names.

Submissions come from ``Submissions``, a real (list-backed) SubmissionSource, the same interface
the server's database and the desktop's cache implement; the end-to-end path through the server
is in tests/server/test_export.py.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest

from app.export import (
    ExportCancelled,
    ExportError,
    ExportOptions,
    SubmissionRecord,
    export_submissions,
    export_to_file,
)
from app.export.layout import load_layout
from app.export.writers import csv_file_names, sheet_names

LONG = "participantes_del_grupo_focal_de_mujeres"  # a repeat name over Excel's 31 characters
FORM = f"""<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml"
  xmlns:jr="http://openrosa.org/javarosa">
 <h:head><h:title>Notas</h:title><model>
  <instance><data id="notas" version="1">
   <note/><count/>
   <a><{LONG} jr:template=""><x/></{LONG}></a>
   <b><{LONG} jr:template=""><x/></{LONG}></b>
   <meta><instanceID/></meta>
  </data></instance>
  <bind nodeset="/data/note" type="string"/><bind nodeset="/data/count" type="int"/>
 </model></h:head><h:body/></h:html>"""


class Submissions:
    """A SubmissionSource over records in a list."""

    def __init__(self, records: list[SubmissionRecord]) -> None:
        self.records = records

    def count(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[SubmissionRecord]:
        return iter(self.records)


def record(
    number: int, note: str = "", count: str = "", xml: str | None = None
) -> SubmissionRecord:
    key = f"uuid:00000000-0000-4000-8000-{number:012d}"
    if xml is None:
        text = escape(note, {"\r": "&#13;"})
        xml = (
            f'<data id="notas" version="1"><note>{text}</note>'
            f"<count>{count}</count>"
            f"<a><participantes_del_grupo_focal_de_mujeres><x>1</x>"
            f"</participantes_del_grupo_focal_de_mujeres></a>"
            f"<meta><instanceID>{key}</instanceID></meta></data>"
        )
    return SubmissionRecord(instance_id=key, xml=xml, submitted_at="2026-12-01T10:00:00.000Z")


def export_bytes(records: list[SubmissionRecord], **options: object) -> bytes:
    out = io.BytesIO()
    export_submissions(FORM, Submissions(records), out, ExportOptions(**options))  # type: ignore[arg-type]
    return out.getvalue()


def csv_rows(data: bytes, name: str = "notas.csv") -> list[list[str]]:
    text = zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_answers_that_look_like_formulas_stay_text_and_odd_characters_cannot_break_xlsx() -> None:
    answers = [
        "=1+1",
        "=cmd|' /C calc'!A0",
        "tab\there",
        "x" * 40_000,
        "007",
        "  a < b & c > d ]]> ",
        "línea 1\r\nlínea 2",
    ]
    records = [record(i, note=a, count="12") for i, a in enumerate(answers)]
    # XML cannot carry a control character; a device name typed at enrollment could.
    records[2] = dataclasses.replace(records[2], submitter_name="Laptop\x07 3")
    records.append(record(9, note="@SUM(A1)", count="12345678901234567890"))
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(records, format="xlsx")))
    rows = list(book["notas"].iter_rows(values_only=True))
    header = rows[0]
    note, count = header.index("note"), header.index("count")
    by_key = {row[header.index("KEY")]: row for row in rows[1:]}
    cells = [by_key[r.instance_id][note] for r in records]
    assert cells[0] == "=1+1" and cells[1] == "=cmd|' /C calc'!A0"
    assert book["notas"].cell(row=2, column=note + 1).data_type == "s"
    assert cells[2] == "tab\there"
    assert by_key[records[2].instance_id][header.index("SubmitterName")] == "Laptop\ufffd 3"
    assert len(cells[3]) == 32_767 and cells[3].endswith("[…]")
    assert cells[4] == "007"  # text question: leading zeros kept
    assert cells[5:7] == answers[5:7]  # spaces, markup characters and line ends kept
    assert by_key[records[0].instance_id][count] == 12  # integer question: a number
    assert by_key[records[-1].instance_id][count] == "12345678901234567890"  # too long for Excel
    # The CSV is data for scripts: every answer exactly as sent (Central does not alter them).
    text_rows = csv_rows(export_bytes(records, format="csv"))
    assert [row[1] for row in text_rows[1:]] == [*answers, "@SUM(A1)"]


def test_a_submission_whose_xml_cannot_be_read_is_a_row_saying_so() -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><data id="notas"><note>&b;</note></data>'
    )
    records = [record(1, note="bien"), record(2, xml="<data><note>roto"), record(3, xml=laughs)]
    rows = csv_rows(export_bytes(records))
    header = rows[0]
    status, key = header.index("Status"), header.index("KEY")
    assert [(row[key], row[1], row[status]) for row in rows[1:]] == [
        (records[0].instance_id, "bien", ""),
        (records[1].instance_id, "", "unreadable XML"),
        (records[2].instance_id, "", "unreadable XML"),
    ]


def test_progress_counts_and_cancel_leaves_no_file(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    records = [record(i, note=f"n{i}") for i in range(120)]
    target = tmp_path / "notas.csv.zip"
    summary = export_to_file(
        target, FORM, Submissions(records), ExportOptions(), progress=lambda *p: seen.append(p)
    )
    assert summary.submissions == 120 and seen[0] == (0, 120) and seen[-1] == (120, 120)
    assert summary.rows["notas.csv"] == 120
    before = target.read_bytes()
    calls = iter(range(1000))
    with pytest.raises(ExportCancelled):
        export_to_file(
            target,
            FORM,
            Submissions(records),
            ExportOptions(format="csv"),
            cancelled=lambda: next(calls) == 60,
        )
    assert target.read_bytes() == before  # the earlier file is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notas.csv.zip"]


def test_approved_only_is_checked_in_the_core_too() -> None:
    approved = SubmissionRecord(
        instance_id="uuid:a", xml="<data/>", submitted_at="t", review_state="approved"
    )
    received = SubmissionRecord(instance_id="uuid:b", xml="<data/>", submitted_at="t")
    rows = csv_rows(export_bytes([approved, received], approved_only=True))
    assert [row[rows[0].index("KEY")] for row in rows[1:]] == ["uuid:a"]


def test_repeat_tables_get_centrals_file_names_and_excels_sheet_names() -> None:
    layout = load_layout(FORM)
    assert csv_file_names(layout) == [
        "notas.csv",
        "notas-participantes_del_grupo_focal_de_mujeres~1.csv",
        "notas-participantes_del_grupo_focal_de_mujeres~2.csv",
    ]
    assert sheet_names(layout) == [
        "notas",
        "participantes_del_grupo_focal_d",
        "participantes_del_grupo_focal~2",
    ]
    data = export_bytes([record(1)], format="xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    assert book.sheetnames == sheet_names(layout)
    rows = list(book[sheet_names(layout)[1]].iter_rows(values_only=True))
    key = record(1).instance_id
    assert rows == [
        ("x", "PARENT_KEY", "KEY"),
        ("1", key, f"{key}/a/participantes_del_grupo_focal_de_mujeres[1]"),
    ]


def test_languages_and_options_refused_with_a_reason() -> None:
    with pytest.raises(ExportError, match="format must be csv or xlsx"):
        export_bytes([], format="pdf")
    with pytest.raises(ExportError, match="cannot be read"):
        export_submissions("<no/>", Submissions([]), io.BytesIO(), ExportOptions())
    # A form without translations has one set of labels: any language gives them.
    assert csv_rows(export_bytes([], labels=True, language="en"))[0][:3] == [
        "SubmissionDate",
        "note",
        "count",
    ]


def test_a_language_the_form_lacks_is_refused_naming_those_it_has() -> None:
    from tests.server.test_export import VISITS_XML

    with pytest.raises(ExportError, match=r"its languages are: Español \(es\), English \(en\)"):
        load_layout(VISITS_XML, labels=True, language="fr")
    assert load_layout(VISITS_XML, labels=True, language="English (en)").language == "English (en)"
    assert load_layout(VISITS_XML, labels=True).language == "Español (es)"  # the form's default
    assert load_layout(VISITS_XML, language="fr").language == ""  # names only: no language used
