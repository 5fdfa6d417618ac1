"""A pulled form's pictures show in the runner, scaled to fit; missing media show nothing."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from app.config import load_config
from app.workspace import FORM_MEDIA, Workspace
from tests.test_workspace_media import MAPA
from ui.runner.question_block import IMAGE_MAX_HEIGHT, QuestionBlock
from ui.runner.runner_widget import FormRunner


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "mapa.md").write_text(MAPA, encoding="utf-8")
    with Workspace.open(load_config(tmp_path / "data"), forms_folder=forms) as workspace:
        yield workspace


def place_block(qtbot, active) -> QuestionBlock:
    runner = FormRunner(active)
    qtbot.addWidget(runner)
    runner.resize(1366, 740)
    runner.show()
    qtbot.waitExposed(runner)
    block = runner.page_view.blocks[next(r for r in runner.page_view.blocks if "place" in r)]
    assert isinstance(block, QuestionBlock)
    return block


def test_a_label_picture_from_the_media_folder_is_shown_scaled(qtbot, ws: Workspace) -> None:
    folder = Path(ws.store.path).parent / FORM_MEDIA / "mapa" / "3"
    folder.mkdir(parents=True)
    picture = QImage(900, 1200, QImage.Format.Format_RGB32)
    picture.fill(QColor("#3366aa"))
    assert picture.save(str(folder / "mapa.png"))
    (folder / "pregunta.mp3").write_bytes(b"ID3 not really audio")

    block = place_block(qtbot, ws.start_session("mapa"))
    assert block.image.isVisible()
    shown = block.image.pixmap()
    assert not shown.isNull()
    assert shown.height() == IMAGE_MAX_HEIGHT and shown.width() == 225  # aspect kept
    assert block.audio.isVisible() and "pregunta.mp3" in block.audio.name.text()
    assert block.audio.play.text() == "Play"


def test_without_pulled_media_no_picture_and_no_play_button(qtbot, ws: Workspace) -> None:
    block = place_block(qtbot, ws.start_session("mapa"))
    assert not block.image.isVisible()
    assert not block.audio.isVisible()
