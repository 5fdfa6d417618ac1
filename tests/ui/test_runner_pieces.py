"""The runner's parts on their own: paging rules and each editor driven like a person would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.engine.prompts import Choice, Prompt
from ui.runner.choice_editors import RangeEditor, SelectManyEditor, SelectOneEditor
from ui.runner.editors import TriggerEditor, make_editor
from ui.runner.paging import build_pages, generic, page_index_of
from ui.runner.text_editors import DateTimeEditor, TextEditor


def _answers(editor) -> list[str]:
    got: list[str] = []
    editor.answered.connect(got.append)
    return got


def test_pages_follow_groups_and_bundle_loose_questions() -> None:
    prompts = [Prompt(f"/d/q{i}", "input") for i in range(12)]
    prompts += [
        Prompt("/d/g", "group", label="Sesión"),
        Prompt("/d/g/a", "input", depth=1),
        Prompt("/d/r", "repeat", label="Participantes"),
        Prompt("/d/r[1]", "repeat_instance", depth=1),
        Prompt("/d/r[1]/sex", "select1", depth=2),
        Prompt("/d/summary", "note"),
        Prompt("/d/intro", "note"),
        Prompt("/d/last", "input"),
    ]
    pages = build_pages(prompts, "Preguntas")
    assert [p.key for p in pages] == ["/d/q0", "/d/q10", "/d/g", "/d/r", "/d/intro"]
    assert [len(p.prompts) for p in pages] == [10, 2, 2, 4, 2]
    assert pages[3].prompts[-1].ref == "/d/summary"  # a note after a section stays with it
    assert pages[2].title == "Sesión"
    assert [pages[0].title, pages[1].title, pages[4].title] == [
        "Session details",
        "Preguntas",
        "Preguntas",
    ]
    assert page_index_of(pages, "/d/r[1]/sex") == 3
    # a position that no longer exists lands on its nearest shown ancestor
    assert page_index_of(pages, "/d/r[1]/gone") == 3
    assert page_index_of(pages, "/elsewhere") == -1
    assert generic("/d/r[12]/x[2]/y") == "/d/r/x/y"


def test_integer_box_refuses_letters_and_saves_on_enter(qtbot) -> None:
    editor = make_editor(Prompt("/d/age", "input", "int"))
    qtbot.addWidget(editor)
    assert isinstance(editor, TextEditor)
    got = _answers(editor)
    moved: list[bool] = []
    editor.advance.connect(lambda: moved.append(True))
    qtbot.keyClicks(editor.box, "4a2")
    assert editor.box.text() == "42"
    qtbot.keyClick(editor.box, Qt.Key.Key_Return)
    assert got == ["42"] and moved == [True]
    editor.set_value("43")  # refresh from the engine: shown, not echoed back
    assert editor.box.text() == "43" and got == ["42"]


def test_decimal_comma_is_saved_as_point(qtbot) -> None:
    editor = make_editor(Prompt("/d/w", "input", "decimal"))
    qtbot.addWidget(editor)
    got = _answers(editor)
    qtbot.keyClicks(editor.box, "3,5")
    editor.commit()
    assert got == ["3.5"]


def test_multiline_keeps_enter_as_new_line(qtbot) -> None:
    editor = make_editor(Prompt("/d/t", "input", appearance="multiline"))
    qtbot.addWidget(editor)
    got = _answers(editor)
    qtbot.keyClicks(editor.box, "uno")
    qtbot.keyClick(editor.box, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.box, "dos")
    assert got == []
    qtbot.keyClick(editor.box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert got == ["uno\ndos"]


def test_date_can_be_typed_cleared_and_left_empty(qtbot) -> None:
    editor = make_editor(Prompt("/d/day", "input", "date"))
    qtbot.addWidget(editor)
    assert isinstance(editor, DateTimeEditor)
    got = _answers(editor)
    qtbot.keyClicks(editor.date_box, "20261126")
    editor.commit()
    editor.date_box.clear()
    editor.commit()
    assert got == ["2026-11-26", ""]


def test_date_time_is_stored_with_offset(qtbot) -> None:
    editor = make_editor(Prompt("/d/at", "input", "dateTime"))
    qtbot.addWidget(editor)
    got = _answers(editor)
    qtbot.keyClicks(editor.date_box, "2026-11-26")
    qtbot.keyClicks(editor.time_box, "0930")
    editor.commit()
    assert got[-1].startswith("2026-11-26T09:30:00.000")
    assert got[-1][-6] in "+-" and got[-1][-3] == ":"


SEXES = [Choice("f", "Mujer"), Choice("m", "Hombre")]


def test_select_one_styles(qtbot) -> None:
    radios = make_editor(Prompt("/d/s", "select1", choices=SEXES))
    combo = make_editor(Prompt("/d/s", "select1", appearance="minimal", choices=SEXES))
    search = make_editor(Prompt("/d/s", "select1", appearance="autocomplete", choices=SEXES))
    for editor in (radios, combo, search):
        qtbot.addWidget(editor)
        assert isinstance(editor, SelectOneEditor)
    radios.show()
    qtbot.waitExposed(radios)
    got = _answers(radios)
    qtbot.mouseClick(radios.buttons.buttons()[1], Qt.MouseButton.LeftButton)
    assert got == ["m"]
    radios.clear_button.click()
    assert got == ["m", ""]
    got = _answers(combo)
    combo.combo.setCurrentIndex(1)
    combo.combo.activated.emit(1)
    assert got == ["f"]
    got = _answers(search)
    qtbot.keyClicks(search.combo.lineEdit(), "homb")
    search.commit()
    assert got == []  # half a label is not an answer
    search.combo.lineEdit().setText("Hombre")
    search.commit()
    assert got == ["m"]


def test_likert_is_one_row_and_choices_can_change(qtbot) -> None:
    choices = [Choice(str(i), f"L{i}") for i in range(5)]
    editor = make_editor(Prompt("/d/l", "select1", appearance="likert", choices=choices))
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    assert len({editor.buttons.button(i).y() for i in range(5)}) == 1
    assert len({editor.buttons.button(i).x() for i in range(5)}) == 5
    editor.update_prompt(Prompt("/d/l", "select1", appearance="likert", choices=choices[:2]))
    assert len(editor.buttons.buttons()) == 2


def test_select_many_range_and_trigger(qtbot) -> None:
    many = make_editor(Prompt("/d/m", "select", choices=SEXES))
    qtbot.addWidget(many)
    assert isinstance(many, SelectManyEditor)
    got = _answers(many)
    many.boxes[1].click()
    many.boxes[0].click()
    assert got == ["m", "f m"]

    slider = make_editor(Prompt("/d/r", "range", "int", range_start=1, range_end=5, range_step=1))
    qtbot.addWidget(slider)
    assert isinstance(slider, RangeEditor) and slider.shown.text() == "—"
    got = _answers(slider)
    slider.slider.setFocus()
    qtbot.keyClick(slider.slider, Qt.Key.Key_Right)
    assert got == ["2"] and slider.shown.text() == "2"

    ok = make_editor(Prompt("/d/ok", "trigger"))
    qtbot.addWidget(ok)
    assert isinstance(ok, TriggerEditor)
    got = _answers(ok)
    ok.box.click()
    assert got == ["OK"]


def test_read_only_editor_emits_nothing(qtbot) -> None:
    editor = make_editor(Prompt("/d/s", "select1", choices=SEXES, value="f"))
    qtbot.addWidget(editor)
    editor.set_readonly(True)
    got = _answers(editor)
    assert not editor.buttons.buttons()[1].isEnabled()
    editor.commit()
    assert got == []


def test_answers_read_in_words() -> None:
    from ui.runner.summary_view import answer_text

    labels = {"f": "Mujer", "m": "Hombre"}
    assert answer_text("select1", "string", "f", labels) == "Mujer"
    assert answer_text("select", "string", "m f", labels) == "Hombre, Mujer"
    assert answer_text("select1", "string", "otra cosa", labels) == "otra cosa"
    assert answer_text("input", "time", "09:30:00.000-06:00", {}) == "09:30"
    assert answer_text("input", "string", "", {}) == ""


def test_select_without_choices_says_why(qtbot) -> None:
    for kind in ("select1", "select"):
        editor = make_editor(Prompt("/d/municipality", kind))
        qtbot.addWidget(editor)
        labels = [w.text() for w in editor.findChildren(QLabel)]
        assert "No options yet: answer the questions above first." in labels
        editor.update_prompt(Prompt("/d/municipality", kind, choices=SEXES))
        editor.show()
        shown = [w.text() for w in editor.findChildren(QLabel) if w.isVisible()]
        assert "No options yet: answer the questions above first." not in shown


def test_clear_answer_sits_in_one_place_whatever_the_choices(qtbot) -> None:
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    page = QWidget()
    qtbot.addWidget(page)
    column = QVBoxLayout(page)
    questions = [
        Prompt("/d/yes", "select1", choices=[Choice("si", "Sí"), Choice("no", "No")], value="si"),
        Prompt("/d/sex", "select1", choices=SEXES, value="m"),
        Prompt("/d/long", "select1", value="x", choices=[Choice("x", "Prefiere no decirlo " * 3)]),
        Prompt("/d/grid", "select1", appearance="columns", choices=SEXES, value="f"),
        Prompt("/d/lik", "select1", appearance="likert", choices=SEXES * 2, value="f"),
    ]
    editors = [make_editor(prompt) for prompt in questions]
    for editor in editors:
        column.addWidget(editor)
    page.resize(900, 600)
    page.show()
    qtbot.waitExposed(page)
    rights = set()
    for editor in editors:
        link = editor.clear_button
        assert link.isVisible() and link.text() == "Clear answer"
        assert link.y() < editor.buttons.buttons()[0].geometry().bottom()  # on the first row
        rights.add(link.mapTo(page, link.rect().topRight()).x())
    assert len(rights) == 1  # the right end of every question, not after its widest choice
    assert rights.pop() > max(
        b.mapTo(page, b.rect().topRight()).x() for b in editors[2].buttons.buttons()
    )


def test_clear_answer_is_reached_with_tab_and_keeps_the_keyboard_in_the_question(qtbot) -> None:
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    page = QWidget()
    qtbot.addWidget(page)
    column = QVBoxLayout(page)
    editor = make_editor(Prompt("/d/s", "select1", choices=SEXES))
    column.addWidget(editor)
    column.addWidget(QLineEdit())  # the next question on the page
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    got = _answers(editor)
    assert not editor.clear_button.isVisible()  # nothing to clear yet
    woman = editor.buttons.buttons()[0]
    woman.setFocus()
    qtbot.waitUntil(woman.hasFocus)
    qtbot.keyClick(woman, Qt.Key.Key_Space)
    assert got == ["f"] and editor.clear_button.isVisible()
    qtbot.keyClick(woman, Qt.Key.Key_Tab)
    assert editor.clear_button.hasFocus()
    qtbot.keyClick(editor.clear_button, Qt.Key.Key_Space)
    assert got == ["f", ""]
    assert not editor.clear_button.isVisible()
    assert editor.buttons.checkedButton() is None
    assert woman.hasFocus()  # not lost to the next question when the link hides
