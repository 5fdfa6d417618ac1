"""The sync client (sync/, not sync/server/) is transport and protocol only: it imports nothing of
app/ (the store, the engine, the workspace), so every write goes through the SyncLedger that app/
implements. Same AST walk as tests/test_layers.py; function-level imports are seen too."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def app_imports(folder: Path, skip: str = "server") -> list[str]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        if skip in path.relative_to(folder).parts[:-1]:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            found += [f"{path.name}:{node.lineno} {n}" for n in names if n.split(".")[0] == "app"]
    return found


def test_the_sync_client_does_not_import_app() -> None:
    assert app_imports(ROOT / "sync") == []


def test_the_client_and_pull_steps_do_not_import_each_other() -> None:
    """No sync.client <-> sync.pull cycle, not even hidden in a function or TYPE_CHECKING."""
    tree = ast.parse((ROOT / "sync" / "pull.py").read_text(encoding="utf-8"))
    modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert "sync.client" not in modules


def test_the_check_sees_a_store_import(tmp_path: Path) -> None:
    (tmp_path / "server").mkdir()
    (tmp_path / "bad.py").write_text("def f():\n    from app.store import Store\n")
    (tmp_path / "server" / "fine.py").write_text("from app.config import load_config\n")
    assert app_imports(tmp_path) == ["bad.py:2 app.store"]
