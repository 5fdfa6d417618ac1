"""Did the last run end cleanly? A small marker file in the data folder says the app is running.

Written when the app starts (with the start time), removed when it quits cleanly. Found at the
next start, it means the last run was cut short (a crash, kill -9, a power cut): the start screen
then offers to continue the draft that was being edited. The marker holds no answer, only a time.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

MARKER_NAME = "running.marker"


@dataclass(frozen=True)
class UncleanExit:
    """The last run did not quit cleanly; it started at `started_at` (ISO-8601, with offset)."""

    started_at: str


class RunMarker:
    """The running marker of one data folder (begin() at start, end() at a clean quit)."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / MARKER_NAME

    def begin(self) -> UncleanExit | None:
        """Mark this run as started; returns the previous run when it ended uncleanly."""
        previous = self._read()
        started = datetime.now().astimezone().isoformat(timespec="seconds")
        if previous is not None and previous.started_at:
            # Cut short again before it quit cleanly (a crash at start, a second power cut):
            # what was interrupted is still what was edited since that earlier start.
            started = previous.started_at
        temporary = self.path.with_suffix(".tmp")
        # Owner-only like everything in the data folder, though it holds only a time.
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(json.dumps({"started_at": started}))
        os.replace(temporary, self.path)
        return previous

    def end(self) -> None:
        """The app quits cleanly: no marker is left behind."""
        self.path.unlink(missing_ok=True)

    def _read(self) -> UncleanExit | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return UncleanExit(started_at="")  # half-written by the crash: still unclean
        started = data.get("started_at") if isinstance(data, dict) else None
        return UncleanExit(started_at=started if isinstance(started, str) else "")
