"""Background work for the GUI (Anki's taskman pattern).

One single-thread executor for work that writes the database (so writes never race each other), a
small pool for slow read-only work (form conversion, imports, exports), and a single-thread network
lane for sync (one sync, probe or enrollment at a time, in the order asked). Results and errors
come back on the GUI thread through a queued Qt signal, so callbacks may touch widgets; the worker
function itself must never touch a widget.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], object]  # what it returns is ignored
Failed = Callable[[BaseException], None]


class TaskManager(QObject):
    """Owns the executors; lives on the GUI thread so its signal delivers there."""

    _finished = Signal(object, object, object)  # future, on_done, on_error

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="encuentro-db")
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="encuentro-work")
        self._network = ThreadPoolExecutor(max_workers=1, thread_name_prefix="encuentro-net")
        self._pending: set[Future[Any]] = set()
        self._finished.connect(self._deliver)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Done | None = None,
        on_error: Failed | None = None,
        *,
        writes: bool = False,
        network: bool = False,
    ) -> Future[Any]:
        """Run fn() off the GUI thread; call on_done(result) or on_error(exc) on the GUI thread."""
        executor = self._network if network else self._writer if writes else self._pool
        future = executor.submit(fn)
        self._pending.add(future)
        # add_done_callback runs on the worker thread: only emit, never touch widgets there.
        future.add_done_callback(lambda f: self._finished.emit(f, on_done, on_error))
        return future

    @Slot(object, object, object)
    def _deliver(self, future: Future[Any], on_done: Done | None, on_error: Failed | None) -> None:
        self._pending.discard(future)
        error = future.exception()
        if error is None:
            if on_done is not None:
                on_done(future.result())
            return
        if on_error is not None:
            on_error(error)
        else:
            # Nothing is swallowed: an unhandled background failure is at least logged in full.
            log.error(
                "background task failed:\n%s",
                "".join(traceback.format_exception(type(error), error, error.__traceback__)),
            )

    def busy(self) -> bool:
        """True while some task has not yet delivered its result."""
        return bool(self._pending)

    def shutdown(self) -> None:
        """Wait for running work (a database write must finish) and stop the threads."""
        self._writer.shutdown(wait=True)
        self._pool.shutdown(wait=True)
        self._network.shutdown(wait=True)


_manager: TaskManager | None = None


def task_manager() -> TaskManager:
    """The application's TaskManager, created on first use (on the GUI thread)."""
    global _manager
    if _manager is None:
        _manager = TaskManager(QCoreApplication.instance())
    return _manager


def run_in_background(
    fn: Callable[[], Any],
    on_done: Done | None = None,
    on_error: Failed | None = None,
    *,
    writes: bool = False,
    network: bool = False,
) -> Future[Any]:
    """Run fn() on a worker thread and hand its result or error back on the GUI thread.

    writes=True queues it on the single database-writer thread, in submission order;
    network=True on the single network thread (sync: one exchange with the server at a time).
    """
    return task_manager().run(fn, on_done, on_error, writes=writes, network=network)


def shutdown_tasks() -> None:
    """Finish pending work before the application quits."""
    global _manager
    if _manager is not None:
        _manager.shutdown()
        _manager = None
