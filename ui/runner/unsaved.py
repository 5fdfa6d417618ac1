"""Answers the data file refused (disk full, file locked, USB stick pulled out), kept until saved.

When saving fails, the person's words stay in the box and on this list; the list is tried again
every few seconds and before any other change, so nobody has to type them a second time. Nothing of
it is written anywhere else (no temporary file, no log): the answers live only in memory until the
store takes them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

RETRY_MS = 5000


class UnsavedAnswers(QObject):
    """ref -> value given but not saved yet, in the order given; retried by `save(ref, value)`."""

    all_saved = Signal()

    def __init__(self, save: Callable[[str, str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.values: dict[str, str] = {}
        self.last_error: BaseException | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(RETRY_MS)
        self.timer.timeout.connect(self.retry)

    def __bool__(self) -> bool:
        return bool(self.values)

    def __contains__(self, ref: object) -> bool:
        return ref in self.values

    def keep(self, ref: str, value: str, error: BaseException) -> None:
        """Remember an answer the store refused, and try again soon."""
        self.values.pop(ref, None)  # the latest value of a question goes last
        self.values[ref] = value
        self.last_error = error
        self.timer.start()

    def forget(self, ref: str) -> None:
        """That question's answer was saved another way (or refused by the engine)."""
        self.values.pop(ref, None)
        if not self.values:
            self.timer.stop()

    def retry(self) -> bool:
        """Save what is waiting, oldest first; True when nothing is left waiting.

        save() raises when the store still fails: the rest waits for the next try."""
        was_waiting = bool(self.values)
        for ref, value in list(self.values.items()):
            try:
                self._save(ref, value)
            except Exception as error:  # noqa: BLE001 - kept and shown; tried again later
                self.last_error = error
                return False
            else:
                self.values.pop(ref, None)
        self.timer.stop()
        if was_waiting:
            self.all_saved.emit()
        return True

    def drop_under(self, prefix: str) -> None:
        """Forget answers inside a repeat whose instances were renumbered."""
        self.values = {r: v for r, v in self.values.items() if not r.startswith(prefix)}
        if not self.values:
            self.timer.stop()
