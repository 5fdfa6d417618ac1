"""Start the desktop app: QApplication, language, data folder, Workspace, main window.

A data file that cannot be opened (damaged, in use, from a newer Encuentro) is explained in a dialog
with what to do; it is never replaced by a fresh one.
"""

from __future__ import annotations

import logging
import os
import signal
import sys

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
    from app.workspace import Workspace

    while True:
        try:
            return Workspace.open(config)
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
    app = QApplication.instance() or QApplication(sys.argv)
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
    workspace = open_workspace(config)
    if workspace is None:
        return 1
    from ui.main_window import MainWindow

    window = MainWindow(workspace)
    window.show_for_work()
    sync = start_sync(window, workspace)
    quit_on_terminate(app)
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


def quit_on_terminate(app: QApplication) -> None:
    """A log-out or shutdown that sends SIGTERM quits like closing the app, so the runner saves
    the half-typed answer (aboutToQuit) instead of the process dying mid-word."""
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
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
