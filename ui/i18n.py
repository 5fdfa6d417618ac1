"""Interface language: loads compiled Qt translations (assets/i18n/*.qm), switches them at runtime.

Source strings are English; Spanish comes from assets/i18n/encuentro_es.qm. Installing a translator
makes Qt send LanguageChange to every widget, and our views retranslate themselves on it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.config import resource_path

LANGUAGES = ("es", "en")
DEFAULT_LANGUAGE = "es"

_installed: list[QTranslator] = []
_current = "en"


def translations_dir() -> str:
    """Folder holding our compiled .qm files (source tree or frozen build)."""
    return str(resource_path("assets", "i18n"))


def normalise(language: str | None) -> str:
    """'es', 'en', 'es_SV', 'Español (es)' -> a language we ship, Spanish when unknown."""
    if language:
        text = language.strip().lower()
        if text.endswith(")") and "(" in text:
            text = text[text.rindex("(") + 1 : -1]
        code = text.replace("-", "_").split("_")[0]
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


def current_language() -> str:
    """The interface language now in use ('es' or 'en')."""
    return _current


def set_language(language: str) -> str:
    """Install the translators of a language on the running application; returns the code used.

    Qt's own strings (dialog buttons) come from the qtbase catalogue that ships with PySide6.
    """
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("set_language needs a running QApplication")
    code = normalise(language)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    # English is the source language; its catalogue only holds plural forms ("1 session").
    ours = QTranslator(app)
    if not ours.load(f"encuentro_{code}", translations_dir()):
        raise FileNotFoundError(
            f"The {code} interface translation is missing from {translations_dir()}; "
            "reinstall Encuentro or run pyside6-lrelease on assets/i18n."
        )
    if code != "en":
        qt_own = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_own.load(f"qtbase_{code}", qt_dir):
            _installed.append(qt_own)
    _installed.append(ours)
    for translator in _installed:
        app.installTranslator(translator)
    # Dates and numbers follow the interface language (El Salvador uses dd/MM/yyyy).
    if code == "es":
        QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.ElSalvador))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    _current = code
    return code
