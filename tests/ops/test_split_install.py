"""The field app runs without the server stack; the server's commands say how to install it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER_STACK = ["fastapi", "uvicorn", "sqlalchemy", "psycopg", "starlette", "multipart"]
# Importing a blocked name (or anything under it) raises ImportError, as when it is not installed.
BLOCK = "import sys\nfor name in {names!r}:\n    sys.modules[name] = None\n"


def run_blocked(code: str, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCK.format(names=SERVER_STACK) + code, *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )


RUN_MAIN = "import runpy\nsys.argv[0] = 'main.py'\nrunpy.run_path('main.py', run_name='__main__')\n"


@pytest.mark.parametrize("command", ["server", "admin", "export"])
def test_server_commands_without_the_server_stack_say_how_to_install_it(
    command: str, tmp_path: Path
) -> None:
    done = run_blocked(RUN_MAIN, "--data-dir", str(tmp_path), command, "--port", "9")
    assert done.returncode == 1, done.stderr
    assert "pip install -e '.[server]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_field_app_starts_without_the_server_stack() -> None:
    code = (
        "import ui.launch, ui.main_window, ui.sync_status, ui.supervisor.page, app.workspace\n"
        "import sync.client, app.logs\n"
        "import main\n"
        "main.build_parser()\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in {names!r} and sys.modules[m]]\n"
        "assert not loaded, loaded\n"
        "print('ok')\n"
    ).replace("{names!r}", repr(SERVER_STACK))
    done = run_blocked(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_form_commands_work_without_the_server_stack(tmp_path: Path) -> None:
    form = ROOT / "forms" / "grupo_focal_mujeres.md"
    done = run_blocked(RUN_MAIN, "--data-dir", str(tmp_path), "form", "check", str(form))
    assert done.returncode == 0, done.stderr


def test_the_server_extra_holds_the_server_stack_and_dev_includes_it() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    base = " ".join(project["dependencies"]).lower()
    assert not any(name in base for name in ("fastapi", "uvicorn", "sqlalchemy", "psycopg"))
    server = " ".join(project["optional-dependencies"]["server"]).lower()
    assert all(name in server for name in ("fastapi", "uvicorn", "sqlalchemy", "psycopg"))
    assert "encuentro[server]" in project["optional-dependencies"]["dev"]
