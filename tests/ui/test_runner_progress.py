"""Progress counts the guide's answers: a note taken in the panel is not four answers, an answer
that breaks its constraint is not answered; finalizing names discussion topics left without
notes instead of saying everything is complete."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.config import load_config
from app.workspace import Workspace
from tests.ui.test_runner import FORM, open_runner
from ui.runner import FormRunner


@pytest.fixture
def started(tmp_path: Path):
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "fg_test.md").write_text(FORM, encoding="utf-8")
    with Workspace.open(load_config(tmp_path / "data"), forms_folder=folder) as ws:
        profile = ws.create_profile("Ana Martínez")
        yield ws.start_session("fg_test", facilitator=profile, language="es")


def answered(runner) -> int:
    return int(re.match(r"(\d+) of", runner.progress_text.text()).group(1))


def test_a_note_is_not_four_answers(qtbot, started):
    runner = open_runner(qtbot, started)
    before = answered(runner)
    runner.add_note("Hablan del transporte")
    assert "Hablan del transporte" in started.session.to_xml(include_non_relevant=True)
    assert answered(runner) == before


def test_an_answer_breaking_its_constraint_is_not_answered(qtbot, started):
    runner = open_runner(qtbot, started)
    runner.answer("/data/details/expected", "50")  # the form allows 1 to 20
    assert started.value("/data/details/expected") == "50"  # kept, shown with its message
    assert answered(runner) == 0
    runner.answer("/data/details/expected", "12")
    assert answered(runner) == 1


def test_finalizing_names_the_topics_without_notes(qtbot, workspace_builtin):
    active = workspace_builtin.start_session("grupo_focal_mujeres", language="es")
    runner = FormRunner(active)
    qtbot.addWidget(runner)
    topics = [
        page
        for page in runner.pages
        if any(q.ref.endswith("_discussion") for q in page.questions())
    ]
    assert len(topics) >= 2
    question = runner._finalize_question()
    assert "All required answers" in question and "no notes yet" in question
    assert f"• {topics[0].title}" in question
    runner.go_to_page(runner.pages.index(topics[0]))
    runner.add_note("Dicen que el parque no tiene luz")
    question = runner._finalize_question()
    assert f"• {topics[0].title}\n" not in question + "\n"
    assert f"• {topics[1].title}" in question


@pytest.fixture
def workspace_builtin(data_dir):
    """The real Workspace with the built-in guides (the ui conftest's, under another name)."""
    with Workspace.open(load_config(data_dir)) as opened:
        yield opened
