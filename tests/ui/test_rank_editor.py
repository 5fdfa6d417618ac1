"""The rank editor: ordered by keyboard (Alt+Up/Alt+Down) or buttons; the answer is the order."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.engine.prompts import Choice, Prompt
from ui.runner.editors import make_editor
from ui.runner.rank_editor import RankEditor

CHOICES = [Choice("cat", "Cat"), Choice("dog", "Dog"), Choice("cow", "Cow")]


def rows(editor: RankEditor) -> list[str]:
    return [editor.list.item(i).text() for i in range(editor.list.count())]


def test_alt_arrows_and_buttons_reorder_and_answer(qtbot) -> None:
    editor = make_editor(Prompt("/d/order", "rank", "rank", choices=list(CHOICES)))
    qtbot.addWidget(editor)
    assert isinstance(editor, RankEditor)
    got: list[str] = []
    editor.answered.connect(got.append)
    assert rows(editor) == ["1. Cat", "2. Dog", "3. Cow"]
    assert editor.keep.isEnabled() and not editor.clear.isEnabled()

    editor.list.setFocus()
    editor.list.setCurrentRow(2)
    qtbot.keyClick(editor.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert got == ["cat cow dog"]
    assert rows(editor) == ["1. Cat", "2. Cow", "3. Dog"]
    assert editor.list.currentRow() == 1  # the moved choice stays selected
    qtbot.keyClick(editor.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert got[-1] == "cow cat dog"
    qtbot.keyClick(editor.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert len(got) == 2  # already first: nothing moves, nothing is saved

    editor.list.setCurrentRow(1)
    editor.down.click()
    assert got[-1] == "cow dog cat"
    assert editor.clear.isEnabled() and not editor.keep.isEnabled()
    editor.clear.click()
    assert got[-1] == ""


def test_keep_this_order_answers_with_the_order_shown_and_engine_values_show(qtbot) -> None:
    editor = make_editor(Prompt("/d/order", "rank", "rank", choices=list(CHOICES)))
    qtbot.addWidget(editor)
    got: list[str] = []
    editor.answered.connect(got.append)
    editor.keep.click()
    assert got == ["cat dog cow"]
    editor.set_value("dog cow cat")  # from the engine: shown, not echoed back
    assert rows(editor) == ["1. Dog", "2. Cow", "3. Cat"] and got == ["cat dog cow"]
    editor.set_readonly(True)
    editor.list.setCurrentRow(0)
    editor.move_choice(1)
    assert got == ["cat dog cow"]
