"""start-geopoint in the runner: the OS position service is asked only for forms that need it, a
fix lands in the draft's XML and on the screen, and a form with no position service still opens
and finalises.

The OS service is the system edge: QtPositioning's own NMEA source in simulation mode, replaying
a small NMEA log (a real Qt path: parsing, timing, accuracy from HDOP), stands in for geoclue; a
source that stays silent until the test speaks covers "the fix comes after the session ended".
"""

from __future__ import annotations

import functools
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, QFile, QIODevice, QObject, Signal
from PySide6.QtPositioning import (
    QGeoCoordinate,
    QGeoPositionInfo,
    QGeoPositionInfoSource,
    QNmeaPositionInfoSource,
)
from PySide6.QtWidgets import QMessageBox

from app.config import load_config
from app.workspace import Workspace
from ui import device_position
from ui.runner import FormRunner

ROOT = Path(__file__).resolve().parents[2]

VISITA = """
| survey |
|  | type                | name       | label          | trigger    |
|  | start-geopoint      | where      |                |            |
|  | text                | village    | Village        |            |
|  | note                | seen       | Here: ${where} |            |
|  | background-geopoint | at_village |                | ${village} |
| settings |
|  | form_id | version |
|  | visita  | 1       |
"""
PLAIN = """
| survey |
|  | type | name    | label   |
|  | text | village | Village |
| settings |
|  | form_id | version |
|  | plain   | 1       |
"""


def nmea(body: str) -> str:
    checksum = functools.reduce(lambda total, char: total ^ ord(char), body, 0)
    return f"${body}*{checksum:02X}\r\n"


# Two fixes a second apart near Zacatecoluca: HDOP 1.6 then 0.8 (16 m then 8 m with a 5 m
# range error), the second more accurate, so it replaces the first (Collect's rule).
NMEA_LOG = "".join(
    [
        nmea("GPRMC,120000.00,A,1341.4000,N,08911.4000,W,0.0,0.0,071226,,,A"),
        nmea("GPGGA,120000.00,1341.4000,N,08911.4000,W,1,08,1.6,650.0,M,0.0,M,,"),
        nmea("GPRMC,120001.00,A,1341.4010,N,08911.4000,W,0.0,0.0,071226,,,A"),
        nmea("GPGGA,120001.00,1341.4010,N,08911.4000,W,1,08,0.8,651.0,M,0.0,M,,"),
    ]
)


class Sources:
    """Replaces the OS's default position source and counts how often it was asked for."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, make) -> None:
        self.opened = 0
        self.made: list[object] = []

        def factory(parent: QObject):
            self.opened += 1
            source = make(parent)
            self.made.append(source)
            return source

        monkeypatch.setattr(device_position, "default_source", factory)


class SilentSource(QObject):
    """A position source that sends a fix only when the test says so."""

    positionUpdated = Signal(object)  # noqa: N815 (Qt's names)
    errorOccurred = Signal(object)  # noqa: N815

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running = False

    def startUpdates(self) -> None:  # noqa: N802
        self.running = True

    def stopUpdates(self) -> None:  # noqa: N802
        self.running = False

    def send(self, latitude: float, longitude: float, altitude: float, accuracy: float) -> None:
        info = QGeoPositionInfo(
            QGeoCoordinate(latitude, longitude, altitude), QDateTime.currentDateTime()
        )
        info.setAttribute(QGeoPositionInfo.Attribute.HorizontalAccuracy, accuracy)
        self.positionUpdated.emit(info)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "visita.md").write_text(VISITA, encoding="utf-8")
    (folder / "plain.md").write_text(PLAIN, encoding="utf-8")
    with Workspace.open(load_config(tmp_path / "data"), forms_folder=folder) as opened:
        assert opened.builtin_problems == []
        yield opened


def open_runner(qtbot, active) -> FormRunner:
    runner = FormRunner(active)
    qtbot.addWidget(runner)
    runner.show()
    qtbot.waitExposed(runner)
    return runner


def stored_xml(ws: Workspace, instance_id: str) -> str:
    with Workspace.open(ws.config) as other:  # what the data file holds, as after a restart
        return other.session_record(instance_id).instance_xml


def seen_label(runner: FormRunner) -> str:
    return runner.page_view.blocks["/data/seen"].label.text()


def test_a_fix_from_the_position_service_lands_in_the_draft_and_on_screen(
    qtbot, ws, monkeypatch, caplog, tmp_path: Path
):
    log_file = tmp_path / "fixes.nmea"
    log_file.write_text(NMEA_LOG, encoding="ascii")

    def nmea_source(parent: QObject):
        source = QNmeaPositionInfoSource(QNmeaPositionInfoSource.UpdateMode.SimulationMode, parent)
        device = QFile(str(log_file), source)
        assert device.open(QIODevice.OpenModeFlag.ReadOnly)
        source.setDevice(device)
        source.setUserEquivalentRangeError(5.0)  # accuracy = HDOP x 5 m
        return source

    sources = Sources(monkeypatch, nmea_source)
    active = ws.start_session("visita")
    with caplog.at_level(logging.DEBUG):
        runner = open_runner(qtbot, active)
        assert sources.opened == 1
        # The more accurate second fix replaces the first: altitude 651 m, 8 m accuracy.
        qtbot.waitUntil(lambda: active.value("/data/where").endswith(" 651.0 8.0"), timeout=15_000)
    assert "a position fix came" in caplog.text
    assert "13.69" not in caplog.text and "89.1" not in caplog.text  # never coordinates
    where = active.value("/data/where")
    latitude, longitude, _altitude, _accuracy = map(float, where.split())
    assert latitude == pytest.approx(13.6900167, abs=1e-6)
    assert longitude == pytest.approx(-89.19, abs=1e-6)
    assert f"<where>{where}</where>" in stored_xml(ws, active.instance_id)
    qtbot.waitUntil(lambda: where in seen_label(runner), timeout=5_000)
    runner.close_session()


def test_a_form_without_setgeopoint_never_opens_the_position_service(qtbot, ws, monkeypatch):
    sources = Sources(monkeypatch, SilentSource)
    runner = open_runner(qtbot, ws.start_session("plain"))
    runner.answer("/data/village", "Perquín")
    runner.close_session()
    assert sources.opened == 0


def test_the_app_starts_without_loading_qtpositioning():
    # In a fresh interpreter: the main window and the runner load, QtPositioning does not.
    code = (
        "import sys; import ui.main_window, ui.runner; "
        "sys.exit('PySide6.QtPositioning' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=120, check=False)
    assert done.returncode == 0


def test_with_no_position_service_the_form_opens_and_finalises_empty(
    qtbot, ws, monkeypatch, caplog
):
    sources = Sources(monkeypatch, lambda parent: None)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    active = ws.start_session("visita")
    with caplog.at_level(logging.INFO, logger="ui.device_position"):
        runner = open_runner(qtbot, active)
    assert sources.opened == 1
    assert "no position service" in caplog.text
    runner.answer("/data/village", "Perquín")
    with qtbot.waitSignal(runner.finalized, timeout=10_000):
        runner.finalize()
    assert "<where/>" in stored_xml(ws, active.instance_id)
    assert ws.session_record(active.instance_id).status == "finalized"


def test_a_service_that_refuses_leaves_the_position_empty(qtbot, ws, monkeypatch, caplog):
    sources = Sources(monkeypatch, SilentSource)
    active = ws.start_session("visita")
    runner = open_runner(qtbot, active)
    (source,) = sources.made
    assert source.running
    with caplog.at_level(logging.INFO, logger="ui.device_position"):
        source.errorOccurred.emit(QGeoPositionInfoSource.Error.AccessError)
    assert "not available (AccessError)" in caplog.text
    assert not source.running
    source.send(13.69, -89.19, 650.0, 8.0)  # ignored once the service refused
    assert active.value("/data/where") == ""
    runner.close_session()


def test_a_fix_after_the_session_was_finalised_or_left_is_dropped(qtbot, ws, monkeypatch, caplog):
    sources = Sources(monkeypatch, SilentSource)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    finalised = ws.start_session("visita")
    runner = open_runner(qtbot, finalised)
    with qtbot.waitSignal(runner.finalized, timeout=10_000):
        runner.finalize()
    kept = stored_xml(ws, finalised.instance_id)
    with caplog.at_level(logging.DEBUG):
        sources.made[0].send(13.69, -89.19, 650.0, 8.0)
    assert stored_xml(ws, finalised.instance_id) == kept
    assert "89.19" not in caplog.text  # a position is never written to the log
    runner.close_session()

    left = ws.start_session("visita")
    runner = open_runner(qtbot, left)
    runner.close_session()
    sources.made[1].send(13.69, -89.19, 650.0, 8.0)
    assert "<where/>" in stored_xml(ws, left.instance_id)
    assert left.value("/data/where") == ""


def test_a_new_ask_while_listening_gets_the_fix_of_a_moment_ago(qtbot, ws, monkeypatch):
    sources = Sources(monkeypatch, SilentSource)
    active = ws.start_session("visita")
    runner = open_runner(qtbot, active)
    (source,) = sources.made
    source.send(13.69, -89.19, 650.0, 8.0)
    assert active.value("/data/where") == "13.69 -89.19 650.0 8.0"
    assert "13.69 -89.19 650.0 8.0" in seen_label(runner)
    # The service is on and the laptop stays put: no new fix comes, yet the background-geopoint
    # the answer fires gets the fix of a moment ago.
    runner.answer("/data/village", "Perquín")
    assert active.value("/data/at_village") == "13.69 -89.19 650.0 8.0"
    assert "<at_village>13.69 -89.19 650.0 8.0</at_village>" in stored_xml(ws, active.instance_id)
    runner.close_session()
    assert not source.running


def test_listening_ends_with_its_window_and_says_so_when_no_fix_came(qtbot, caplog):
    source = SilentSource()
    position = device_position.DevicePosition(source_factory=lambda parent: source)
    with caplog.at_level(logging.INFO, logger="ui.device_position"):
        assert position.listen(0.05)
        assert source.running
        qtbot.waitUntil(lambda: not position.listening, timeout=5_000)
    assert not source.running
    assert "no fix in time" in caplog.text


def test_the_default_source_is_made_by_this_qt_without_error(qtbot):
    # The call the app makes (parameters for geoclue2, then the parent): a wrong signature would
    # only be logged in the field, and every position would stay empty.
    owner = QObject()
    source = device_position.default_source(owner)
    assert source is None or isinstance(source, QGeoPositionInfoSource)
    if source is not None:
        assert source.parent() is owner
        assert source.sourceName() in QGeoPositionInfoSource.availableSources()
