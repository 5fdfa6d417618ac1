"""Issue 9: the project's recovery key reaches the laptop at enrollment (real server), and the
device token never lies in clear on disk without an OS keyring.

The administrator makes the key pair with `main.py admin recovery-key` (the private key to a
file, encrypted with a passphrase; the server keeps only the public key). A laptop enrolled
afterwards wraps its data key with it, so `main.py admin recover-profile` gives a forgotten PIN a
replacement with that file, and with no other key."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from app.profile_index import ProfileIndex
from app.protection import index_path
from app.store.keys import WrongPin
from sync.server import schema
from tests.sync.harness import PROJECT, CentralServer, client_for, open_workspace

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "frase larga de la coordinación"
PIN = "482193"


def main_py(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
    )


def make_recovery_key(server: CentralServer, out: Path) -> None:
    made = main_py(
        "admin",
        "recovery-key",
        "--project",
        PROJECT,
        "--out",
        str(out),
        "--database-url",
        server.url_db,
        stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n",
    )
    assert made.returncode == 0, made.stderr
    assert out.stat().st_mode & 0o077 == 0 and b"ENCRYPTED PRIVATE KEY" in out.read_bytes()


def everything_on_disk(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_enrollment_hands_over_the_recovery_key_and_only_its_private_key_recovers(
    server: CentralServer, tmp_path: Path
) -> None:
    private = tmp_path / "coordination" / "recovery.pem"
    private.parent.mkdir()
    make_recovery_key(server, private)
    with server.db.read() as conn:
        stored = conn.execute(select(schema.recovery_keys.c.public_pem)).scalars().all()
    assert len(stored) == 1 and "PUBLIC KEY" in stored[0]  # the server holds the public half
    assert "PRIVATE" not in stored[0]

    folder = tmp_path / "laptop"
    ws = open_workspace(folder)
    ana = ws.create_profile("Ana Martínez", pin=PIN)
    client = client_for(ws)  # no OS keyring: the token goes into the (encrypted) database
    client.set_server(server.url)
    device = client.enroll(server.enrollment_code())
    assert device["token_kept_in"] == "database" and "recovery_public_key" not in device
    slot = client.address.keyring_name
    token = client.vault.get(slot)
    assert token
    index = ProfileIndex.load(index_path(Path(ws.config.database_path)))
    assert index is not None and index.recovery_public is not None
    assert index.recovery_public.strip() == stored[0].strip()
    assert index.profiles[ana.id].recovery is not None  # Ana's own key, wrapped for the project
    # The token is in no file in clear: not the data file, its WAL, the index, logs, backups.
    files = everything_on_disk(folder)
    assert any(name.endswith("-wal") or name.endswith(".sqlite3") for name in files)
    for name, data in files.items():
        assert token.encode() not in data, name
    ws.close()
    for name, data in everything_on_disk(folder).items():
        assert token.encode() not in data, name

    data_dir = str(Path(ws.config.database_path).parent)
    recover = ("admin", "recover-profile", data_dir, "--profile", "Ana Martínez", "--key")
    # Another project's key, and the right key with a wrong passphrase: nothing changes.
    other = tmp_path / "other.pem"
    other_server = CentralServer(tmp_path / "other-server")
    make_recovery_key(other_server, other)
    refused = main_py(*recover, str(other), stdin=f"{PASSPHRASE}\n606060\n606060\n")
    assert refused.returncode == 1 and "Nothing was changed" in refused.stderr
    wrong = main_py(*recover, str(private), stdin="not the passphrase\n606060\n606060\n")
    assert wrong.returncode == 1
    with open_workspace(folder) as again:
        with pytest.raises(WrongPin):
            again.unlock(ana.id, "606060")
        again.unlock(ana.id, PIN)  # the old PIN still works: nothing was changed

    done = main_py(*recover, str(private), stdin=f"{PASSPHRASE}\n606060\n606060\n")
    assert done.returncode == 0, done.stderr
    with open_workspace(folder) as again:
        again.unlock(ana.id, "606060")
        assert client_for(again).vault.get(slot) == token


def test_a_laptop_enrolled_before_its_first_pin_wraps_the_key_when_the_pin_comes(
    server: CentralServer, tmp_path: Path
) -> None:
    private = tmp_path / "recovery.pem"
    make_recovery_key(server, private)
    folder = tmp_path / "laptop"
    ws = open_workspace(folder)
    beto = ws.create_profile("Beto")  # a plain folder, as before issue 9
    client = client_for(ws)
    client.set_server(server.url)
    client.enroll(server.enrollment_code())
    token = client.vault.get(client.address.keyring_name)
    ws.set_pin(beto.id, PIN)  # encrypts the data file in place, wraps for the project too
    index = ProfileIndex.load(index_path(Path(ws.config.database_path)))
    assert index is not None and index.profiles[beto.id].recovery is not None
    ws.close()
    for name, data in everything_on_disk(folder).items():
        assert token.encode() not in data, name  # the plain copy was wiped
    done = main_py(
        "admin",
        "recover-profile",
        str(folder),
        "--profile",
        "Beto",
        "--key",
        str(private),
        stdin=f"{PASSPHRASE}\n707070\n707070\n",
    )
    assert done.returncode == 0, done.stderr
    with open_workspace(folder) as again:
        again.unlock(beto.id, "707070")
