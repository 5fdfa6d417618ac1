"""Waits on what a Qt test needs to have happened, never on the clock (a busy machine is slow)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget


def wait_first_focus(qtbot, runner) -> None:
    """The runner puts the focus on the page's first question on the next turn of the event
    loop: wait until it is there, so a test's own focus is not taken back afterwards. A
    read-only runner (a finalized session) shows a summary and focuses no question."""
    if runner.readonly:
        return

    def landed() -> bool:
        focused = QApplication.focusWidget()
        return focused is not None and runner.page_view.isAncestorOf(focused)

    qtbot.waitUntil(landed, timeout=30_000)


def settle_layout(widget: QWidget) -> None:
    """Deliver the posted layout requests and scrolls now (what the next turn of the event loop
    would do), so the widget sits where it will be clicked."""
    QCoreApplication.sendPostedEvents(None, 0)
    QApplication.processEvents()
    assert widget.isVisible()
