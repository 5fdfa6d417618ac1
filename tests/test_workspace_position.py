"""start-geopoint through the workspace: a fix that comes after the draft was created is saved
into it like an answer; a session finalised (or left) before the fix drops it.

The device's position service is the system edge: here a plain object that hands out a fix when
the test says it arrived, as QtPositioning does on its own time on a laptop."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.active_session import ActiveSession
from app.config import load_config
from app.store import StoreError
from app.workspace import Workspace

VISITA = """
| survey |
|  | type           | name    | label          | required |
|  | start-geopoint | where   |                |          |
|  | text           | village | Village        | yes      |
|  | note           | seen    | Here: ${where} |          |
| settings |
|  | form_id | version |
|  | visita  | 1       |
"""
FIX = "13.69 -89.19 650.0 16.0"


class SlowPositionService:
    """Delivers a fix to whoever asked, later, when the test calls arrive()."""

    def __init__(self) -> None:
        self.waiting: list[Callable[[str], object]] = []

    def request(self, deliver: Callable[[str], object]) -> None:
        self.waiting.append(deliver)

    def arrive(self, position: str) -> list[object]:
        delivered, self.waiting = self.waiting, []
        return [deliver(position) for deliver in delivered]


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "visita.md").write_text(VISITA, encoding="utf-8")
    with Workspace.open(load_config(tmp_path / "data"), forms_folder=folder) as opened:
        yield opened


def start(ws: Workspace, service: SlowPositionService) -> ActiveSession:
    active = ws.start_session("visita")
    if active.awaiting_position:  # as the runner does: ask only when the form waits for one
        service.request(active.receive_position)
    return active


def stored_xml(ws: Workspace, instance_id: str) -> str:
    with Workspace.open(ws.config) as other:  # what a restart would find in the data file
        return other.session_record(instance_id).instance_xml


def test_a_late_fix_is_saved_into_the_draft_and_reported(ws: Workspace):
    service = SlowPositionService()
    active = start(ws, service)
    assert service.waiting  # start-geopoint asked for the position
    assert "<where/>" in stored_xml(ws, active.instance_id)

    (report,) = service.arrive(FIX)
    assert report is not None and "/data/where" in report.refs
    assert active.last_change is report
    assert f"<where>{FIX}</where>" in stored_xml(ws, active.instance_id)
    seen = active.prompt_at("/data/seen")
    assert seen is not None and FIX in seen.label
    # It is sent with the submission like any answer.
    active.answer("/data/village", "Perquín")
    assert active.finalize() == []
    assert f"<where>{FIX}</where>" in active.to_xml()


def test_a_session_finalised_before_the_fix_drops_it(ws: Workspace):
    service = SlowPositionService()
    active = start(ws, service)
    active.answer("/data/village", "Perquín")
    assert active.finalize() == []  # no position needed to finalise
    finalised = active.to_xml()
    assert "<where/>" in finalised
    assert service.arrive(FIX) == [None]
    assert active.to_xml() == finalised
    assert stored_xml(ws, active.instance_id) == finalised


def test_a_session_left_before_the_fix_drops_it(ws: Workspace):
    service = SlowPositionService()
    active = start(ws, service)
    active.stop_waiting_for_position()  # the runner closed
    assert not active.awaiting_position
    assert service.arrive(FIX) == [None]
    assert "<where/>" in stored_xml(ws, active.instance_id)


def test_a_resumed_draft_keeps_its_position_and_asks_for_none(ws: Workspace):
    service = SlowPositionService()
    active = start(ws, service)
    service.arrive(FIX)
    resumed = ws.resume(active.instance_id)
    assert not resumed.awaiting_position
    assert resumed.receive_position("13.7 -89.2 650.0 1.0") is None
    assert f"<where>{FIX}</where>" in stored_xml(ws, active.instance_id)


def test_a_fix_the_data_file_refuses_leaves_the_draft_as_it_was_and_still_waiting(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
):
    service = SlowPositionService()
    active = start(ws, service)

    def full_disk(*_args, **_kwargs):
        raise StoreError("disk_full", "disk full", "Free some space.")

    monkeypatch.setattr(ws.store.submissions, "save_draft", full_disk)
    with pytest.raises(StoreError):
        service.arrive(FIX)
    assert active.value("/data/where") == ""
    assert active.awaiting_position  # the next fix may still be saved
    monkeypatch.undo()
    assert active.receive_position(FIX) is not None
    assert f"<where>{FIX}</where>" in stored_xml(ws, active.instance_id)
