"""The laptop's position service (QtPositioning), asked only while a session waits for a fix.

    position = DevicePosition(parent)          # nothing is started or looked up yet
    position.fix_arrived.connect(on_fix)       # "lat lon altitude accuracy", as Collect writes it
    position.listen(seconds)                   # updates on for that long; False: no service
    position.stop()

QtPositioning is imported and the OS service (geoclue2 over D-Bus on Linux, the Windows and macOS
location services) is opened on the first listen(), so a form without odk:setgeopoint costs
nothing and the app starts without touching D-Bus. A laptop without a service (no geoclue), a
denied permission or a service that errs gives no fix: the question stays empty and a calm line
is logged. Positions are sensitive: coordinates never go to the log.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.engine.position_wait import fix_text

log = logging.getLogger(__name__)

# geoclue2 asks which installed application wants the position (deploy/linux/encuentro.desktop).
DESKTOP_ID = "encuentro"

SourceFactory = Callable[[QObject], Any]  # parent -> a QGeoPositionInfoSource, or None


def default_source(parent: QObject) -> Any:
    """The OS's position source, or None when the system has none."""
    from PySide6.QtPositioning import QGeoPositionInfoSource

    return QGeoPositionInfoSource.createDefaultSource({"desktopId": DESKTOP_ID}, parent)


class DevicePosition(QObject):
    """Listens to the OS position service for a while and hands out each fix."""

    fix_arrived = Signal(str)

    def __init__(
        self, parent: QObject | None = None, source_factory: SourceFactory | None = None
    ) -> None:
        super().__init__(parent)
        self._factory = source_factory or default_source
        self._source: Any = None
        self._unusable = False  # no service, or it refused: not asked again by this screen
        self._listening = False
        self._last: tuple[str, float] | None = None  # the last fix and when it came (monotonic)
        self._stop_timer = QTimer(self)
        self._stop_timer.setSingleShot(True)
        self._stop_timer.timeout.connect(self._window_over)
        self._fixes = 0  # fixes since listening began

    @property
    def listening(self) -> bool:
        return self._listening

    def listen(self, seconds: float) -> bool:
        """Keep position updates on for at least `seconds` more. False when there is no
        position service (or it refused): nothing will come."""
        source = self._open()
        if source is None:
            return False
        wanted = max(1, math.ceil(seconds * 1000))
        if not self._stop_timer.isActive() or self._stop_timer.remainingTime() < wanted:
            self._stop_timer.start(wanted)
        if not self._listening:
            self._listening = True
            self._fixes = 0
            log.debug("listening to the position service for %.0f s", seconds)
            source.startUpdates()
        return True

    def recent_fix(self, max_age: float) -> str | None:
        """The last fix if it came less than `max_age` seconds ago: a service that is already
        on sends nothing new while the laptop does not move."""
        if self._last is None or time.monotonic() - self._last[1] > max_age:
            return None
        return self._last[0]

    def stop(self) -> None:
        """Updates off (the wait is over, or the session was left)."""
        self._stop_timer.stop()
        if self._listening and self._source is not None:
            self._source.stopUpdates()
        self._listening = False

    # -- inside ------------------------------------------------------------------------------
    def _window_over(self) -> None:
        if self._listening and not self._fixes:
            log.info("the position service gave no fix in time: the position stays empty")
        self.stop()

    def _open(self) -> Any:
        if self._source is not None or self._unusable:
            return self._source
        try:
            source = self._factory(self)
        except Exception as error:  # noqa: BLE001 - a broken plugin must not refuse the form
            log.info("the position service could not be opened (%s): positions stay empty", error)
            source = None
        if source is None:
            self._unusable = True
            log.info(
                "no position service on this computer: questions filled from the device's "
                "position (start-geopoint) stay empty"
            )
            return None
        source.positionUpdated.connect(self._position_updated)
        source.errorOccurred.connect(self._error)
        self._source = source
        return source

    def _position_updated(self, info: Any) -> None:
        if not self._listening or not info.isValid():
            return
        from PySide6.QtPositioning import QGeoPositionInfo

        coordinate = info.coordinate()
        if not coordinate.isValid():
            return
        accuracy_attribute = QGeoPositionInfo.Attribute.HorizontalAccuracy
        accuracy = (
            info.attribute(accuracy_attribute) if info.hasAttribute(accuracy_attribute) else 0
        )
        text = fix_text(
            coordinate.latitude(), coordinate.longitude(), coordinate.altitude(), accuracy
        )
        self._last = (text, time.monotonic())
        self._fixes += 1
        log.debug("a position fix came from the service")  # never the coordinates
        self.fix_arrived.emit(text)

    def _error(self, error: Any) -> None:
        from PySide6.QtPositioning import QGeoPositionInfoSource

        name = getattr(error, "name", str(error))
        if error == QGeoPositionInfoSource.Error.UpdateTimeoutError:
            log.info("the position service gave no fix in time: the position stays empty")
            return
        if error == QGeoPositionInfoSource.Error.NoError:
            return
        # AccessError (the person or the system denied it), ClosedError, UnknownSourceError.
        log.info("the position service is not available (%s): positions stay empty", name)
        self.stop()
        self._unusable = True
