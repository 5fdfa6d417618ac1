"""Window and preference memory through QSettings (organisation "Encuentro").

Only interface state lives here (window geometry, splitters, last form, interface language); answers
and anything about participants never do.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings

ORGANISATION = "Encuentro"
APPLICATION = "Encuentro"

LANGUAGE = "interface/language"
LAST_FORM = "library/last_form"
GEOMETRY = "window/geometry"
WINDOW_STATE = "window/state"
SESSIONS_HEADER = "sessions/header"
RUNNER_SPLITTER = "runner/splitter"


def configure_identity() -> None:
    """Name the app so QSettings finds the same store on every start."""
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)


def app_settings() -> QSettings:
    """The application's settings; ini files so tests can redirect them with QSettings.setPath."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def read_str(key: str, default: str = "") -> str:
    """A text setting, or default when absent."""
    value = app_settings().value(key, default)
    return value if isinstance(value, str) else default


def write(key: str, value: object) -> None:
    """Store a setting and flush it now (the app may be killed at any moment)."""
    settings = app_settings()
    settings.setValue(key, value)
    settings.sync()
