"""One version, from pyproject.toml: main.py --version prints it (and the built binary, which
bundles pyproject.toml: .ci/package_check.sh compares the two)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from app.version import version

ROOT = Path(__file__).resolve().parents[2]


def test_version_comes_from_pyproject() -> None:
    expected = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert version() == expected
    done = subprocess.run(
        [sys.executable, "main.py", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"Encuentro {expected}"
