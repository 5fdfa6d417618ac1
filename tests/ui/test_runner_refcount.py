"""A whole day of answers must not wear out the Python interpreter.

PySide6-Essentials 6.12.0 on Python 3.11 releases one reference to None (and to True/False)
too many on every void Qt call (QLabel.setText, setVisible...). Python aborts the process
("none_dealloc") once None's count reaches zero: ~345 answers into a roster with the first runner.
pyproject.toml pins 6.11.3, measured clean; this test fails if a PySide6 with the bug comes back.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.config import load_config
from app.workspace import Workspace
from tests.ui.test_runner import FORM
from ui.runner import FormRunner


def test_answers_do_not_use_up_references_to_none(qtbot, tmp_path: Path) -> None:
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "fg_test.md").write_text(FORM, encoding="utf-8")
    with Workspace.open(load_config(tmp_path / "data"), forms_folder=forms) as ws:
        active = ws.start_session("fg_test", language="es")
        runner = FormRunner(active)
        qtbot.addWidget(runner)
        runner.show()
        runner.jump_to("/data/participants")
        before = sys.getrefcount(None)
        for number in range(200):
            runner.answer("/data/participants[1]/participant_code", f"P{number:03d}")
        lost = before - sys.getrefcount(None)
        assert lost < 20, f"{lost} references to None lost in 200 answers"
