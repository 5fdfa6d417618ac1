"""A 15-17 year old without a guardian's permission in the youth focus group's roster: recorded
as not taking part, asked nothing more, never counted, and the roster blocks neither Next nor
finalizing (real Workspace, the built-in guide, real widgets; the confirmation box is a system
edge and answered Yes)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.test_runner_focus import choose, counts, open_runner, type_code

FORM_ID = "grupo_focal_jovenes"
MINOR = "/data/participants[1]"


@pytest.fixture
def no_confirmations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


def fill_all_but_the_roster(active) -> None:
    for ref, value in {
        "/data/department": "san_miguel",
        "/data/municipality": "chirilagua",
        "/data/community": "chi_tierra_blanca",
        "/data/session_date": (date.today() - timedelta(days=1)).isoformat(),
        "/data/start_time": "09:30:00",
        "/data/venue": "Casa comunal",
        "/data/facilitator": "Marta Rivas",
        "/data/note_taker": "José Hernández",
        "/data/consentimiento/consent_script_read": "OK",
        "/data/closing/referral_requested": "no",
        "/data/closing/end_time": "11:45:00",
    }.items():
        active.answer(ref, value)


def test_a_minor_without_permission_takes_no_part_and_blocks_nothing(
    qtbot, workspace, no_confirmations
) -> None:
    profile = workspace.create_profile("Marta Rivas")
    active = workspace.start_session(FORM_ID, facilitator=profile, language="es")
    fill_all_but_the_roster(active)
    runner = open_runner(qtbot, active)

    type_code(qtbot, runner, f"{MINOR}/participant_code", "J01")
    choose(qtbot, runner, f"{MINOR}/consent", "si")
    choose(qtbot, runner, f"{MINOR}/age_band", "15_17")
    choose(qtbot, runner, f"{MINOR}/guardian_consent", "no")

    # The row says why; nothing else is asked about this person, and nobody is counted.
    shown = set(runner.page_view.blocks)
    assert f"{MINOR}/no_guardian_permission" in shown
    assert not {f"{MINOR}/{name}" for name in ("sex", "group_type", "status")} & shown
    assert counts(runner) == ("1", "0")
    assert runner.focus_panel.count_labels["age_band"].text() == "—"

    # Next leaves the roster at once: no required question waits there.
    page = runner.current_page()
    runner.next_button.setFocus()
    qtbot.keyClick(runner.next_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: runner.current_page() is not page)
    assert not runner.notice.isVisible()

    # The minor is not among the speakers a quote may name.
    quote = "/data/educacion/educacion_quotes[1]"
    active.answer(f"{quote}/quote_text", "Quiero seguir estudiando.")
    assert active.answer(f"{quote}/quote_participant", "J01").kind == "constraint"
    active.answer(f"{quote}/quote_text", "")  # the quote is dropped: nothing to finalize away
    assert active.answer(f"{quote}/quote_participant", "") is None

    with qtbot.waitSignal(runner.finalized, timeout=10_000) as finalized:
        qtbot.mouseClick(runner.finalize_button, Qt.MouseButton.LeftButton)
    saved = workspace.store.submissions.get(finalized.args[0])
    assert saved.status == "finalized"
    person = next(ET.fromstring(saved.instance_xml).iter("participants"))
    answered = {child.tag: child.text for child in person if child.text}
    assert answered == {
        "participant_code": "J01",
        "consent": "si",
        "age_band": "15_17",
        "guardian_consent": "no",
        "participation": "no_participa_sin_autorizacion",
    }
    assert ET.fromstring(saved.instance_xml).findtext("n_participants") == "0"
