"""The supervisor exports from the review tab: Alt+E (the Export… button) opens the
dialog; the file is chosen in the save dialog (the system's dialog is the edge replaced here) and
written off the GUI thread with a progress bar; Cancel mid-way leaves no file. Sessions come from
the real server through the real pull."""

from __future__ import annotations

import csv
import io
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog

from app.export import ExportCancelled, ExportSummary
from app.supervisor.desk import SupervisorDesk
from sync.server import accounts
from tests.supervisor.conftest import PASSWORD, SUPERVISOR, open_desk
from tests.supervisor.focus_groups import FocusGroup, Person, publish_mujeres, send
from tests.sync.harness import PROJECT, CentralServer, Laptop
from tests.ui.test_main_window import _alt_letters
from ui import i18n
from ui.supervisor.export_dialog import ExportDialog, with_suffix
from ui.supervisor.review_controller import ReviewController
from ui.supervisor.review_view import ReviewView

SMG = ("san_miguel", "san_miguel")
GROUPS = [
    FocusGroup((*SMG, "smg_el_amate"), people=[Person("P01"), Person("P02")]),
    FocusGroup((*SMG, "smg_el_brazo"), people=[Person("P01", sex="hombre")]),
]


@pytest.fixture
def pulled(tmp_path: Path) -> Iterator[tuple[SupervisorDesk, str, list[str]]]:
    """A desk whose cache holds two sessions sent by a laptop, the second approved."""
    server = CentralServer(tmp_path / "server")
    accounts.create_user(server.db, SUPERVISOR, PASSWORD, "supervisor", [PROJECT])
    server.start()
    laptop = Laptop.open(tmp_path / "laptop", server.url, timeout=5.0)
    store, desk = open_desk(tmp_path / "supervisor")
    try:
        laptop.client.enroll(server.enrollment_code("Laptop de Ana"))
        form_id, _version = publish_mujeres(server, tmp_path / "publish")
        sent = send(laptop, GROUPS)
        desk.sign_in(server.url, SUPERVISOR, PASSWORD)
        desk.sync()
        desk.review(sent[1], "approved", None)
        desk.sync()
        yield desk, form_id, sent
    finally:
        laptop.close()
        server.stop()
        store.close()


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """The system's save dialog answers `path`; returns the names it was offered."""
    offered: list[str] = []

    def answer(_parent, _title, suggested, _filter):
        offered.append(suggested)
        return str(path), _filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return offered


def open_dialog(
    qtbot, desk: SupervisorDesk, key: Qt.Key = Qt.Key.Key_E
) -> tuple[ReviewView, ExportDialog]:
    view = ReviewView()
    qtbot.addWidget(view)
    controller = ReviewController(view, desk)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=10_000)
    view.table.setFocus()
    qtbot.keyClick(view.table, key, Qt.KeyboardModifier.AltModifier)  # Alt+E: Export…
    # A mnemonic "animates" the click: it arrives from the event loop a moment later.
    qtbot.waitUntil(lambda: controller.export_dialog is not None, timeout=10_000)
    dialog = controller.export_dialog
    assert dialog is not None and dialog.isVisible()
    return view, dialog


def assert_no_alt_clash(dialog: ExportDialog) -> None:
    keys = [letter for letter, _text in _alt_letters(dialog)]
    assert len(keys) == len(set(keys)) == 6, _alt_letters(dialog)


def test_export_csv_and_xlsx_off_the_gui_thread(qtbot, pulled, tmp_path, monkeypatch) -> None:
    desk, form_id, sent = pulled
    _view, dialog = open_dialog(qtbot, desk)
    assert dialog.form.currentData() == form_id
    assert_no_alt_clash(dialog)
    target = tmp_path / "exports" / "visitas"  # no extension typed: .csv.zip is added
    target.parent.mkdir()
    offered = save_as(monkeypatch, target)
    workers: list[int] = []
    dialog.progressed.connect(
        lambda *_a: workers.append(threading.get_ident()), Qt.ConnectionType.DirectConnection
    )
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000) as finished:
        dialog.export_button.click()
    assert isinstance(finished.args[0], ExportSummary)
    assert Path(offered[0]).name == f"{form_id}.csv.zip"
    written = target.with_name("visitas.csv.zip")
    assert dialog.message.text() == f"2 sessions exported to {written}"
    assert workers and threading.get_ident() not in workers  # written off the GUI thread
    assert dialog.bar.value() == dialog.bar.maximum()
    with zipfile.ZipFile(written) as archive:
        main = list(csv.DictReader(io.TextIOWrapper(archive.open(f"{form_id}.csv"), "utf-8-sig")))
        people = list(
            csv.DictReader(
                io.TextIOWrapper(archive.open(f"{form_id}-participants.csv"), "utf-8-sig")
            )
        )
    assert {r["KEY"] for r in main} == set(sent)
    assert {r["KEY"]: r["community"] for r in main}[sent[0]] == "smg_el_amate"
    assert sorted(r["PARENT_KEY"] for r in people) == sorted([sent[0], sent[0], sent[1]])
    assert {r["KEY"] for r in people} >= {f"{sent[1]}/participants[1]"}
    dialog.cancel_button.click()  # Close
    assert not dialog.isVisible()

    # In Spanish: only approved sessions, labels, as an Excel workbook.
    i18n.set_language("es")
    QCoreApplication.sendPostedEvents()
    _view, dialog = open_dialog(qtbot, desk, Qt.Key.Key_X)  # Alt+X: E&xportar…
    assert_no_alt_clash(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    dialog.approved_only.setChecked(True)
    dialog.labels.setChecked(True)
    assert dialog.language.isEnabled() and dialog.language.currentData() == "es"
    book_path = tmp_path / "exports" / "aprobadas.xlsx"
    offered = save_as(monkeypatch, book_path)
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000):
        dialog.export_button.click()
    assert Path(offered[0]).name == f"{form_id}.xlsx"
    assert dialog.message.text() == f"1 sesión exportada a {book_path}"
    book = openpyxl.load_workbook(book_path, read_only=True)
    header, *rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    assert len(rows) == 1 and dict(zip(header, rows[0], strict=True))["KEY"] == sent[1]
    assert "Cantón El Brazo" in rows[0]


def test_cancel_mid_way_leaves_no_file(qtbot, pulled, tmp_path, monkeypatch) -> None:
    desk, _form_id, _sent = pulled
    _view, dialog = open_dialog(qtbot, desk)
    target = tmp_path / "exports" / "visitas.csv.zip"
    target.parent.mkdir()
    save_as(monkeypatch, target)
    # The worker waits at its first progress report until Cancel was pressed on the GUI thread:
    # the export is then stopped before its first session, whatever the machine's speed.
    pressed = threading.Event()
    waited: list[bool] = []

    def hold(done: int, _total: int) -> None:
        if done == 0:
            waited.append(pressed.wait(timeout=60))

    def press(_done: int, _total: int) -> None:
        if not pressed.is_set():
            assert dialog.cancel_button.text() == "Cancel"
            dialog.cancel_button.click()
            pressed.set()

    dialog.progressed.connect(hold, Qt.ConnectionType.DirectConnection)
    dialog.progress_shown.connect(press)
    with qtbot.waitSignal(dialog.finished_export, timeout=60_000) as finished:
        dialog.export_button.click()
    assert waited == [True]
    assert isinstance(finished.args[0], ExportCancelled)
    assert dialog.message.text() == "Export cancelled: no file was written."
    assert list(target.parent.iterdir()) == []
    assert dialog.cancel_button.text() == "Close" and dialog.export_button.isEnabled()


def test_nothing_pulled_yet_and_names_typed_without_extension(qtbot, tmp_path) -> None:
    store, desk = open_desk(tmp_path / "empty")
    try:
        dialog = ExportDialog(desk)
        qtbot.addWidget(dialog)
        assert not dialog.export_button.isEnabled()
        assert dialog.message.text() == "No questionnaire is on this laptop yet: sync first."
    finally:
        store.close()
    folder = tmp_path / "x"
    assert with_suffix(folder / "datos", "csv").name == "datos.csv.zip"
    assert with_suffix(folder / "datos.csv", "csv").name == "datos.csv.zip"
    assert with_suffix(folder / "Datos.ZIP", "csv").name == "Datos.ZIP"
    assert with_suffix(folder / "datos", "xlsx").name == "datos.xlsx"
    assert with_suffix(folder / "datos.xlsx", "xlsx").name == "datos.xlsx"
