"""${last-saved#q} defaults: the workspace gives a new session the form's last finalised filling."""

from pathlib import Path

from app.config import load_config
from app.workspace import Workspace

VISITA = """
| survey |
|  | type    | name    | label   | default               | required |
|  | text    | village | Village | ${last-saved#village} | yes      |
|  | integer | visits  | Visits  |                       |          |
| settings |
|  | form_id | version |
|  | visita  | 1       |
"""


def test_a_new_session_starts_from_the_last_finalised_one(tmp_path: Path):
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "visita.md").write_text(VISITA, encoding="utf-8")
    ws = Workspace.open(load_config(tmp_path / "data"), forms_folder=folder)
    try:
        first = ws.start_session("visita")
        assert first.session.value("/data/village") == ""
        first.answer("/data/village", "San Miguel")
        assert first.finalize() == []

        draft = ws.start_session("visita")  # a draft is not "saved" for last-saved
        assert draft.session.value("/data/village") == "San Miguel"
        draft.answer("/data/village", "Perquín")

        second = ws.start_session("visita")
        assert second.session.value("/data/village") == "San Miguel"
        assert second.session.value("/data/visits") == ""
    finally:
        ws.close()
