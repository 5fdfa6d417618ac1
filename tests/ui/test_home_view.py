"""The facilitator's home: continue the last draft in one press, start a session, what waits to
be sent and the last sync; the app's own icon on the window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.test_main_window import enter


def test_home_continues_the_last_draft_where_it_was_left(qtbot, window, workspace) -> None:
    enter(qtbot, window)
    assert window.tabs.currentWidget() is window.home_view
    home = window.home_view
    assert not home.continue_button.isVisible()  # nothing in progress yet
    assert "No session in progress" in home.draft_text.text()
    assert home.waiting_text.text() == "Nothing waiting to be sent."
    assert home.last_sync_text.text() == "Not synced with the server yet."
    active = workspace.start_session(
        "grupo_focal_mujeres", facilitator=window.profile, language="es"
    )
    window.show_tab(window.home_view)
    assert home.continue_button.isVisible()
    assert "Grupo focal con mujeres" in home.draft_text.text()
    with qtbot.waitSignal(window.runner_opened, timeout=20_000):
        qtbot.mouseClick(home.continue_button, Qt.MouseButton.LeftButton)
    assert window.runner.active.instance_id == active.instance_id


def test_home_starts_a_session_and_shows_what_waits_to_be_sent(qtbot, window, workspace) -> None:
    enter(qtbot, window)
    workspace.store.settings.set("sync.last_success_at", "2026-12-07T09:40:00-06:00")
    window.show_tab(window.home_view)
    assert window.home_view.last_sync_text.text().startswith("Last sync with the server: ")
    qtbot.mouseClick(window.home_view.start_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.library_view
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.home_view


def test_the_window_has_the_apps_own_icon(window) -> None:
    assert not window.windowIcon().isNull()
    assert (
        window.home_view.logo.pixmap() is not None and not window.home_view.logo.pixmap().isNull()
    )
