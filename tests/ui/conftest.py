"""Fixtures for the desktop shell tests: settings in a temp folder, English interface by default."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from ui import i18n
from ui import settings as ui_settings


@pytest.fixture(autouse=True)
def isolated_settings(
    tmp_path_factory: pytest.TempPathFactory, qapp, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """QSettings (window size, language, last form) go to a fresh folder for every test.
    Profiles made on the start screen have no PIN (developer mode, app/config.py) unless a
    test removes ENCUENTRO_PLAIN_PROFILES: PINs and their screens have their own tests
    (test_pin_dialog.py, test_start_protected.py)."""
    monkeypatch.setenv("ENCUENTRO_PLAIN_PROFILES", "1")
    folder = tmp_path_factory.mktemp("qsettings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    ui_settings.configure_identity()
    i18n.set_language("en")
    yield folder
    i18n.set_language("en")


@pytest.fixture(scope="session")
def seeded_data_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data file with the built-in questionnaires already converted (pyxform runs once)."""
    from app.config import load_config
    from app.workspace import Workspace

    folder = tmp_path_factory.mktemp("seed")
    config = load_config(folder)
    Workspace.open(config).close()
    return config.database_path


@pytest.fixture
def data_dir(tmp_path: Path, seeded_data_file: Path) -> Path:
    """A fresh data folder (the app's --data-dir) for one test, built-ins already cached."""
    folder = tmp_path / "data"
    folder.mkdir()
    for file in seeded_data_file.parent.glob(seeded_data_file.name + "*"):
        shutil.copy2(file, folder / file.name)
    return folder


@pytest.fixture
def workspace(data_dir: Path):
    """The real Workspace on a fresh data folder (built-in questionnaires loaded)."""
    from app.config import load_config
    from ui.launch import open_workspace

    opened = open_workspace(load_config(data_dir))
    assert opened is not None
    yield opened
    opened.close()


@pytest.fixture
def window(qtbot, workspace):
    """The main window on the real Workspace, shown offscreen."""
    from ui.main_window import MainWindow

    main = MainWindow(workspace)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    from ui.tasks import task_manager

    qtbot.waitUntil(lambda: not task_manager().busy(), timeout=10_000)
    forget_windows()


def forget_windows() -> None:
    """Delete every top-level window now, before its Workspace closes under it."""
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class DialogRecorder:
    """Stands in for ui.dialogs at the system edge: records what would have been shown."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str, str]] = []
        self.files: list[str] = []
        self.answers: list[bool] = []
        self.questions: list[tuple[str, str]] = []

    def show_error(self, _parent, title: str, message: str, details: str = "") -> None:
        self.errors.append((title, message, details))

    def ask_form_files(self, _parent, _caption: str, _filter: str) -> list[str]:
        return list(self.files)

    def ask_yes_no(self, _parent, title: str, question: str) -> bool:
        self.questions.append((title, question))
        return self.answers.pop(0) if self.answers else False

    def ask_action(self, _parent, title: str, message: str, _action: str, _details="") -> bool:
        self.questions.append((title, message))
        return self.answers.pop(0) if self.answers else False


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> DialogRecorder:
    """No modal dialog ever blocks a test: ui.dialogs functions are replaced by a recorder."""
    from ui import dialogs as real

    recorder = DialogRecorder()
    monkeypatch.setattr(real, "show_error", recorder.show_error)
    monkeypatch.setattr(real, "ask_form_files", recorder.ask_form_files)
    monkeypatch.setattr(real, "ask_yes_no", recorder.ask_yes_no)
    monkeypatch.setattr(real, "ask_action", recorder.ask_action)
    monkeypatch.setattr(real, "show_info", lambda *_args: None)
    return recorder
