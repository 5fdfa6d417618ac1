"""Issue 7 item 16: a form's (or server's) text is shown as its characters, never as Qt rich text.

A hostile form puts `<h1>FAKE</h1>` in its title, group labels (the focus-group topic), notes,
hints, choices and repeat label; every label, tooltip and question on screen must show those
characters literally."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox, QTreeWidget, QWidget

from app.config import load_config
from app.workspace import Workspace
from ui.library_controller import LibraryController
from ui.library_view import LibraryView
from ui.runner import FormRunner
from ui.workspace_access import WorkspaceAccess

FAKE = "<h1>FAKE</h1>"
HOSTILE = f"""
| survey |
| | type | name | label | hint |
| | begin_group | details | {FAKE} group | |
| | text | venue | {FAKE} question | {FAKE} hint |
| | select_one yn | ok | Ok? | |
| | note | greet | {FAKE} note | |
| | end_group | | | |
| | begin_repeat | participants | {FAKE} repeat | |
| | text | participant_code | Code | |
| | end_repeat | | | |
| | begin_repeat | notes | Notas | |
| | text | note_text | Nota | |
| | integer | note_elapsed | Segundos | |
| | text | note_topic | Tema | |
| | dateTime | note_time | Hora | |
| | end_repeat | | | |
| choices |
| | list_name | name | label |
| | yn | y | {FAKE} yes |
| settings |
| | form_id | version | form_title |
| | hostile | 1 | {FAKE} title |
"""


def shown(text: str, text_format: Qt.TextFormat) -> str:
    """The characters a person sees for `text` in a widget with this format."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def assert_literal(texts: list[tuple[str, str, Qt.TextFormat]]) -> None:
    hostile = [(where, text, fmt) for where, text, fmt in texts if "FAKE" in text]
    assert hostile, "the hostile text was not on screen at all"
    for where, text, fmt in hostile:
        assert FAKE in shown(text, fmt), (where, text, fmt)


def on_screen(root: QWidget) -> list[tuple[str, str, Qt.TextFormat]]:
    """Every label's text and every tooltip (widgets and tree items) under `root`."""
    found = [(f"tooltip {type(root).__name__}", root.toolTip(), Qt.TextFormat.AutoText)]
    for label in root.findChildren(QLabel):
        found.append((f"label {label.objectName()}", label.text(), label.textFormat()))
    for widget in root.findChildren(QWidget):
        found.append((f"tooltip {type(widget).__name__}", widget.toolTip(), Qt.TextFormat.AutoText))
    for tree in root.findChildren(QTreeWidget):
        stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            found.append(("tree tooltip", item.toolTip(0), Qt.TextFormat.AutoText))
            stack.extend(item.child(i) for i in range(item.childCount()))
    return found


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    with Workspace.open(load_config(tmp_path / "data"), forms_folder=folder) as ws:
        assert ws.builtin_problems == []
        yield ws


def test_the_runner_shows_form_text_literally(qtbot, workspace, monkeypatch) -> None:
    active = workspace.start_session("hostile")
    assert active.title == f"{FAKE} title"
    runner = FormRunner(active)
    qtbot.addWidget(runner)
    runner.resize(1366, 740)
    runner.show()
    qtbot.waitExposed(runner)
    texts = on_screen(runner)
    assert runner.title.text() == f"{FAKE} title"
    assert runner.title.textFormat() == Qt.TextFormat.PlainText
    assert runner.page_title.textFormat() == Qt.TextFormat.PlainText
    assert runner.focus_panel.topic.textFormat() == Qt.TextFormat.PlainText
    assert FAKE in runner.focus_panel.topic.text()  # the group label is the topic
    runner.jump_to("/data/participants")
    qtbot.waitUntil(lambda: runner.page_key == "/data/participants")
    runner.active.answer("/data/participants[1]/participant_code", f"{FAKE} code")
    runner.refresh()
    texts += on_screen(runner)
    assert_literal(texts)

    asked: list[str] = []

    def capture(*args, **_kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", capture)
    heading = runner.page_view.blocks["/data/participants[1]"]
    runner.remove_repeat("/data/participants[1]", heading.label.text())  # quotes label, answer
    assert asked and FAKE in shown(asked[0], Qt.TextFormat.AutoText)


def test_the_library_shows_form_titles_literally(qtbot, workspace, tmp_path) -> None:
    view = LibraryView()
    qtbot.addWidget(view)
    controller = LibraryController(view, WorkspaceAccess(workspace))
    controller.refresh()
    view.show()
    qtbot.waitExposed(view)
    other = tmp_path / "other.md"
    other.write_text(HOSTILE.replace("| hostile | 1 |", "| hostile | 2 |"), encoding="utf-8")

    controller.import_files([str(other)])

    qtbot.waitUntil(lambda: not controller.busy(), timeout=20_000)
    tree = view.findChild(QTreeWidget)
    titles = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert f"{FAKE} title" in titles  # tree items are plain text in Qt already
    assert FAKE in view.status.text()  # "Added “<h1>FAKE</h1> title” (version 2)."
    assert view.status.textFormat() == Qt.TextFormat.PlainText
    assert_literal(on_screen(view))


def test_ui_builds_labels_that_never_guess_rich_text() -> None:
    """A new QLabel() in ui/ would guess rich text again: labels are PlainLabel (or ElidedLabel).
    ui/sync_* is wired by the sync work and sets PlainText on its labels itself."""
    import ast

    root = Path(__file__).resolve().parents[2] / "ui"
    allowed = {"plain_text.py", "elided_label.py"}
    offenders = []
    for path in root.rglob("*.py"):
        if path.name in allowed or path.name.startswith("sync_"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "QLabel":
                offenders.append(f"{path.relative_to(root)}:{node.lineno}")
    assert offenders == []
