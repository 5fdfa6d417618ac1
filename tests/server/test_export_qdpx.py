"""``main.py export --format qdpx`` on the server's database (SQLite and PostgreSQL): focus-group
sessions sent over OpenRosa come out as a schema-valid REFI-QDA project."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import main
from sync.server import forms
from tests.findings.synthetic import focus_group_xml, topics_of
from tests.server.conftest import Pilot

ROOT = Path(__file__).resolve().parents[2]
XSD = ROOT / "tests" / "fixtures" / "refi_qda" / "Project.xsd"
NS = {"q": "urn:QDA-XML:project:1.0"}


def test_cli_writes_a_qdpx_of_the_sessions(
    pilot: Pilot, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forms.publish_form(pilot.db, "Piloto", ROOT / "forms" / "grupo_focal_jovenes.md")
    topic = topics_of("grupo_focal_jovenes")[0]
    for number, community in ((1, "zac_ulapa"), (2, "smg_el_amate")):
        xml = focus_group_xml(
            "grupo_focal_jovenes",
            instance=f"uuid:00000000-0000-4000-8000-00000000000{number}",
            date=f"2026-05-0{number}",
            community=community,
            roster=[("J01", "jovenes"), ("J02", "jovenes")],
            topics={topic: ("Notas", [(f"Cita {number}", "J01")], ["redes_apoyo"])},
        )
        assert pilot.submit(xml.encode("utf-8")).status_code == 201
    target = tmp_path / "jovenes.qdpx"
    args = ["export", "--form", "grupo_focal_jovenes", "--format", "qdpx", "-o", str(target)]
    code = main.main([*args, "--database-url", db_url])
    assert code == 0, capsys.readouterr().err
    assert "2 submissions" in capsys.readouterr().out
    with zipfile.ZipFile(target) as archive:
        qde = etree.fromstring(archive.read("project.qde"))
        etree.XMLSchema(etree.parse(str(XSD))).assertValid(qde)
        texts = [archive.read(n).decode() for n in archive.namelist() if n.startswith("sources/")]
    assert len(qde.findall("q:Sources/q:TextSource", NS)) == 2
    assert sorted(t for t in texts if "Cita 1" in t or "Cita 2" in t) == sorted(texts)
    # Not approved yet: --approved-only leaves both out (an empty but valid project).
    code = main.main([*args, "--approved-only", "--database-url", db_url])
    assert code == 0
    with zipfile.ZipFile(target) as archive:
        qde = etree.fromstring(archive.read("project.qde"))
    assert qde.findall("q:Sources/q:TextSource", NS) == []

    # The API gives the same project.
    response = pilot.client.get(
        f"/api/v1/projects/{pilot.project_id}/forms/grupo_focal_jovenes/export",
        params={"format": "qdpx"},
        headers=pilot.auth(pilot.supervisor_token),
    )
    assert response.status_code == 200, response.text
    assert "grupo_focal_jovenes.qdpx" in response.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        qde = etree.fromstring(archive.read("project.qde"))
    assert len(qde.findall("q:Sources/q:TextSource", NS)) == 2
