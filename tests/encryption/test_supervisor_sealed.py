"""Supervisor mode (desktop) and ODK-encrypted sessions over the real server: pulled and cached
encrypted; shown, opened and exported only once the private key is given (kept in memory, gone
at sign-out); nothing decrypted lands in the supervisor's data file."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from app.export import ExportOptions
from app.odk_encryption import DecryptionError
from app.supervisor.sealed import SessionEncrypted
from sync.server import accounts
from sync.server.forms import publish_form
from tests.encryption.keys import FORM, PASSPHRASE, PRIVATE_PEM
from tests.supervisor.conftest import PASSWORD, SUPERVISOR, open_desk
from tests.sync.harness import PROJECT, CentralServer, Laptop

NAME = "Lucía Pérez Quispe"
PHOTO = b"\xff\xd8 foto del documento " * 50


@pytest.fixture
def server(tmp_path: Path):
    central = CentralServer(tmp_path / "server")
    copy = tmp_path / FORM.name
    shutil.copy(FORM, copy)
    publish_form(central.db, PROJECT, copy)
    accounts.create_user(central.db, SUPERVISOR, PASSWORD, "supervisor", [PROJECT])
    central.start()
    yield central
    central.stop()


def send_sealed_session(server: CentralServer, tmp_path: Path) -> tuple[str, str]:
    """A laptop without a PIN finalises and sends one encrypted session: (instance id, photo)."""
    laptop = Laptop.open(tmp_path / "laptop", server.url, timeout=10.0)
    laptop.client.enroll(server.enrollment_code("Laptop de Ana"))
    ws = laptop.workspace
    ws.import_form(FORM)
    ana = ws.create_profile("Ana Martínez")
    ws.choose_profile(ana.id)
    active = ws.start_session("entrevista_cifrada", facilitator=ana.id)
    active.answer("/data/nombre", NAME)
    photo = tmp_path / "doc.jpg"
    photo.write_bytes(PHOTO)
    photo_name = active.attach("/data/foto", photo)
    assert active.finalize() == []
    instance_id = active.instance_id
    assert laptop.client.sync().sent == [instance_id]
    laptop.close()
    return instance_id, photo_name


def test_encrypted_session_reads_and_exports_only_with_the_key(server, tmp_path):
    instance_id, photo_name = send_sealed_session(server, tmp_path)
    store, desk = open_desk(tmp_path / "supervisor")
    desk.sign_in(server.url, SUPERVISOR, PASSWORD)
    desk.sync()
    assert desk.is_encrypted(instance_id)
    with pytest.raises(SessionEncrypted):
        desk.rendering(instance_id, "es")
    out = tmp_path / "export.csv.zip"
    with pytest.raises(SessionEncrypted):
        desk.export("entrevista_cifrada", out, ExportOptions(format="csv"))
    assert not out.exists()
    with pytest.raises(DecryptionError):
        desk.sealed.use_key(PRIVATE_PEM, "no-es-esta")
    assert not desk.sealed.has_key

    desk.sealed.use_key(PRIVATE_PEM, PASSPHRASE)
    shown = desk.rendering(instance_id, "es")
    assert shown is not None
    answers = {label: value for s in shown.sections for _ref, label, value in s.answers}
    assert answers["Nombre de la persona"] == NAME
    assert desk.open_attachment(instance_id, photo_name).read_bytes() == PHOTO
    summary = desk.export("entrevista_cifrada", out, ExportOptions(format="csv"))
    assert summary.submissions == 1
    with zipfile.ZipFile(out) as archive:
        assert NAME in archive.read("entrevista_cifrada.csv").decode("utf-8")

    desk.sign_out()
    assert not desk.sealed.has_key
    store.close()
    for path in (tmp_path / "supervisor").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert NAME.encode() not in data and PHOTO[:30] not in data, path
