"""Supervisor mode is keyboard-friendly in both languages: no two Alt keys clash on the review
tab or the dashboard (status bar's Sync now included), tooltips name the keys the buttons really
answer to, and the list's arrow keys show each session."""

from __future__ import annotations

from pathlib import Path

from keyring.backends.fail import Keyring as NoKeyring
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMainWindow

from app.store import Store
from app.supervisor.desk import SupervisorDesk
from sync.credentials import TokenVault
from tests.supervisor.focus_groups import FocusGroup, Person
from tests.ui.test_main_window import _alt_keys_named_in_tooltips, _alt_letters
from tests.ui.test_supervisor_dashboard import SMG, cached
from ui import i18n
from ui.supervisor.page import SupervisorPage


def test_no_alt_key_clashes_and_arrows_show_sessions(qtbot, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "encuentro.sqlite3")
    try:
        cached(
            store,
            [
                FocusGroup((*SMG, "smg_el_amate"), people=[Person("P01")]),
                FocusGroup((*SMG, "smg_el_brazo"), people=[Person("P01"), Person("P02")]),
            ],
        )
        desk = SupervisorDesk(
            store, vault=TokenVault(store.settings, store.path, backend=NoKeyring())
        )
        window = QMainWindow()
        page = SupervisorPage(desk)
        window.setCentralWidget(page)
        window.statusBar().addPermanentWidget(page.sync)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        page.enter()
        table = page.review_view.table
        for language in ("en", "es"):
            i18n.set_language(language)
            QCoreApplication.sendPostedEvents()
            page.tabs.setCurrentIndex(0)
            table.setFocus()
            with qtbot.waitSignal(page.review.detail_shown, timeout=20_000) as shown:
                table.selectRow(0)
            first = shown.args[0]
            with qtbot.waitSignal(page.review.detail_shown, timeout=20_000) as shown:
                qtbot.keyClick(table, Qt.Key.Key_Down)
            assert shown.args[0] != first
            qtbot.keyClick(table, Qt.Key.Key_Return)
            assert page.review_view.detail.comment.hasFocus()  # Enter: write the comment
            for tab in (0, 1, 2):  # review, dashboard, findings
                page.tabs.setCurrentIndex(tab)
                QCoreApplication.sendPostedEvents()
                letters = _alt_letters(page)
                keys = [letter for letter, _ in letters]
                clashes = {k: [t for x, t in letters if x == k] for k in keys if keys.count(k) > 1}
                assert clashes == {}, f"{language}, tab {tab}: {clashes}"
            page.tabs.setCurrentIndex(0)
            for tooltip, key, real in _alt_keys_named_in_tooltips(window):
                assert key == real, f"{tooltip!r} names {key}, the button answers to {real}"
            table.setFocus()
            with qtbot.waitSignal(page.findings.refreshed, timeout=60_000):
                qtbot.keyClick(table, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
            assert page.tabs.currentWidget() is page.findings_view
        page.leave()
    finally:
        i18n.set_language("en")
        store.close()
