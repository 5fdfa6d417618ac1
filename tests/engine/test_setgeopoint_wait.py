"""odk:setgeopoint with a position that comes later, as from a laptop's position service.

Collect writes the first fix after the action fired and replaces it with a more accurate one for
20 seconds (CollectSetGeopointAction); here the fix comes through Session.receive_position().
The clock is the session's own (a plain callable), so no test waits for real time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.engine import load_form
from app.engine.position_wait import POSITION_WINDOW, fix_accuracy, fix_text
from tests.engine.conftest import xform_from_markdown

FIX = "13.69 -89.19 650.0 16.0"
BETTER = "13.6901 -89.1901 651.0 8.0"


class Clock:
    """The session's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def geo_form(tmp_path: Path):
    return load_form(
        xform_from_markdown(
            """
            | survey |
            |        | type                | name    | label        | trigger  |
            |        | start-geopoint      | where   |              |          |
            |        | text                | q       | Q            |          |
            |        | background-geopoint | at_q    |              | ${q}     |
            |        | note                | shown   | At: ${where} |          |
            |        | begin_repeat        | visit   | Visit        |          |
            |        | start-geopoint      | vwhere  |              |          |
            |        | text                | vname   | Name         |          |
            |        | end_repeat          |         |              |          |
            """,
            tmp_path,
        )
    )


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The sessions' clock (the system edge), moved by hand."""
    fake = Clock()
    monkeypatch.setattr("app.engine.session.time.monotonic", fake)
    return fake


def new_session(tmp_path: Path, clock: Clock):
    session = geo_form(tmp_path).new_session()
    assert session.clock is clock
    return session


def test_a_fix_that_comes_later_fills_start_geopoint_and_a_more_accurate_one_replaces_it(
    tmp_path: Path, clock: Clock
):
    session = new_session(tmp_path, clock)
    assert session.value("/data/where") == ""
    assert session.awaiting_position()
    assert session.position_wait_left() == pytest.approx(POSITION_WINDOW)

    clock.now += 3
    assert session.receive_position(FIX)
    assert session.value("/data/where") == FIX
    # The label showing it follows, like any answer's.
    shown = next(p for p in session.prompts() if p.ref == "/data/shown")
    assert FIX in shown.label
    # A less accurate fix does not replace it, a more accurate one does (Collect's rule).
    assert not session.receive_position("13.0 -89.0 0.0 40.0")
    assert session.value("/data/where") == FIX
    assert session.receive_position(BETTER)
    assert session.value("/data/where") == BETTER
    # After Collect's 20 seconds the event is over: a fix then is dropped.
    clock.now += POSITION_WINDOW
    assert not session.awaiting_position()
    assert not session.receive_position("13.7 -89.2 650.0 1.0")
    assert session.value("/data/where") == BETTER
    assert "<where>" + BETTER + "</where>" in session.to_xml()


def test_no_fix_leaves_every_target_empty_and_the_form_finalisable(tmp_path: Path, clock: Clock):
    session = new_session(tmp_path, clock)
    clock.now += POSITION_WINDOW + 1
    assert not session.receive_position(FIX)
    assert session.value("/data/where") == ""
    assert session.validate() == []
    assert "<where/>" in session.to_xml()


def test_a_fix_does_not_overwrite_what_changed_since_the_event(tmp_path: Path, clock: Clock):
    session = new_session(tmp_path, clock)
    session.set("/data/q", "hola")  # fires the background-geopoint: at_q waits too
    session.set("/data/at_q", "1 2 3 4")  # something else wrote there meanwhile
    assert session.receive_position(FIX)
    assert session.value("/data/where") == FIX
    assert session.value("/data/at_q") == "1 2 3 4"


def test_value_changed_fills_on_each_change_of_its_trigger(tmp_path: Path, clock: Clock):
    session = new_session(tmp_path, clock)
    assert session.receive_position(FIX)
    assert session.value("/data/at_q") == ""  # its trigger has not changed yet
    clock.now += POSITION_WINDOW + 1  # start-geopoint's window is over
    session.set("/data/q", "hola")
    assert session.awaiting_position()
    assert session.receive_position("14.0 -88.0 10.0 30.0")
    assert session.value("/data/at_q") == "14.0 -88.0 10.0 30.0"
    assert session.value("/data/where") == FIX  # start-geopoint filled once, for good
    # A new change of the trigger starts a new wait: the next fix is written even if less
    # accurate than the one of the earlier change (Collect resets the best accuracy).
    session.set("/data/q", "adiós")
    assert session.receive_position("14.1 -88.1 10.0 50.0")
    assert session.value("/data/at_q") == "14.1 -88.1 10.0 50.0"


REPEAT_XFORM = """<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml"
 xmlns:odk="http://www.opendatakit.org/xforms">
<h:head><h:title>t</h:title><model>
<instance><data id="t"><visit><vwhere/><vname/></visit><meta><instanceID/></meta></data></instance>
<bind nodeset="/data/visit/vwhere" type="geopoint"/>
</model></h:head><h:body>
<repeat nodeset="/data/visit">
 <odk:setgeopoint event="odk-instance-first-load odk-new-repeat" ref="/data/visit/vwhere"/>
 <input ref="/data/visit/vname"><label>Name</label></input>
</repeat></h:body></h:html>"""


def test_new_repeat_fills_the_new_instance_only_and_a_removed_one_is_dropped(clock: Clock):
    session = load_form(REPEAT_XFORM).new_session()
    assert session.receive_position(FIX)  # the first visit, at load
    assert session.value("/data/visit[1]/vwhere") == FIX
    clock.now += POSITION_WINDOW + 1
    second = session.add_repeat("/data/visit")
    third = session.add_repeat("/data/visit")
    session.remove_repeat(third)
    assert session.awaiting_position()
    assert session.receive_position(BETTER)
    assert session.value(f"{second}/vwhere") == BETTER
    assert session.value("/data/visit[1]/vwhere") == FIX
    assert len(session.awaited_positions) == 1  # the removed visit's wait is gone


def test_a_resumed_draft_does_not_fire_first_load_again(tmp_path: Path, clock: Clock):
    session = new_session(tmp_path, clock)
    session.receive_position(FIX)
    draft = session.to_xml(include_non_relevant=True)
    resumed = session.owner.open_session(draft)
    assert not resumed.awaiting_position()
    assert not resumed.receive_position(BETTER)
    assert resumed.value("/data/where") == FIX
    # An empty start-geopoint of a resumed draft stays empty too (Collect: first load only).
    empty = session.owner.new_session()
    reopened = session.owner.open_session(empty.to_xml(include_non_relevant=True))
    assert not reopened.awaiting_position()
    assert not reopened.receive_position(FIX)
    assert reopened.value("/data/where") == ""


def test_a_left_session_drops_a_late_fix(tmp_path: Path, clock: Clock):
    session = new_session(tmp_path, clock)
    session.stop_waiting_for_position()
    assert not session.receive_position(FIX)
    assert session.value("/data/where") == ""


def test_a_fix_that_is_not_a_geopoint_is_refused(tmp_path: Path, clock: Clock):
    session = new_session(tmp_path, clock)
    with pytest.raises(ValueError):
        session.receive_position("somewhere")
    with pytest.raises(ValueError):
        session.receive_position("95 10 0 0")  # no latitude beyond the pole
    assert session.value("/data/where") == ""


def test_a_fix_is_written_as_collect_writes_it():
    assert fix_text(13.69, -89.19, 650, 8) == "13.69 -89.19 650.0 8.0"
    # NaN altitude/accuracy (unknown) are 0.0, as Android's Location gives them.
    assert fix_text(13.69, -89.19, float("nan"), float("nan")) == "13.69 -89.19 0.0 0.0"
    # Java's Double.toString below 10^-3 and Float.toString of a 32-bit accuracy.
    assert fix_text(0.00001, -1234567890.5, 0.0, 12.3) == "1.0E-5 -1.2345678905E9 0.0 12.3"
    assert fix_accuracy("13.69 -89.19 650.0 8.0") == 8.0
    assert fix_accuracy("13.69 -89.19") == float("inf")  # unknown accuracy ranks last
    assert fix_accuracy("13.69 -89.19 0.0 0.0") == float("inf")
