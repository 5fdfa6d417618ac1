"""Issue 9, on the laptop: the data file, its WAL and its backups hold no answer in clear.

The bytes of every file in the data folder are grepped for unique markers typed as answers, while
the store is open (WAL full of fresh pages) and after it is closed."""

import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from app.store import Store, StoreError
from app.store.encrypt_file import (
    ENCRYPTING,
    PLAIN_OLD,
    encrypt_backups,
    encrypt_in_place,
    finish_interrupted,
    is_plain,
)
from app.store.keys import (
    WrongPin,
    WrongRecoveryKey,
    new_data_key,
    unwrap_with_pin,
    unwrap_with_recovery,
    wrap_with_pin,
    wrap_with_recovery,
)
from app.store.schema import CURRENT_VERSION, MIGRATIONS, Migration

# A later version of the app: opening a file with it migrates (and backs up) a current one.
LATER = (*MIGRATIONS, Migration(CURRENT_VERSION + 1, "a later version", lambda conn: None))
MARKER = "Marta-7Q3 contó que la amenazaron en Soyapango"
NAME = "Rosa Elvira Quintanilla-Z9"


def draft(text: str) -> str:
    return f"<data><n>{text}</n><pad>{'x' * 3000}</pad></data>"


def everything_on_disk(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def assert_no_clear_text(folder: Path, *texts: str) -> None:
    files = everything_on_disk(folder)
    assert files, "nothing to check"
    for name, data in files.items():
        for text in texts:
            assert text.encode() not in data, (text, name)


def fill(store: Store, n: int = 3) -> None:
    store.forms.add("gf", "1", "Grupo focal", "<h:html/>", languages=["es"])
    store.profiles.create(NAME)
    for i in range(n):
        store.submissions.create(f"uuid:{i}", "gf", "1", draft(f"{MARKER} {i}"))
    store.submissions.finalize("uuid:0", draft(f"{MARKER} 0"))


def xml_of(store: Store) -> dict[str, str]:
    return {
        s.instance_id: store.submissions.get(s.instance_id).instance_xml
        for s in store.submissions.list(None, 0, 1000)
    }


def test_the_file_and_its_wal_hold_no_answer_while_open_and_after(tmp_path: Path):
    key = new_data_key()
    path = tmp_path / "encuentro.sqlite3"
    store = Store.open(path, key=key)
    fill(store)
    store.submissions.save_draft("uuid:1", draft(f"{MARKER} again"))
    assert Path(f"{path}-wal").exists()
    copied = tmp_path.parent / f"{tmp_path.name}-copy"
    shutil.copytree(tmp_path, copied)  # what a thief copies off a running laptop's disk
    assert_no_clear_text(copied, MARKER, NAME)
    store.close()
    assert_no_clear_text(tmp_path, MARKER, NAME)
    assert not is_plain(path)
    # ...and the copy opens with the key, with everything in it.
    with Store.open(copied / path.name, key=key) as reopened:
        assert reopened.submissions.get("uuid:1").instance_xml == draft(f"{MARKER} again")


def test_the_same_test_sees_answers_in_a_plain_file(tmp_path: Path):
    """The grep above can fail: without a key the marker is right there."""
    path = tmp_path / "encuentro.sqlite3"
    with Store.open(path) as store:
        fill(store)
    with pytest.raises(AssertionError):
        assert_no_clear_text(tmp_path, MARKER)


def test_a_wrong_key_or_no_key_opens_nothing_and_changes_nothing(tmp_path: Path):
    key = new_data_key()
    path = tmp_path / "encuentro.sqlite3"
    with Store.open(path, key=key) as store:
        fill(store)
    before = path.read_bytes()
    for wrong in (new_data_key(), None):
        with pytest.raises(StoreError) as caught:
            Store.open(path, key=wrong)
        assert caught.value.kind == "corrupt"
    assert path.read_bytes() == before


def test_a_pre_migration_backup_is_encrypted_with_the_same_key(tmp_path: Path):
    key = new_data_key()
    path = tmp_path / "encuentro.sqlite3"
    with Store.open(path, key=key) as old:
        fill(old)
    with Store.open(path, key=key, migrations=LATER) as store:
        backup = store.backup_taken
        assert backup is not None and backup.exists()
    assert not is_plain(backup)
    assert_no_clear_text(tmp_path, MARKER, NAME)
    with Store.open(backup, key=key, migrations=MIGRATIONS) as copy:
        assert copy.submissions.count() == 3


def test_a_plain_file_is_encrypted_in_place_with_every_answer_kept(tmp_path: Path):
    path = tmp_path / "encuentro.sqlite3"
    store = Store.open(path)
    fill(store, 5)
    store.close()
    store = Store.open(path, migrations=LATER)  # migrates: a plain backup appears in backups/
    store.submissions.save_draft("uuid:2", draft(f"{MARKER} in the WAL"))
    expected = xml_of(store)
    version = store.schema_version
    store._db.conn.close()  # a crash-like close: no final checkpoint, the WAL stays
    assert list((tmp_path / "backups").iterdir())
    key = new_data_key()

    encrypt_in_place(path, key)
    encrypt_backups(path, key)

    assert_no_clear_text(tmp_path, MARKER, NAME)
    assert not Path(f"{path}{PLAIN_OLD}").exists()
    assert not Path(f"{path}{ENCRYPTING}").exists()
    with Store.open(path, key=key, migrations=LATER) as encrypted:
        assert xml_of(encrypted) == expected
        assert encrypted.schema_version == version
        assert [p.display_name for p in encrypted.profiles.list()] == [NAME]
        assert encrypted.check_integrity() == []
    for backup in (tmp_path / "backups").iterdir():
        with Store.open(backup, key=key, migrations=MIGRATIONS) as copy:
            assert copy.submissions.count() == 5


def test_a_crash_before_the_swap_leaves_the_plain_file_as_it_was(tmp_path: Path):
    path = tmp_path / "encuentro.sqlite3"
    with Store.open(path) as store:
        fill(store)
    before = path.read_bytes()
    Path(f"{path}{ENCRYPTING}").write_bytes(b"half an encrypted copy")
    finish_interrupted(path)
    assert path.read_bytes() == before
    assert not Path(f"{path}{ENCRYPTING}").exists()


def test_a_crash_between_the_two_renames_puts_the_plain_file_back(tmp_path: Path):
    path = tmp_path / "encuentro.sqlite3"
    with Store.open(path) as store:
        fill(store)
    before = path.read_bytes()
    path.rename(f"{path}{PLAIN_OLD}")  # step 2 half done: the encrypted copy not yet in place
    Path(f"{path}{ENCRYPTING}").write_bytes(b"an encrypted copy")
    finish_interrupted(path)
    assert path.read_bytes() == before
    with Store.open(path) as store:
        assert store.submissions.count() == 3


def test_a_crash_after_the_swap_finishes_wiping_the_plain_copy(tmp_path: Path):
    path = tmp_path / "encuentro.sqlite3"
    with Store.open(path) as store:
        fill(store)
    shutil.copy(path, f"{path}{PLAIN_OLD}")  # left behind by a crash after the swap
    key = new_data_key()
    encrypt_in_place(path, key)
    assert not Path(f"{path}{PLAIN_OLD}").exists()
    assert_no_clear_text(tmp_path, MARKER)


def test_encrypting_a_file_that_is_already_encrypted_is_refused(tmp_path: Path):
    key = new_data_key()
    path = tmp_path / "encuentro.sqlite3"
    with Store.open(path, key=key) as store:
        fill(store)
    with pytest.raises(StoreError):
        encrypt_in_place(path, new_data_key())
    with Store.open(path, key=key) as store:
        assert store.submissions.count() == 3


def test_a_pin_wraps_the_data_key_and_a_wrong_pin_does_not_unwrap_it():
    key = new_data_key()
    wrapping = wrap_with_pin(key, "4821")
    assert key.hex() not in str(wrapping)
    assert unwrap_with_pin(wrapping, "4821") == key
    with pytest.raises(WrongPin):
        unwrap_with_pin(wrapping, "4822")
    tampered = dict(wrapping, wrapped=wrap_with_pin(key, "4821")["wrapped"])
    with pytest.raises(WrongPin):
        unwrap_with_pin(tampered, "4821")  # another salt/nonce's ciphertext does not pass


def test_the_recovery_key_unwraps_the_data_key_and_another_key_does_not():
    key = new_data_key()
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    private_pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    wrapping = wrap_with_recovery(key, public_pem)
    assert unwrap_with_recovery(wrapping, private_pem) == key
    with pytest.raises(WrongRecoveryKey):
        unwrap_with_recovery(wrapping, other)
    with pytest.raises(WrongRecoveryKey):
        unwrap_with_recovery(wrapping, b"not a key")


def test_an_encrypted_store_keeps_temporary_data_in_memory(tmp_path: Path):
    with Store.open(tmp_path / "encuentro.sqlite3", key=new_data_key()) as store:
        assert store._db.conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY


def test_a_recovery_key_from_a_server_is_checked_before_use() -> None:
    from app.store.keys import load_public_key

    def pem(bits: int) -> str:
        key = rsa.generate_private_key(public_exponent=65537, key_size=bits).public_key()
        return key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode()

    assert load_public_key(pem(2048)).key_size == 2048
    with pytest.raises(ValueError, match="2048 to 8192"):
        load_public_key(pem(1024))
    with pytest.raises(ValueError, match="too large"):
        load_public_key("-----BEGIN PUBLIC KEY-----\n" + "A" * 20_000)
    with pytest.raises(ValueError):
        load_public_key("not a key at all")
