"""End to end through the real server: a laptop finalises a session of an ODK-encrypted form and
syncs; the server stores the manifest and .enc files as they came (an independent decryptor
reads them); exactly-once and 409 hold; a supervisor reads, reviews and exports it only with
the private key and its passphrase."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
import requests

from app.odk_encryption import public_key_from_form, seal_submission
from sync.server import accounts
from tests.encryption import spec_decryptor
from tests.encryption.keys import FORM, PASSPHRASE, PRIVATE_PEM, PUBLIC_BASE64, private_key
from tests.sync.harness import PROJECT, CentralServer, client_for, open_workspace

NAME = "Lucía Pérez Quispe"
STORY = "Nos detuvieron en la frontera de Tapachula"
PHOTO = b"\xff\xd8 foto del documento " * 300


@pytest.fixture
def server(tmp_path: Path):
    central = CentralServer(tmp_path / "server")
    from sync.server.forms import publish_form

    form_copy = tmp_path / FORM.name
    shutil.copy(FORM, form_copy)
    publish_form(central.db, PROJECT, form_copy)
    accounts.create_user(central.db, "supervisora", "clave-segura-1", "supervisor", [PROJECT])
    central.start()
    yield central
    central.stop()


def supervisor_token(server: CentralServer) -> dict[str, str]:
    login = requests.post(
        f"{server.url}/api/v1/login",
        json={"username": "supervisora", "password": "clave-segura-1"},
        timeout=30,
    )
    login.raise_for_status()
    return {"Authorization": f"Bearer {login.json()['token']}"}


def test_sealed_session_goes_through_the_server_and_opens_only_with_the_key(server, tmp_path):
    # -- the laptop (no PIN: only the sealed copy stays on it) ----------------------------------
    ws = open_workspace(tmp_path / "laptop")
    ws.import_form(FORM)
    ana = ws.create_profile("Ana Martínez")
    ws.choose_profile(ana.id)
    active = ws.start_session("entrevista_cifrada", facilitator=ana.id)
    active.answer("/data/nombre", NAME)
    active.answer("/data/relato", STORY)
    photo = tmp_path / "cedula.jpg"
    photo.write_bytes(PHOTO)
    photo_name = active.attach("/data/foto", photo)
    assert active.finalize() == []
    final_xml = active.to_xml().encode("utf-8")
    instance_id = active.instance_id
    client = client_for(ws, timeout=30)
    client.set_server(server.url)
    client.enroll(server.enrollment_code())
    client.sync()
    assert ws.session_record(instance_id).status == "sent"

    # -- what the server holds: the manifest and the .enc files, byte for byte ------------------
    assert server.submission_counts() == {instance_id: 1}
    stored_xml = server.xml(instance_id)
    assert stored_xml is not None and NAME not in stored_xml and 'encrypted="yes"' in stored_xml
    stored_files = server.attachments(instance_id)
    assert set(stored_files) == {f"{photo_name}.enc", "submission.xml.enc"}
    opened = spec_decryptor.decrypt(stored_xml.encode(), stored_files, private_key())
    assert opened["xml"] == final_xml and opened["media"] == {photo_name: PHOTO}
    for path in (tmp_path / "server").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert NAME.encode() not in data and b"Tapachula" not in data, path

    # -- exactly once; a different sealing under the same instanceID is refused ----------------
    payload = ws.sync_ledger().payload(instance_id)
    token = client.vault.get(server.url)
    assert token
    post = f"{server.url}/submission"
    headers = {"Authorization": f"Bearer {token}", "X-OpenRosa-Version": "1.0"}

    def send(xml: bytes, parts: list[tuple[str, bytes]]) -> requests.Response:
        files = [("xml_submission_file", ("submission.xml", xml, "text/xml"))]
        files += [(name, (name, data, "application/octet-stream")) for name, data in parts]
        return requests.post(post, files=files, headers=headers, timeout=30)

    again = send(payload.xml, [(a.name, a.content) for a in payload.attachments])
    assert again.status_code == 201 and again.headers["X-Encuentro-Submission"] == "duplicate"
    other = seal_submission(
        form_id="entrevista_cifrada",
        version="2026120701",
        instance_id=instance_id,
        submission_xml=final_xml,
        media=[],
        public_key=public_key_from_form(PUBLIC_BASE64),
    )
    assert send(other.manifest, [(p.name, p.data) for p in other.parts]).status_code == 409
    assert server.submission_counts() == {instance_id: 1}

    # -- the supervisor: nothing readable without the key ------------------------------------
    auth = supervisor_token(server)
    api = f"{server.url}/api/v1"
    detail = requests.get(f"{api}/submissions/{instance_id}", headers=auth, timeout=30).json()
    assert detail["encrypted"] is True and detail["attachments_missing"] == []
    assert NAME not in detail["xml"]
    unkeyed = requests.get(
        f"{api}/projects/1/forms/entrevista_cifrada/export", headers=auth, timeout=60
    )
    assert unkeyed.status_code == 422 and "private key" in unkeyed.json()["detail"]
    wrong = requests.post(
        f"{api}/submissions/{instance_id}/decrypt",
        json={"private_key": PRIVATE_PEM.decode(), "passphrase": "no-es-esta"},
        headers=auth,
        timeout=30,
    )
    assert wrong.status_code == 400 and "no-es-esta" not in wrong.text

    key = {"private_key": PRIVATE_PEM.decode(), "passphrase": PASSPHRASE}
    decrypted = requests.post(
        f"{api}/submissions/{instance_id}/decrypt", json=key, headers=auth, timeout=30
    ).json()
    assert decrypted["xml"].encode("utf-8") == final_xml and decrypted["signature_ok"] is True
    assert [f["name"] for f in decrypted["files"]] == [photo_name]

    # -- review and export work as for a plain session ---------------------------------------
    reviewed = requests.post(
        f"{api}/submissions/{instance_id}/review",
        json={"state": "approved", "comment": "Bien"},
        headers=auth,
        timeout=30,
    )
    assert reviewed.status_code == 200
    export = requests.post(
        f"{api}/projects/1/forms/entrevista_cifrada/export",
        json={**key, "format": "csv", "approved_only": True},
        headers=auth,
        timeout=60,
    )
    assert export.status_code == 200, export.text
    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        table = archive.read("entrevista_cifrada.csv").decode("utf-8")
    assert NAME in table and STORY in table and instance_id in table
    log = (tmp_path / "server" / "server.log").read_bytes()
    assert PASSPHRASE.encode() not in log and b"PRIVATE KEY" not in log
    ws.close()
