"""What a facilitator saved stays exactly as saved: a finalised submission is one fixed text, and
two windows on one draft never overwrite each other's answers (real engine, real store)."""

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.config import load_config
from app.store import Store, StoreError
from app.store.errors import CONFLICT, READ_ONLY
from app.workspace import Workspace

MINGA = """
| survey |
|  | type | name | label::Español (es) | label::English (en) | required | relevant |
|  | start | start | | | |
|  | end | end | | | |
|  | text | venue | Lugar | Venue | yes |
|  | integer | children | Hijos | Children | |
|  | text | names | Nombres | Names | | ${children} > 0 |
|  | image | photo | Foto | Photo | |
| settings |
|  | form_id | version | form_title | default_language |
|  | minga | 1 | Minga | Español (es) |
"""


@pytest.fixture
def ws(tmp_path: Path):
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "minga.md").write_text(MINGA, encoding="utf-8")
    with Workspace.open(load_config(tmp_path / "data"), forms_folder=folder) as workspace:
        assert workspace.builtin_problems == []
        yield workspace


def stored(ws: Workspace, instance_id: str):
    with Store.open(ws.config.database_path) as other:
        return other.submissions.get(instance_id)


class Clock:
    """The engine's clock (a system edge) moving a second at each reading."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 26, 9, 0, tzinfo=timezone(timedelta(hours=-6)))

    def __call__(self) -> datetime:
        self.moment += timedelta(seconds=1)
        return self.moment


def test_a_finalized_submission_is_the_stored_xml_every_time(ws):
    active = ws.start_session("minga")
    active.session.env.now = Clock()
    active.answer("/data/venue", "Casa comunal")
    assert active.finalize() == []
    final = stored(ws, active.instance_id)
    assert final.status == "finalized" and "<end>2026-11-26T09:" in final.instance_xml
    # Asking again (the summary, an export, a resend) never stamps a new <end>.
    assert active.to_xml() == final.instance_xml
    assert active.to_xml() == final.instance_xml
    reopened = ws.resume(active.instance_id)
    reopened.session.env.now = Clock()
    assert reopened.is_read_only
    assert reopened.to_xml() == final.instance_xml
    assert stored(ws, active.instance_id).instance_xml == final.instance_xml


def test_two_windows_on_one_draft_never_overwrite_each_others_answers(ws):
    first = ws.start_session("minga")
    second = ws.resume(first.instance_id)  # the same draft opened again (another window)
    first.answer("/data/venue", "Escuela")
    with pytest.raises(StoreError) as refused:
        second.answer("/data/children", "2")
    assert refused.value.kind == CONFLICT and "another Encuentro window" in str(refused.value)
    assert second.value("/data/children") == ""  # what it shows is what is saved
    # The first window goes on saving; reopening shows every answer.
    first.answer("/data/children", "3")
    again = ws.resume(first.instance_id)
    assert again.value("/data/venue") == "Escuela" and again.value("/data/children") == "3"


def test_a_window_is_stale_once_another_saved_even_if_the_answers_came_back(ws):
    first = ws.start_session("minga")
    second = ws.resume(first.instance_id)
    first.answer("/data/venue", "Escuela")
    first.answer("/data/venue", "")  # back to what the second window shows
    with pytest.raises(StoreError) as refused:
        second.answer("/data/children", "2")  # the draft's revision moved on: refused
    assert refused.value.kind == CONFLICT and second.value("/data/children") == ""
    assert stored(ws, first.instance_id).revision == 2
    first.answer("/data/children", "1")
    assert stored(ws, first.instance_id).revision == 3


def test_finalizing_a_stale_window_never_finalizes_away_newer_answers(ws):
    first = ws.start_session("minga")
    first.answer("/data/venue", "Escuela")
    stale = ws.resume(first.instance_id)  # complete as it stands, so it could be finalised
    first.answer("/data/children", "2")
    first.answer("/data/names", "Ana y Rosa")
    with pytest.raises(StoreError) as refused:
        stale.finalize()
    assert refused.value.kind == CONFLICT and not stale.is_read_only
    saved = stored(ws, first.instance_id)
    assert saved.status == "draft" and "Ana y Rosa" in saved.instance_xml
    assert first.finalize() == []
    assert "Ana y Rosa" in stored(ws, first.instance_id).instance_xml


def test_a_session_finalized_elsewhere_cannot_be_changed_by_any_road(ws, tmp_path):
    first = ws.start_session("minga")
    second = ws.resume(first.instance_id)
    first.answer("/data/venue", "Escuela")
    assert first.finalize() == []
    final = stored(ws, first.instance_id).instance_xml
    photo = tmp_path / "foto.png"
    photo.write_bytes(b"\x89PNG...")
    for change in (
        lambda: second.answer("/data/venue", "Otra"),
        lambda: second.set_language("English (en)"),
        lambda: second.attach("/data/photo", photo),
        lambda: first.answer("/data/venue", "Otra"),
        lambda: first.attach("/data/photo", photo),
        lambda: ws.store.attachments.add(first.instance_id, "x.png", b"x", "image/png"),
    ):
        with pytest.raises(StoreError) as refused:
            change()
        assert refused.value.kind in (READ_ONLY, CONFLICT)
    assert stored(ws, first.instance_id).instance_xml == final
    assert ws.store.attachments.list(first.instance_id) == []


def test_an_attached_file_is_kept_when_the_original_disappears(ws, tmp_path):
    active = ws.start_session("minga")
    photo = tmp_path / "papelógrafo.png"
    photo.write_bytes(b"\x89PNG contents")
    name = active.attach("/data/photo", photo)
    photo.unlink()  # the USB stick it came from is pulled out
    assert ws.store.attachments.read(active.instance_id, name) == b"\x89PNG contents"
    assert ws.resume(active.instance_id).value("/data/photo") == name


def test_files_the_final_answers_no_longer_name_are_never_sent(ws, tmp_path):
    active = ws.start_session("minga")
    active.answer("/data/venue", "Escuela")
    first, second = tmp_path / "rostro.png", tmp_path / "papelógrafo.png"
    first.write_bytes(b"a face: must not leave the laptop")
    second.write_bytes(b"the flipchart")
    active.attach("/data/photo", first)
    name = active.attach("/data/photo", second)  # replaced: the first is no longer an answer
    assert len(ws.store.attachments.list(active.instance_id)) == 2  # the draft keeps both
    assert active.finalize() == []
    kept = [a.filename for a in ws.store.attachments.list(active.instance_id)]
    assert kept == [name]
    final = stored(ws, active.instance_id).instance_xml
    assert f"<photo>{name}</photo>" in final


def test_a_correction_carries_the_returned_sessions_files(ws, tmp_path):
    active = ws.start_session("minga")
    active.answer("/data/venue", "Escuela")
    photo = tmp_path / "papelógrafo.png"
    photo.write_bytes(b"the flipchart")
    name = active.attach("/data/photo", photo)
    assert active.finalize() == []
    ws.store.outbox.mark_sent(active.instance_id)
    ws.store.submissions.set_review(active.instance_id, "has_issues", "Falta la fecha")
    fix = ws.start_correction(active.instance_id)
    assert fix.value("/data/photo") == name
    assert ws.store.attachments.read(fix.instance_id, name) == b"the flipchart"
    assert fix.finalize() == []
    assert [a.filename for a in ws.store.attachments.list(fix.instance_id)] == [name]


def test_the_timer_kept_beside_a_draft_goes_with_it(ws):
    kept = ws.start_session("minga")
    kept.set_timer_seconds(1800)
    assert ws.resume(kept.instance_id).timer_seconds() == 1800
    dropped = ws.start_session("minga")
    dropped.set_timer_seconds(600)
    ws.delete_draft(dropped.instance_id)
    kept.answer("/data/venue", "Escuela")
    assert kept.finalize() == []
    assert ws.resume(kept.instance_id).timer_seconds() == 0
    assert not [
        key
        for (key,) in ws.store._db.conn.execute("SELECT key FROM settings")
        if key.startswith("session_timer:")
    ]


def test_finalize_checks_once_after_the_runner_checked_and_again_after_a_change(
    tmp_path, monkeypatch
) -> None:
    """The runner validates to list problems, then finalizes: a long session is checked once;
    an answer changed in between is checked again (never finalised unchecked)."""
    from app.config import load_config
    from app.workspace import Workspace
    from tests.test_workspace import taller

    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "taller.md").write_text(taller(), encoding="utf-8")
    with Workspace.open(load_config(tmp_path / "data"), forms_folder=forms) as ws:
        active = ws.start_session("taller", language="en")
        for ref, value in (
            ("/data/community", "perquin"),
            ("/data/age", "40"),
            ("/data/participants[1]/participant_code", "P1"),
        ):
            active.answer(ref, value)
        checks: list[int] = []
        real = active.session.validate
        monkeypatch.setattr(active.session, "validate", lambda: checks.append(1) or real())
        assert active.validate() == []
        active.answer("/data/age", "41")  # changed after the check
        assert active.finalize() == []
        assert len(checks) == 2
        other = ws.start_session("taller", language="en")
        for ref, value in (
            ("/data/community", "perquin"),
            ("/data/age", "40"),
            ("/data/participants[1]/participant_code", "P2"),
        ):
            other.answer(ref, value)
        real_other = other.session.validate
        once: list[int] = []
        monkeypatch.setattr(other.session, "validate", lambda: once.append(1) or real_other())
        assert other.validate() == []
        assert other.finalize() == []
        assert len(once) == 1
