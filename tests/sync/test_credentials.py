"""Where the device token is kept: the OS keyring, or the local database at 0600 without one."""

from __future__ import annotations

import stat
from pathlib import Path

import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.fail import Keyring as FailKeyring

from app.store import Store
from sync.credentials import TokenVault, keyring_usable


class MemoryKeyring(KeyringBackend):
    """Stands in for the OS keyring (a true system edge): keeps passwords in a dict."""

    priority = 5  # type: ignore[assignment]

    def __init__(self, refuse: bool = False) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}
        self.refuse = refuse

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.refuse:
            raise keyring.errors.PasswordSetError("locked")
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.passwords:
            raise keyring.errors.PasswordDeleteError("absent")
        del self.passwords[(service, username)]


# Subclasses register themselves for auto-detection; keep this one out of the real choice.
KeyringBackend._classes.discard(MemoryKeyring)  # type: ignore[attr-defined]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path / "encuentro.sqlite3") as opened:
        yield opened


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_without_a_keyring_the_token_goes_to_the_database_readable_by_owner_only(
    store: Store, tmp_path: Path
) -> None:
    # As on this machine and many minimal Linux installs: keyring finds only its "fail" backend.
    no_keyring = FailKeyring()
    assert not keyring_usable(no_keyring)
    store.path.chmod(0o644)
    vault = TokenVault(store.settings, store.path, backend=no_keyring)
    assert vault.put("http://10.0.0.5:8765", "secret-token") == "database"
    assert mode(store.path) == 0o600
    for companion in ("-wal", "-shm"):
        side = Path(f"{store.path}{companion}")
        if side.exists():
            assert mode(side) == 0o600
    # A fresh vault over a reopened file finds it again.
    store.close()
    with Store.open(tmp_path / "encuentro.sqlite3") as reopened:
        again = TokenVault(reopened.settings, reopened.path, backend=no_keyring)
        assert again.get("http://10.0.0.5:8765") == "secret-token"
        assert again.get("http://other:1") is None
        again.forget("http://10.0.0.5:8765")
        assert again.get("http://10.0.0.5:8765") is None
        assert reopened.settings.get("sync.device_token:http://10.0.0.5:8765") is None


def test_with_a_keyring_the_database_never_holds_the_token(store: Store) -> None:
    backend = MemoryKeyring()
    vault = TokenVault(store.settings, store.path, backend=backend)
    assert vault.put("http://10.0.0.5:8765", "secret-token") == "keyring"
    assert vault.get("http://10.0.0.5:8765") == "secret-token"
    raw = store.path.read_bytes() + Path(f"{store.path}-wal").read_bytes()
    assert b"secret-token" not in raw
    vault.forget("http://10.0.0.5:8765")
    assert backend.passwords == {} and vault.get("http://10.0.0.5:8765") is None


def test_a_keyring_that_refuses_falls_back_to_the_database(store: Store) -> None:
    vault = TokenVault(store.settings, store.path, backend=MemoryKeyring(refuse=True))
    assert vault.put("http://s", "t0k3n") == "database"
    assert vault.get("http://s") == "t0k3n"
    assert mode(store.path) == 0o600


def test_without_a_keyring_an_encrypted_database_keeps_the_token_out_of_every_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from app.store.keys import new_data_key

    with Store.open(tmp_path / "encuentro.sqlite3", key=new_data_key()) as encrypted:
        vault = TokenVault(encrypted.settings, encrypted.path, backend=FailKeyring())
        assert vault.put("http://10.0.0.5:8765", "tok-Zq81-secret") == "database"
        assert vault.get("http://10.0.0.5:8765") == "tok-Zq81-secret"
        files = [p for p in tmp_path.rglob("*") if p.is_file()]
        assert len(files) >= 2  # the file and its WAL, with the fresh write in it
        for path in files:
            assert b"tok-Zq81-secret" not in path.read_bytes(), path
    assert "no PIN yet" not in caplog.text
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert b"tok-Zq81-secret" not in path.read_bytes(), path


def test_without_a_keyring_a_plain_database_is_said_to_hold_the_token_in_clear(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    vault = TokenVault(store.settings, store.path, backend=FailKeyring())
    vault.put("http://10.0.0.5:8765", "tok-plain")
    assert "no PIN yet" in caplog.text and "tok-plain" not in caplog.text
