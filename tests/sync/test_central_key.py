"""An ODK Central-style project URL holds a secret: its key lives in the TokenVault, never in
plain settings or logs; and a client configured with our own server's keyed URL syncs through it."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

import pytest
from keyring.backends.fail import Keyring as NoKeyring

from app.store import Store
from app.workspace import Workspace
from sync.credentials import SETTING_PREFIX
from sync.server import accounts
from sync.server_setting import SERVER_URL_KEY, central_key_slot
from tests.sync.harness import (
    FORM_ID,
    FORM_VERSION,
    PROJECT,
    CentralServer,
    client_for,
    instance_xml,
    media_file,
    open_workspace,
)
from tests.sync.test_credentials import MemoryKeyring

KEY = "Zq8-app_user_token_0123456789abcdef"
CENTRAL = f"https://central.example.org/v1/key/{KEY}/projects/7"


@pytest.fixture
def ws(tmp_path: Path):
    with open_workspace(tmp_path) as opened:
        yield opened


@pytest.fixture
def store(ws: Workspace) -> Store:
    return ws.store


def all_settings_text(store: Store) -> str:
    rows = store._db.rows("SELECT key, value FROM settings")  # noqa: SLF001 - looking for leaks
    return "\n".join(f"{row['key']}={row['value']}" for row in rows)


def test_the_key_goes_to_the_keyring_and_comes_back(ws: Workspace, store: Store) -> None:
    keyring = MemoryKeyring()
    client = client_for(ws, backend=keyring)
    address = client.set_server(CENTRAL)
    assert address.central_key == KEY
    assert store.settings.get(SERVER_URL_KEY) == "https://central.example.org/v1/key/…/projects/7"
    assert KEY not in all_settings_text(store)
    assert KEY in keyring.passwords.values()
    again = client.address
    assert again is not None and again.base == CENTRAL and again.central_key == KEY
    assert again.form_list_url == f"{CENTRAL}/formList"
    # Our own server's address stays as it is (its token is the device token, kept apart).
    client.set_server("http://127.0.0.1:8765")
    assert store.settings.get(SERVER_URL_KEY) == "http://127.0.0.1:8765"


def test_without_a_keyring_the_key_is_in_the_owner_only_database(
    ws: Workspace, store: Store
) -> None:
    client = client_for(ws, backend=NoKeyring())
    client.set_server(CENTRAL)
    assert KEY not in str(store.settings.get(SERVER_URL_KEY))
    slot = central_key_slot(client.address)  # type: ignore[arg-type]
    assert client.vault.location(slot) == "database"
    assert store.settings.get(SETTING_PREFIX + slot) == KEY
    assert oct(Path(store.path).stat().st_mode & 0o777) == "0o600"
    assert client.address is not None and client.address.base == CENTRAL


def test_a_plain_keyed_url_from_an_earlier_version_is_moved_to_the_vault(
    ws: Workspace, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    store.settings.set(SERVER_URL_KEY, CENTRAL)  # what the earlier version kept
    keyring = MemoryKeyring()
    client = client_for(ws, backend=keyring)
    with caplog.at_level(logging.DEBUG):
        address = client.address
    assert address is not None and address.base == CENTRAL
    assert KEY not in all_settings_text(store)
    assert KEY in keyring.passwords.values()
    assert KEY not in caplog.text and "moved the ODK Central access key" in caplog.text


def test_a_key_gone_from_the_keyring_means_no_server_until_typed_again(ws: Workspace) -> None:
    keyring = MemoryKeyring()
    client = client_for(ws, backend=keyring)
    client.set_server(CENTRAL)
    keyring.passwords.clear()  # e.g. a new user profile on the laptop
    assert client.address is None
    client.set_server(CENTRAL)
    assert client.address is not None and client.address.central_key == KEY


def test_our_server_keyed_project_url_pulls_forms_and_pushes_once(
    tmp_path: Path, server: CentralServer, caplog: pytest.LogCaptureFixture
) -> None:
    token = accounts.enroll_device(server.db, server.enrollment_code("Laptop con URL"))["token"]
    project = accounts.project_id(server.db, PROJECT)
    keyed = f"{server.url}/v1/key/{token}/projects/{project}"
    laptop = open_workspace(tmp_path / "laptop")
    store = laptop.store
    client = client_for(laptop, timeout=5.0)
    try:
        with caplog.at_level(logging.DEBUG):
            address = client.set_server(keyed)
            assert address.is_central and not address.uses_bearer_token
            first = client.sync()
            assert first.complete, first.problems
            assert [f"{f.form_id} {f.version}" for f in store.forms.list()] == [
                f"{FORM_ID} {FORM_VERSION}"
            ]
            media = media_file(laptop, "mapa.png")
            assert media.read_bytes().startswith(b"\x89PNG")

            instance_id = f"uuid:{uuid.uuid4()}"
            xml = instance_xml(instance_id, "Ana", photo=None)
            store.submissions.create(instance_id, FORM_ID, FORM_VERSION, xml)
            store.submissions.finalize(instance_id, xml)
            second = client.sync()
            assert second.sent == [instance_id] and second.complete
            assert store.submissions.get(instance_id).status == "sent"
            third = client.sync()  # nothing left: nothing sent twice
            assert third.sent == [] and third.complete
        assert server.submission_counts() == {instance_id: 1}
        assert token not in caplog.text
        vault_row = f"{SETTING_PREFIX}{central_key_slot(address)}="
        others = [
            line for line in all_settings_text(store).splitlines() if not line.startswith(vault_row)
        ]
        assert others and token not in "\n".join(others)  # only in the vault's own row
        audit = store._db.rows("SELECT * FROM audit")  # noqa: SLF001 - looking for leaks
        assert token not in repr(audit)
    finally:
        client.http.close()
        laptop.close()
