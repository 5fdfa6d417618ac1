"""Issue 7 item 4: a 3,000-deep form is refused as a form error at import and at session start
(a form that reached the library another way, e.g. pulled by an older Encuentro)."""

from pathlib import Path

import pytest

from app.config import load_config
from app.engine import FormError
from app.workspace import Workspace
from tests.engine.test_deep_forms import deep_markdown, deep_xform


@pytest.fixture
def ws(tmp_path: Path):
    empty = tmp_path / "forms"
    empty.mkdir()
    with Workspace.open(load_config(tmp_path / "data"), forms_folder=empty) as workspace:
        yield workspace


@pytest.mark.parametrize("suffix", [".xml", ".md"])
def test_importing_a_3000_deep_form_is_a_form_error(ws, tmp_path: Path, suffix: str) -> None:
    file = tmp_path / f"deep{suffix}"
    file.write_text(deep_xform(3000) if suffix == ".xml" else deep_markdown(3000), "utf-8")
    with pytest.raises(ValueError, match="groups") as caught:
        ws.import_form(file)
    assert not isinstance(caught.value.__cause__, RecursionError)
    assert ws.list_forms() == []


def test_starting_a_session_on_a_3000_deep_stored_form_is_a_form_error(ws) -> None:
    ws.store.forms.add("deep", "1", "deep", deep_xform(3000), languages=[])
    with pytest.raises(FormError, match="levels deep"):
        ws.start_session("deep")
    assert ws.count_sessions() == 0
