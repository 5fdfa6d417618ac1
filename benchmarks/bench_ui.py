"""Desktop shell speed: cold start to a usable main window; the sessions list at 10,000 sessions.

    .venv/bin/python benchmarks/bench_ui.py [--runs 5]

Cold start runs a fresh Python process each time (offscreen Qt platform) on a data folder that was
prepared once (built-in forms already cached), and measures from process start to the main window
shown with its first event loop pass done. The sessions list opens a data file holding 10,000
sessions and measures from a new SessionsModel to the first rows ready in a shown table.
Answer to screen: on the 1,000-question benchmark form (benchmarks/bench_engine.py) in a shown
FormRunner, from runner.answer() (engine, save to SQLite, screen update) to the event loop idle.
Reported over all answers, and split into answers that keep the layout (the runner updates what
the engine reported changed) and those that flip relevance (a full rebuild).
Targets (issue 3): cold start <= 2 s, sessions list <= 300 ms; (issue 11) answer to screen
median <= 3 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Runs in the child process: everything from "python starts" to "window usable".
COLD_START_CHILD = r"""
import sys, time
started = float(sys.argv[1])
sys.path.insert(0, sys.argv[3])
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QSettings
app = QApplication([])
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[4])
from ui.launch import choose_language, open_workspace
from ui import i18n, settings as ui_settings
from app.config import load_config
ui_settings.configure_identity()
i18n.set_language(choose_language("es"))
workspace = open_workspace(load_config(sys.argv[2]))
from ui.main_window import MainWindow
from ui.launch import start_sync
window = MainWindow(workspace)
window.show_for_work()
sync = start_sync(window, workspace)
app.processEvents()
print(f"{time.time() - started:.4f}")
if sync is not None:
    sync.shutdown()
workspace.close()
"""


def prepare_data_dir(folder: Path) -> None:
    """First start converts and caches the built-in forms; the benchmark measures later starts."""
    subprocess.run(
        [
            sys.executable,
            "-c",
            COLD_START_CHILD,
            str(time.time()),
            str(folder),
            str(ROOT),
            str(folder / "qsettings"),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def cold_start(folder: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                COLD_START_CHILD,
                str(time.time()),
                str(folder),
                str(ROOT),
                str(folder / "qsettings"),
            ],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return times


def sessions_list(runs: int) -> list[float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QTableView

    from app.store.records import SessionFilter
    from tests.ui.sessions_data import StoreSessions, fill_store
    from ui.sessions_model import SessionsModel

    app = QApplication.instance() or QApplication([])
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        store = fill_store(Path(tmp) / "encuentro.sqlite3", 10_000)
        for _ in range(runs):
            started = time.perf_counter()
            model = SessionsModel(StoreSessions(store))
            model.set_filter(SessionFilter())
            table = QTableView()
            table.setModel(model)
            table.resize(1300, 600)
            table.show()
            app.processEvents()
            times.append(time.perf_counter() - started)
            table.close()
            table.deleteLater()
        store.close()
    return times


def sessions_tab(runs: int) -> list[float]:
    """The same through the real Sessions tab: filters' choices, count, first page, painted."""
    from PySide6.QtWidgets import QApplication

    from app.config import load_config
    from app.workspace import Workspace
    from tests.ui.sessions_data import fill_store
    from ui.sessions_controller import SessionsController
    from ui.sessions_view import SessionsView
    from ui.workspace_access import WorkspaceAccess

    app = QApplication.instance() or QApplication([])
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        config = load_config(tmp)
        fill_store(config.database_path, 10_000).close()
        workspace = Workspace.open(config)
        for _ in range(runs):
            started = time.perf_counter()
            view = SessionsView()
            controller = SessionsController(view, WorkspaceAccess(workspace))
            view.resize(1366, 700)
            view.show()
            app.processEvents()
            times.append(time.perf_counter() - started)
            assert controller.model.total() == 10_000
            view.close()
            view.deleteLater()
        workspace.close()
    return times


def answer_to_screen(answers: int) -> tuple[list[float], list[float], list[float]]:
    """(all, same layout, layout changed) seconds per answer on the 1,000-question form."""
    from PySide6.QtWidgets import QApplication

    from app.config import load_config
    from app.workspace import Workspace
    from benchmarks.bench_engine import big_form
    from ui.runner import FormRunner

    app = QApplication.instance() or QApplication([])
    every, quick, rebuilt = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "bench.xml"
        source.write_text(big_form(), encoding="utf-8")
        empty = Path(tmp) / "no-built-ins"
        empty.mkdir()
        workspace = Workspace.open(load_config(Path(tmp) / "data"), forms_folder=empty)
        record, _ = workspace.import_form(source)
        runner = FormRunner(workspace.start_session(record.form_id))
        runner.resize(1366, 740)
        runner.show()
        app.processEvents()
        for number in range(answers):
            ref = f"/data/q{1 + number % 900}"
            started = time.perf_counter()
            runner.answer(ref, str(number % 10))
            app.processEvents()
            spent = time.perf_counter() - started
            every.append(spent)
            change = runner.active.last_change
            (rebuilt if change is None or change.layout_changed else quick).append(spent)
        runner.close()
        runner.deleteLater()
        app.processEvents()
        workspace.close()
    return every, quick, rebuilt


def report(name: str, times: list[float], target: float) -> None:
    median = statistics.median(times)
    verdict = "OK" if median <= target else "OVER TARGET"
    print(
        f"{name}: median {median * 1000:.0f} ms, min {min(times) * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms over {len(times)} runs "
        f"(target {target * 1000:.0f} ms) {verdict}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        prepare_data_dir(folder)
        report("cold start to usable main window", cold_start(folder, args.runs), 2.0)
    report("sessions list with 10,000 sessions ready", sessions_list(args.runs), 0.3)
    report("sessions tab (view + controller) with 10,000 sessions", sessions_tab(args.runs), 0.3)
    every, quick, rebuilt = answer_to_screen(40 * args.runs)
    report("answer to screen updated, 1,000-question form", every, 0.003)
    report("  answers keeping the layout (changes only)", quick, 0.003)
    if rebuilt:
        report("  answers flipping relevance (full rebuild)", rebuilt, 0.03)
    return 0


if __name__ == "__main__":
    sys.exit(main())
