"""The Qt half of ``main.py --self-test``: the platform plugin, translations, image formats,
charts, and every screen's module (a hidden import missing from a build fails here)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import cast

from app import self_test
from app.self_test import SelfTest, SelfTestFailure

SCREENS = (
    "ui.launch",
    "ui.main_window",
    "ui.runner",
    "ui.sync_status",
    "ui.supervisor.page",
    "ui.supervisor.dashboard_view",
)


def check_qt() -> str:
    from PySide6.QtCore import qVersion
    from PySide6.QtWidgets import QApplication

    app = cast(QApplication | None, QApplication.instance()) or QApplication(sys.argv[:1])
    return f"Qt {qVersion()}, platform {QApplication.platformName() or app.platformName()}"


def check_translations() -> str:
    from PySide6.QtCore import QCoreApplication

    from ui import i18n

    i18n.set_language("es")
    try:
        spanish = QCoreApplication.translate("SessionStatus", "Draft")
    finally:
        i18n.set_language("en")
    if spanish != "Borrador":
        raise SelfTestFailure(f"translations: Spanish not loaded from {i18n.translations_dir()}")
    return f"Spanish catalogue loaded from {i18n.translations_dir()}"


def check_images() -> str:
    from PySide6.QtGui import QImageReader

    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = {"png", "jpg", "svg"} - formats
    if missing:
        raise SelfTestFailure(f"image formats missing: {', '.join(sorted(missing))}")
    return ", ".join(sorted(formats))


def check_screens() -> str:
    for name in SCREENS:
        importlib.import_module(name)
    from PySide6.QtCharts import QChart  # the supervisor dashboard

    del QChart
    return f"{len(SCREENS)} screen modules and QtCharts import"


def check_position() -> str:
    """start-geopoint asks the OS position service through QtPositioning's plugins: a build that
    lost them leaves every position empty without a word, so the self-test names them."""
    from PySide6.QtPositioning import QGeoPositionInfoSource

    sources = QGeoPositionInfoSource.availableSources()
    if not sources:
        raise SelfTestFailure("no QtPositioning plugin found: start-geopoint stays empty")
    return "QtPositioning sources " + ", ".join(sources)


def qt_checks(test: SelfTest) -> None:
    test.check("Qt", check_qt)
    test.check("translations", check_translations)
    test.check("image formats", check_images)
    test.check("screens", check_screens)
    test.check("position", check_position)


def run_self_test(
    say: Callable[[str], None] = print,
    *,
    sync_to: str | None = None,
    enroll_code: str | None = None,
) -> int:
    """Every check of ``app.self_test`` plus the Qt ones; the process exit code."""
    return self_test.run(say, sync_to=sync_to, enroll_code=enroll_code, extra=qt_checks)
