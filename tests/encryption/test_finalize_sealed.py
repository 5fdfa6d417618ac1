"""Finalising a session of a form with a public key: what the outbox sends is the sealed
submission (checked with the independent decryptor), and the data folder keeps no answer in
clear: on a plain data file only the sealed copy stays; on a PIN-protected one the facilitator
can still look at the session (the file is SQLCipher) while the sealed copy is what is sent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.config import load_config
from app.store import StoreError
from app.sync_ledger import WorkspaceLedger
from app.workspace import Workspace
from tests.encryption import spec_decryptor
from tests.encryption.keys import FORM, private_key

NAME = "Lucía Pérez Quispe"
STORY = "Nos detuvieron en la frontera de Tapachula tres días"
PHOTO = b"\x89PNG-documento-de-identidad-" + bytes(range(256)) * 40


@pytest.fixture
def forms_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.copy(FORM, folder / FORM.name)
    return folder


def fill_and_finalize(ws: Workspace, profile_id: str, tmp_path: Path):
    ws.choose_profile(profile_id)
    active = ws.start_session("entrevista_cifrada", facilitator=profile_id)
    active.answer("/data/nombre", NAME)
    active.answer("/data/relato", STORY)
    active.answer("/data/retorno", "no")
    photo = tmp_path / "Lucía-cédula.png"
    photo.write_bytes(PHOTO)
    stored_name = active.attach("/data/foto", photo)
    photo.unlink()
    assert active.finalize() == []
    return active, stored_name


def assert_no_answer_in(folder: Path) -> None:
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert files
    for path in files:
        data = path.read_bytes()
        for secret in (NAME.encode(), "Pérez".encode(), STORY.encode(), b"Tapachula", PHOTO[:40]):
            assert secret not in data, (secret, path)


def test_plain_data_file_keeps_only_the_sealed_copy(tmp_path, forms_folder):
    data = tmp_path / "data"
    ws = Workspace.open(load_config(data), forms_folder=forms_folder)
    ana = ws.create_profile("Ana Martínez")
    active, photo_name = fill_and_finalize(ws, ana.id, tmp_path)
    final_xml = active.to_xml().encode("utf-8")  # still in memory for the screen just shown
    payload = WorkspaceLedger(ws).payload(active.instance_id)
    parts = {a.name: a.content for a in payload.attachments}
    assert list(parts) == [f"{photo_name}.enc", "submission.xml.enc"]
    opened = spec_decryptor.decrypt(payload.xml, parts, private_key())
    assert opened["xml"] == final_xml and NAME.encode() in opened["xml"]
    assert opened["media"] == {photo_name: PHOTO} and opened["signature_ok"]
    with pytest.raises(StoreError) as refused:
        ws.resume(active.instance_id)
    assert refused.value.kind == "sealed"
    record = ws.session_record(active.instance_id)
    assert record.status == "finalized" and record.instance_xml.encode() == payload.xml
    ws.close()
    assert_no_answer_in(data)


def test_pin_protected_file_shows_the_session_and_sends_the_sealed_copy(tmp_path, forms_folder):
    data = tmp_path / "data"
    ws = Workspace.open(load_config(data), forms_folder=forms_folder)
    ana = ws.create_profile("Ana Martínez", pin="482913")
    active, photo_name = fill_and_finalize(ws, ana.id, tmp_path)
    again = ws.resume(active.instance_id)
    assert again.read_only and again.value("/data/nombre") == NAME
    payload = WorkspaceLedger(ws).payload(active.instance_id)
    assert NAME.encode() not in payload.xml
    parts = {a.name: a.content for a in payload.attachments}
    opened = spec_decryptor.decrypt(payload.xml, parts, private_key())
    assert opened["xml"] == again.to_xml().encode("utf-8")
    ws.close()
    assert_no_answer_in(data)


def test_last_saved_skips_a_session_kept_only_sealed(tmp_path, forms_folder):
    ws = Workspace.open(load_config(tmp_path / "data"), forms_folder=forms_folder)
    ana = ws.create_profile("Ana Martínez")
    fill_and_finalize(ws, ana.id, tmp_path)
    assert ws.store.submissions.last_finalized_xml("entrevista_cifrada") is None
    ws.close()


def test_correction_of_a_returned_session_is_sealed_with_its_deprecated_id(tmp_path, forms_folder):
    ws = Workspace.open(load_config(tmp_path / "data"), forms_folder=forms_folder)
    ana = ws.create_profile("Ana Martínez", pin="482913")
    active, _photo = fill_and_finalize(ws, ana.id, tmp_path)
    ws.store.outbox.mark_sent(active.instance_id)
    ws.store.submissions.set_review(active.instance_id, "has_issues", "Falta la fecha")
    correction = ws.start_correction(active.instance_id)
    assert correction.value("/data/nombre") == NAME
    assert correction.finalize() == []
    payload = WorkspaceLedger(ws).payload(correction.instance_id)
    assert f"<orx:deprecatedID>{active.instance_id}</orx:deprecatedID>".encode() in payload.xml
    parts = {a.name: a.content for a in payload.attachments}
    opened = spec_decryptor.decrypt(payload.xml, parts, private_key())
    assert opened["signature_ok"] and NAME.encode() in opened["xml"]
    ws.close()
