"""Pulled form media: forms load with their media folder and prompts point at its files."""

from pathlib import Path

import pytest

from app.config import load_config
from app.workspace import FORM_MEDIA, Workspace

MAPA = """
| survey |
|  | type | name | label::Español (es) | label::English (en) | media::image::Español (es) | media::image::English (en) | media::audio::Español (es) | media::audio::English (en) |
|  | text | place | Lugar | Place | mapa.png | mapa.png | pregunta.mp3 | pregunta.mp3 |
|  | text | other | Otro | Other |  |  |  |  |
| settings |
|  | form_id | version | form_title | default_language |
|  | mapa | 3 | Mapa | Español (es) |
"""  # noqa: E501 - a markdown table row is one line

# 1x1 PNG: a real picture the runner can decode.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf000000030101004b6d0e0f0000000049454e44ae426082"
)


@pytest.fixture
def ws(tmp_path: Path):
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "mapa.md").write_text(MAPA, encoding="utf-8")
    workspace = Workspace.open(load_config(tmp_path / "data"), forms_folder=forms)
    yield workspace
    workspace.close()


def media_folder(ws: Workspace) -> Path:
    folder = Path(ws.store.path).parent / FORM_MEDIA / "mapa" / "3"
    folder.mkdir(parents=True)
    (folder / "mapa.png").write_bytes(PNG)
    return folder


def place(active) -> object:
    return next(p for p in active.prompts() if p.ref.endswith("/place"))


def test_without_media_the_prompt_keeps_the_form_reference(ws: Workspace) -> None:
    assert ws.media_dir("mapa", "3") is None
    active = ws.start_session("mapa")
    assert active.media_dir is None
    assert place(active).image == "jr://images/mapa.png"


def test_pulled_media_reach_the_prompts_and_the_form(ws: Workspace) -> None:
    folder = media_folder(ws)
    assert ws.media_dir("mapa", "3") == folder
    active = ws.start_session("mapa")
    assert active.media_dir == folder
    prompt = place(active)
    assert prompt.image == str(folder / "mapa.png")
    # Audio not pulled: the reference stays, and the runner shows nothing for it.
    assert prompt.audio == "jr://audio/pregunta.mp3"
    other = next(p for p in active.prompts() if p.ref.endswith("/other"))
    assert other.image is None
    # Resumed sessions see the same files.
    assert place(ws.resume(active.instance_id)).image == str(folder / "mapa.png")


def test_a_media_reference_cannot_leave_the_media_folder(ws: Workspace) -> None:
    folder = media_folder(ws)
    (folder.parent / "secret.png").write_bytes(PNG)
    active = ws.start_session("mapa")
    assert active.media_file("jr://images/../secret.png") is None
    assert active.media_file("jr://images/..") is None
    assert active.media_file("jr://images/mapa.png") == folder / "mapa.png"
