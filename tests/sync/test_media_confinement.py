"""A form's media reference can name only a file inside its media folder (issue 7, item 1: the
media lookup side). On Windows a backslash is a separator, so such names are refused everywhere."""

from __future__ import annotations

from pathlib import Path

from app.config import load_config
from app.workspace import Workspace
from tests.test_workspace_media import MAPA, PNG


def test_a_media_reference_never_reaches_outside_the_media_folder(tmp_path: Path) -> None:
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "mapa.md").write_text(MAPA, encoding="utf-8")
    with Workspace.open(load_config(tmp_path / "data"), forms_folder=forms) as ws:
        folder = ws.form_media.folder("mapa", "3")
        folder.mkdir(parents=True)
        (folder / "mapa.png").write_bytes(PNG)
        # On Linux these are plain (odd) file names; on Windows they would climb out.
        for odd in ("..\\..\\secret.png", "C:secret.png", "CON", ".hidden.png"):
            (folder / odd).write_bytes(PNG)
        active = ws.start_session("mapa")
        assert active.media_file("jr://images/mapa.png") == folder / "mapa.png"
        for reference in (
            "jr://images/..\\..\\secret.png",
            "jr://images/C:secret.png",
            "jr://images/CON",
            "jr://images/.hidden.png",
            "jr://images/..",
        ):
            assert active.media_file(reference) is None, reference
