"""``main.py report`` on the server's database (SQLite and PostgreSQL): sessions and needs
assessments sent over OpenRosa and approved through the API come out as a PDF whose figures,
read back with pypdf, equal a direct count of the approved submissions."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

import main
from sync.server import forms
from tests.findings.synthetic import focus_group_xml, needs_xml, topics_of
from tests.server.conftest import Pilot

ROOT = Path(__file__).resolve().parents[2]


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def _approve(pilot: Pilot, instance: str) -> None:
    response = pilot.client.post(
        f"/api/v1/submissions/{instance}/review",
        headers=pilot.auth(pilot.supervisor_token),
        json={"state": "approved"},
    )
    assert response.status_code == 200, response.text


@pytest.fixture
def sent(pilot: Pilot) -> Pilot:
    """Three women's sessions (two approved), one youth session (approved), three needs
    assessments (two approved)."""
    forms.publish_form(pilot.db, "Piloto", ROOT / "forms" / "grupo_focal_mujeres.md")
    forms.publish_form(pilot.db, "Piloto", ROOT / "forms" / "grupo_focal_jovenes.md")
    forms.publish_form(pilot.db, "Piloto", ROOT / "forms" / "evaluacion_necesidades.md")
    mujeres, jovenes = topics_of("grupo_focal_mujeres")[0], topics_of("grupo_focal_jovenes")[0]
    sessions = [
        ("grupo_focal_mujeres", "mujeres", mujeres, 1, "zac_ulapa", 4, ["inseguridad"], True),
        ("grupo_focal_mujeres", "mujeres", mujeres, 2, "zac_ulapa", 3, ["inseguridad"], True),
        ("grupo_focal_mujeres", "mujeres", mujeres, 3, "smg_el_amate", 9, ["redes_apoyo"], False),
        ("grupo_focal_jovenes", "jovenes", jovenes, 4, "smg_el_amate", 5, ["falta_empleo"], True),
    ]
    for form_id, group, topic, n, community, people, themes, approve in sessions:
        instance = f"uuid:00000000-0000-4000-8000-00000000000{n}"
        xml = focus_group_xml(
            form_id,
            instance=instance,
            date=f"2026-05-0{n}",
            community=community,
            roster=[(f"P{k:02d}", group) for k in range(1, people + 1)],
            topics={topic: ("Notas", [(f"Cita número {n}", "P01")], themes)},
        )
        assert pilot.submit(xml.encode("utf-8")).status_code == 201
        if approve:
            _approve(pilot, instance)
    needs = [
        (5, ["vivienda", "empleo", "salud"], True),
        (6, ["empleo", "vivienda", "capital"], True),
        (7, ["capital", "salud", "empleo"], False),
    ]
    for n, ranked, approve in needs:
        instance = f"uuid:00000000-0000-4000-8000-00000000000{n}"
        xml = needs_xml(
            instance=instance,
            date="2026-05-10",
            community="zac_ulapa",
            status="retornado",
            needs=ranked,
        )
        assert pilot.submit(xml.encode("utf-8")).status_code == 201
        if approve:
            _approve(pilot, instance)
    return pilot


def test_report_figures_equal_the_approved_submissions(
    sent: Pilot, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "informe.pdf"
    code = main.main(
        [
            "report",
            "--project",
            "Piloto",
            "--language",
            "en",
            "-o",
            str(target),
            "--database-url",
            db_url,
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert "3 sessions and 2 needs interviews" in capsys.readouterr().out
    text = _pdf_text(target)
    assert "Findings: focus groups and needs assessments" in text
    # Coverage by group: women 2 sessions / 7 participants, youth 1 / 5 (the unapproved one out).
    assert "Women 2 7" in text and "Adolescents and youth 1 5" in text
    # By community: Ulapa 2 sessions (7 people), El Amate 1 (5).
    assert "Cantón Ulapa Zacatecoluca 2 7" in text and "Cantón El Amate San Miguel 1 5" in text
    # Themes per group, with their quotes and participant codes; never the facilitator's name.
    assert "Insecurity and violence 2" in text and "Lack of jobs 1" in text
    assert "«Cita número 1» (P01, Cantón Ulapa, 2026-05-01)" in text
    assert "«Cita número 2» (P01, Cantón Ulapa, 2026-05-02)" in text
    assert "Cita número 3" not in text and "Support networks" not in text
    assert "Nombre Real" not in text
    # Needs weighted by rank (3, 2, 1): employment 2+3 = 5, housing 3+2 = 5, health 1, capital 1.
    assert "Employment 2 5 1" in text and "Housing 2 5 1" in text
    assert "Health care 1 1 0" in text and "Capital for a business 1 1 0" in text
    assert "Covers: project Piloto" in text and "approved submissions only" in text
    assert "3 sessions, 2 interviews" in text


def test_report_in_spanish_for_one_form_and_a_date_range(
    sent: Pilot, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "informe.pdf"
    args = [
        "report",
        "--project",
        "Piloto",
        "--form",
        "grupo_focal_mujeres",
        "--from",
        "2026-05-02",
        "--to",
        "2026-05-31",
        "-o",
        str(target),
        "--database-url",
        db_url,
    ]
    assert main.main(args) == 0, capsys.readouterr().err
    text = _pdf_text(target)
    assert "Mujeres 1 3" in text and "del 2026-05-02 al 2026-05-31" in text
    assert "No hay evaluaciones de necesidades en este periodo." in text


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--project", "Nadie"], "no project named"),
        (["--project", "Piloto", "--from", "2026-13-01"], "not a date"),
        (["--project", "Piloto", "--from", "2026-06-01", "--to", "2026-05-01"], "after --to"),
        (["--project", "Piloto", "--form", "no_existe"], "no form 'no_existe'"),
    ],
)
def test_report_refusals_are_one_line_and_exit_1(
    sent: Pilot,
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    reason: str,
) -> None:
    target = tmp_path / "out.pdf"
    try:
        code = main.main(["report", *args, "-o", str(target), "--database-url", db_url])
    except SystemExit as stop:
        code = stop.code
    assert code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and reason in err, err
    assert not target.exists() and not list(tmp_path.glob(".out.pdf*"))
