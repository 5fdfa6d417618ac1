"""The findings view in supervisor mode and over a facilitator's own sessions: each number read
through the widget's models equals a direct count over the stored XML; the quotes behind a
count are one selection away; the report (PDF) and the .qdpx come from the view off the GUI
thread, and Cancel leaves no file."""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.export import ExportCancelled, ExportSummary
from app.findings.book import OwnFindings, SupervisorFindings
from tests.findings.stores import facilitator_store, supervisor_store, synthetic_sources
from tests.findings.synthetic import FOCUS_FORMS, NEEDS_FORM
from tests.findings.test_book import _direct_themes, _own_rows, _supervisor_rows
from tests.findings.test_findings import _session_group
from ui.findings.controller import FindingsController
from ui.findings.view import FindingsView


@pytest.fixture(scope="module")
def sources():
    return synthetic_sources(8, 16)


@pytest.fixture(scope="module")
def supervisor(tmp_path_factory, sources):
    store = supervisor_store(tmp_path_factory.mktemp("sup") / "encuentro.sqlite3", sources)
    yield store
    store.close()


@pytest.fixture(scope="module")
def own(tmp_path_factory, sources):
    store = facilitator_store(tmp_path_factory.mktemp("own") / "encuentro.sqlite3", sources)
    yield store
    store.close()


def open_view(qtbot, book, *, supervisor: bool) -> tuple[FindingsView, FindingsController]:
    view = FindingsView()
    qtbot.addWidget(view)
    view.resize(1366, 700)
    controller = FindingsController(view, lambda: book, supervisor=supervisor)
    view.show()
    with qtbot.waitSignal(controller.refreshed, timeout=60_000):
        controller.refresh()
    return view, controller


def recount(qtbot, controller: FindingsController, change) -> None:  # noqa: ANN001
    with qtbot.waitSignal(controller.refreshed, timeout=60_000):
        change()


def shown_themes(view: FindingsView) -> dict[tuple[str, str], Counter]:
    """(topic label, theme label) -> {"": sessions, column header: sessions} read via the model."""
    model = view.theme_model
    out = {}
    for row in range(model.rowCount()):
        cells = [model.index(row, c).data() for c in range(model.columnCount())]
        counter = Counter({"": cells[2]})
        for column in range(4, model.columnCount()):
            if cells[column]:
                counter[model.headerData(column, Qt.Orientation.Horizontal)] = cells[column]
        out[(model.row(row).topic, model.row(row).theme)] = counter
    return out


def labelled(expected: dict, labels: dict[str, str]) -> dict:
    return {
        key: Counter({labels.get(k, k): n for k, n in counter.items()})
        for key, counter in expected.items()
    }


GROUPS = {
    "mujeres": "Women",
    "familiares": "Relatives of migrants",
    "retornados": "Returnees",
    "jovenes": "Adolescents and youth",
}


def test_supervisor_view_numbers_equal_a_direct_count(qtbot, supervisor) -> None:
    view, controller = open_view(qtbot, SupervisorFindings(supervisor), supervisor=True)
    assert view.state_filter.currentText() == "Approved only"
    rows = _supervisor_rows(supervisor)
    group_labels = controller.findings.group_labels
    expected = _direct_themes(rows, lambda state, _r: state == "approved", "group")
    assert shown_themes(view) == labelled(expected, group_labels)
    # By community: the same sessions, one column per community (its label).
    view.split.setCurrentIndex(view.split.findData("community"))
    expected = _direct_themes(rows, lambda state, _r: state == "approved", "community")
    assert shown_themes(view) == expected
    # Every review state, chosen with the keyboard on the review filter.
    view.state_filter.setFocus()
    recount(qtbot, controller, lambda: qtbot.keyClick(view.state_filter, Qt.Key.Key_Down))
    assert view.state_filter.currentText() == "Every review state"
    expected = _direct_themes(rows, lambda _state, _r: True, "community")
    assert shown_themes(view) == expected
    assert view.summary.text().startswith(
        f"{sum(f != NEEDS_FORM for f, _s, _x in rows)} focus-group sessions"
    )


def test_quotes_behind_the_chosen_count(qtbot, supervisor) -> None:
    view, controller = open_view(qtbot, SupervisorFindings(supervisor), supervisor=True)
    model = view.theme_model
    row = max(range(model.rowCount()), key=lambda r: model.row(r).quotes)
    theme = model.row(row)
    column = 4  # the first group's column
    key = model.split_key(column)
    view.themes.setFocus()
    view.themes.setCurrentIndex(model.index(row, column))
    expected = []
    for form_id, state, xml in _supervisor_rows(supervisor):
        root = ET.fromstring(xml)
        if form_id == NEEDS_FORM or state != "approved" or _session_group(root) != key:
            continue
        topic = root.find(theme.topic)
        if topic is None or theme.theme not in (topic.findtext(f"{theme.topic}_themes") or ""):
            continue
        expected += [
            (q.findtext("quote_text"), q.findtext("quote_participant"))
            for q in topic.findall(f"{theme.topic}_quotes")
        ]
    quotes = view.quote_model
    shown = [
        (quotes.index(r, 0).data(), quotes.index(r, 1).data()) for r in range(quotes.rowCount())
    ]
    assert sorted(shown) == sorted(expected)
    assert GROUPS.get(key, key) in view.quotes_title.text()
    # The total column: every quote of the topic in the sessions that raised the theme.
    view.themes.setCurrentIndex(model.index(row, 2))
    assert quotes.rowCount() == theme.quotes


def test_needs_table_equals_a_direct_count(qtbot, supervisor) -> None:
    view, controller = open_view(qtbot, SupervisorFindings(supervisor), supervisor=True)
    score: Counter = Counter()
    mentions: Counter = Counter()
    for form_id, state, xml in _supervisor_rows(supervisor):
        if form_id == NEEDS_FORM and state == "approved":
            root = ET.fromstring(xml)
            for rank in (1, 2, 3):
                need = root.findtext(f"necesidades/need_{rank}")
                score[need] += 4 - rank
                mentions[need] += 1
    model = view.need_model
    labels = {n.need: n.label for n in controller.findings.needs}
    shown = {
        model.index(r, 0).data(): (model.index(r, 1).data(), model.index(r, 2).data())
        for r in range(model.rowCount())
    }
    assert shown == {labels[n]: (mentions[n], score[n]) for n in score}


def test_own_sessions_filtered_by_form_and_community(qtbot, own) -> None:
    view, controller = open_view(qtbot, OwnFindings(own), supervisor=False)
    assert view.state_filter.currentText() == "Every finalized session"
    rows = _own_rows(own)
    expected = _direct_themes(rows, lambda _s, _r: True, "group")
    assert shown_themes(view) == labelled(expected, controller.findings.group_labels)
    form_id = FOCUS_FORMS["retornados"]
    place = Counter(
        ET.fromstring(x).findtext("community") for f, _s, x in rows if f == form_id
    ).most_common(1)[0][0]
    recount(
        qtbot,
        controller,
        lambda: view.form_filter.setCurrentIndex(view.form_filter.findData(form_id)),
    )
    recount(
        qtbot,
        controller,
        lambda: view.community_filter.setCurrentIndex(view.community_filter.findData(place)),
    )

    def admit(_state: str, root: ET.Element) -> bool:
        return root.get("id") == form_id and root.findtext("community") == place

    expected = _direct_themes(rows, admit, "group")
    assert expected
    assert shown_themes(view) == labelled(expected, controller.findings.group_labels)


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    offered: list[str] = []

    def answer(_parent, _title, suggested, _filter):
        offered.append(suggested)
        return str(path), _filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return offered


def test_report_pdf_from_the_view(qtbot, supervisor, tmp_path, monkeypatch) -> None:
    view, controller = open_view(qtbot, SupervisorFindings(supervisor), supervisor=True)
    target = tmp_path / "informe.pdf"
    offered = save_as(monkeypatch, tmp_path / "informe")  # the extension is added
    view.report_button.setFocus()
    qtbot.keyClick(view.report_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: controller.dialog is not None and controller.dialog.isVisible())
    dialog = controller.dialog
    assert dialog.form.currentText() == "All questionnaires"
    with qtbot.waitSignal(dialog.finished_export, timeout=120_000) as finished:
        dialog.export_button.click()
    summary = finished.args[0]
    assert isinstance(summary, ExportSummary), summary
    assert offered[0].endswith("informe.pdf")
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    approved = sum(f != NEEDS_FORM and s == "approved" for f, s, _x in _supervisor_rows(supervisor))
    interviews = sum(
        f == NEEDS_FORM and s == "approved" for f, s, _x in _supervisor_rows(supervisor)
    )
    assert f"{approved} sessions, {interviews} interviews" in " ".join(text.split())
    assert "Nombre Real" not in text
    assert [p.name for p in tmp_path.iterdir()] == ["informe.pdf"]


def test_qdpx_from_the_view_and_cancel_leaves_nothing(
    qtbot, supervisor, tmp_path, monkeypatch
) -> None:
    view, controller = open_view(qtbot, SupervisorFindings(supervisor), supervisor=True)
    form_id = FOCUS_FORMS["mujeres"]
    recount(
        qtbot,
        controller,
        lambda: view.form_filter.setCurrentIndex(view.form_filter.findData(form_id)),
    )
    folder = tmp_path / "qda"
    folder.mkdir()
    save_as(monkeypatch, folder / "mujeres.qdpx")
    dialog = controller.open_qda()
    assert dialog.form.currentData() == form_id
    assert NEEDS_FORM not in [dialog.form.itemData(i) for i in range(dialog.form.count())]
    with qtbot.waitSignal(dialog.finished_export, timeout=120_000) as finished:
        dialog.export_button.click()
    assert isinstance(finished.args[0], ExportSummary)
    approved = [x for f, s, x in _supervisor_rows(supervisor) if f == form_id and s == "approved"]
    with zipfile.ZipFile(folder / "mujeres.qdpx") as archive:
        names = archive.namelist()
        project = archive.read("project.qde").decode()
    assert sum(n.startswith("sources/") for n in names) == len(approved)
    assert "<CodeBook>" in project
    (folder / "mujeres.qdpx").unlink()

    # Cancel at the first progress report: no file, no partial file.
    pressed = threading.Event()

    def hold(done: int, _total: int) -> None:
        if done == 0:
            pressed.wait(timeout=60)

    def press(_done: int, _total: int) -> None:
        if not pressed.is_set():
            dialog.cancel_button.click()
            pressed.set()

    dialog.progressed.connect(hold, Qt.ConnectionType.DirectConnection)
    dialog.progress_shown.connect(press)
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000) as finished:
        dialog.export_button.click()
    assert isinstance(finished.args[0], ExportCancelled)
    assert list(folder.iterdir()) == []
