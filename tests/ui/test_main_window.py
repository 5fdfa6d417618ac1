"""Main window memory (size, columns, last form) and keyboard navigation."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt

from ui.main_window import MainWindow


def enter(qtbot, window) -> None:
    qtbot.keyClicks(window.start_view.new_name, "Ana")
    qtbot.keyClick(window.start_view.new_name, Qt.Key.Key_Return)


def test_size_columns_and_last_form_are_remembered(qtbot, window, workspace) -> None:
    enter(qtbot, window)
    window.resize(790, 590)  # the offscreen screen is 800x600
    window.sessions_view.table.setColumnWidth(2, 321)
    forms = window.library_view.forms
    forms.setCurrentItem(forms.topLevelItem(forms.topLevelItemCount() - 1))
    chosen = forms.currentItem().text(0)
    window.close()

    again = MainWindow(workspace)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert (again.width(), again.height()) == (790, 590)
    assert again.sessions_view.table.columnWidth(2) == 321
    assert again.library_view.forms.currentItem().text(0) == chosen
    # the last facilitator is preselected: Enter goes straight in
    qtbot.keyClick(again.start_view.profiles, Qt.Key.Key_Return)
    assert again.profile.display_name == "Ana"


def test_status_area_is_reserved_for_sync(window) -> None:
    assert window.status_area.parent() is window.statusBar()
    assert window.status_area.layout() is not None


def test_keyboard_moves_between_tabs(qtbot, window) -> None:
    enter(qtbot, window)
    assert window.tabs.currentWidget() is window.home_view  # the facilitator's home first
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.sessions_view
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.library_view
    assert window.library_view.forms.hasFocus()


def test_the_runner_splitter_is_remembered(qtbot, window) -> None:
    enter(qtbot, window)
    window.resize(790, 590)
    with qtbot.waitSignal(window.runner_opened, timeout=5000):
        window.library.start_selected()
    splitter = window.runner.splitter
    sizes = splitter.sizes()
    wanted = [sizes[0] + 40, sizes[1] - 40, *sizes[2:]]
    splitter.setSizes(wanted)
    wanted = splitter.sizes()
    qtbot.mouseClick(window.runner.close_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.runner_opened, timeout=5000):
        window.library.start_selected()
    assert window.runner.splitter.sizes() == wanted


def _alt_keys_named_in_tooltips(window) -> list[tuple[str, str, str]]:
    """(tooltip, key it names, the widget's real key) for every button whose tooltip names one."""
    import re

    from PySide6.QtWidgets import QAbstractButton

    found = []
    for button in window.findChildren(QAbstractButton):
        named = re.search(r"\((Alt\+\w)\)", button.toolTip())
        if named:
            found.append((button.toolTip(), named.group(1), button.shortcut().toString()))
    return found


def test_the_corner_switches_are_reachable_with_alt_keys_in_both_languages(qtbot, window) -> None:
    enter(qtbot, window)
    for language, change, switch in (("en", "Alt+H", "Alt+U"), ("es", "Alt+B", "Alt+O")):
        window.language_switch.setCurrentIndex(window.language_switch.findData(language))
        qtbot.waitUntil(
            lambda change=change: window.switch_profile_button.shortcut().toString() == change,
            timeout=2000,
        )
        assert window.language_label.buddy() is window.language_switch
        assert f"&{switch[-1].lower()}" in window.language_label.text()
        named = _alt_keys_named_in_tooltips(window)
        assert named, "the profile button's tooltip names its key"
        for tooltip, key, real in named:
            assert key == real, f"{tooltip!r} names {key}, the button answers to {real}"


def test_a_long_facilitator_name_does_not_push_the_tabs_away(qtbot, window) -> None:
    window.resize(1366, 768)
    name = "María de los Ángeles Guadalupe Hernández Rivas de la Cruz, técnica de campo"
    window.start_view.new_name.insert(name)
    qtbot.keyClick(window.start_view.new_name, Qt.Key.Key_Return)
    label = window.profile_label
    assert label.sizeHint().width() <= 340
    assert label.toolTip() == f"Facilitator: {name}"  # the whole name is one hover away
    assert label.text().startswith("Facilitator: María")
    tab_bar = window.tabs.tabBar()
    assert tab_bar.tabRect(1).right() < window.corner_widget.geometry().left()


def test_the_finalized_note_follows_a_language_switch(qtbot, window) -> None:
    enter(qtbot, window)
    with qtbot.waitSignal(window.session_finalized):
        window._on_finalized("uuid:one")  # what the runner's finalized signal calls
    assert window.status_message.text() == "Session finalized and ready to send."
    window.language_switch.setCurrentIndex(window.language_switch.findData("es"))
    qtbot.waitUntil(lambda: window.status_message.text().startswith("Sesión finalizada"))


def _alt_letters(page) -> list[tuple[str, str]]:
    """(letter, text) of every visible button or buddied label with an Alt key on a page."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    found = []
    for widget in page.window().findChildren(QAbstractButton) + page.window().findChildren(QLabel):
        if not widget.isVisible() or (isinstance(widget, QLabel) and widget.buddy() is None):
            continue
        match = re.search(r"(?<!&)&(\w)", widget.text())
        if match:
            found.append((match.group(1).lower(), widget.text()))
    return found


def test_no_two_alt_keys_clash_on_a_screen_in_either_language(qtbot, window, workspace) -> None:
    workspace.store.profiles.create("Rosa", language="en")
    window.resize(1366, 768)
    window.show_start()
    for language in ("en", "es"):
        window.start_view.language.setCurrentIndex(window.start_view.language.findData(language))
        qtbot.waitUntil(lambda language=language: i18n_now() == language)
        QCoreApplication.sendPostedEvents()
        window.show_start()
        pages = [window.start_view]
        window.start.continue_with_selected()
        for page in (window.library_view, window.sessions_view, window.findings_view):
            window.show_tab(page)
            pages.append(page)
            letters = _alt_letters(page)
            keys = [letter for letter, _ in letters]
            clashes = {k: [t for lt, t in letters if lt == k] for k in keys if keys.count(k) > 1}
            assert clashes == {}, f"{language}: the same Alt key on one screen: {clashes}"
        window.show_start()
        letters = _alt_letters(window.start_view)
        keys = [letter for letter, _ in letters]
        assert len(keys) == len(set(keys)), f"{language} start screen: {letters}"


def i18n_now() -> str:
    from ui import i18n

    return i18n.current_language()
