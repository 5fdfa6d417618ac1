"""Exports through the real server, on SQLite and PostgreSQL: submissions sent by an enrolled
device over OpenRosa, reviewed through the API, exported by the API and by ``main.py export``, and
the files opened with csv and openpyxl and read cell by cell."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

import main
from app.engine import load_form
from sync.server import accounts, forms
from tests.server.conftest import Pilot

ROOT = Path(__file__).resolve().parents[2]
NEEDS_FORM = ROOT / "forms" / "evaluacion_necesidades.md"

# A small form of our own: a geopoint, a select_multiple with static choices, a repeat of visits
# holding a group that holds a repeat of people (nested), and a field after the nested repeat.
VISITS_XML = """<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml"
  xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms">
 <h:head><h:title>Visitas</h:title>
  <model>
   <itext>
    <translation lang="Español (es)" default="true()">
     <text id="community"><value>Comunidad</value></text>
     <text id="topics"><value>Temas tratados</value></text>
     <text id="t_agua"><value>Agua potable</value></text>
     <text id="t_empleo"><value>Empleo y formación</value></text>
     <text id="t_salud"><value>Salud</value></text>
     <text id="day"><value>Día de la visita</value></text>
     <text id="name"><value>Nombre</value></text>
     <text id="age"><value>Edad</value></text>
    </translation>
    <translation lang="English (en)">
     <text id="community"><value>Community</value></text>
     <text id="topics"><value>Topics discussed</value></text>
     <text id="t_agua"><value>Drinking water</value></text>
     <text id="t_empleo"><value>Jobs and training</value></text>
     <text id="t_salud"><value>Health</value></text>
     <text id="day"><value>Day of the visit</value></text>
     <text id="name"><value>Name</value></text>
     <text id="age"><value>Age</value></text>
    </translation>
   </itext>
   <instance><data id="visitas" version="3">
    <community/><place/><topics/>
    <visit jr:template=""><day/><detail><people jr:template=""><name/><age/></people></detail>
     <notes/></visit>
    <meta><instanceID/></meta>
   </data></instance>
   <bind nodeset="/data/community" type="string"/>
   <bind nodeset="/data/place" type="geopoint"/>
   <bind nodeset="/data/topics" type="string"/>
   <bind nodeset="/data/visit/day" type="date"/>
   <bind nodeset="/data/visit/detail/people/name" type="string"/>
   <bind nodeset="/data/visit/detail/people/age" type="int"/>
   <bind nodeset="/data/visit/notes" type="string"/>
   <bind nodeset="/data/meta/instanceID" type="string" readonly="true()" jr:preload="uid"/>
  </model></h:head>
 <h:body>
  <input ref="/data/community"><label ref="jr:itext('community')"/></input>
  <input ref="/data/place"><label>Lugar</label></input>
  <select ref="/data/topics"><label ref="jr:itext('topics')"/>
   <item><label ref="jr:itext('t_agua')"/><value>agua</value></item>
   <item><label ref="jr:itext('t_empleo')"/><value>empleo</value></item>
   <item><label ref="jr:itext('t_salud')"/><value>salud</value></item>
  </select>
  <group ref="/data/visit"><repeat nodeset="/data/visit">
   <input ref="/data/visit/day"><label ref="jr:itext('day')"/></input>
   <group ref="/data/visit/detail"><repeat nodeset="/data/visit/detail/people">
    <input ref="/data/visit/detail/people/name"><label ref="jr:itext('name')"/></input>
    <input ref="/data/visit/detail/people/age"><label ref="jr:itext('age')"/></input>
   </repeat></group>
   <input ref="/data/visit/notes"><label>Notas</label></input>
  </repeat></group>
 </h:body>
</h:html>
"""

FIRST = "uuid:0a1b2c3d-0000-4000-8000-000000000001"
SECOND = "uuid:0a1b2c3d-0000-4000-8000-000000000002"


def visit_submission(instance_id: str, community: str, topics: str, visits: list) -> bytes:
    """As a device sends it: namespaced meta, repeats in document order."""
    body = []
    for day, people, notes in visits:
        rows = "".join(f"<people><name>{n}</name><age>{a}</age></people>" for n, a in people)
        body.append(f"<visit><day>{day}</day><detail>{rows}</detail><notes>{notes}</notes></visit>")
    return (
        '<data xmlns:orx="http://openrosa.org/xforms" id="visitas" version="3">'
        f"<community>{community}</community><place>13.69 -89.19 650 5</place>"
        f"<topics>{topics}</topics>{''.join(body)}"
        f"<orx:meta><orx:instanceID>{instance_id}</orx:instanceID></orx:meta></data>"
    ).encode()


@pytest.fixture
def visits(pilot: Pilot) -> Pilot:
    """The visits form published in Piloto, two submissions sent by the device, one approved."""
    path = pilot.tmp / "visitas.xml"
    path.write_text(VISITS_XML, encoding="utf-8")
    forms.publish_form(pilot.db, "Piloto", path)
    first = visit_submission(
        FIRST,
        "San Miguel, cantón El Niño",
        "agua salud",
        [
            ("2026-11-02", [("Ana", 34), ("Begoña", 61)], "Visita con la directiva"),
            ("2026-11-09", [("Íñigo", 17)], '=HYPERLINK("http://x")'),
        ],
    )
    second = visit_submission(SECOND, "Usulután", "empleo otro", [])
    assert pilot.submit(first).status_code == 201
    assert pilot.submit(second).status_code == 201
    reviewed = pilot.client.post(
        f"/api/v1/submissions/{FIRST}/review",
        headers=pilot.auth(pilot.supervisor_token),
        json={"state": "approved"},
    )
    assert reviewed.status_code == 200
    return pilot


def export(pilot: Pilot, token: str, form_id: str = "visitas", project_id=None, **params):
    project = pilot.project_id if project_id is None else project_id
    return pilot.client.get(
        f"/api/v1/projects/{project}/forms/{form_id}/export",
        headers=pilot.auth(token),
        params=params,
    )


def read_zip(data: bytes) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: list(csv.reader(io.StringIO(archive.read(name).decode("utf-8"), newline="")))
            for name in archive.namelist()
        }


def test_csv_export_has_centrals_tables_columns_and_keys(visits: Pilot) -> None:
    response = export(visits, visits.supervisor_token, format="csv")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    assert response.headers["cache-control"] == "no-store"
    assert 'filename="visitas.csv.zip"' in response.headers["content-disposition"]
    tables = read_zip(response.content)
    assert list(tables) == ["visitas.csv", "visitas-visit.csv", "visitas-people.csv"]

    main_rows = tables["visitas.csv"]
    assert main_rows[0] == [
        "SubmissionDate",
        "community",
        "place-Latitude",
        "place-Longitude",
        "place-Altitude",
        "place-Accuracy",
        "topics",
        "topics/agua",
        "topics/empleo",
        "topics/salud",
        "meta-instanceID",
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
    ]
    by_key = {row[11]: row for row in main_rows[1:]}
    assert list(by_key) == [SECOND, FIRST]  # newest first, as Central
    first = by_key[FIRST]
    assert first[0].endswith("Z") and first[0][:2] == "20" and len(first[0]) == 24
    assert first[1:11] == [
        "San Miguel, cantón El Niño",
        "13.69",
        "-89.19",
        "650",
        "5",
        "agua salud",
        "1",
        "0",
        "1",
        FIRST,
    ]
    device = str(visits.device_id)
    assert first[12:] == [device, "Laptop", "0", "0", "", "approved", device, "0", "3"]
    second = by_key[SECOND]
    # "otro" is not a choice of the form: kept in the value, no column of its own.
    assert second[6:10] == ["empleo otro", "0", "1", "0"]
    assert second[17] == ""  # received: Central's ReviewState is empty

    assert tables["visitas-visit.csv"] == [
        ["day", "notes", "PARENT_KEY", "KEY"],
        ["2026-11-02", "Visita con la directiva", FIRST, f"{FIRST}/visit[1]"],
        ["2026-11-09", '=HYPERLINK("http://x")', FIRST, f"{FIRST}/visit[2]"],
    ]
    # Nested: numbered within their visit; the group on the way is part of the key.
    assert tables["visitas-people.csv"] == [
        ["name", "age", "PARENT_KEY", "KEY"],
        ["Ana", "34", f"{FIRST}/visit[1]", f"{FIRST}/visit[1]/detail/people[1]"],
        ["Begoña", "61", f"{FIRST}/visit[1]", f"{FIRST}/visit[1]/detail/people[2]"],
        ["Íñigo", "17", f"{FIRST}/visit[2]", f"{FIRST}/visit[2]/detail/people[1]"],
    ]
    # Every PARENT_KEY names a row of the parent table.
    visit_keys = {row[3] for row in tables["visitas-visit.csv"][1:]}
    assert {row[2] for row in tables["visitas-people.csv"][1:]} <= visit_keys
    raw = zipfile.ZipFile(io.BytesIO(response.content)).read("visitas.csv")
    assert raw.startswith(b"SubmissionDate,") and b"\r\n" not in raw  # no BOM, \n line ends


def test_xlsx_with_labels_in_spanish_and_in_english(visits: Pilot) -> None:
    response = export(visits, visits.admin_token, format="xlsx", labels="true", language="es")
    assert response.status_code == 200, response.text
    assert 'filename="visitas.xlsx"' in response.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["visitas", "visit", "people"]
    rows = list(book["visitas"].iter_rows(values_only=True))
    assert rows[0][:10] == (
        "SubmissionDate",
        "Comunidad",
        "Lugar-Latitude",
        "Lugar-Longitude",
        "Lugar-Altitude",
        "Lugar-Accuracy",
        "Temas tratados",
        "Temas tratados/Agua potable",
        "Temas tratados/Empleo y formación",
        "Temas tratados/Salud",
    )
    assert rows[0][10:12] == ("meta-instanceID", "KEY")
    first = next(row for row in rows[1:] if row[11] == FIRST)
    assert first[1] == "San Miguel, cantón El Niño"
    assert first[2:6] == (13.69, -89.19, 650, 5)  # numbers in the workbook
    assert first[6] == "Agua potable; Salud"
    assert first[7:10] == (1, 0, 1)
    visits_sheet = list(book["visit"].iter_rows(values_only=True))
    assert visits_sheet[0] == ("Día de la visita", "Notas", "PARENT_KEY", "KEY")
    # An answer that looks like a formula is text in the workbook, never a formula.
    assert visits_sheet[2][1] == '=HYPERLINK("http://x")'
    people = list(book["people"].iter_rows(values_only=True))
    assert people[0] == ("Nombre", "Edad", "PARENT_KEY", "KEY")
    assert people[1] == ("Ana", 34, f"{FIRST}/visit[1]", f"{FIRST}/visit[1]/detail/people[1]")
    book.close()
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        sheet = archive.read("xl/worksheets/sheet2.xml")
    assert b"<f>" not in sheet

    english = export(visits, visits.admin_token, format="xlsx", labels="true", language="en")
    book = openpyxl.load_workbook(io.BytesIO(english.content), read_only=True)
    rows = list(book["visitas"].iter_rows(values_only=True))
    assert rows[0][1] == "Community" and rows[0][8] == "Topics discussed/Jobs and training"
    second = next(row for row in rows[1:] if row[11] == SECOND)
    assert second[6] == "Jobs and training; otro"
    book.close()


def test_approved_only_leaves_the_others_and_their_repeats_out(visits: Pilot) -> None:
    tables = read_zip(export(visits, visits.supervisor_token, approved_only="true").content)
    assert [row[11] for row in tables["visitas.csv"][1:]] == [FIRST]
    rejected = visits.client.post(
        f"/api/v1/submissions/{FIRST}/review",
        headers=visits.auth(visits.supervisor_token),
        json={"state": "rejected", "comment": "duplicada"},
    )
    assert rejected.status_code == 200
    tables = read_zip(export(visits, visits.supervisor_token, approved_only="true").content)
    assert tables["visitas.csv"][1:] == []
    assert tables["visitas-visit.csv"][1:] == [] and tables["visitas-people.csv"][1:] == []
    everything = read_zip(export(visits, visits.supervisor_token).content)
    assert {row[17] for row in everything["visitas.csv"][1:]} == {"rejected", ""}


def test_an_edited_submission_keeps_its_key_and_counts_its_edits(visits: Pilot) -> None:
    edit = visit_submission(
        "uuid:0a1b2c3d-0000-4000-8000-000000000003", "Usulután (corregido)", "salud", []
    )
    replaces = f"</orx:instanceID><orx:deprecatedID>{SECOND}</orx:deprecatedID>"
    edit = edit.replace(b"</orx:instanceID>", replaces.encode())
    assert visits.submit(edit).status_code == 201
    rows = read_zip(export(visits, visits.supervisor_token).content)["visitas.csv"]
    assert len(rows) == 3  # the header and one row per submission, not per version
    edited = next(row for row in rows[1:] if row[11] == SECOND)
    assert edited[1] == "Usulután (corregido)"
    assert edited[10] == "uuid:0a1b2c3d-0000-4000-8000-000000000003"  # meta-instanceID
    assert edited[17] == "edited" and edited[19] == "1"


def test_who_may_export(visits: Pilot) -> None:
    assert export(visits, visits.supervisor_token).status_code == 200
    assert export(visits, visits.admin_token).status_code == 200
    device = export(visits, visits.device_token)
    assert device.status_code == 403 and FIRST not in device.text
    accounts.create_user(visits.db, "beto", "beto-password", "supervisor", ["Otro"])
    outsider = export(visits, visits.login("beto", "beto-password"))
    assert outsider.status_code == 404 and FIRST not in outsider.text
    anonymous = visits.client.get(f"/api/v1/projects/{visits.project_id}/forms/visitas/export")
    assert anonymous.status_code == 401
    unknown = export(visits, visits.admin_token, form_id="no_existe")
    assert unknown.status_code == 404 and "visitas" in unknown.json()["detail"]
    assert export(visits, visits.admin_token, project_id=999).status_code == 404
    assert export(visits, visits.admin_token, format="pdf").status_code == 422
    assert export(visits, visits.admin_token, language="fr").status_code == 422


def needs_submission(form, number: int, members: list[tuple[str, str, str]], skills: str) -> bytes:
    """A needs assessment filled in with the engine, as the desktop app would send it."""
    session = form.new_session(language="Español (es)")
    session.set("/data/is_adult", "si")  # consent first: the details follow it
    session.set("/data/consent", "si")
    session.set("/data/interviewer", f"Entrevistadora {number}")
    session.set("/data/empleo/works_now", "no")
    session.set("/data/empleo/seeking_work", "si")
    session.set("/data/empleo/skills", skills)
    for index, (relation, sex, age) in enumerate(members, start=1):
        if index > 1:
            session.add_repeat("/data/hogar/household")
        ref = f"/data/hogar/household[{index}]"
        session.set(f"{ref}/member_relation", relation)
        session.set(f"{ref}/member_sex", sex)
        session.set(f"{ref}/member_age", age)
    return session.to_xml().encode("utf-8")


def test_cli_exports_the_needs_assessment_with_its_household_repeat(
    pilot: Pilot, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forms.publish_form(pilot.db, "Piloto", NEEDS_FORM)
    form = load_form(NEEDS_FORM)
    sent = [
        needs_submission(
            form, 1, [("entrevistada", "hombre", "45"), ("hijo_hija", "mujer", "12")], "cocina"
        ),
        needs_submission(form, 2, [("entrevistada", "mujer", "38")], "ingles costura"),
    ]
    for xml in sent:
        assert pilot.submit(xml).status_code == 201
    target = tmp_path / "necesidades.xlsx"
    code = main.main(
        [
            "export",
            "--form",
            "evaluacion_necesidades",
            "--project",
            "Piloto",
            "--format",
            "xlsx",
            "-o",
            str(target),
            "--labels",
            "--language",
            "es",
            "--database-url",
            db_url,
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert "2 submissions" in capsys.readouterr().out
    book = openpyxl.load_workbook(target, read_only=True)
    assert book.sheetnames == ["evaluacion_necesidades", "household"]
    main_rows = list(book["evaluacion_necesidades"].iter_rows(values_only=True))
    header = list(main_rows[0])
    keys = [row[header.index("KEY")] for row in main_rows[1:]]
    skills = header.index("¿Qué oficios o habilidades tiene?")
    by_key = {row[header.index("KEY")]: row for row in main_rows[1:]}
    second = by_key[keys[0]]
    assert second[skills] == "Inglés; Costura"
    assert second[header.index("¿Qué oficios o habilidades tiene?/Inglés")] == 1
    assert second[header.index("¿Qué oficios o habilidades tiene?/Cocina y restaurantes")] == 0
    household = list(book["household"].iter_rows(values_only=True))
    assert household[0][-2:] == ("PARENT_KEY", "KEY")
    first_key = keys[1]
    assert [row[-2:] for row in household[1:]] == [
        (keys[0], f"{keys[0]}/hogar/household[1]"),
        (first_key, f"{first_key}/hogar/household[1]"),
        (first_key, f"{first_key}/hogar/household[2]"),
    ]
    relation = household[0].index("Relación con la persona entrevistada")
    assert household[3][relation] == "Hija o hijo"
    assert household[3][household[0].index("Edad")] == 12
    book.close()

    values = tmp_path / "necesidades.csv.zip"
    assert (
        main.main(
            [
                "export",
                "--form",
                "evaluacion_necesidades",
                "--format",
                "csv",
                "-o",
                str(values),
                "--database-url",
                db_url,
            ]
        )
        == 0
    )
    tables = read_zip(values.read_bytes())
    header = tables["evaluacion_necesidades.csv"][0]
    assert "empleo-skills/ingles" in header and "hogar-household_size" in header
    assert tables["evaluacion_necesidades-household.csv"][0] == [
        "member_relation",
        "member_sex",
        "member_age",
        "member_income",
        "PARENT_KEY",
        "KEY",
    ]


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--form", "no_existe", "--format", "csv"], "no project has a form 'no_existe'"),
        (["--form", "grupo_focal", "--project", "Nadie", "--format", "csv"], "no project named"),
        (["--form", "grupo_focal", "--project", "Otro", "--format", "csv"], "no form"),
        (["--form", "grupo_focal", "--format", "csv", "--language", "fr"], "invalid choice"),
        (["--form", "grupo_focal", "--format", "pdf"], "invalid choice"),
    ],
)
def test_cli_refusals_are_one_line_and_exit_1(
    pilot: Pilot,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    reason: str,
) -> None:
    target = tmp_path / "out.zip"
    try:
        code = main.main(["export", *args, "-o", str(target), "--database-url", db_url])
    except SystemExit as stop:  # argparse's refusals
        code = stop.code
    assert code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and reason in err, err
    assert not target.exists() and not list(tmp_path.glob(".out.zip*"))


PLACES_XML = """<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml"
  xmlns:jr="http://openrosa.org/javarosa">
 <h:head><h:title>Lugares</h:title><model>
  <instance>
   <data id="lugares_form" version="1"><places/><meta><instanceID/></meta></data>
  </instance>
  <instance id="lugares" src="jr://file-csv/lugares.csv"/>
  <bind nodeset="/data/places" type="string"/>
 </model></h:head>
 <h:body><select ref="/data/places"><label>Lugares visitados</label>
  <itemset nodeset="instance('lugares')/root/item"><value ref="name"/><label ref="label"/></itemset>
 </select></h:body>
</h:html>
"""


def test_choices_from_a_media_file_come_from_the_published_media(pilot: Pilot) -> None:
    form = pilot.tmp / "lugares_form.xml"
    form.write_text(PLACES_XML, encoding="utf-8")
    media = pilot.tmp / "lugares.csv"
    media.write_text("name,label\nsm,San Miguel\nus,Usulután\n", encoding="utf-8")
    forms.publish_form(pilot.db, "Piloto", form, [media])
    xml = (
        '<data id="lugares_form" version="1"><places>us</places>'
        "<meta><instanceID>uuid:0a1b2c3d-0000-4000-8000-00000000000a</instanceID></meta></data>"
    )
    assert pilot.submit(xml.encode()).status_code == 201
    response = export(pilot, pilot.supervisor_token, form_id="lugares_form", labels="true")
    rows = read_zip(response.content)["lugares_form.csv"]
    label = "Lugares visitados"
    assert rows[0][1:4] == [label, f"{label}/San Miguel", f"{label}/Usulután"]
    assert rows[1][1:4] == ["Usulután", "0", "1"]


def test_cli_output_in_a_missing_folder_is_one_line_and_exit_1(
    pilot: Pilot, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no_such_folder" / "out.zip"
    args = ["export", "--form", "grupo_focal", "--format", "csv", "-o", str(target)]
    assert main.main([*args, "--database-url", db_url]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"error: cannot write {target}"), err
