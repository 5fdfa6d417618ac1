"""Escape in the form runner: it closes the session the Close button's way (typing saved, asking
before answers the disk refused are dropped), but an open drop-down list, calendar, list of
suggestions or message box takes the Escape for itself. Real runner, real Workspace."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.config import load_config
from app.workspace import Workspace
from ui.runner import FormRunner

from .waiting import wait_first_focus

FORM = """
| survey |
| | type | name | label | appearance |
| | begin_group | all | Todo | field-list |
| | text | venue | Lugar | |
| | select_one town | town | Municipio | minimal |
| | select_one town | place | Cantón | autocomplete |
| | date | day | Fecha | |
| | end_group | | | |

| choices |
| | list_name | name | label |
| | town | zac | Zacatecoluca |
| | town | usu | Usulután |
| | town | zar | Zaragoza |

| settings |
| | form_id | version | form_title |
| | escape | 1 | Escape |
"""
VENUE = "/data/all/venue"


@pytest.fixture
def running(qtbot, tmp_path: Path):
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "escape.md").write_text(FORM, encoding="utf-8")
    with Workspace.open(load_config(tmp_path / "data"), forms_folder=forms) as ws:
        active = ws.start_session("escape")
        runner = FormRunner(active)
        qtbot.addWidget(runner)
        closed: list[bool] = []
        runner.closed.connect(lambda: closed.append(True))
        runner.show()
        qtbot.waitExposed(runner)
        runner.activateWindow()
        wait_first_focus(qtbot, runner)  # the runner's own first focus lands first
        yield ws, active, runner, closed


def editor(runner: FormRunner, name: str):
    return runner.page_view.blocks[f"/data/all/{name}"].editor


def escape(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Escape)


def test_escape_in_a_half_typed_answer_saves_it_and_closes(qtbot, running) -> None:
    ws, active, runner, closed = running
    box = editor(runner, "venue").box
    box.setFocus()
    qtbot.keyClicks(box, "Casa comunal")
    escape(qtbot, box)
    assert closed == [True]
    assert "Casa comunal" in ws.store.submissions.get(active.instance_id).instance_xml
    assert "(Esc)" in runner.close_button.toolTip()


def test_escape_in_an_open_drop_down_list_closes_only_the_list(qtbot, running) -> None:
    _ws, _active, runner, closed = running
    combo = editor(runner, "town").combo
    combo.setFocus()
    combo.showPopup()
    popup = combo.view().window()
    qtbot.waitUntil(popup.isVisible)
    escape(qtbot, combo.view())
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert closed == []
    escape(qtbot, combo)  # the list is shut: now Escape is the session's
    assert closed == [True]


def test_escape_in_the_open_calendar_closes_only_the_calendar(qtbot, running) -> None:
    _ws, _active, runner, closed = running
    day = editor(runner, "day")
    day._open_calendar()
    calendar = day.calendar
    qtbot.waitUntil(calendar.isVisible)
    escape(qtbot, QApplication.focusWidget() or calendar)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert closed == []


def test_escape_in_the_suggestions_closes_only_the_suggestions(qtbot, running) -> None:
    _ws, _active, runner, closed = running
    combo = editor(runner, "place").combo
    line = combo.lineEdit()
    line.setFocus()
    qtbot.keyClicks(line, "Za")
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    escape(qtbot, popup)
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert closed == []


def test_escape_asks_before_dropping_an_answer_the_disk_refused(
    qtbot, running, monkeypatch
) -> None:
    ws, active, runner, closed = running
    monkeypatch.setattr(QMessageBox, "critical", lambda *args, **kwargs: None)
    conn = ws.store._db.conn
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    box = editor(runner, "venue").box
    box.setFocus()
    long_answer = "Casa comunal " * 2000
    box.insert(long_answer)
    asked: list[str] = []

    def escape_the_question() -> None:
        question = QApplication.activeModalWidget()
        asked.append(question.text() if isinstance(question, QMessageBox) else "")
        qtbot.keyClick(question, Qt.Key.Key_Escape)  # Escape in the message box: "No"

    QTimer.singleShot(50, escape_the_question)
    escape(qtbot, box)
    qtbot.waitUntil(lambda: asked != [])
    assert "could not be saved" in asked[0] and len(asked) == 1
    assert closed == [] and box.text() == long_answer  # still there, the session still open
    conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
    escape(qtbot, box)
    assert closed == [True] and len(asked) == 1
    assert long_answer.strip() in ws.store.submissions.get(active.instance_id).instance_xml
