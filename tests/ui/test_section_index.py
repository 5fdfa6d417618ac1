"""The side index: long titles elided in the middle to its width with the whole title in the
tooltip, and a wider index kept as soon as the facilitator drags it."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt

from app.engine.prompts import Prompt
from tests.ui.test_main_window import enter
from ui import settings as ui_settings
from ui.runner.paging import Page
from ui.runner.section_index import SectionIndex

LONG = (
    "Experiencias de las personas retornadas con los servicios de reintegración en su municipio "
    "y lo que esperan de las instituciones"
)


def test_long_titles_keep_start_and_end_and_the_tooltip_has_them_whole(qtbot) -> None:
    index = SectionIndex()
    qtbot.addWidget(index)
    index.resize(260, 300)
    index.show()
    group = Prompt(ref="/data/reintegracion", kind="group", label=LONG)
    question = Prompt(ref="/data/reintegracion/q", kind="input", label=LONG + " (detalle)")
    page = Page(key=group.ref, title=LONG, prompts=[group, question])
    index.show_pages([page], set(), group.ref)
    top = index.topLevelItem(0)
    assert top.text(0).startswith("Experiencias de las personas retornadas")
    assert top.text(0).endswith("instituciones")
    assert top.toolTip(0) == LONG
    assert top.child(0).toolTip(0) == LONG + " (detalle)"
    assert index.textElideMode() == Qt.TextElideMode.ElideMiddle
    assert index.columnWidth(0) <= index.viewport().width()  # no running off to the right


def test_a_wider_index_is_kept_as_soon_as_it_is_dragged(qtbot, window) -> None:
    enter(qtbot, window)
    with qtbot.waitSignal(window.runner_opened, timeout=5000):
        window.library.start_selected()
    splitter = window.runner.splitter
    sizes = splitter.sizes()
    splitter.moveSplitter(sizes[0] + 60, 1)  # what dragging the handle does
    saved = ui_settings.app_settings().value(ui_settings.RUNNER_SPLITTER)
    assert isinstance(saved, QByteArray | bytes)
    assert QByteArray(saved) == splitter.saveState()
