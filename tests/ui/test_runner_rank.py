"""A rank question in the real runner: Alt+Down reorders, the order is saved to SQLite."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app.config import load_config
from app.workspace import Workspace
from ui.runner import FormRunner

FORM = """
| survey |
| | type | name | label::Español (es) | label::English (en) |
| | rank needs | priorities | Ordene las necesidades | Rank the needs |
| choices |
| | list_name | name | label::Español (es) | label::English (en) |
| | needs | work | Empleo | Work |
| | needs | health | Salud | Health |
| | needs | school | Escuela | School |
| settings |
| | form_id | version | default_language |
| | ranking | 1 | Español (es) |
"""


def test_alt_down_in_the_runner_saves_the_new_order(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "ranking.md").write_text(FORM, encoding="utf-8")
    with Workspace.open(load_config(tmp_path / "data"), forms_folder=folder) as ws:
        active = ws.start_session("ranking", language="Español (es)")
        runner = FormRunner(active)
        qtbot.addWidget(runner)
        runner.show()
        qtbot.waitExposed(runner)
        editor = runner.page_view.blocks["/data/priorities"].editor
        assert [editor.list.item(i).text() for i in range(3)] == [
            "1. Empleo",
            "2. Salud",
            "3. Escuela",
        ]
        editor.list.setFocus()
        editor.list.setCurrentRow(0)
        qtbot.keyClick(editor.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: active.value("/data/priorities") == "health work school")
        saved = ws.store.submissions.get(active.instance_id).instance_xml
        assert "<priorities>health work school</priorities>" in saved
