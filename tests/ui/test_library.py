"""Form library: built-in questionnaires; importing good and broken files, by dialog and drop."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from ui.tasks import task_manager

GOOD_FORM = """
| survey   |          |          |                           |
|          | type     | name     | label                     |
|          | text     | venue    | Where does the group meet? |
|          | integer  | people   | How many came?            |
| settings |          |          |                           |
|          | form_id  | version  | form_title                |
|          | water_ca | 2026112601 | Consulta sobre agua     |
"""

BROKEN_FORM = """
| survey   |          |          |                      |
|          | type     | name     | label                |
|          | text     | venue    | Venue                |
|          | integr   | people   | How many came?       |
| settings |          |          |                      |
|          | form_id  | version  | form_title           |
|          | broken   | 1        | Broken form          |
"""


def enter(qtbot, window) -> None:
    qtbot.keyClicks(window.start_view.new_name, "Ana")
    qtbot.keyClick(window.start_view.new_name, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.tabs


def titles(window) -> list[str]:
    forms = window.library_view.forms
    return [forms.topLevelItem(n).text(0) for n in range(forms.topLevelItemCount())]


def wait_imports(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.library.busy() and not task_manager().busy(), timeout=15_000)


def test_built_in_questionnaires_are_listed(qtbot, window) -> None:
    enter(qtbot, window)
    forms = window.library_view.forms
    assert forms.topLevelItemCount() >= 5
    assert {forms.topLevelItem(n).text(3) for n in range(forms.topLevelItemCount())} == {"Built-in"}
    assert window.library_view.start_button.isEnabled()


def test_importing_a_good_form_by_dialog_adds_it_once(qtbot, window, dialogs, tmp_path) -> None:
    enter(qtbot, window)
    path = tmp_path / "consulta agua.md"
    path.write_text(GOOD_FORM, encoding="utf-8")
    dialogs.files = [str(path)]
    qtbot.mouseClick(window.library_view.import_button, Qt.MouseButton.LeftButton)
    wait_imports(qtbot, window)
    assert dialogs.errors == []
    assert titles(window).count("Consulta sobre agua") == 1
    assert "Added" in window.library_view.status.text()
    assert window.library_view.forms.currentItem().text(0) == "Consulta sobre agua"

    window.library.import_files([str(path)])  # the same version again
    wait_imports(qtbot, window)
    assert titles(window).count("Consulta sobre agua") == 1
    assert "already here" in window.library_view.status.text()
    assert window.sessions_view.form_filter.findText("Consulta sobre agua") >= 0


def test_a_broken_form_shows_the_precise_error(qtbot, window, dialogs, tmp_path) -> None:
    enter(qtbot, window)
    before = titles(window)
    path = tmp_path / "broken.md"
    path.write_text(BROKEN_FORM, encoding="utf-8")
    window.library.import_files([str(path)])
    wait_imports(qtbot, window)
    assert len(dialogs.errors) == 1
    title, message, _details = dialogs.errors[0]
    assert title == "This questionnaire has a problem"
    assert "broken.md" in message
    assert "integr" in message and "row" in message  # the engine's located message, verbatim
    assert "Traceback" not in message
    assert titles(window) == before


def test_dropping_a_file_imports_it(qtbot, window, dialogs, tmp_path) -> None:
    enter(qtbot, window)
    path = tmp_path / "água.md"  # accents in file names are fine
    path.write_text(GOOD_FORM, encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)), QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    view = window.library_view
    enter_event = QDragEnterEvent(
        view.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view, enter_event)  # a real drag always enters before it drops
    assert enter_event.isAccepted()
    event = QDropEvent(
        QPointF(view.rect().center()),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view, event)
    wait_imports(qtbot, window)
    assert dialogs.errors == []
    assert "Consulta sobre agua" in titles(window)


def test_broken_form_error_wrapping_is_in_spanish(qtbot, window, dialogs, tmp_path: Path) -> None:
    window.start_view.language.setCurrentIndex(window.start_view.language.findData("es"))
    enter(qtbot, window)
    path = tmp_path / "roto.md"
    path.write_text(BROKEN_FORM, encoding="utf-8")
    window.library.import_files([str(path)])
    wait_imports(qtbot, window)
    title, message, _ = dialogs.errors[0]
    assert title == "Este cuestionario tiene un problema"
    assert message.startswith("No se pudo importar el archivo roto.md:")
    assert "hoja «survey», fila 3, columna «type»" in message and "integr" in message
    # Our own check's text is in Spanish too, with the suggestion (G1's review left it English).
    assert "tipo de pregunta desconocido: 'integr' (¿quiso decir 'integer'?)" in message


def test_an_xform_file_imports_and_a_broken_one_is_explained(
    qtbot, window, dialogs, tmp_path: Path
) -> None:
    from app.xlsform import xlsform_to_xform

    enter(qtbot, window)
    source = tmp_path / "agua.md"
    source.write_text(GOOD_FORM, encoding="utf-8")
    good = tmp_path / "agua.xml"
    good.write_text(xlsform_to_xform(source), encoding="utf-8")
    broken = tmp_path / "cortado.xml"
    broken.write_text(good.read_text(encoding="utf-8")[:300], encoding="utf-8")
    window.library.import_files([str(good), str(broken)])
    wait_imports(qtbot, window)
    assert "Consulta sobre agua" in titles(window)
    assert len(dialogs.errors) == 1
    _title, message, _ = dialogs.errors[0]
    assert "cortado.xml" in message and "Traceback" not in message


def test_the_import_result_follows_a_language_switch(qtbot, window, dialogs, tmp_path) -> None:
    enter(qtbot, window)
    path = tmp_path / "consulta agua.md"
    path.write_text(GOOD_FORM, encoding="utf-8")
    window.library.import_files([str(path)])
    wait_imports(qtbot, window)
    status = window.library_view.status
    assert status.text() == "Added “Consulta sobre agua” (version 2026112601)."
    window.language_switch.setCurrentIndex(window.language_switch.findData("es"))
    qtbot.waitUntil(lambda: status.text().startswith("Se agregó"), timeout=2000)
    assert "Consulta sobre agua" in status.text() and "Added" not in status.text()
    window.language_switch.setCurrentIndex(window.language_switch.findData("en"))
    qtbot.waitUntil(lambda: status.text().startswith("Added"), timeout=2000)


def test_a_file_that_cannot_be_read_is_not_blamed_on_its_content(
    qtbot, window, dialogs, tmp_path
) -> None:
    enter(qtbot, window)
    gone = tmp_path / "guia retirada.xlsx"  # on a USB stick taken out before the import ran
    window.library.import_files([str(gone)])
    wait_imports(qtbot, window)
    title, message, details = dialogs.errors[-1]
    assert title == "The file could not be read"
    assert "guia retirada.xlsx is no longer where it was" in message
    assert "Correct this in the file" not in message  # nothing to correct in its content
    assert "No such file" in details  # the system's words, for whoever helps them
    folder = tmp_path / "carpeta.xlsx"
    folder.mkdir()
    window.library.import_files([str(folder)])
    wait_imports(qtbot, window)
    assert dialogs.errors[-1][0] == "The file could not be read"
    assert "Correct this in the file" not in dialogs.errors[-1][1]


def test_the_open_dialog_speaks_the_interface_language(qtbot) -> None:
    from PySide6.QtWidgets import QFileDialog

    from ui import dialogs as real_dialogs
    from ui import i18n

    i18n.set_language("es")
    dialog = real_dialogs.form_file_dialog(None, "Importar un cuestionario", "(*.xlsx)")
    qtbot.addWidget(dialog)
    label = QFileDialog.DialogLabel
    assert dialog.labelText(label.LookIn) == "&Buscar en:"
    assert dialog.labelText(label.FileType) == "&Tipo de archivo:"
    assert dialog.labelText(label.FileName) == "&Nombre del archivo:"
    assert dialog.fileMode() == QFileDialog.FileMode.ExistingFiles  # several forms at once


def test_titles_follow_the_interface_language_and_versions_read_as_dates(
    qtbot, window, dialogs, tmp_path
) -> None:
    from ui import i18n

    enter(qtbot, window)
    from tests.test_form_titles import FORM

    path = tmp_path / "consulta.md"
    path.write_text(FORM, encoding="utf-8")
    window.library.import_files([str(path)])
    wait_imports(qtbot, window)
    i18n.set_language("en")
    qtbot.waitUntil(lambda: "Community consultation" in titles(window))
    forms = window.library_view.forms
    row = titles(window).index("Community consultation")
    assert forms.topLevelItem(row).text(1) == "11/26/26 (2)"  # the day, and its 2nd revision
    assert forms.topLevelItem(row).toolTip(1) == "2026112602"
    i18n.set_language("es")
    qtbot.waitUntil(lambda: "Consulta comunitaria" in titles(window))
    row = titles(window).index("Consulta comunitaria")
    assert forms.topLevelItem(row).text(1) == "26/11/26 (2)"
