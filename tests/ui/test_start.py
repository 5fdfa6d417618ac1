"""Start screen: create and choose facilitator profiles; the language switch, remembered."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui import i18n
from ui import settings as ui_settings


def create_profile(qtbot, window, name: str) -> None:
    view = window.start_view
    view.new_name.setFocus()
    if name.isascii():
        qtbot.keyClicks(view.new_name, name)
    else:
        view.new_name.insert(name)  # QTest can only type ASCII keys; accents come as committed text
    qtbot.mouseClick(view.create_button, Qt.MouseButton.LeftButton)


def test_creating_a_profile_enters_the_workspace(qtbot, window, dialogs) -> None:
    assert window.stack.currentWidget() is window.start_view
    assert not window.start_view.create_button.isEnabled()
    create_profile(qtbot, window, "María José Hernández")
    assert window.stack.currentWidget() is window.tabs
    assert window.profile.display_name == "María José Hernández"
    assert window.profile_label.text() == "Facilitator: María José Hernández"
    stored = window.access.profiles()
    assert [p.display_name for p in stored] == ["María José Hernández"]
    assert window.access.current_profile() == window.profile
    assert dialogs.errors == []


def test_a_duplicate_or_empty_name_is_refused_inline(qtbot, window, dialogs) -> None:
    create_profile(qtbot, window, "Ana")
    window.show_start()
    create_profile(qtbot, window, "  ana ")
    assert window.stack.currentWidget() is window.start_view
    assert "already exists" in window.start_view.message.text()
    window.start_view.new_name.clear()
    qtbot.keyClicks(window.start_view.new_name, "   ")
    qtbot.keyClick(window.start_view.new_name, Qt.Key.Key_Return)
    assert "name" in window.start_view.message.text()
    assert len(window.access.profiles()) == 1


def test_choosing_an_existing_profile_with_enter(qtbot, window, workspace) -> None:
    workspace.store.profiles.create("Rosa Elena", language="en")
    window.show_start()
    view = window.start_view
    assert view.profiles.count() == 1
    view.profiles.setFocus()
    qtbot.keyClick(view.profiles, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.tabs
    assert window.profile.display_name == "Rosa Elena"


def test_language_switch_changes_visible_texts_and_is_remembered(qtbot, window) -> None:
    view = window.start_view
    assert view.continue_button.text() == "&Continue"
    view.language.setCurrentIndex(view.language.findData("es"))
    qtbot.waitUntil(lambda: view.continue_button.text() == "&Continuar", timeout=2000)
    assert i18n.current_language() == "es"
    assert ui_settings.read_str(ui_settings.LANGUAGE) == "es"
    create_profile(qtbot, window, "Karla")
    assert window.profile.language == "es"
    assert window.tabs.tabText(window.tabs.indexOf(window.library_view)) == "Cuestionarios"
    assert window.sessions_view.clear_button.text() == "&Quitar filtros"

    window.language_switch.setCurrentIndex(window.language_switch.findData("en"))
    qtbot.waitUntil(
        lambda: window.tabs.tabText(window.tabs.indexOf(window.library_view)) == "Questionnaires",
        timeout=2000,
    )
    assert window.sessions_view.status_filter.itemText(0) == "All statuses"
    assert window.access.profiles()[0].language == "en"
    assert ui_settings.read_str(ui_settings.LANGUAGE) == "en"


def test_selecting_a_profile_brings_back_its_language(qtbot, window, workspace) -> None:
    workspace.create_profile("Rosa Elena", language="es")
    workspace.create_profile("Karla", language="en")
    window.show_start()
    assert i18n.current_language() == "en"  # preselecting does not override the start language
    profiles = window.start_view.profiles
    rosa = next(n for n in range(profiles.count()) if profiles.item(n).text() == "Rosa Elena")
    profiles.setCurrentRow(rosa)  # the person picks her profile
    assert i18n.current_language() == "es"
    qtbot.waitUntil(lambda: window.start_view.continue_button.text() == "&Continuar", timeout=2000)
    assert window.start_view.language.currentData() == "es"


def test_first_use_card_keeps_its_natural_height_on_a_laptop_screen(qtbot, window) -> None:
    # Without profiles the list is hidden: the card must not spread its few lines over 768 px.
    window.resize(1366, 768)
    card = window.start_view.card
    qtbot.waitUntil(lambda: card.height() > 0)
    assert not window.start_view.profiles.isVisible()
    assert card.height() <= card.sizeHint().height() + 4
    gap = window.start_view.new_name.y() - window.start_view.new_label.geometry().bottom()
    assert gap < 24
    # With a profile the list takes the room again.
    window.access.create_profile("Ana", "en")
    window.show_start()
    qtbot.waitUntil(lambda: window.start_view.profiles.isVisible())
    assert window.start_view.profiles.height() >= 140
