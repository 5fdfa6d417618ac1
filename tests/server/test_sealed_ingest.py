"""ODK-encrypted submissions on the server (SQLite and PostgreSQL): stored as they came, the
files the manifest names and no others, only for forms with a public key; decrypting needs a
supervisor, the right key and its passphrase; the export without a key says what is missing."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from app.odk_encryption import public_key_from_form, seal_submission
from sync.server import forms
from tests.encryption.keys import FORM, PASSPHRASE, PRIVATE_PEM, PUBLIC_BASE64
from tests.server.conftest import Pilot, submission_xml

KEY = {"private_key": PRIVATE_PEM.decode(), "passphrase": PASSPHRASE}
ANSWERS = '<data id="entrevista_cifrada" version="2026120701"><nombre>Rosa Quispe</nombre>'


def publish_encrypted(pilot: Pilot) -> None:
    copy = pilot.tmp / FORM.name
    shutil.copy(FORM, copy)
    forms.publish_form(pilot.db, "Piloto", copy)


def sealed(
    instance_id: str,
    media=(),
    form_id="entrevista_cifrada",
    version="2026120701",
    deprecated_id: str | None = None,
):
    old = f"<deprecatedID>{deprecated_id}</deprecatedID>" if deprecated_id else ""
    xml = f"{ANSWERS}<meta><instanceID>{instance_id}</instanceID>{old}</meta></data>".encode()
    return xml, seal_submission(
        form_id=form_id,
        version=version,
        instance_id=instance_id,
        submission_xml=xml,
        media=list(media),
        public_key=public_key_from_form(PUBLIC_BASE64),
        deprecated_id=deprecated_id,
    )


def send(pilot: Pilot, box, extra: dict[str, bytes] | None = None):
    files = {part.name: part.data for part in box.parts}
    return pilot.submit(box.manifest, {**files, **(extra or {})})


def test_stored_as_sent_and_opened_only_with_the_key(pilot: Pilot, tmp_path: Path) -> None:
    publish_encrypted(pilot)
    instance_id = f"uuid:{uuid.uuid4()}"
    plain, box = sealed(instance_id, media=[("foto-1.jpg", b"\xff\xd8 foto")])
    assert send(pilot, box).status_code == 201
    assert send(pilot, box).headers["X-Encuentro-Submission"] == "duplicate"
    sup = pilot.auth(pilot.supervisor_token)
    detail = pilot.client.get(f"/api/v1/submissions/{instance_id}", headers=sup).json()
    assert detail["xml"].encode() == box.manifest and detail["encrypted"] is True
    assert detail["attachments_missing"] == []

    url = f"/api/v1/submissions/{instance_id}/decrypt"
    assert pilot.client.post(url, json=KEY, headers=pilot.auth()).status_code == 403
    bad = pilot.client.post(url, json={**KEY, "passphrase": "otra"}, headers=sup)
    assert bad.status_code == 400 and "otra" not in bad.text
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    wrong = pilot.client.post(url, json={"private_key": stranger.decode()}, headers=sup)
    assert wrong.status_code == 422
    good = pilot.client.post(url, json=KEY, headers=sup).json()
    assert good["xml"].encode() == plain and good["signature_ok"] is True
    assert [(f["name"], f["size"]) for f in good["files"]] == [("foto-1.jpg", 7)]

    export = f"/api/v1/projects/{pilot.project_id}/forms/entrevista_cifrada/export"
    refused = pilot.client.get(export, headers=sup)
    assert refused.status_code == 422 and "private key" in refused.json()["detail"]
    keyed = pilot.client.post(export, json={**KEY, "format": "xlsx"}, headers=sup)
    assert keyed.status_code == 200 and keyed.content[:2] == b"PK"


def test_only_the_files_the_manifest_names_and_only_for_an_encrypted_form(pilot: Pilot) -> None:
    publish_encrypted(pilot)
    _, box = sealed(f"uuid:{uuid.uuid4()}")
    extra = send(pilot, box, {"otro.jpg.enc": b"x"})
    assert extra.status_code == 400 and b"otro.jpg.enc" in extra.content
    # A manifest for the plain form of the pilot (no public key there) is refused.
    _, plain_form = sealed(f"uuid:{uuid.uuid4()}", form_id="grupo_focal", version="1")
    refused = send(pilot, plain_form)
    assert refused.status_code == 400 and b"no public key" in refused.content
    # A plain submission of a plain form still goes in as before.
    assert pilot.submit(submission_xml()).status_code == 201


def test_a_sealed_correction_is_filed_as_a_new_version(pilot: Pilot) -> None:
    publish_encrypted(pilot)
    first = f"uuid:{uuid.uuid4()}"
    _, box = sealed(first)
    assert send(pilot, box).status_code == 201
    second = f"uuid:{uuid.uuid4()}"
    _, correction = sealed(second, deprecated_id=first)
    assert b"<orx:deprecatedID>" + first.encode() in correction.manifest
    assert send(pilot, correction).status_code == 201
    sup = pilot.auth(pilot.supervisor_token)
    detail = pilot.client.get(f"/api/v1/submissions/{second}", headers=sup).json()
    assert detail["review_state"] == "edited" and detail["root_id"] == first
    assert detail["versions"] == [first, second]
