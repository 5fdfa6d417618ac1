"""A jr:count that goes down must not drop typed answers silently: the runner asks first."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.config import load_config
from app.workspace import Workspace
from ui.runner import FormRunner

FORM = """
| survey |
| | type | name | label::Español (es) | label::English (en) | repeat_count |
| | integer | n | Cuántos hijos | How many children | |
| | begin_repeat | child | Hijo | Child | ${n} |
| | text | cname | Nombre | Name | |
| | end_repeat | | | | |

| settings |
| | form_id | version | form_title | default_language |
| | kids | 1 | Hijos | Español (es) |
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "kids.md").write_text(FORM, encoding="utf-8")
    with Workspace.open(load_config(tmp_path / "data"), forms_folder=folder) as ws:
        yield ws


def test_a_lower_count_asks_before_removing_entries_with_answers(qtbot, workspace, monkeypatch):
    active = workspace.start_session("kids", language="Español (es)")
    runner = FormRunner(active)
    qtbot.addWidget(runner)
    runner.show()
    runner.answer("/data/n", "3")
    runner.answer("/data/child[3]/cname", "Ana")
    asked: list[str] = []

    def answer(reply):
        def ask(*args, **kwargs):
            asked.append(args[2])
            return reply

        return ask

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    runner.answer("/data/n", "2")
    assert len(asked) == 1 and "child[3]" in asked[0]
    assert active.value("/data/n") == "3"  # nothing changed: Ana's entry stays
    assert active.value("/data/child[3]/cname") == "Ana"
    saved = workspace.resume(active.instance_id)
    assert saved.value("/data/child[3]/cname") == "Ana"

    runner.answer("/data/n", "4")  # more entries remove nothing: no question
    assert len(asked) == 1
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    runner.answer("/data/n", "2")
    assert len(asked) == 2
    assert active.value("/data/n") == "2"
    assert len(active.session.node("/data").children_named("child")) == 2


GATED = """
| survey |
| | type | name | label::Español (es) | relevant |
| | integer | n | Cuántas personas | |
| | begin_repeat | person | Persona | ${n} > 0 |
| | text | pname | Nombre | |
| | end_repeat | | | |

| settings |
| | form_id | version | form_title | default_language |
| | gated | 1 | Personas | Español (es) |
"""


def test_no_add_button_while_the_repeat_does_not_apply(qtbot, tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "gated.md").write_text(GATED, encoding="utf-8")
    with Workspace.open(load_config(tmp_path / "data"), forms_folder=folder) as ws:
        active = ws.start_session("gated", language="Español (es)")
        runner = FormRunner(active)
        qtbot.addWidget(runner)
        runner.show()
        runner.answer("/data/n", "0")
        runner.jump_to("/data/person")
        header = runner.page_view.blocks["/data/person"]
        assert not header.add_button.isVisibleTo(runner)
        runner.answer("/data/n", "2")
        runner.jump_to("/data/person")
        header = runner.page_view.blocks["/data/person"]
        qtbot.waitUntil(lambda: header.add_button.isVisibleTo(runner))
        assert header.add_button.isEnabled()
