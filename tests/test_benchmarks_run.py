"""The benchmark scripts still run (on tiny inputs): a benchmark that rotted measures nothing.

Figures are not checked here; speed targets are read from the full runs documented in README.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SMALL_RUNS = {
    "bench_engine.py": (["--quick"], "One answer change"),
    "bench_store.py": (["--sessions", "100", "--runs", "2", "--answers", "5"], "one answer saved"),
    "bench_sync.py": (["--sessions", "20"], "sessions/s"),
    "bench_startup_built.py": (["--source", "--runs", "1"], "start to usable window"),
    "bench_server.py": (["--count", "40"], "HTTP 8 clients/s"),
    "bench_export.py": (
        ["--count", "30", "--large", "60", "--runs", "1", "--postgres-url", ""],
        "CSV export memory: tracemalloc peak",
    ),
    "bench_supervisor.py": (["--sessions", "5"], "dashboard figures"),
    "bench_findings.py": (["--sessions", "8", "--runs", "1"], "report:"),
    "bench_odk_encrypt.py": (["--sessions", "2", "--photo-kb", "20"], "encrypted / plain median"),
}


@pytest.mark.slow
@pytest.mark.parametrize("script", sorted(SMALL_RUNS))
def test_benchmark_runs_to_its_figures(script: str) -> None:
    args, expected = SMALL_RUNS[script]
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert expected in result.stdout, result.stdout + result.stderr
