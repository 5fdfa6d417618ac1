"""Issue 7 item 8: the data folder is 0700 and every file holding answers 0600 from creation."""

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import load_config
from app.store import Store
from tests.store.test_migrations import make_v1_fixture

pytestmark = pytest.mark.skipif(
    os.name != "posix", reason="Windows: the per-user data folder keeps other accounts out"
)


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    """The usual desktop umask (022): without care, new files come out 0644 (world-readable)."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def assert_owner_only(folder: Path) -> None:
    """The folder and everything under it: folders 0700, files 0600."""
    assert mode(folder) == 0o700, folder
    seen = 0
    for path in folder.rglob("*"):
        seen += 1
        assert mode(path) == (0o700 if path.is_dir() else 0o600), (path, oct(mode(path)))
    assert seen, "nothing was checked"


def write_answers(store: Store) -> None:
    store.forms.add("gf", "1", "Grupo focal", "<h:html/>", languages=["es"])
    store.submissions.create("uuid:a", "gf", "1", "<data><n>Participante P07</n></data>")
    store.submissions.save_draft("uuid:a", "<data><n>Participante P07 (2)</n></data>")


def test_a_new_store_is_owner_only_while_open_with_answers(tmp_path: Path) -> None:
    data = load_config(tmp_path / "Encuentro").data_dir
    with Store.open(data / "encuentro.sqlite3") as store:
        write_answers(store)
        assert Path(f"{store.path}-wal").exists()  # the WAL is there and checked too
        assert_owner_only(data)
    assert_owner_only(data)


def test_modes_are_set_at_creation_not_by_a_chmod_afterwards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chmods: list[object] = []
    monkeypatch.setattr(os, "chmod", lambda path, *a, **k: chmods.append(path))
    data = load_config(tmp_path / "Encuentro").data_dir
    with Store.open(data / "encuentro.sqlite3") as store:
        write_answers(store)
    assert chmods == []
    monkeypatch.undo()
    assert_owner_only(data)


def test_migrating_writes_an_owner_only_backup_and_keeps_the_file_owner_only(
    tmp_path: Path,
) -> None:
    data = tmp_path / "Encuentro"
    data.mkdir(mode=0o755)
    fixture = data / "encuentro.sqlite3"
    make_v1_fixture(fixture)  # as an older Encuentro left it: 0644 in a 0755 folder
    assert mode(fixture) == 0o644

    with Store.open(fixture) as store:
        assert store.backup_taken is not None
        write_answers(store)
        assert_owner_only(data)
    assert store.backup_taken.parent.name == "backups"
    assert_owner_only(data)


def test_an_older_world_readable_backup_is_tightened_at_open(tmp_path: Path) -> None:
    data = tmp_path / "Encuentro"
    backups = data / "backups"
    backups.mkdir(parents=True, mode=0o755)
    old_copy = backups / "encuentro-v1-20261201-000000-000000.sqlite3"
    old_copy.write_bytes(b"every answer")
    os.chmod(old_copy, 0o644)

    Store.open(data / "encuentro.sqlite3").close()

    assert_owner_only(data)
