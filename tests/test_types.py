"""mypy over the code (issue #12): strict on app/ and sync/, default on ui/, main.py and reports/.

The files and the per-module strictness live in pyproject's [tool.mypy], so running `mypy` by hand
from the repository root checks exactly what this test checks.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_mypy(*args: str, cache: Path = ROOT / ".mypy_cache") -> subprocess.CompletedProcess[str]:
    # The cache stays in the repository (git-ignored): a second run takes a few seconds.
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(cache), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_mypy_finds_no_errors() -> None:
    result = run_mypy()
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert result.returncode == 0 and errors == [], "\n".join(
        errors or [result.stdout, result.stderr]
    )


def test_the_core_is_checked_strictly(tmp_path: Path) -> None:
    # A function without annotations is an error under app/ (strict) and accepted under ui/.
    for package in ("app", "ui"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
        (tmp_path / package / "loose.py").write_text("def f(x):\n    return x\n")
    result = run_mypy(
        "--config-file",
        str(ROOT / "pyproject.toml"),
        str(tmp_path / "app" / "loose.py"),
        str(tmp_path / "ui" / "loose.py"),
        cache=tmp_path / "cache",
    )
    assert "app/loose.py:1: error: Function is missing a type annotation" in result.stdout
    assert "ui/loose.py" not in result.stdout
