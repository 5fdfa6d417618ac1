"""The core (app/, sync/) must stay free of Qt so it runs and tests without a display."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {"PySide6", "PyQt5", "PyQt6", "shiboken6", "ui"}


def forbidden_imports(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            bad = [name for name in names if name.split(".")[0] in FORBIDDEN]
            found += [f"{path.name}:{node.lineno} {name}" for name in bad]
    return found


def test_app_and_sync_do_not_import_qt_or_ui() -> None:
    assert forbidden_imports(ROOT / "app") + forbidden_imports(ROOT / "sync") == []


def test_the_check_sees_a_qt_import(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text("import os\nfrom PySide6.QtCore import QObject\n")
    assert forbidden_imports(tmp_path) == ["bad.py:2 PySide6.QtCore"]
