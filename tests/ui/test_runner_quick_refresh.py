"""An answer updates only what it changed: the page (labels showing answers), the side index's
mark and the progress, without rebuilding every prompt of the form; a relevance change still
rebuilds. Real runner, real Workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import load_config
from app.workspace import Workspace
from tests.ui.test_runner import FORM, block, open_runner


@pytest.fixture
def started(tmp_path: Path):
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "fg_test.md").write_text(FORM, encoding="utf-8")
    with Workspace.open(load_config(tmp_path / "data"), forms_folder=folder) as ws:
        yield ws.start_session("fg_test", language="es")


class CountingPrompts:
    """Counts full rebuilds of the prompt list (the expensive step on a big form)."""

    def __init__(self, active) -> None:
        self.calls = 0
        self._real = active.prompts
        active.prompts = self

    def __call__(self):
        self.calls += 1
        return self._real()


def test_an_answer_updates_its_page_index_and_progress_without_a_rebuild(qtbot, started) -> None:
    runner = open_runner(qtbot, started)
    rebuilds = CountingPrompts(started)
    runner.answer("/data/details/venue", "Casa comunal")
    assert rebuilds.calls == 0
    assert "Casa comunal" in block(runner, "/data/details/greet").label.text()
    assert runner.index._items["/data/details/venue"].text(0).startswith("✓")
    assert runner.progress_text.text().startswith("1 of")
    runner.answer("/data/details/expected", "50")  # breaks its constraint: shown at once
    assert rebuilds.calls == 0
    assert block(runner, "/data/details/expected").message.isVisible()
    assert runner.index._items["/data/details/expected"].text(0).startswith("!")


def test_a_relevance_change_still_rebuilds(qtbot, started) -> None:
    runner = open_runner(qtbot, started)
    runner.jump_to("/data/topic1/themes")
    rebuilds = CountingPrompts(started)
    runner.answer("/data/topic1/themes", "work")
    assert rebuilds.calls >= 1
    assert "/data/topic1/detail" in runner.page_view.blocks


def test_the_progress_kept_between_answers_is_what_a_full_count_gives(qtbot, started) -> None:
    runner = open_runner(qtbot, started)
    rebuilds = CountingPrompts(started)
    steps = [
        ("/data/details/venue", "Casa comunal"),
        ("/data/details/expected", "50"),  # breaks its constraint: not answered
        ("/data/details/session_date", "2026-11-20"),
        ("/data/details/expected", "12"),  # now answered
        ("/data/details/venue", ""),  # a required answer taken back
        ("/data/details/department", "sm"),
    ]
    for ref, value in steps:
        runner.answer(ref, value)
        kept = runner.progress_text.text()
        runner.refresh()  # counts every question from nothing
        assert runner.progress_text.text() == kept, ref
    assert rebuilds.calls == len(steps)  # only the refreshes of this test rebuilt
    assert runner.progress_text.text().startswith("3 of")
