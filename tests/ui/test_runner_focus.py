"""Focus-group panel on a built-in guide: the live participant count and consent count.

Real Workspace on a fresh data folder, the built-in focus group with women, real widgets.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from ui.runner import FormRunner

from .waiting import settle_layout, wait_first_focus

FORM_ID = "grupo_focal_mujeres"


def open_runner(qtbot, active) -> FormRunner:
    runner = FormRunner(active)
    qtbot.addWidget(runner)
    runner.resize(1366, 740)
    runner.show()
    qtbot.waitExposed(runner)
    runner.activateWindow()
    wait_first_focus(qtbot, runner)  # the runner focuses the first question first
    return runner


def counts(runner: FormRunner) -> tuple[str, str]:
    labels = runner.focus_panel.count_labels
    return labels["total"].text(), labels["taking_part"].text()


def type_code(qtbot, runner: FormRunner, ref: str, code: str) -> None:
    runner.jump_to(ref)
    box = runner.page_view.blocks[ref].editor.box
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClicks(box, code)
    qtbot.keyClick(box, Qt.Key.Key_Tab)  # leaving the field saves it


def choose(qtbot, runner: FormRunner, ref: str, value: str) -> None:
    runner.jump_to(ref)
    buttons = runner.page_view.blocks[ref].editor.buttons.buttons()
    button = next(b for b in buttons if b.property("choice") == value)
    qtbot.waitUntil(button.isVisible)
    settle_layout(button)  # the page's layout settles on the next turn of the event loop
    # near the left edge: a radio button reacts on its mark and text only
    spot = QPoint(min(8, button.width() // 2), button.height() // 2)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=spot)


def test_new_session_counts_nobody_and_consent_is_counted_apart(qtbot, workspace) -> None:
    profile = workspace.create_profile("Ana Martínez")
    active = workspace.start_session(FORM_ID, facilitator=profile, language="es")
    runner = open_runner(qtbot, active)
    assert runner.fg_mode
    # the participants repeat starts with one blank entry: that is nobody yet
    assert "/data/participants[1]/participant_code" in {p.ref for p in active.prompts()}
    assert counts(runner) == ("0", "0")

    type_code(qtbot, runner, "/data/participants[1]/participant_code", "P01")
    assert counts(runner) == ("1", "0")
    choose(qtbot, runner, "/data/participants[1]/consent", "si")
    choose(qtbot, runner, "/data/participants[1]/sex", "mujer")
    assert counts(runner) == ("1", "1")
    assert runner.focus_panel.count_labels["sex"].text() == "Mujer: 1"

    # a new blank entry is not counted until something is entered in it
    runner.jump_to("/data/participants")
    add = runner.page_view.blocks["/data/participants"].add_button
    qtbot.waitUntil(add.isVisible)
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert "/data/participants[2]/participant_code" in {p.ref for p in active.prompts()}
    assert counts(runner) == ("1", "1")
    # a person who declines is in the total, not among those who consented
    choose(qtbot, runner, "/data/participants[2]/consent", "no")
    assert counts(runner) == ("2", "1")
    type_code(qtbot, runner, "/data/participants[2]/participant_code", "P02")
    assert counts(runner) == ("2", "1")


def test_resumed_session_shows_the_same_counts(qtbot, workspace) -> None:
    profile = workspace.create_profile("Ana Martínez")
    active = workspace.start_session(FORM_ID, facilitator=profile, language="es")
    active.answer("/data/participants[1]/participant_code", "P01")
    active.answer("/data/participants[1]/consent", "si")
    runner = open_runner(qtbot, active)
    assert counts(runner) == ("1", "1")
    runner.close()
    again = open_runner(qtbot, workspace.resume(active.instance_id))
    assert counts(again) == ("1", "1")
