"""Choices by keyboard: arrows move and select in a radio group (wrapping, also from no choice),
Space toggles a check box, the focused choice is plainly marked, and a long list (above a dozen
choices) is a type-to-search box instead of a page-long radio list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton

from app.engine.prompts import Choice, Prompt
from ui.runner.choice_editors import SelectManyEditor, SelectOneEditor

COMMUNITIES = [
    "El Amate", "El Progreso", "La Ceiba", "Las Flores", "San José", "Santa Rosa", "El Carmen",
    "Los Naranjos", "El Zapote", "La Joya", "San Antonio", "El Rosario", "Guadalupe", "El Tablón",
]  # fmt: skip


def shown(qtbot, editor):
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def three() -> Prompt:
    choices = [Choice("a", "Alta"), Choice("m", "Media"), Choice("b", "Baja")]
    return Prompt(ref="/data/x", kind="select1", choices=choices)


def test_arrow_keys_move_and_select_as_in_a_desktop_radio_group(qtbot) -> None:
    editor = shown(qtbot, SelectOneEditor(three()))
    given: list[str] = []
    editor.answered.connect(given.append)
    buttons = editor.buttons.buttons()
    buttons[0].setFocus()
    qtbot.waitUntil(buttons[0].hasFocus)
    qtbot.keyClick(buttons[0], Qt.Key.Key_Down)  # nothing chosen yet: moves *and* selects
    assert buttons[1].hasFocus() and buttons[1].isChecked()
    qtbot.keyClick(buttons[1], Qt.Key.Key_Down)
    qtbot.keyClick(buttons[2], Qt.Key.Key_Down)  # wraps to the first
    assert buttons[0].hasFocus() and buttons[0].isChecked()
    qtbot.keyClick(buttons[0], Qt.Key.Key_Up)
    assert buttons[2].isChecked()
    assert given == ["m", "b", "a", "b"]


def test_space_toggles_a_check_box(qtbot) -> None:
    prompt = Prompt(ref="/data/y", kind="select", choices=three().choices)
    editor = shown(qtbot, SelectManyEditor(prompt))
    given: list[str] = []
    editor.answered.connect(given.append)
    box = editor.boxes[1]
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box, Qt.Key.Key_Space)
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert given == ["m", ""]


def test_the_focused_choice_is_plainly_marked(qtbot) -> None:
    editor = shown(qtbot, SelectOneEditor(three()))
    button = editor.buttons.buttons()[0]
    editor.buttons.buttons()[1].setFocus()
    qtbot.waitUntil(editor.buttons.buttons()[1].hasFocus)
    unfocused = button.grab().toImage()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    focused = button.grab().toImage()
    changed = sum(
        focused.pixel(x, y) != unfocused.pixel(x, y)
        for x in range(focused.width())
        for y in range(focused.height())
    )
    # A band and an outline, not a faint dotted line: a good share of the button changes.
    assert changed > focused.width() * focused.height() // 4


def test_a_long_list_is_searched_by_typing_not_scrolled(qtbot) -> None:
    prompt = Prompt(
        ref="/data/community",
        kind="select1",
        choices=[Choice(f"c{n}", name) for n, name in enumerate(COMMUNITIES)],
    )
    editor = shown(qtbot, SelectOneEditor(prompt))
    assert editor.findChildren(QRadioButton) == []
    assert editor.combo is not None and editor.combo.isEditable()
    given: list[str] = []
    editor.answered.connect(given.append)
    line = editor.combo.lineEdit()
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    qtbot.keyClicks(line, "tabl")
    popup = editor.combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: given != [])
    assert given[-1] == "c13"


def test_a_dozen_choices_stay_radio_buttons(qtbot) -> None:
    prompt = Prompt(
        ref="/data/community",
        kind="select1",
        choices=[Choice(f"c{n}", name) for n, name in enumerate(COMMUNITIES[:12])],
    )
    editor = shown(qtbot, SelectOneEditor(prompt))
    assert len(editor.findChildren(QRadioButton)) == 12
