"""Nothing confusing around the main window: the tabs wait for a facilitator, starting a session
without one says why, an old "finalized" note does not linger, and a sent session says when."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.test_main_window import enter


def test_ctrl_1_and_2_do_not_skip_choosing_the_facilitator(qtbot, window) -> None:
    assert window.stack.currentWidget() is window.start_view
    for key in (Qt.Key.Key_1, Qt.Key.Key_2):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.stack.currentWidget() is window.start_view
    assert not window.forms_action.isEnabled()
    enter(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.sessions_view
    window.show_start()  # "Change": back to choosing, the tabs are out of reach again
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.start_view


def test_starting_a_session_without_a_facilitator_says_why(qtbot, window) -> None:
    forms = window.library_view.forms
    forms.setCurrentItem(forms.topLevelItem(0))
    window.library.start_selected()
    assert "facilitating" in window.library_view.status.text()


def test_the_finalized_note_goes_when_the_next_session_opens(qtbot, window, workspace) -> None:
    enter(qtbot, window)
    window._on_finalized("uuid:one")
    assert window.status_message.text().startswith("Session finalized")
    window.open_runner(workspace.start_session("grupo_focal_mujeres", language="es"))
    assert window.status_message.text() == ""
