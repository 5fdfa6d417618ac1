"""Help > About shows the facts someone helping asks for, read through the workspace."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from ui import i18n
from ui.about import AboutDialog

ROOT = Path(__file__).resolve().parents[2]


def test_about_shows_version_folders_schema_and_server(
    qtbot, window, workspace, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Set as the sync setup would (a Central project URL is kept with its key hidden).
    workspace.store.settings.set("sync.server_url", "https://encuentro.example.org")
    shown: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: shown.append(self) or 0)
    window.about_action.trigger()
    assert len(shown) == 1
    values = {key: label.text() for key, label in shown[0].values.items()}
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert values["version"] == version
    assert values["data_dir"] == str(data_dir.resolve())
    assert values["log_dir"] == str(data_dir.resolve() / "logs")
    assert values["schema"] == str(workspace.store.schema_version) and int(values["schema"]) > 0
    assert values["server"] == "https://encuentro.example.org"


def test_about_says_when_no_server_is_set_in_spanish(
    qtbot, window, monkeypatch: pytest.MonkeyPatch
) -> None:
    i18n.set_language("es")
    shown: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: shown.append(self) or 0)
    qtbot.waitUntil(lambda: window.help_menu.title() == "Ay&uda", timeout=10_000)
    window.about_action.trigger()
    assert shown[0].windowTitle() == "Acerca de Encuentro"
    assert shown[0].values["server"].text() == "(ninguna configurada)"


def test_a_password_in_a_server_address_is_not_shown(
    qtbot, window, workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.store.settings.set("sync.server_url", "https://ana:s3cr3t-pw@host.example")
    shown: list[AboutDialog] = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: shown.append(self) or 0)
    window.about_action.trigger()
    assert "s3cr3t-pw" not in shown[0].values["server"].text()
