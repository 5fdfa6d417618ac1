"""Uncaught exceptions in the desktop app: logged with their traceback, then a calm dialog.

Qt calls ``sys.excepthook`` for an exception escaping a slot or an event handler and carries on,
so the window stays usable; answers are saved on each change, so nothing typed before is lost.
Exceptions in other threads (``threading.excepthook``) are logged there and shown on the GUI
thread through a queued signal: no widget is touched from a worker.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication

from ui import dialogs

log = logging.getLogger("encuentro.crash")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class CrashReporter(QObject):
    """Lives on the GUI thread; ``report`` may be emitted from any thread."""

    report = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._showing = False
        self.report.connect(self._show)

    @Slot(str)
    def _show(self, details: str) -> None:
        # An exception raised while the dialog is open (or by it) is logged, not shown twice.
        if self._showing:
            return
        self._showing = True
        try:
            dialogs.show_crash(QApplication.activeWindow(), details)
        except Exception:  # the dialog itself failed: the log already holds the traceback
            log.exception("the error dialog could not be shown")
        finally:
            self._showing = False

    def handle(
        self,
        kind: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
        where: str = "",
    ) -> None:
        """Log the traceback and ask the GUI thread to show the dialog."""
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        place = f" in {where}" if where else ""
        log.error("uncaught exception%s", place, exc_info=(kind, error, tb))
        self.report.emit(details)


_reporter: CrashReporter | None = None


def install_crash_handler(app: QApplication) -> CrashReporter:
    """Route uncaught exceptions (GUI thread and other threads) to the log and a dialog."""
    global _reporter
    reporter = CrashReporter(app)
    _reporter = reporter

    def on_exception(
        kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        reporter.handle(kind, error, tb)

    def on_thread_exception(hook_args: threading.ExceptHookArgs) -> None:
        if hook_args.exc_value is None:
            return
        name = hook_args.thread.name if hook_args.thread else "a thread"
        reporter.handle(hook_args.exc_type, hook_args.exc_value, hook_args.exc_traceback, name)

    sys.excepthook = on_exception
    threading.excepthook = on_thread_exception
    return reporter
