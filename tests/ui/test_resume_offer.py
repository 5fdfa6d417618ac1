"""After a crash or power cut, start offers to continue the session that was being run."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.run_marker import RunMarker, UncleanExit
from ui import dialogs as real_dialogs
from ui.resume_offer import interrupted_draft, offer_resume

GUIDE = "grupo_focal_mujeres"


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch, dialogs):
    monkeypatch.setattr(real_dialogs, "ask_yes_no", dialogs.ask_yes_no)
    return dialogs


def crashed_run(workspace, data_dir: Path) -> tuple[UncleanExit, str]:
    """A run that started, had a draft edited and was killed (its marker never removed)."""
    RunMarker(data_dir).begin()
    profile = workspace.create_profile("Ana Martínez")
    active = workspace.start_session(GUIDE, facilitator=profile, language="es")
    for name in ("department", "municipality", "community"):  # cascading lists
        prompt = next(p for p in active.prompts() if p.ref == f"/data/{name}")
        active.answer(prompt.ref, prompt.choices[0].value)
    unclean = RunMarker(data_dir).begin()  # the next start
    assert unclean is not None
    return unclean, active.instance_id


def test_the_interrupted_session_is_offered_and_opens(qtbot, window, workspace, data_dir, asked):
    unclean, instance_id = crashed_run(workspace, data_dir)
    asked.answers.append(True)
    assert offer_resume(window, workspace, unclean)
    title, question = asked.questions[0]
    assert "Continue" in question and "started" in question
    row = interrupted_draft(workspace, unclean)
    assert row is not None and row.community and row.community in question
    qtbot.waitUntil(lambda: window.runner is not None, timeout=20_000)
    assert window.runner.active.instance_id == instance_id
    assert window.profile is not None and window.profile.display_name == "Ana Martínez"


def test_saying_no_leaves_the_start_screen(window, workspace, data_dir, asked):
    unclean, _ = crashed_run(workspace, data_dir)
    asked.answers.append(False)
    assert not offer_resume(window, workspace, unclean)
    assert window.stack.currentWidget() is window.start_view


def test_a_draft_untouched_during_the_cut_run_is_not_offered(workspace, data_dir, asked):
    profile = workspace.create_profile("Ana Martínez")
    workspace.start_session(GUIDE, facilitator=profile, language="es")
    unclean = UncleanExit(started_at="2999-01-01T00:00:00+00:00")
    assert interrupted_draft(workspace, unclean) is None
