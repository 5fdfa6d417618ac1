"""Every control kind through the real engine: what the widgets send is what the engine keeps."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from app.config import load_config
from app.workspace import Workspace
from ui.runner import FormRunner

from .waiting import wait_first_focus

FORM = """
| survey |
| | type | name | label | appearance | parameters | required |
| | begin_group | all | Todos los controles | field-list | | |
| | range | score | Puntaje | | start=0 end=5 step=0.5 | |
| | select_one agree | safety | Seguridad | likert | | |
| | select_one town | town | Municipio | autocomplete | | |
| | acknowledge | ok | Confirmo | | | yes |
| | geopoint | place | Lugar | | | |
| | time | started | Hora | | | |
| | dateTime | moment | Momento | | | |
| | decimal | weight | Peso | | | |
| | end_group | | | | | |

| choices |
| | list_name | name | label |
| | agree | 1 | Nada |
| | agree | 2 | Poco |
| | agree | 3 | Mucho |
| | town | zac | Zacatecoluca |
| | town | usu | Usulután |

| settings |
| | form_id | version | form_title |
| | controls | 1 | Controles |
"""


@pytest.fixture
def active(tmp_path: Path):
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "controls.md").write_text(FORM, encoding="utf-8")
    with Workspace.open(load_config(tmp_path / "data"), forms_folder=forms) as ws:
        assert ws.builtin_problems == []
        yield ws.start_session("controls")


def editor(runner: FormRunner, name: str):
    return runner.page_view.blocks[f"/data/all/{name}"].editor


def test_every_control_sends_what_the_engine_keeps(qtbot, active) -> None:
    runner = FormRunner(active)
    qtbot.addWidget(runner)
    runner.show()
    qtbot.waitExposed(runner)
    runner.activateWindow()
    wait_first_focus(qtbot, runner)  # the runner's own first focus lands first
    assert not runner.fg_mode and not runner.focus_panel.isVisible()

    score = editor(runner, "score")
    score.slider.setFocus()
    for _ in range(3):
        qtbot.keyClick(score.slider, Qt.Key.Key_Right)
    assert active.value("/data/all/score") == "1.5" and score.shown.text() == "1.5"

    safety = editor(runner, "safety")
    assert len({b.y() for b in safety.buttons.buttons()}) == 1  # likert: one row
    safety.buttons.buttons()[2].click()
    assert active.value("/data/all/safety") == "3"

    town = editor(runner, "town")
    town.combo.lineEdit().setFocus()
    qtbot.keyClicks(town.combo.lineEdit(), "Zacatecoluca")
    qtbot.keyClick(town.combo.lineEdit(), Qt.Key.Key_Return)
    assert active.value("/data/all/town") == "zac"

    ok = editor(runner, "ok")
    ok.box.click()
    assert active.value("/data/all/ok") == "OK"

    place = editor(runner, "place")
    place.box.setFocus()
    qtbot.keyClicks(place.box, "13.5 -88.87 120 5")
    qtbot.keyClick(place.box, Qt.Key.Key_Return)
    assert active.value("/data/all/place") == "13.5 -88.87 120 5"

    started = editor(runner, "started")
    started.time_box.setFocus()
    qtbot.keyClicks(started.time_box, "0930")
    qtbot.keyClick(started.time_box, Qt.Key.Key_Return)
    assert active.value("/data/all/started").startswith("09:30:00.000")

    moment = editor(runner, "moment")
    moment._pick(QDate(2026, 11, 26))  # as the calendar popup does
    assert active.value("/data/all/moment") == "2026-11-26"  # no invented midnight
    assert moment.time_box.text() == ""
    qtbot.waitUntil(moment.time_box.hasFocus)  # the time is asked for next
    qtbot.keyClicks(moment.time_box, "14:05")
    qtbot.keyClick(moment.time_box, Qt.Key.Key_Return)
    stored = active.value("/data/all/moment")
    assert stored.startswith("2026-11-26T14:05:00.000") and stored[-6] in "+-"
    assert moment.date_box.text() == "2026-11-26" and moment.time_box.text() == "14:05"

    weight = editor(runner, "weight")
    weight.box.setFocus()
    qtbot.keyClicks(weight.box, "61,5")
    qtbot.keyClick(weight.box, Qt.Key.Key_Return)
    assert active.value("/data/all/weight") == "61.5"

    assert runner.progress_text.text() == "8 of 8 answered · required: 1 of 1"
