"""Start the desktop app: QApplication, language, data folder, Workspace, main window.

A data file that cannot be opened (damaged, in use, from a newer Encuentro) is explained in a dialog
with what to do; it is never replaced by a fresh one.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from typing import cast

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QTimer
from PySide6.QtWidgets import QApplication

from app.config import Config, load_config
from app.store.errors import LOCKED, StoreError
from app.version import version
from ui import dialogs, i18n
from ui import settings as ui_settings
from ui.crash import install_crash_handler
from ui.store_messages import describe
from ui.tasks import shutdown_tasks

log = logging.getLogger(__name__)
STARTUP_PROBE = "ENCUENTRO_STARTUP_PROBE"


def choose_language(requested: str | None) -> str:
    """--language wins, then the language last used here, then the system's, else Spanish."""
    if requested:
        return i18n.normalise(requested)
    remembered = ui_settings.read_str(ui_settings.LANGUAGE)
    if remembered:
        return i18n.normalise(remembered)
    system = QLocale.system().name()
    return i18n.normalise(system) if system.startswith(("es", "en")) else i18n.DEFAULT_LANGUAGE


def open_workspace(config: Config):  # -> Workspace | None
    """Open the Workspace, explaining any failure; None when the person gives up."""
    from app.data_health import DamagedData
    from app.workspace import Workspace
    from ui.damaged_data import offer_restore

    while True:
        try:
            # guard: quick_check first (a damaged file is explained, a backup offered)
            return Workspace.open(config, guard=True)
        except DamagedData as error:
            if offer_restore(None, error):
                continue
            return None
        except StoreError as error:
            title = QApplication.translate("Launch", "Encuentro cannot open its data")
            what, advice = describe(error, str(config.database_path))
            message = what + ("\n\n" + advice if advice else "")
            # The store's own English words stay in the details for whoever helps them.
            if error.kind == LOCKED:
                if dialogs.ask_retry(None, title, message, str(error)):
                    continue
                return None
            dialogs.show_error(None, title, message, str(error))
            return None


def run_gui(data_dir: str | None, language: str | None) -> int:
    """Run the facilitator workspace until the window closes; returns the process exit code."""
    # The instance, if any, is a QApplication: this process creates no other kind.
    app = cast(QApplication | None, QApplication.instance()) or QApplication(sys.argv)
    # First thing: a SIGTERM during a slow start-up (busy laptop, big data file) must quit cleanly
    # too, not kill the process where it stands.
    quit_on_terminate(app)
    install_crash_handler(app)
    ui_settings.configure_identity()
    i18n.set_language(choose_language(language))
    ui_settings.write(ui_settings.LANGUAGE, i18n.current_language())
    try:
        config = load_config(data_dir)
    except OSError as error:
        dialogs.show_error(
            None,
            QApplication.translate("Launch", "Encuentro cannot use its data folder"),
            QApplication.translate(
                "Launch",
                "The data folder could not be created or opened. Check that the disk or USB "
                "stick is connected and that you may write there, or start Encuentro with "
                "another folder (--data-dir).",
            ),
            str(error),
        )
        return 1
    log.info("Encuentro %s starting; data folder %s", version(), config.data_dir)
    from app.run_marker import RunMarker
    from ui.single_instance import bring_to_front, guard_data_folder

    instance = guard_data_folder(config.data_dir)
    if instance is None:  # another copy runs this data folder (and was asked to show itself)
        return 0
    workspace = open_workspace(config)
    if workspace is None:
        instance.release()
        return 1
    from ui.pin_dialog import unlock_at_start

    if not unlock_at_start(workspace):  # data protected by PINs: nothing opens without one
        workspace.close()
        instance.release()
        return 0
    marker = RunMarker(config.data_dir)
    unclean = marker.begin()
    from ui.main_window import MainWindow

    window = MainWindow(workspace)
    instance.show_requested.connect(lambda: bring_to_front(window))
    window.show_for_work()
    if unclean is not None:  # a crash or power cut: offer the session that was being run
        from ui.resume_offer import offer_resume

        QTimer.singleShot(0, lambda: offer_resume(window, workspace, unclean))
    sync = start_sync(window, workspace)
    keep_daily_backups(window, workspace)
    # Runs once the event loop turns: the window is up and a SIGTERM is handled from then on.
    QTimer.singleShot(0, announce_ready)
    # In the log once the event loop runs: the window is usable (and SIGTERM is handled).
    QTimer.singleShot(0, lambda: log.info("main window ready"))
    if os.environ.get(STARTUP_PROBE):
        # benchmarks/bench_startup_built.py: say "ready" after the first event-loop pass, quit.
        QTimer.singleShot(0, lambda: (print("ready", flush=True), app.quit()))
    try:
        return app.exec()
    finally:
        if sync is not None:
            sync.shutdown()
        shutdown_tasks()
        # The window goes before the Workspace it reads from.
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        workspace.close()
        marker.end()
        instance.release()


def keep_daily_backups(window, workspace) -> QTimer:
    """One backup a day (app/store/backup.py): once the window is up, then checked hourly for a
    laptop left running for days. Off the GUI thread and not on the writer's queue: the copy
    reads through its own connection (WAL), so saving answers never waits for it."""
    from ui.tasks import run_in_background

    def back_up() -> None:
        run_in_background(workspace.backup_today, None, _backup_failed)

    timer = QTimer(window)
    timer.setInterval(60 * 60 * 1000)
    timer.timeout.connect(back_up)
    timer.start()
    QTimer.singleShot(0, back_up)
    return timer


def _backup_failed(error: BaseException) -> None:
    # backup_today logs and swallows file errors; anything else is a bug worth the log's detail.
    log.error("the daily backup failed: %s", error, exc_info=error)


READY_ENV = "ENCUENTRO_ANNOUNCE_READY"
READY_LINE = "encuentro: ready"


def announce_ready() -> None:
    """Print READY_LINE when READY_ENV is set: a supervising process (a test, a kiosk script)
    waits for this line instead of guessing how long start-up takes."""
    if os.environ.get(READY_ENV) and sys.stdout is not None:
        print(READY_LINE, flush=True)


def quit_on_terminate(app: QApplication) -> None:
    """A log-out or shutdown that sends SIGTERM quits like closing the app, so the runner saves
    the half-typed answer (aboutToQuit) instead of the process dying mid-word.

    Installed first thing in start-up. quit() before the event loop runs would be lost, so the
    handler queues it: a SIGTERM during start-up quits as soon as the loop starts."""
    signal.signal(signal.SIGTERM, lambda *_: QTimer.singleShot(0, app.quit))
    # Python runs signal handlers only when it gets control: let it look twice a second.
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(500)


def start_sync(window, workspace):  # -> SyncController | None
    """The sync indicator in the window's status area; sending happens off the GUI thread."""
    try:
        from sync.client import SyncClient
        from ui.sync_status import attach_sync
    except ImportError as error:  # a build without the sync client still collects data
        log.error("sync is not available: %s", error)
        return None
    return attach_sync(window, SyncClient(workspace.sync_ledger()))
