"""The device's position for a running session (odk:setgeopoint, start-geopoint), a part of the
FormRunner kept apart.

The session (app/) says when a target waits for a fix and for how long; only then is the OS
position service opened and listened to (ui/device_position.py), so a form without setgeopoint
never touches it. Each fix goes into the session through ActiveSession.receive_position(), which
saves it like an answer, and the runner updates what shows it. A session finalised, being
finalised or left drops the fix. No position service: nothing happens, the form runs as ever.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from shiboken6 import isValid

from app.engine.position_wait import POSITION_WINDOW

if TYPE_CHECKING:
    from ui.device_position import DevicePosition
    from ui.runner.runner_widget import FormRunner

log = logging.getLogger(__name__)

DeviceFactory = Callable[[QObject], "DevicePosition"]


def default_device(parent: QObject) -> DevicePosition:
    from ui.device_position import DevicePosition  # QtPositioning only for forms that use it

    return DevicePosition(parent)


class PositionFeed(QObject):
    """Asks the position service while the runner's session waits for a fix; feeds it in."""

    def __init__(self, runner: FormRunner, device_factory: DeviceFactory | None = None) -> None:
        super().__init__(runner)
        self._runner = runner
        self._factory = device_factory or default_device
        self.device: DevicePosition | None = None
        self._requests_seen = 0
        self._left = False

    def check(self) -> None:
        """After anything that may have fired a setgeopoint action: listen while a target waits
        (cheap when none does: no position service is opened)."""
        runner, active = self._runner, self._runner.active
        if self._left or runner.readonly or runner.finalizing:
            return
        if not getattr(active, "awaiting_position", False):
            return
        if self.device is None:
            self.device = self._factory(self)
            self.device.fix_arrived.connect(self.deliver)
        if not self.device.listen(active.position_wait_left()):
            return  # no position service: the targets stay empty, as in Collect without a fix
        requests = active.position_requests
        if requests != self._requests_seen:
            self._requests_seen = requests
            # A service already on sends nothing new while the laptop stays put: a fix of the
            # last moments answers a new ask (Collect's first location available).
            recent = self.device.recent_fix(POSITION_WINDOW)
            if recent is not None:
                self.deliver(recent)

    def deliver(self, position: str) -> None:
        """A fix from the service: into the session if it still wants one, else dropped."""
        runner = self._runner
        if self._left or not isValid(runner) or runner.readonly or runner.finalizing:
            return  # left, finalised, or being finalised off the GUI thread: not this fix's
        try:
            report = runner.active.receive_position(position)
        except ValueError:
            log.warning("the position service sent something that is not a position")
            return
        except Exception as error:  # noqa: BLE001 - the data file failed; the draft is as before
            # Not the person's own answer: logged with detail; the next answer shows the problem.
            log.error("saving the device's position failed: %s", error, exc_info=error)
            return
        if report is None:
            return
        # Update what shows it (a label with ${where}, the progress) as after an answer.
        refs = sorted(report.refs)
        if report.layout_changed or not refs:
            runner.refresh()
        else:
            runner.refresh_after_answer(refs[0])

    def stop(self) -> None:
        """Stop listening (finalised): the session no longer waits."""
        if self.device is not None:
            self.device.stop()

    def leave(self) -> None:
        """The session is left: stop listening, and a fix that still comes is dropped."""
        self._left = True
        self.stop()
        stop_waiting: Any = getattr(self._runner.active, "stop_waiting_for_position", None)
        if callable(stop_waiting):
            stop_waiting()
