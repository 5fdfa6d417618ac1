"""An uncaught exception in the GUI is logged with its traceback and shown calmly; work goes on."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from ui import dialogs as real_dialogs
from ui import i18n
from ui.crash import install_crash_handler


@pytest.fixture
def crashes(monkeypatch: pytest.MonkeyPatch, qapp) -> list[str]:
    """The crash dialog replaced by a recorder; hooks restored after the test."""
    shown: list[str] = []
    monkeypatch.setattr(real_dialogs, "show_crash", lambda _parent, details: shown.append(details))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    install_crash_handler(qapp)
    return shown


def broken_slot() -> None:
    raise ValueError("a bug in a slot")


def test_an_exception_in_a_slot_is_logged_shown_and_the_app_keeps_running(
    qtbot, crashes: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    button = QPushButton("Go")
    qtbot.addWidget(button)
    button.clicked.connect(broken_slot)
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    with caplog.at_level(logging.ERROR, logger="encuentro.crash"):
        button.click()
        qtbot.waitUntil(lambda: len(crashes) == 1, timeout=10_000)
    assert "ValueError: a bug in a slot" in crashes[0]
    assert "broken_slot" in crashes[0]  # the traceback, not just the message
    record = next(r for r in caplog.records if r.name == "encuentro.crash")
    assert record.exc_info is not None and record.exc_info[0] is ValueError
    # Still running: the event loop answers and the button works again.
    button.click()
    qtbot.waitUntil(lambda: len(crashes) == 2, timeout=10_000)
    assert len(clicks) >= 1


def test_an_exception_in_another_thread_is_shown_on_the_gui_thread(
    qtbot, crashes: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    def work() -> None:
        raise RuntimeError("a bug in a worker")

    with caplog.at_level(logging.ERROR, logger="encuentro.crash"):
        worker = threading.Thread(target=work, name="export-worker")
        worker.start()
        worker.join(30)
        qtbot.waitUntil(lambda: len(crashes) == 1, timeout=10_000)
    assert "RuntimeError: a bug in a worker" in crashes[0]
    assert any("export-worker" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    ("language", "message", "button"),
    [
        ("en", "Something went wrong; your answers are saved.", "Copy details"),
        ("es", "Algo salió mal; sus respuestas están guardadas.", "Copiar detalles"),
    ],
)
def test_the_dialog_is_calm_in_both_languages_and_copies_the_details(
    qtbot, qapp, language: str, message: str, button: str
) -> None:
    i18n.set_language(language)
    seen: dict[str, str] = {}

    def press_copy_then_ok() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox))
        try:
            seen["text"] = box.text()
            copy = next(b for b in box.buttons() if b.objectName() == "copyDetails")
            seen["button"] = copy.text()
            copy.click()
            seen["still_open"] = str(box.isVisible())
        finally:  # never leave a modal box open: the test would hang instead of failing
            box.done(0)

    QTimer.singleShot(0, press_copy_then_ok)
    real_dialogs.show_crash(None, "Traceback (most recent call last):\n  ValueError: x")
    assert seen["text"].startswith(message)
    assert seen["button"] == button
    assert seen["still_open"] == "True"
    assert QGuiApplication.clipboard().text().endswith("ValueError: x")
