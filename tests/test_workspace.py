"""Workspace and ActiveSession with the real engine and store: each change saved on return."""

import hashlib
import sqlite3
from pathlib import Path

import pytest

import app.engine
from app.config import load_config
from app.store import SessionFilter, Store, StoreError
from app.workspace import Workspace
from app.xlsform import XLSFormError

TALLER = """
| survey |
|  | type | name | label::Español (es) | label::English (en) | required | constraint | relevant |
|  | select_one comunidades | community | Comunidad | Community | yes |
|  | integer | age | Edad | Age | yes | . >= 18 and . < 120 |
|  | begin_repeat | participants | Participantes | Participants |
|  | text | participant_code | Código | Code | yes |
|  | end_repeat |
|  | text | story | Relato | Story |
|  | image | photo | Foto | Photo |
|  | integer | children | Hijos | Children |
|  | text | children_names | Nombres | Names |  |  | ${children} > 0 |
| choices |
|  | list_name | name | label::Español (es) | label::English (en) |
|  | comunidades | el_carmen | El Carmen | El Carmen |
|  | comunidades | perquin | Perquín | Perquín |
| settings |
|  | form_id | version | form_title | default_language |
|  | taller | VERSION | Taller de prueba | Español (es) |
"""


def taller(version: str = "2026112601", title: str = "Taller de prueba") -> str:
    return TALLER.replace("VERSION", version).replace("Taller de prueba", title)


@pytest.fixture
def forms_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "taller.md").write_text(taller(), encoding="utf-8")
    return folder


@pytest.fixture
def ws(tmp_path: Path, forms_folder: Path):
    workspace = Workspace.open(load_config(tmp_path / "data"), forms_folder=forms_folder)
    yield workspace
    workspace.close()


@pytest.fixture
def ana(ws: Workspace):
    return ws.create_profile("Ana Martínez", language="es")


def saved(ws: Workspace, instance_id: str):
    """What another connection to the file sees: proof the change was committed."""
    with Store.open(ws.config.database_path) as other:
        return other.submissions.get(instance_id)


def test_builtins_are_registered_once_and_converted_only_when_changed(
    tmp_path, forms_folder, monkeypatch
):
    calls: list[object] = []
    real = app.engine.load_form

    def counting(source):
        calls.append(source)
        return real(source)

    monkeypatch.setattr(app.engine, "load_form", counting)
    config = load_config(tmp_path / "data")
    with Workspace.open(config, forms_folder=forms_folder) as ws:
        assert [(f.form_id, f.title, f.builtin) for f in ws.list_forms()] == [
            ("taller", "Taller de prueba", True)
        ]
        assert ws.list_forms()[0].languages == ["Español (es)", "English (en)"]
    assert len(calls) == 1
    with Workspace.open(config, forms_folder=forms_folder) as ws:
        assert len(ws.list_forms()) == 1
    assert len(calls) == 1  # unchanged file: no conversion at start-up

    (forms_folder / "taller.md").write_text(taller(title="Taller revisado"), encoding="utf-8")
    with Workspace.open(config, forms_folder=forms_folder) as ws:
        assert [f.title for f in ws.list_forms()] == ["Taller revisado"]
    assert len(calls) == 2


def test_a_broken_builtin_is_reported_and_the_others_still_load(tmp_path, forms_folder):
    (forms_folder / "roto.md").write_text(
        "| survey |\n| | type | name | label |\n| | integr | edad | Edad |\n", encoding="utf-8"
    )
    with Workspace.open(load_config(tmp_path / "d"), forms_folder=forms_folder) as ws:
        assert [f.form_id for f in ws.list_forms()] == ["taller"]
        assert len(ws.builtin_problems) == 1
        assert ws.builtin_problems[0].startswith("roto.md: ") and "integr" in ws.builtin_problems[0]


def test_import_errors_propagate_with_their_precise_message(ws, tmp_path):
    bad = tmp_path / "malo.md"
    bad.write_text("| survey |\n| | type | name | label |\n| | integr | edad | Edad |\n")
    with pytest.raises((XLSFormError, app.engine.FormError)) as caught:
        ws.import_form(bad)
    assert "survey sheet, row 2, column 'type'" in str(caught.value)
    assert "unknown question type 'integr'" in str(caught.value)
    broken_xml = tmp_path / "roto.xml"
    broken_xml.write_text("<h:html><h:head>")
    with pytest.raises(app.engine.FormError):
        ws.import_form(broken_xml)
    assert len(ws.list_forms(all_versions=True)) == 1


def test_importing_versions(ws, ana, tmp_path):
    draft = ws.start_session("taller", facilitator=ana)
    draft.answer("/data/story", "versión uno")

    same = tmp_path / "same.md"
    same.write_text(taller(), encoding="utf-8")
    record, added = ws.import_form(same)
    assert not added and record.version == "2026112601"

    changed = tmp_path / "changed.md"
    changed.write_text(taller(title="Otro título"), encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        ws.import_form(changed)
    assert caught.value.kind == "invalid" and "new version" in caught.value.advice

    newer = tmp_path / "newer.md"
    newer.write_text(taller("2026120101", "Taller v2"), encoding="utf-8")
    record, added = ws.import_form(newer)
    assert added and record.version == "2026120101"
    xform = tmp_path / "taller.xml"
    xform.write_text(ws.store.forms.get("taller", "2026120101").xform_xml, encoding="utf-8")
    assert ws.import_form(xform)[1] is False

    assert [f.version for f in ws.list_forms()] == ["2026120101"]
    assert len(ws.list_forms(all_versions=True)) == 2
    again = ws.resume(draft.instance_id)
    assert again.form_version == "2026112601" and again.value("/data/story") == "versión uno"
    assert ws.start_session("taller", facilitator=ana).form_version == "2026120101"


def test_profiles_are_remembered_with_their_language(ws, tmp_path, forms_folder):
    assert ws.current_profile() is None
    ana = ws.create_profile("Ana Martínez")
    luis = ws.create_profile("Luis Peña", language="en")
    ws.choose_profile(luis.id)
    ws.set_profile_language(ana.id, "en")
    assert ws.current_profile().id == luis.id
    assert {p.display_name for p in ws.list_profiles()} == {"Ana Martínez", "Luis Peña"}
    assert ws.start_session("taller", facilitator=luis).language == "English (en)"
    assert ws.start_session("taller", facilitator=luis.id, language="es").language == (
        "Español (es)"
    )
    assert ws.start_session("taller").language == "Español (es)"


def test_each_answer_is_committed_with_its_position(ws, ana):
    active = ws.start_session("taller", facilitator=ana)
    assert active.instance_id.startswith("uuid:")
    assert saved(ws, active.instance_id).status == "draft"

    assert active.answer("/data/community", "perquin") is None
    problem = active.answer("/data/age", "12")
    assert problem is not None and problem.kind == "constraint"
    on_disk = saved(ws, active.instance_id)
    assert "<age>12</age>" in on_disk.instance_xml and on_disk.position == "/data/age"
    assert on_disk.community == "Perquín" and on_disk.facilitator == "Ana Martínez"

    with pytest.raises(ValueError):
        active.answer("/data/age", "doce")
    assert "<age>12</age>" in saved(ws, active.instance_id).instance_xml

    active.set_position("/data/story")
    assert saved(ws, active.instance_id).position == "/data/story"


def test_repeats_are_saved_and_resume_where_left(ws, ana):
    active = ws.start_session("taller", facilitator=ana)
    second = active.add_repeat("/data/participants")
    assert second == "/data/participants[2]"
    active.answer(f"{second}/participant_code", "P2")
    assert saved(ws, active.instance_id).instance_xml.count("<participants>") == 2
    active.remove_repeat("/data/participants[1]")
    xml = saved(ws, active.instance_id).instance_xml
    assert xml.count("<participants>") == 1 and "P2" in xml

    again = ws.resume(active.instance_id)
    assert again.position == "/data/participants[1]/participant_code"
    assert again.value("/data/participants[1]/participant_code") == "P2"
    assert not again.is_read_only and again.title == "Taller de prueba"


def test_finalize_refuses_with_problems_then_locks(ws, ana):
    active = ws.start_session("taller", facilitator=ana)
    problems = active.finalize()
    assert {p.ref for p in problems} >= {"/data/community", "/data/age"}
    assert saved(ws, active.instance_id).status == "draft" and ws.store.outbox.count() == 0

    active.answer("/data/community", "el_carmen")
    active.answer("/data/age", "34")
    active.answer("/data/participants[1]/participant_code", "P1")
    assert active.finalize() == []
    assert active.is_read_only and active.read_only
    final = saved(ws, active.instance_id)
    assert final.status == "finalized" and "<age>34</age>" in final.instance_xml
    assert [e.instance_id for e in ws.store.outbox.due()] == [active.instance_id]

    with pytest.raises(StoreError) as caught:
        active.answer("/data/age", "35")
    assert caught.value.kind == "read_only"
    reopened = ws.resume(active.instance_id)
    assert reopened.is_read_only and reopened.value("/data/age") == "34"
    with pytest.raises(StoreError):
        reopened.add_repeat("/data/participants")


def test_sessions_list_and_count_for_the_ui(ws, ana):
    luis = ws.create_profile("Luis Peña")
    for n in range(6):
        active = ws.start_session("taller", facilitator=ana if n % 2 else luis)
        active.answer("/data/community", "perquin" if n < 4 else "el_carmen")
    assert ws.count_sessions() == 6
    assert ws.count_sessions(SessionFilter(text="perqu")) == 4
    assert ws.count_sessions(SessionFilter(text="peña", community="Perquín")) == 2
    assert [s.facilitator for s in ws.list_sessions(None, 0, 2)] == ["Ana Martínez", "Luis Peña"]
    assert ws.communities() == ["El Carmen", "Perquín"]
    first = ws.list_sessions(limit=1)[0]
    ws.delete_draft(first.instance_id)
    assert ws.count_sessions() == 5


def test_a_photo_is_kept_with_the_session(ws, ana, tmp_path):
    photo = tmp_path / "señal del río.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"x" * 1000)
    active = ws.start_session("taller", facilitator=ana)
    name = active.attach("/data/photo", photo)
    assert name == f"photo-{hashlib.sha256(photo.read_bytes()).hexdigest()[:12]}.jpg"
    assert active.value("/data/photo") == name
    stored = ws.store.attachments.list(active.instance_id)
    assert [(a.filename, a.media_type, a.size) for a in stored] == [(name, "image/jpeg", 1003)]
    other = tmp_path / "other" / "señal del río.jpg"
    other.parent.mkdir()
    other.write_bytes(b"different")
    assert active.attach("/data/photo", other) not in (name, "señal del río.jpg")
    assert active.attach("/data/photo", photo) == name  # the same file twice is one file


def test_a_file_name_never_carries_a_persons_name_to_the_server(ws, ana, tmp_path):
    recording = tmp_path / "Entrevista María López (retornada).M4A"
    recording.write_bytes(b"voice")
    active = ws.start_session("taller", facilitator=ana)
    name = active.attach("/data/photo", recording)
    assert "María" not in name and "López" not in name and name.endswith(".m4a")
    assert "María" not in saved(ws, active.instance_id).instance_xml


def test_a_full_disk_keeps_the_saved_answer_and_the_screen_in_step(ws, ana):
    active = ws.start_session("taller", facilitator=ana)
    active.answer("/data/story", "antes")
    conn: sqlite3.Connection = ws.store._db.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 1}")
    with pytest.raises(StoreError) as caught:
        active.answer("/data/story", "x" * 100_000)
    assert caught.value.kind == "disk_full"
    assert active.value("/data/story") == "antes"
    assert "antes" in saved(ws, active.instance_id).instance_xml


def test_a_hidden_answer_survives_in_the_draft_but_not_in_the_submission(ws, ana):
    active = ws.start_session("taller", facilitator=ana)
    active.answer("/data/children", "2")
    active.answer("/data/children_names", "Ana y Luis")
    active.answer("/data/children", "0")  # the names question is hidden now
    assert "Ana y Luis" in saved(ws, active.instance_id).instance_xml
    assert "Ana y Luis" not in active.to_xml()

    again = ws.resume(active.instance_id)
    again.answer("/data/children", "1")
    assert again.value("/data/children_names") == "Ana y Luis"


def test_a_returned_session_is_corrected_as_a_new_submission(ws, ana):
    active = ws.start_session("taller", facilitator=ana)
    for ref, value in (
        ("/data/community", "perquin"),
        ("/data/age", "40"),
        ("/data/participants[1]/participant_code", "P1"),
    ):
        active.answer(ref, value)
    assert active.finalize() == []
    with pytest.raises(StoreError) as caught:
        ws.start_correction(active.instance_id)
    assert caught.value.kind == "invalid"
    ws.store.outbox.mark_sent(active.instance_id)
    ws.store.submissions.set_review(active.instance_id, "has_issues", "Revise la edad")

    fix = ws.start_correction(active.instance_id)
    assert fix.instance_id != active.instance_id and not fix.is_read_only
    assert fix.value("/data/age") == "40"
    fix.answer("/data/age", "41")
    assert ws.start_correction(active.instance_id).instance_id == fix.instance_id
    assert fix.finalize() == []
    sent = saved(ws, fix.instance_id)
    assert sent.deprecated_id == active.instance_id and sent.community == "Perquín"
    assert f"<deprecatedID>{active.instance_id}</deprecatedID>" in sent.instance_xml
    assert f"<instanceID>{fix.instance_id}</instanceID>" in sent.instance_xml
    assert saved(ws, active.instance_id).status == "has_issues"
    assert [e.instance_id for e in ws.store.outbox.due()] == [fix.instance_id]


def test_new_sessions_carry_device_and_facilitator_metadata(ws, ana):
    device = ws.device_id()
    assert device.startswith("encuentro:") and ws.device_id() == device
    assert ws.start_session("taller", facilitator=ana).session.properties == {
        "deviceid": device,
        "username": "Ana Martínez",
    }


def test_the_bundled_questionnaires_load_and_start(tmp_path):
    with Workspace.open(load_config(tmp_path / "d")) as ws:  # forms/ from the source tree
        assert ws.builtin_problems == []
        forms = ws.list_forms()
        assert len(forms) >= 1 and all(f.builtin for f in forms)
        for record in forms:
            active = ws.start_session(record.form_id, language="en")
            assert active.language == "English (en)" and active.prompts()


def test_a_damaged_data_file_stops_the_workspace_and_is_kept(tmp_path, forms_folder):
    config = load_config(tmp_path / "d")
    config.database_path.write_bytes(b"\x00garbage" * 500)
    with pytest.raises(StoreError) as caught:
        Workspace.open(config, forms_folder=forms_folder)
    assert caught.value.kind == "corrupt"
    assert config.database_path.read_bytes() == b"\x00garbage" * 500
