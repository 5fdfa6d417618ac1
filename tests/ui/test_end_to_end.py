"""A facilitator's day in one test, through the widgets: profile, a built-in focus group filled in
(participants, notes), finalized; a restarted app finds it finalized with the exact XML."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from app.config import load_config
from ui.launch import open_workspace
from ui.main_window import MainWindow

FORM_TITLE = "Grupo focal con mujeres"


def click(qtbot, widget) -> None:
    qtbot.waitUntil(widget.isVisible)
    # Near the left edge: a radio button reacts on its mark and text only, and a short label in
    # a list with a long one ("Other municipality (not listed)") leaves its middle empty.
    spot = QPoint(min(8, widget.width() // 2), widget.height() // 2)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=spot)


def editor(runner, ref: str):
    """Go to the question as the side index does, and return its editor."""
    runner.jump_to(ref)
    qtbot_block = runner.page_view.blocks[ref]
    return qtbot_block.editor


def type_answer(qtbot, runner, ref: str, text: str) -> None:
    box = editor(runner, ref).box
    box.setFocus()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Tab)  # leaving the field saves it


def type_date_time(qtbot, runner, ref: str, text: str) -> None:
    found = editor(runner, ref)
    box = found.date_box if found.date_box is not None else found.time_box
    box.setFocus()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Tab)


def choose(qtbot, runner, ref: str, value: str | None = None) -> str:
    """Pick a choice (the first one when value is None) with the mouse; returns its label."""
    found = editor(runner, ref)
    if found.combo is not None:
        index = found.combo.findData(value) if value else 1
        found.combo.setCurrentIndex(index)
        found.combo.activated.emit(index)
        return found.combo.itemText(index)
    buttons = found.buttons.buttons()
    button = next(b for b in buttons if b.property("choice") == value) if value else buttons[0]
    click(qtbot, button)
    return button.text()


@pytest.fixture
def no_confirmations(monkeypatch: pytest.MonkeyPatch) -> None:
    """The runner's 'Finalize now?' question answered Yes (a modal box is a system edge)."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


def test_focus_group_from_profile_to_finalized_after_restart(
    qtbot, window, data_dir: Path, dialogs, no_confirmations
) -> None:
    # A new facilitator, by keyboard.
    window.start_view.new_name.setFocus()
    qtbot.keyClicks(window.start_view.new_name, "Ana Martinez")
    qtbot.keyClick(window.start_view.new_name, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.tabs

    # Start the built-in focus group with women: select it and press Enter.
    forms = window.library_view.forms
    item = next(
        forms.topLevelItem(n)
        for n in range(forms.topLevelItemCount())
        if forms.topLevelItem(n).text(0) == FORM_TITLE
    )
    forms.setCurrentItem(item)
    forms.setFocus()
    with qtbot.waitSignal(window.runner_opened, timeout=5000):
        qtbot.keyClick(forms, Qt.Key.Key_Return)
    runner = window.runner
    assert window.stack.currentWidget() is window.runner_host
    active = runner.active
    assert active.language == "English (en)"  # the interface language was English

    # Session details.
    choose(qtbot, runner, "/data/department", "usulutan")
    choose(qtbot, runner, "/data/municipality")
    community = choose(qtbot, runner, "/data/community")
    type_date_time(qtbot, runner, "/data/session_date", "2026-11-20")
    type_date_time(qtbot, runner, "/data/start_time", "09:30")
    type_answer(qtbot, runner, "/data/venue", "Casa comunal")
    type_answer(qtbot, runner, "/data/facilitator", "Ana Martinez")
    type_answer(qtbot, runner, "/data/note_taker", "Rosa Elena")

    # The consent script, read to the group and confirmed, opens the page before the roster.
    click(qtbot, editor(runner, "/data/consentimiento/consent_script_read").box)

    # Two participants: one consents, one does not (no further data for her).
    type_answer(qtbot, runner, "/data/participants[1]/participant_code", "P01")
    choose(qtbot, runner, "/data/participants[1]/consent", "si")
    for field, value in (
        ("sex", "mujer"),
        ("age_band", "25_29"),
        ("group_type", "mujeres"),
        ("status", "retornado"),
    ):
        choose(qtbot, runner, f"/data/participants[1]/{field}", value)
    assert runner.focus_panel.count_labels["total"].text() == "1"
    runner.jump_to("/data/participants")
    click(qtbot, runner.page_view.blocks["/data/participants"].add_button)
    type_answer(qtbot, runner, "/data/participants[2]/participant_code", "P02")
    choose(qtbot, runner, "/data/participants[2]/consent", "no")
    assert "/data/participants[2]/sex" not in {p.ref for p in active.prompts()}

    # A note typed by the note-taker during the discussion.
    type_answer(qtbot, runner, "/data/empleo/empleo_discussion", "Falta empleo estable")
    entry = runner.focus_panel.entry
    entry.setFocus()
    qtbot.keyClicks(entry, "Dicen que no hay trabajo para quienes regresan")
    qtbot.keyClick(entry, Qt.Key.Key_Return)

    # Closing, then finalize.
    choose(qtbot, runner, "/data/closing/referral_requested", "no")
    type_date_time(qtbot, runner, "/data/closing/end_time", "11:15")
    assert active.validate() == []
    with qtbot.waitSignal(runner.finalized, timeout=5000) as finalized:
        click(qtbot, runner.finalize_button)
    instance_id = finalized.args[0]
    # The submission XML is what finalizing stored (and what the outbox will send).
    sent_xml = window.access.workspace.store.submissions.get(instance_id).instance_xml
    assert "Dicen que no hay trabajo para quienes regresan" in sent_xml
    assert "<participant_code>P02</participant_code>" in sent_xml
    click(qtbot, runner.close_button)
    assert window.runner is None
    assert window.tabs.currentWidget() is window.sessions_view
    assert dialogs.errors == []

    # Restart: a new workspace and window on the same data folder.
    window.close()
    window.access.workspace.close()
    workspace = open_workspace(load_config(data_dir))
    again = MainWindow(workspace)
    try:
        qtbot.addWidget(again)
        again.show()
        qtbot.waitExposed(again)
        assert again.start_view.profiles.currentItem().text() == "Ana Martinez"
        qtbot.keyClick(again.start_view.profiles, Qt.Key.Key_Return)
        qtbot.keyClick(again, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        model = again.sessions.model
        assert model.total() == 1
        row = model.row_at(0)
        assert (row.instance_id, row.status, row.community) == (instance_id, "finalized", community)
        assert model.index(0, 0).data() == "Finalized"
        saved = workspace.store.submissions.get(instance_id)
        assert saved.status == "finalized"
        assert saved.instance_xml == sent_xml  # exactly the submission XML

        # Enter on the row opens it read-only.
        table = again.sessions_view.table
        table.setFocus()
        table.selectRow(0)
        with qtbot.waitSignal(again.runner_opened, timeout=5000):
            qtbot.keyClick(table, Qt.Key.Key_Return)
        assert again.runner.readonly
        click(qtbot, again.runner.close_button)
        assert workspace.store.submissions.get(instance_id).instance_xml == sent_xml
    finally:
        again.close()
        workspace.close()


def test_closing_the_window_keeps_text_typed_but_not_yet_left(qtbot, window, data_dir) -> None:
    """A facilitator types the venue and closes the laptop's window at once: it is saved."""
    window.start_view.new_name.setFocus()
    qtbot.keyClicks(window.start_view.new_name, "Ana")
    qtbot.keyClick(window.start_view.new_name, Qt.Key.Key_Return)
    forms = window.library_view.forms
    item = next(
        forms.topLevelItem(n)
        for n in range(forms.topLevelItemCount())
        if forms.topLevelItem(n).text(0) == FORM_TITLE
    )
    forms.setCurrentItem(item)
    with qtbot.waitSignal(window.runner_opened, timeout=5000):
        qtbot.mouseClick(window.library_view.start_button, Qt.MouseButton.LeftButton)
    runner = window.runner
    instance_id = runner.active.instance_id
    box = editor(runner, "/data/venue").box
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClicks(box, "Escuela del canton")
    window.close()
    saved = window.access.workspace.store.submissions.get(instance_id)
    assert "<venue>Escuela del canton</venue>" in saved.instance_xml
