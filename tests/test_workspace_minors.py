"""Through the Workspace: a focus-group roster with a 15-17 year old whose guardian did not give
permission finalizes, records that person as not taking part, and counts only those who do
(the built-in youth guide, a real store)."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.config import load_config
from app.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
FORM_ID = "grupo_focal_jovenes"


@pytest.fixture
def ws(tmp_path: Path):
    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.copy(ROOT / "forms" / f"{FORM_ID}.md", folder)
    with Workspace.open(load_config(tmp_path / "data"), forms_folder=folder) as workspace:
        assert workspace.builtin_problems == []
        yield workspace


def test_a_minor_without_permission_is_recorded_and_the_session_finalizes(ws):
    active = ws.start_session(FORM_ID)
    for ref, value in {
        "/data/department": "usulutan",
        "/data/municipality": "jiquilisco",
        "/data/community": "jiquilisco_otra",
        "/data/community_other": "Isla de Méndez",
        "/data/session_date": (date.today() - timedelta(days=1)).isoformat(),
        "/data/start_time": "09:30:00",
        "/data/venue": "Escuela",
        "/data/facilitator": "Marta Rivas",
        "/data/note_taker": "José Hernández",
        "/data/consentimiento/consent_script_read": "OK",
        "/data/participants[1]/participant_code": "J01",
        "/data/participants[1]/consent": "si",
        "/data/participants[1]/age_band": "15_17",
        "/data/participants[1]/guardian_consent": "no",
        "/data/closing/referral_requested": "no",
        "/data/closing/end_time": "11:45:00",
    }.items():
        assert active.answer(ref, value) is None, ref
    adult = active.add_repeat("/data/participants")
    for name, value in {
        "participant_code": "J02",
        "consent": "si",
        "age_band": "18_24",
        "sex": "hombre",
        "status": "retornado",
    }.items():
        active.answer(f"{adult}/{name}", value)
    assert active.value("/data/n_participants") == "1"
    assert active.value("/data/n_not_taking_part") == "1"
    assert active.finalize() == []

    stored = ws.store.submissions.get(active.instance_id)
    root = ET.fromstring(stored.instance_xml)
    people = {p.findtext("participant_code"): p for p in root.iter("participants")}
    assert people["J01"].findtext("participation") == "no_participa_sin_autorizacion"
    assert people["J01"].find("sex") is None and people["J01"].find("group_type") is None
    assert people["J02"].findtext("participation") == "participa"
    assert people["J02"].findtext("group_type") == "jovenes"
