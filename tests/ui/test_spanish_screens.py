"""In Spanish, no English interface text shows on the shell's screens or in a questionnaire.

Every widget text, tooltip, placeholder, header and list entry is compared with the English
sources of our catalogue: a text equal to an English source whose Spanish differs was left
untranslated at run time (for example a `tr` whose context Qt does not look up).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from ui import i18n

ROOT = Path(__file__).resolve().parents[2]


def english_sources() -> dict[str, str]:
    """English source (without '&') -> its Spanish, for texts whose Spanish is different."""
    sources = {}
    for message in ET.parse(ROOT / "assets" / "i18n" / "encuentro_es.ts").iter("message"):
        if message.get("numerus") == "yes":
            continue
        source, spanish = message.findtext("source") or "", message.findtext("translation") or ""
        if spanish and spanish != source:
            sources[source.replace("&", "")] = spanish
    return sources


def model_texts(model: QAbstractItemModel) -> list[str]:
    texts = []
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a Qt-internal model (e.g. a completer's) that hides its size
        return texts
    for column in range(columns):
        texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
    for row in range(min(model.rowCount(QModelIndex()), 30)):
        for column in range(columns):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.index(row, column).data(role)
                if isinstance(value, str):
                    texts.append(value)
    return texts


def visible_texts(root: QWidget) -> list[str]:
    texts = [root.windowTitle(), root.toolTip()]
    for widget in root.findChildren(QWidget):
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            texts.extend(widget.itemText(n) for n in range(widget.count()))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts.extend(model_texts(widget.model()))
    return [t.replace("&", "").strip() for t in texts if t and t.strip()]


def english_left(root: QWidget) -> set[str]:
    QCoreApplication.sendPostedEvents()  # LanguageChange reaches every widget first
    sources = english_sources()
    return {text for text in visible_texts(root) if text in sources}


def test_the_shell_speaks_only_spanish(qtbot, window, workspace) -> None:
    i18n.set_language("es")
    qtbot.waitUntil(lambda: window.start_view.continue_button.text() == "&Continuar")
    assert english_left(window) == set()  # first use: only the profile form
    window.start_view.new_name.setText("Ana")
    window.start.create_profile()
    active = workspace.start_session("grupo_focal_mujeres", facilitator=window.profile)
    department = next(p.ref for p in active.prompts() if p.ref.endswith("/department"))
    active.answer(department, "san_miguel")
    window.sessions.reload()
    window.show_tab(window.sessions_view)
    assert english_left(window) == set()  # questionnaires, sessions, status bar
    window.sessions_view.search.setText("nadie")
    window.sessions.apply_filters()
    assert english_left(window) == set()  # the empty list's explanation


def test_a_questionnaire_speaks_only_spanish(qtbot, window, workspace) -> None:
    i18n.set_language("es")
    profile = workspace.create_profile("Ana", language="es")
    window.enter_workspace(profile)
    window.library.profile = profile
    forms = window.library_view.forms
    for row in range(forms.topLevelItemCount()):
        if forms.topLevelItem(row).data(0, Qt.ItemDataRole.UserRole)[0] == "grupo_focal_mujeres":
            forms.setCurrentItem(forms.topLevelItem(row))
    with qtbot.waitSignal(window.runner_opened, timeout=5000):
        window.library.start_selected()
    assert english_left(window) == set()
