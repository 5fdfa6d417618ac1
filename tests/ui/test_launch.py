"""Opening a damaged or locked data file: a clear dialog, and the file is never replaced."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.config import load_config
from ui import dialogs as real_dialogs
from ui import i18n
from ui.launch import choose_language, open_workspace


def test_a_damaged_data_file_is_explained_and_kept(dialogs, data_dir: Path) -> None:
    config = load_config(data_dir)
    junk = b"this is not a database, it is a photo of a notebook" * 200
    config.database_path.write_bytes(junk)
    assert open_workspace(config) is None
    title, message, details = dialogs.errors[0]
    # Found by the start-up check (app/data_health.py); no backup yet, so none is offered.
    assert title == "Encuentro's data file is damaged"
    assert "damaged" in message and "no good backup" in message
    assert "Do not delete anything" in message
    assert str(config.database_path) in message
    assert config.database_path.read_bytes() == junk  # never silently replaced


def test_the_damaged_file_message_is_in_spanish_too(dialogs, data_dir: Path) -> None:
    i18n.set_language("es")
    config = load_config(data_dir)
    config.database_path.write_bytes(b"x" * 5000)
    assert open_workspace(config) is None
    title, message, _ = dialogs.errors[0]
    assert title == "El archivo de datos de Encuentro está dañado"
    assert "dañado" in message and "No borre nada" in message


def test_a_locked_data_file_offers_to_try_again(
    monkeypatch: pytest.MonkeyPatch, dialogs, data_dir: Path
) -> None:
    config = load_config(data_dir)
    first = open_workspace(config)
    assert first is not None
    first.close()
    # Another program holding the file (exclusive locking mode keeps even readers out).
    holder = sqlite3.connect(config.database_path)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE IF NOT EXISTS held_by_other_program (x)")
    asked: list[str] = []

    def ask_retry(_parent, _title: str, message: str, _details: str = "") -> bool:
        asked.append(message)
        if len(asked) == 1:
            holder.close()  # the other program lets go, the person presses Retry
            return True
        return False

    monkeypatch.setattr(real_dialogs, "ask_retry", ask_retry)
    reopened = open_workspace(config)
    try:
        assert len(asked) == 1 and "in use" in asked[0]
        assert reopened is not None
    finally:
        holder.close()
        if reopened is not None:
            reopened.close()


def test_language_choice_order(isolated_settings) -> None:
    from ui import settings as ui_settings

    assert choose_language("en") == "en"
    ui_settings.write(ui_settings.LANGUAGE, "en")
    assert choose_language(None) == "en"
    assert choose_language("es_SV") == "es"


RUN_GUI_CHILD = r"""
import json, sys
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])
from ui.launch import run_gui
from ui.main_window import MainWindow
seen = {}

def look_and_quit():
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    seen["windows"] = len(windows)
    seen["visible"] = windows[0].isVisible()
    seen["title"] = windows[0].windowTitle()
    seen["sync_widgets"] = windows[0].status_area.layout().count()
    QApplication.quit()

QTimer.singleShot(800, look_and_quit)
seen["exit_code"] = run_gui(sys.argv[1], "es")
print(json.dumps(seen))
"""


def test_run_gui_shows_the_window_and_quits_cleanly(data_dir: Path, tmp_path: Path) -> None:
    """The real start path, in its own process as main.py runs it (offscreen)."""
    import json
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", RUN_GUI_CHILD, str(data_dir), str(tmp_path / "qsettings")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=root,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)},
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {
        "windows": 1,
        "visible": True,
        "title": "Encuentro — sesiones de campo",
        "sync_widgets": 1,  # the sync indicator sits in the reserved status area
        "exit_code": 0,
    }


def test_sigterm_quits_cleanly_instead_of_killing_the_app(data_dir: Path, tmp_path: Path) -> None:
    """A log-out sends SIGTERM: the app must leave through its normal quit path (which saves the
    answer being typed), not die where it stands. The test waits for the app's ready line (the
    window is up and the event loop running), however long a busy machine takes, not a guess."""
    import os
    import queue
    import signal
    import subprocess
    import sys
    import threading

    from ui.launch import READY_ENV, READY_LINE

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root), READY_ENV: "1"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # QSettings away from the person's own
    errors = tmp_path / "stderr.txt"
    command = [sys.executable, str(root / "main.py"), "--data-dir", str(data_dir)]
    with errors.open("w") as stderr:
        app = subprocess.Popen(
            [*command, "--language", "en"],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
    lines: queue.Queue[str | None] = queue.Queue()

    def read_lines() -> None:  # readline blocks: read in a thread, wait on the queue with a limit
        assert app.stdout is not None
        for line in app.stdout:
            lines.put(line.strip())
        lines.put(None)  # the app exited

    threading.Thread(target=read_lines, daemon=True).start()
    try:
        seen = []
        while (line := lines.get(timeout=180)) != READY_LINE:
            assert line is not None, f"exited before ready: {seen}\n{errors.read_text()}"
            seen.append(line)
        app.send_signal(signal.SIGTERM)
        app.wait(timeout=120)
    finally:
        app.kill()
    err = errors.read_text()
    assert app.returncode == 0, err
