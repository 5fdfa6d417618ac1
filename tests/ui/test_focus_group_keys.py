"""The keys a focus group needs: to the notes box and back to the same question, add a participant,
next/previous discussion topic; all listed in Help > Keyboard (F1) and named in tooltips.
Real runner on the built-in women's guide."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui.help_keys import KeyboardHelp, shortcut_rows
from ui.runner import FormRunner
from ui.runner.shortcuts import is_topic

GUIDE = "grupo_focal_mujeres"


@pytest.fixture
def runner(qtbot, workspace):
    active = workspace.start_session(GUIDE, language="es")
    runner = FormRunner(active)
    qtbot.addWidget(runner)
    runner.resize(1366, 740)
    runner.show()
    qtbot.waitExposed(runner)
    runner.activateWindow()
    qtbot.waitUntil(lambda: runner.page_view.focusable_refs() != [])
    return runner


def test_ctrl_n_goes_to_the_notes_and_back_to_the_same_question(qtbot, runner) -> None:
    refs = runner.page_view.focusable_refs()
    runner._focus(refs[1])
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    question = QApplication.focusWidget()
    assert question is not runner.focus_panel.entry
    qtbot.keyClick(question, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(runner.focus_panel.entry.hasFocus)
    qtbot.keyClick(runner.focus_panel.entry, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is question)


def focus_in(qtbot, runner):
    """The widget with the focus once it landed inside the runner (set on the next turn)."""
    qtbot.waitUntil(lambda: runner.isAncestorOf(QApplication.focusWidget()))
    return QApplication.focusWidget()


def test_ctrl_shift_a_adds_a_participant_on_their_page(qtbot, runner) -> None:
    runner.jump_to("/data/participants[1]/participant_code")
    before = sum(
        1 for p in runner.prompts if p.kind == "repeat_instance" and "participants[" in p.ref
    )
    focus = focus_in(qtbot, runner)
    qtbot.keyClick(
        focus, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    after = sum(
        1 for p in runner.prompts if p.kind == "repeat_instance" and "participants[" in p.ref
    )
    assert after == before + 1


def test_ctrl_page_down_and_up_go_from_topic_to_topic(qtbot, runner) -> None:
    topics = [n for n, page in enumerate(runner.pages) if is_topic(page)]
    assert len(topics) >= 2
    focus = focus_in(qtbot, runner)
    qtbot.keyClick(focus, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert runner.pages.index(runner.current_page()) == topics[0]
    focus = focus_in(qtbot, runner)
    qtbot.keyClick(focus, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert runner.pages.index(runner.current_page()) == topics[1]
    focus = focus_in(qtbot, runner)
    qtbot.keyClick(focus, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert runner.pages.index(runner.current_page()) == topics[0]


def test_the_keys_are_in_tooltips_and_on_the_help_page(qtbot, runner, window) -> None:
    assert "Ctrl+N" in runner.focus_panel.entry.toolTip()
    assert "Ctrl+Page Down" in runner.next_button.toolTip()
    keys = {row[1] for row in shortcut_rows()}
    for needed in ("Ctrl+N / F6", "Ctrl+Shift+A", "Ctrl+Page Down / Ctrl+Page Up", "F1"):
        assert needed in keys
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: isinstance(getattr(window, "keyboard_help", None), KeyboardHelp))
    assert window.keyboard_help.table.rowCount() == len(shortcut_rows())
    window.keyboard_help.close()
