"""Fixtures for the desktop shell tests: settings in a temp folder, English interface by default."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from ui import i18n
from ui import settings as ui_settings


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory, qapp) -> Iterator[Path]:
    """QSettings (window size, language, last form) go to a fresh folder for every test."""
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    ui_settings.configure_identity()
    i18n.set_language("en")
    yield folder
    i18n.set_language("en")
