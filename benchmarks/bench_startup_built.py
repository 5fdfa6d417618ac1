"""Start of the built app (PyInstaller folder) to a usable main window.

    .venv/bin/pyinstaller --noconfirm build.spec          # first
    .venv/bin/python benchmarks/bench_startup_built.py [--binary PATH] [--runs N]
    .venv/bin/python benchmarks/bench_startup_built.py --source     # main.py, for comparison

Each run starts the binary on a data folder prepared by a first run (built-in forms cached), with
the offscreen Qt platform and ENCUENTRO_STARTUP_PROBE set: the app prints "ready" after the main
window is shown and its first event-loop pass is done, then quits. Measured: process start to
that line. Target (issue 12): at most 1.5 s. Wall time depends on what else the machine runs,
so each run's CPU time (user + system, the whole process from start to quit) is printed too: it
stays about the same on a busy machine and tells whether a change made start-up cheaper.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def start_once(command: list[str], data_dir: Path, settings_dir: Path) -> tuple[float, float]:
    """Seconds to the "ready" line, and the CPU seconds the whole run cost."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "ENCUENTRO_STARTUP_PROBE": "1",
        "XDG_CONFIG_HOME": str(settings_dir),  # QSettings of this run only
    }
    cpu_before = children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--data-dir", str(data_dir), "--language", "es"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == "ready":
            elapsed = time.perf_counter() - started
            break
    else:
        raise SystemExit(f"the app exited without a window (code {process.wait()})")
    process.wait(60)
    return elapsed, children_cpu() - cpu_before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", type=Path, default=ROOT / "dist" / "Encuentro" / "Encuentro")
    parser.add_argument(
        "--source", action="store_true", help="main.py from the source tree instead"
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    command = [sys.executable, str(ROOT / "main.py")] if args.source else [str(args.binary)]
    with tempfile.TemporaryDirectory() as folder:
        data_dir, settings_dir = Path(folder) / "data", Path(folder) / "config"
        first, _ = start_once(command, data_dir, settings_dir)
        runs = [start_once(command, data_dir, settings_dir) for _ in range(args.runs)]
    times = [wall for wall, _ in runs]
    cpu = [spent for _, spent in runs]
    print(f"first start (forms converted and cached): {first:.2f} s")
    print(
        f"start to usable window, {args.runs} runs: median {statistics.median(times):.2f} s, "
        f"min {min(times):.2f} s, max {max(times):.2f} s (target <= 1.5 s)"
    )
    print(
        f"CPU per run (start, window, quit): median {statistics.median(cpu):.2f} s, "
        f"min {min(cpu):.2f} s, max {max(cpu):.2f} s; load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
