"""The form runner end to end: real engine, real Workspace on a temp data folder, real widgets.

Every check that matters reads the answer back from SQLite through a second Workspace, the way the
app finds it after a restart.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from app.config import load_config
from app.workspace import Workspace
from ui.runner import FormRunner

from .waiting import settle_layout, wait_first_focus

FORM = """
| survey |
| | type | name | label::Español (es) | label::English (en) | hint::Español (es) | hint::English (en) | required | relevant | constraint | constraint_message::Español (es) | constraint_message::English (en) | appearance |
| | begin_group | details | Datos de la sesión | Session details | | | | | | | | field-list |
| | text | venue | Lugar | Venue | Nombre del local | Name of the place | yes | | | | | |
| | integer | expected | Participantes esperados | Expected participants | | | | | . >= 1 and . <= 20 | Entre 1 y 20 | Between 1 and 20 | |
| | date | session_date | Fecha | Date | | | | | | | | |
| | select_one dept | department | Departamento | Department | | | yes | | | | | minimal |
| | note | greet | Bienvenida a ${venue} | Welcome to ${venue} | | | | | | | | |
| | end_group | | | | | | | | | | | |
| | begin_repeat | participants | Participante | Participant | | | | | | | | |
| | text | participant_code | Código | Code | | | yes | | | | | |
| | select_one sex | sex | Sexo | Sex | | | | | | | | horizontal |
| | select_one age | age_band | Edad | Age | | | | | | | | |
| | select_one grp | group_type | Grupo | Group | | | | | | | | |
| | end_repeat | | | | | | | | | | | |
| | begin_group | topic1 | Empleo e ingresos | Employment and income | | | | | | | | field-list |
| | select_multiple themes | themes | Temas | Themes | | | | | | | | |
| | text | detail | Detalle de empleo | Employment detail | | | | selected(${themes}, 'work') | | | | multiline |
| | end_group | | | | | | | | | | | |
| | begin_repeat | notes | Notas | Notes | | | | | | | | |
| | text | note_text | Nota | Note | | | | | | | | |
| | integer | note_elapsed | Segundos | Seconds | | | | | | | | |
| | text | note_topic | Tema | Topic | | | | | | | | |
| | dateTime | note_time | Hora | Time | | | | | | | | |
| | end_repeat | | | | | | | | | | | |

| choices |
| | list_name | name | label::Español (es) | label::English (en) |
| | dept | sm | San Miguel | San Miguel |
| | dept | us | Usulután | Usulután |
| | sex | f | Mujer | Woman |
| | sex | m | Hombre | Man |
| | age | y | 18–29 | 18–29 |
| | age | o | 30+ | 30+ |
| | grp | r | Retornada | Returnee |
| | grp | k | Familiar | Relative |
| | themes | work | Empleo | Work |
| | themes | disc | Discriminación | Discrimination |

| settings |
| | form_id | version | form_title | default_language |
| | fg_test | 1 | Grupo focal de prueba | Español (es) |
"""  # noqa: E501 (a markdown XLSForm table reads best one row per line)


@pytest.fixture
def forms_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "fg_test.md").write_text(FORM, encoding="utf-8")
    return folder


@pytest.fixture
def workspace(tmp_path: Path, forms_folder: Path) -> Iterator[Workspace]:
    with Workspace.open(load_config(tmp_path / "data"), forms_folder=forms_folder) as ws:
        assert ws.builtin_problems == []
        yield ws


def reopened(tmp_path: Path, forms_folder: Path, instance_id: str):
    """The session as a restarted app finds it in SQLite."""
    ws = Workspace.open(load_config(tmp_path / "data"), forms_folder=forms_folder)
    return ws, ws.resume(instance_id)


def open_runner(qtbot, active) -> FormRunner:
    runner = FormRunner(active)
    qtbot.addWidget(runner)
    runner.resize(1366, 740)
    runner.show()
    qtbot.waitExposed(runner)
    runner.activateWindow()
    wait_first_focus(qtbot, runner)  # the runner focuses the first question first
    return runner


def type_into(qtbot, box, text: str) -> None:
    """Go into a field, type, and Tab out as a person would."""
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Tab)


def click(qtbot, widget) -> None:
    """Click a widget once its page is laid out."""
    qtbot.waitUntil(widget.isVisible)
    settle_layout(widget)  # the page's layout settles on the next turn of the event loop
    # near the left edge: a check box or radio button reacts on its mark and text only
    spot = QPoint(min(8, widget.width() // 2), widget.height() // 2)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=spot)


def block(runner: FormRunner, ref: str):
    return runner.page_view.blocks[ref]


@pytest.fixture
def started(workspace: Workspace):
    profile = workspace.create_profile("Ana Martínez")
    return workspace.start_session("fg_test", facilitator=profile, language="es")


def test_typing_saves_each_answer_and_enter_moves_on(qtbot, started, tmp_path, forms_folder):
    runner = open_runner(qtbot, started)
    venue = block(runner, "/data/details/venue").editor.box
    qtbot.waitUntil(venue.hasFocus)
    assert runner.saved.text() == ""
    qtbot.keyClicks(venue, "Casa comunal Zacatecoluca")
    qtbot.keyClick(venue, Qt.Key.Key_Return)
    assert runner.saved.text().startswith("Saved ")
    expected = block(runner, "/data/details/expected").editor.box
    qtbot.waitUntil(expected.hasFocus)
    # the note's output follows the answer at once
    greeting = block(runner, "/data/details/greet").label.text()
    assert greeting == "Bienvenida a Casa comunal Zacatecoluca"
    ws2, again = reopened(tmp_path, forms_folder, started.instance_id)
    with ws2:
        assert again.value("/data/details/venue") == "Casa comunal Zacatecoluca"


def test_constraint_and_refusal_are_shown_at_the_question(qtbot, started):
    runner = open_runner(qtbot, started)
    expected = block(runner, "/data/details/expected")
    type_into(qtbot, expected.editor.box, "25")
    assert expected.message.isVisible()
    assert expected.message.text.text() == "Entre 1 y 20"
    assert started.value("/data/details/expected") == "25"  # kept, reported, as ODK does
    expected.editor.box.clear()
    type_into(qtbot, expected.editor.box, "12")
    assert not expected.message.isVisible()
    date = block(runner, "/data/details/session_date")
    type_into(qtbot, date.editor.date_box, "2026-02-30")
    assert date.message.isVisible() and "«Fecha»" in date.message.text.text()  # its label
    assert "session_date" not in date.message.text.text()
    assert started.value("/data/details/session_date") == ""
    assert date.editor.date_box.text() == "2026-02-30"  # kept in the box to be corrected
    date.editor.date_box.clear()
    type_into(qtbot, date.editor.date_box, "2026-02-28")
    assert not date.message.isVisible()
    assert started.value("/data/details/session_date") == "2026-02-28"


def test_relevance_shows_and_hides_instantly(qtbot, started):
    runner = open_runner(qtbot, started)
    runner.jump_to("/data/topic1/themes")
    assert runner.page_key == "/data/topic1"
    assert "/data/topic1/detail" not in runner.page_view.order
    work = block(runner, "/data/topic1/themes").editor.boxes[0]
    click(qtbot, work)
    assert started.value("/data/topic1/themes") == "work"
    assert block(runner, "/data/topic1/detail").isVisible()
    click(qtbot, work)
    assert "/data/topic1/detail" not in runner.page_view.order


def test_repeat_add_count_and_remove_after_confirmation(qtbot, started, monkeypatch):
    runner = open_runner(qtbot, started)
    qtbot.keyClick(runner.focusWidget(), Qt.Key.Key_PageDown)  # shows the missing answers
    assert block(runner, "/data/details/venue").message.isVisible()
    assert runner.notice.isVisible() and "2 required" in runner.notice.text()
    qtbot.keyClick(runner.focusWidget(), Qt.Key.Key_PageDown)  # second press goes on
    assert runner.page_key == "/data/participants"
    sex = block(runner, "/data/participants[1]/sex").editor
    click(qtbot, sex.buttons.buttons()[0])
    assert runner.focus_panel.count_labels["sex"].text() == "Mujer: 1"
    click(qtbot, block(runner, "/data/participants").add_button)
    code2 = block(runner, "/data/participants[2]/participant_code").editor.box
    qtbot.waitUntil(code2.hasFocus)
    click(qtbot, block(runner, "/data/participants[2]/sex").editor.buttons.buttons()[1])
    assert runner.focus_panel.count_labels["total"].text() == "2"
    assert "Hombre: 1" in runner.focus_panel.count_labels["sex"].text()

    asked: list[str] = []

    def answer_no(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer_no)
    remove = block(runner, "/data/participants[1]").remove_button
    click(qtbot, remove)
    assert asked[0] == ("Remove “Participante #1” (Mujer) and its 1 answer? This cannot be undone.")
    assert len(started.session.prompts()) and started.value("/data/participants[2]/sex") == "m"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    click(qtbot, remove)
    assert started.value("/data/participants[1]/sex") == "m"  # the second moved up
    assert runner.focus_panel.count_labels["sex"].text() == "Hombre: 1"
    assert "/data/participants[2]" not in runner.page_view.blocks


def test_focus_group_note_is_stored_in_the_instance(qtbot, started, tmp_path, forms_folder):
    runner = open_runner(qtbot, started)
    assert runner.fg_mode and runner.focus_panel.isVisible()
    runner.jump_to("/data/topic1")
    timer = runner.focus_panel.timer
    click(qtbot, timer.button)
    assert timer.running()
    timer.set_seconds(125)  # as if the discussion had run two minutes
    set_at = time.monotonic()  # the timer keeps running: the note may come seconds later
    entry = runner.focus_panel.entry
    entry.setFocus()
    qtbot.keyClicks(entry, "Dicen que no hay trabajo para quienes regresan")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    noted_at = time.monotonic()
    assert entry.text() == ""
    assert runner.focus_panel.notes.count() == 1
    qtbot.keyClicks(entry, "Segunda nota")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    ws2, again = reopened(tmp_path, forms_folder, started.instance_id)
    with ws2:
        assert again.value("/data/notes[1]/note_text") == (
            "Dicen que no hay trabajo para quienes regresan"
        )
        assert again.value("/data/notes[1]/note_topic") == "Empleo e ingresos"
        # Elapsed on the session timer: 125 s plus however long this machine took to get there.
        most = 125 + math.ceil(noted_at - set_at) + 1
        assert 125 <= int(again.value("/data/notes[1]/note_elapsed")) <= most
        stamp = again.value("/data/notes[1]/note_time")
        assert stamp[10] == "T" and stamp[-6] in "+-"  # ISO with offset
        assert again.value("/data/notes[2]/note_text") == "Segunda nota"
        # the position stays on the topic, not on the notes
        assert again.position == "/data/topic1"


def test_index_jumps_and_page_keys(qtbot, started):
    runner = open_runner(qtbot, started)
    item = runner.index._items["/data/topic1/themes"]
    runner.index.setCurrentItem(item)
    runner.index.itemClicked.emit(item, 0)
    assert runner.page_key == "/data/topic1"
    qtbot.waitUntil(lambda: block(runner, "/data/topic1/themes").editor.boxes[0].hasFocus())
    qtbot.keyClick(runner.focusWidget(), Qt.Key.Key_PageUp)
    assert runner.page_key == "/data/participants"
    assert runner.page_title.text() == "Page 2 of 4"
    assert runner.next_button.toolTip().startswith("Next page (Page Down)")


def test_finalize_lists_problems_jumps_and_locks(
    qtbot, started, tmp_path, forms_folder, monkeypatch
):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    runner = open_runner(qtbot, started)
    runner.jump_to("/data/topic1")
    click(qtbot, runner.finalize_button)
    assert runner.problems.isVisible()
    problems = runner.problems.list
    listed = [problems.item(i).text() for i in range(problems.count())]
    assert "⚠ Participante #1 › Código — Esta respuesta es obligatoria." in listed
    department = next(i for i, t in enumerate(listed) if "Departamento" in t)
    problems.setCurrentRow(department)
    qtbot.keyClick(problems, Qt.Key.Key_Return)
    assert runner.page_key == "/data/details"
    combo = block(runner, "/data/details/department").editor.combo
    qtbot.waitUntil(combo.hasFocus)
    assert block(runner, "/data/details/department").message.isVisible()
    combo.setCurrentIndex(1)
    combo.activated.emit(1)
    # the list follows the answers: the department is no longer listed
    assert not any("Departamento" in problems.item(i).text() for i in range(problems.count()))
    for ref, text in (
        ("/data/details/venue", "Casa comunal"),
        ("/data/participants[1]/participant_code", "P01"),
    ):
        runner.jump_to(ref)
        type_into(qtbot, block(runner, ref).editor.box, text)
    with qtbot.waitSignal(runner.finalized) as signal:
        click(qtbot, runner.finalize_button)
    assert signal.args == [started.instance_id]
    assert runner.readonly and runner.stack.currentWidget() is runner.summary
    shown = runner.summary.toPlainText()
    assert "San Miguel" in shown and "Casa comunal" in shown and "sm" not in shown.split()
    ws2, again = reopened(tmp_path, forms_folder, started.instance_id)
    with ws2:
        assert again.read_only
        view = open_runner(qtbot, again)
        assert view.readonly and not view.finalize_button.isVisible()
        assert "San Miguel" in view.summary.toPlainText()


def test_resume_opens_where_the_facilitator_left(qtbot, started, tmp_path, forms_folder):
    runner = open_runner(qtbot, started)
    runner.jump_to("/data/topic1/themes")
    runner.close()
    ws2, again = reopened(tmp_path, forms_folder, started.instance_id)
    with ws2:
        resumed = open_runner(qtbot, again)
        assert resumed.page_key == "/data/topic1"
        resumed.jump_to("/data/participants[1]/participant_code")
        box = block(resumed, "/data/participants[1]/participant_code").editor.box
        type_into(qtbot, box, "P07")
    ws3, third = reopened(tmp_path, forms_folder, started.instance_id)
    with ws3:
        last = open_runner(qtbot, third)
        assert last.page_key == "/data/participants"
        qtbot.waitUntil(
            lambda: block(last, "/data/participants[1]/participant_code").editor.box.hasFocus()
        )


def test_english_session_shows_english_labels(qtbot, workspace):
    english = workspace.start_session("fg_test", language="en")
    runner = open_runner(qtbot, english)
    assert block(runner, "/data/details").label.text() == "Session details"
    assert "Venue" in block(runner, "/data/details/venue").label.text()
    # 9 questions: the notes repeat's four fields are the panel's notes, not questions.
    assert runner.progress_text.text() == "0 of 9 answered · required: 0 of 3"


def test_keyboard_only_fills_a_page_and_moves_on(qtbot, started):
    runner = open_runner(qtbot, started)

    def focused_ref() -> str | None:
        widget = runner.focusWidget()
        for ref, shown in runner.page_view.blocks.items():
            if widget is not None and shown.isAncestorOf(widget):
                return ref
        return None

    for ref, text in (
        ("/data/details/venue", "Casa comunal"),
        ("/data/details/expected", "8"),
        ("/data/details/session_date", "2026-11-26"),
    ):
        qtbot.waitUntil(lambda ref=ref: focused_ref() == ref)
        qtbot.keyClicks(runner.focusWidget(), text)
        qtbot.keyClick(runner.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused_ref() == "/data/details/department")
    qtbot.keyClick(runner.focusWidget(), Qt.Key.Key_Down)  # first department in the list
    assert started.value("/data/details/department") == "sm"
    qtbot.keyClick(runner.focusWidget(), Qt.Key.Key_Return)  # last question: next page
    assert runner.page_key == "/data/participants"
    qtbot.waitUntil(lambda: focused_ref() == "/data/participants[1]/participant_code")
    qtbot.keyClick(runner.focusWidget(), Qt.Key.Key_Tab)  # Tab walks to the next field
    assert focused_ref() == "/data/participants[1]/sex"
    qtbot.keyClick(runner.focusWidget(), Qt.Key.Key_Space)  # choose the focused option
    assert started.value("/data/participants[1]/sex") == "f"
    qtbot.keyClick(runner.focusWidget(), Qt.Key.Key_Right)  # arrows move the choice
    assert started.value("/data/participants[1]/sex") == "m"
    qtbot.keyClick(runner.focusWidget(), Qt.Key.Key_PageUp)
    assert runner.page_key == "/data/details"
    assert started.value("/data/details/venue") == "Casa comunal"
    assert started.value("/data/details/expected") == "8"
    assert started.value("/data/details/session_date") == "2026-11-26"


def test_upload_keeps_the_file_with_the_session(qtbot, workspace, tmp_path, monkeypatch):
    form = FORM.replace(
        "| | end_group | | | | | | | | | | | |",
        "| | image | flipchart | Foto del papelógrafo | Flipchart photo | | | | | | | | |\n"
        "| | end_group | | | | | | | | | | | |",
        1,
    ).replace("| fg_test | 1 |", "| fg_test | 2 |")
    source = tmp_path / "fg_test_v2.md"
    source.write_text(form, encoding="utf-8")
    workspace.import_form(source)
    active = workspace.start_session("fg_test", version="2", language="es")
    photo = tmp_path / "papelógrafo día 1.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n fake image bytes")
    from PySide6.QtWidgets import QFileDialog

    # the operating system's file dialog is the true edge here
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(photo), ""))
    runner = open_runner(qtbot, active)
    upload = block(runner, "/data/details/flipchart").editor
    click(qtbot, upload.button)
    # stored under a neutral name: the original one never leaves the laptop
    name = f"flipchart-{hashlib.sha256(photo.read_bytes()).hexdigest()[:12]}.png"
    assert active.value("/data/details/flipchart") == name
    assert upload.name.text() == name
    stored = workspace.store.attachments.read(active.instance_id, name)
    assert stored == photo.read_bytes()


def test_closing_keeps_the_half_typed_answer_and_language_switches(qtbot, started):
    runner = open_runner(qtbot, started)
    venue = block(runner, "/data/details/venue").editor.box
    qtbot.waitUntil(venue.hasFocus)
    qtbot.keyClicks(venue, "Escuela")
    with qtbot.waitSignal(runner.closed):
        runner.close_button.click()
    assert started.value("/data/details/venue") == "Escuela"
    runner.set_form_language("English (en)")
    assert block(runner, "/data/details").label.text() == "Session details"
    assert started.language == "English (en)"
    venue = block(runner, "/data/details/venue").editor.box
    venue.setFocus()
    qtbot.waitUntil(venue.hasFocus)
    qtbot.keyClicks(venue, " San Jos")
    venue.insert("é")  # QTest's keyClicks aborts on non-ASCII characters under offscreen
    runner.hide()  # the main window leaving the runner another way
    assert started.value("/data/details/venue") == "Escuela San José"


def test_a_failed_save_is_never_shown_as_saved(qtbot, started, monkeypatch):
    runner = open_runner(qtbot, started)
    shown: list[str] = []
    # the modal box is a system edge; what matters is that the person is told
    monkeypatch.setattr(QMessageBox, "critical", lambda *args, **kwargs: shown.append(args[2]))
    venue = block(runner, "/data/details/venue").editor.box
    type_into(qtbot, venue, "Casa comunal")
    assert runner.saved.text().startswith("Saved ")
    started._store.close()  # the data file goes away under the session (disk unplugged)
    venue.clear()
    type_into(qtbot, venue, "Escuela")
    assert runner.saved.text() == "⚠ NOT saved"
    assert shown and "could not be saved" in shown[0]
    assert started.value("/data/details/venue") == "Casa comunal"  # what is kept
    # The person's words stay on screen, marked as not saved, to be saved when the file is back.
    assert venue.text() == "Escuela"
    assert "Not saved yet" in block(runner, "/data/details/venue").message.text.text()
    # Closing the window would lose it: asked first; "No" keeps it open, "Yes" lets it go.
    asked: list[str] = []

    def answer_with(button):
        return lambda *args, **kwargs: asked.append(args[2]) or button

    monkeypatch.setattr(QMessageBox, "warning", answer_with(QMessageBox.StandardButton.No))
    runner.close()
    assert runner.isVisible() and "could not be saved" in asked[0]
    monkeypatch.setattr(QMessageBox, "warning", answer_with(QMessageBox.StandardButton.Yes))
    runner.close()
    assert not runner.isVisible() and len(asked) == 2


def test_a_full_disk_keeps_the_typed_words_on_screen_and_saves_them_when_space_returns(
    qtbot, started, tmp_path, forms_folder, monkeypatch, caplog
):
    runner = open_runner(qtbot, started)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args, **kwargs: told.append(args[2]))
    runner.unsaved.timer.setInterval(50)  # seconds in the field; a moment in the test
    conn = started._store._db.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full: the file cannot grow
    venue = block(runner, "/data/details/venue").editor.box
    long_answer = "Casa comunal de la colonia, junto a la cancha " * 600  # about 27 KB
    venue.setFocus()
    qtbot.waitUntil(venue.hasFocus)
    venue.insert(long_answer)
    qtbot.keyClick(venue, Qt.Key.Key_Tab)
    assert runner.saved.text() == "⚠ NOT saved" and len(told) == 1
    assert started.value("/data/details/venue") == ""  # nothing shown as saved that is not
    assert venue.text().strip() == long_answer.strip()  # ...and nothing typed is wiped
    message = block(runner, "/data/details/venue").message
    assert message.isVisible() and "Not saved yet" in message.text.text()
    # Closing now would lose it: the person is asked, and "No" keeps the session open.
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.No)
    with qtbot.assertNotEmitted(runner.closed):
        runner.close_button.click()
    conn.execute("PRAGMA max_page_count = 1073741823")  # space freed on the disk
    qtbot.waitUntil(lambda: runner.saved.text().startswith("Saved "), timeout=3000)
    assert not message.isVisible() and len(told) == 1  # one box, not one per retry
    assert "saving the answer to /data/details/venue failed" in caplog.text
    assert "colonia" not in caplog.text  # the failure is logged, never the answer
    ws, again = reopened(tmp_path, forms_folder, started.instance_id)
    with ws:
        assert again.value("/data/details/venue") == long_answer.strip()


def test_finalizing_a_window_another_window_changed_is_refused_and_said(
    qtbot, workspace, started, monkeypatch
):
    for ref, value in (
        ("/data/details/venue", "Casa comunal"),
        ("/data/details/department", "sm"),
        ("/data/participants[1]/participant_code", "P01"),
    ):
        started.answer(ref, value)
    runner = open_runner(qtbot, started)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "critical", lambda *args, **kwargs: told.append(args[2]))
    other = workspace.resume(started.instance_id)  # the same draft in a second window
    other.answer("/data/participants[1]/participant_code", "P02")
    finalized: list[str] = []
    runner.finalized.connect(finalized.append)
    runner.finalize()  # runs in the background; the refusal is reported, not raised
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    assert not runner.readonly and "another Encuentro window" in told[0]
    assert finalized == [] and runner.isEnabled() and not runner.finalizing
    saved = workspace.store.submissions.get(started.instance_id)
    assert saved.status == "draft" and "P02" in saved.instance_xml


def test_an_answer_waiting_to_be_saved_holds_finalize_back(qtbot, started, monkeypatch):
    for ref, value in (
        ("/data/details/department", "sm"),
        ("/data/participants[1]/participant_code", "P01"),
    ):
        started.answer(ref, value)
    runner = open_runner(qtbot, started)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "critical", lambda *args, **kwargs: told.append(args[2]))
    conn = started._store._db.conn
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    runner.jump_to("/data/details/venue")
    venue = block(runner, "/data/details/venue").editor.box
    venue.setFocus()
    qtbot.waitUntil(venue.hasFocus)
    venue.insert("Casa comunal " * 2000)  # completes the form, but the disk is full
    with qtbot.assertNotEmitted(runner.finalized):
        runner.finalize()
    assert not runner.readonly and len(told) == 1  # told once, then shown where it waits
    assert "Not saved yet" in block(runner, "/data/details/venue").message.text.text()
    assert started._store.submissions.get(started.instance_id).status == "draft"
    conn.execute("PRAGMA max_page_count = 1073741823")
    with qtbot.waitSignal(runner.finalized):
        runner.finalize()
    assert "Casa comunal Casa comunal" in started.to_xml()


def test_a_pause_in_typing_saves_what_is_typed_so_far(
    qtbot, started, tmp_path, forms_folder, monkeypatch
):
    from ui.runner import text_editors

    monkeypatch.setattr(text_editors, "IDLE_SAVE_MS", 30)  # two seconds in the field
    runner = open_runner(qtbot, started)
    venue = block(runner, "/data/details/venue").editor.box
    qtbot.waitUntil(venue.hasFocus)
    qtbot.keyClicks(venue, "Casa ")  # still in the field, about to type the next word
    qtbot.waitUntil(lambda: started.value("/data/details/venue") == "Casa")
    ws2, again = reopened(tmp_path, forms_folder, started.instance_id)  # as after a power cut
    with ws2:
        assert again.value("/data/details/venue") == "Casa"
    assert venue.text() == "Casa " and venue.hasFocus()  # the space before the next word stays
    qtbot.keyClicks(venue, "comunal")
    qtbot.waitUntil(lambda: started.value("/data/details/venue") == "Casa comunal")
    assert venue.text() == "Casa comunal"
