"""Storage on SQLite and PostgreSQL: migrations, URL handling, and the admin CLI end to end."""

from __future__ import annotations

import io
import json
import os
import socket
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from sync.server import accounts, schema
from sync.server.__main__ import main as server_main
from sync.server.db import Database, DatabaseError, normalize_url
from sync.server.migrations import LATEST_VERSION, current_version, migrate
from tests.server.conftest import FORM_XML

FIXTURES = Path(__file__).parent / "fixtures"


def test_migrate_creates_the_schema_once_and_is_safe_to_repeat(db_url: str) -> None:
    db = Database(db_url)
    try:
        assert current_version(db) == 0
        assert migrate(db) == LATEST_VERSION
        assert migrate(db) == LATEST_VERSION
        with db.read() as conn:
            versions = conn.execute(select(schema.schema_migrations.c.version)).scalars().all()
        assert versions == list(range(1, LATEST_VERSION + 1))
    finally:
        db.dispose()


def test_a_schema_newer_than_the_code_is_refused(db_url: str) -> None:
    db = Database(db_url)
    try:
        migrate(db)
        with db.write() as conn:
            conn.execute(schema.schema_migrations.insert().values(version=99, applied_at="x"))
        with pytest.raises(DatabaseError, match="upgrade the server"):
            migrate(db)
    finally:
        db.dispose()


def test_urls_are_checked_and_postgres_urls_use_psycopg_3(tmp_path: Path) -> None:
    assert normalize_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    with pytest.raises(DatabaseError, match="only sqlite"):
        normalize_url("mysql://u@h/db")
    with pytest.raises(DatabaseError, match="in-memory"):
        Database("sqlite://")


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'nested' / 's.sqlite3'}")
    migrate(db)
    with db.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert db.engine.hide_parameters  # answers never end up in error messages or logs
    db.dispose()


def test_admin_cli_sets_up_a_pilot(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def admin(*argv: str, password: str | None = None) -> tuple[int, str, str]:
        if password is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
        code = server_main(["admin", *argv, "--database-url", db_url])
        out, err = capsys.readouterr()
        return code, out, err

    assert admin("add-project", "Piloto")[0] == 0
    code, _, err = admin("publish-form", str(tmp_path / "none.xml"), "--project", "Piloto")
    assert code == 1 and "no such file" in err
    code, _, err = admin("enroll-code", "--project", "Nope", "--device-name", "L")
    assert code == 1 and "Piloto" in err  # names the projects that exist
    assert admin("create-admin", "root", "--password-stdin", password="contraseña-larga")[0] == 0
    code, _, err = admin("create-admin", "root", "--password-stdin", password="contraseña-larga")
    assert code == 1 and "already exists" in err
    code, _, err = admin(
        "add-supervisor", "ana", "--project", "Piloto", "--password-stdin", password="corta"
    )
    assert code == 1 and "8 characters" in err
    assert (
        admin(
            "add-supervisor",
            "ana",
            "--project",
            "Piloto",
            "--password-stdin",
            password="bastante-larga",
        )[0]
        == 0
    )
    form = tmp_path / "grupo.xml"
    form.write_text(FORM_XML.replace("{version}", "1"), encoding="utf-8")
    media = tmp_path / "logo.png"
    media.write_bytes(b"png")
    code, out, _ = admin("publish-form", str(form), "--project", "Piloto", "--media", str(media))
    assert code == 0 and "published" in out
    form.write_text(FORM_XML.replace("{version}", "1").replace("Grupo focal", "Cambiado"))
    code, _, err = admin("publish-form", str(form), "--project", "Piloto")
    assert code == 1 and "change the version" in err
    code, out, _ = admin("devices")
    assert code == 0 and out == ""
    # the project by the number `add-project` printed works too
    code, out, _ = admin("enroll-code", "--project", "1", "--device-name", "Laptop 1")
    assert code == 0 and len(out.strip()) == 14
    db = Database(db_url)
    device = accounts.enroll_device(db, out.strip())
    assert accounts.principal_for_token(db, device["token"]) is not None
    code, out, _ = admin("forms")
    assert "grupo_focal\t1\tGrupo focal" in out
    code, out, _ = admin("devices", "--project", "Piloto")
    assert out.startswith(f"{device['device_id']}\tLaptop 1\tPiloto\tactive\tno submissions")
    assert admin("revoke-device", str(device["device_id"]))[0] == 0
    assert "\trevoked " in admin("devices")[1]
    assert accounts.principal_for_token(db, device["token"]) is None
    assert admin("revoke-device", "999")[0] == 1
    db.dispose()


def test_admin_cli_says_which_database_it_cannot_reach(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens there once the socket is closed
    url = f"postgresql://someone:secret@127.0.0.1:{port}/nada?connect_timeout=2"
    assert server_main(["admin", "projects", "--database-url", url]) == 1
    err = capsys.readouterr().err
    assert f"127.0.0.1:{port}/nada" in err and "secret" not in err


def test_admin_cli_publishes_an_xlsform(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "encuesta.md"
    source.write_text(
        "| survey |\n| | type | name | label |\n| | text | comunidad | Comunidad |\n"
        "| | image | foto | Foto |\n| settings |\n| | form_id | version | form_title |\n"
        "| | encuesta | 2026112601 | Encuesta de necesidades |\n",
        encoding="utf-8",
    )
    url = db_url
    assert server_main(["admin", "add-project", "P", "--database-url", url]) == 0
    assert (
        server_main(["admin", "publish-form", str(source), "--project", "P", "--database-url", url])
        == 0
    )
    assert "'encuesta' version '2026112601' published" in capsys.readouterr().out
    db = Database(url)
    with db.read() as conn:
        paths = conn.execute(select(schema.forms.c.binary_paths)).scalar_one()
    db.dispose()
    assert json.loads(paths) == ["/data/foto"]  # the photo is an expected attachment


def test_admin_cli_uses_the_data_dir_sqlite_file_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert server_main(["--data-dir", str(tmp_path), "admin", "add-project", "P"]) == 0
    assert server_main(["admin", "add-project", "Q", "--data-dir", str(tmp_path)]) == 0
    names = sqlite3.connect(tmp_path / "encuentro-server.sqlite3").execute(
        "SELECT name FROM projects"
    )
    assert sorted(n for (n,) in names) == ["P", "Q"]


def test_sqlite_backup_before_a_migration_is_a_readable_copy(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 's.sqlite3'}")
    migrate(db)
    accounts.create_project(db, "Piloto")
    backup = db.backup_sqlite("pre-v2")
    second = db.backup_sqlite("pre-v2")  # a retried migration keeps the first copy too
    db.dispose()
    assert backup == tmp_path / "s.sqlite3.pre-v2.bak"
    assert second != backup and second.exists()
    names = sqlite3.connect(backup).execute("SELECT name FROM projects").fetchall()
    assert names == [("Piloto",)]


def test_a_version_1_database_fixture_migrates_and_keeps_its_data(tmp_path: Path) -> None:
    """One fixture per released schema version (as TagStudio does): later migrations must pass."""
    target = tmp_path / "v1.sqlite3"
    with sqlite3.connect(target) as conn:
        conn.executescript((FIXTURES / "schema_v1.sql").read_text(encoding="utf-8"))
    db = Database(f"sqlite:///{target}")
    assert current_version(db) == 1
    assert migrate(db) == LATEST_VERSION
    with db.read() as conn:
        row = conn.execute(select(schema.submissions.c.instance_id, schema.submissions.c.xml)).one()
    db.dispose()
    assert row.instance_id == "uuid:6f1c1d39-3c2e-4a43-9d55-0d1f7e1f5a10"
    assert "Chalatenango" in row.xml


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The umask most systems start with (files 0644, folders 0755), whatever the test runner's."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes; Windows relies on the per-user folder")
def test_the_sqlite_file_wal_shm_and_backups_are_private_from_creation(
    tmp_path: Path, loose_umask: None
) -> None:
    folder = tmp_path / "server-data"
    target = folder / "s.sqlite3"
    db = Database(f"sqlite:///{target}")
    assert mode(folder) == 0o700
    assert mode(target) == 0o600  # before SQLite wrote a byte
    migrate(db)
    with db.write() as conn:  # keeps the connection open: the WAL and SHM exist meanwhile
        accounts_written = conn.execute(
            schema.projects.insert().values(name="Piloto", created_at="2026-12-07T00:00:00+00:00")
        )
        assert accounts_written.rowcount == 1
        for suffix in ("-wal", "-shm"):
            assert mode(target.with_name(target.name + suffix)) == 0o600, suffix
    backup = db.backup_sqlite("pre-v9")
    assert mode(backup) == 0o600
    assert sqlite3.connect(backup).execute("SELECT name FROM projects").fetchall() == [("Piloto",)]
    assert mode(target.with_name(target.name + ".write-lock")) == 0o600
    db.dispose()


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes; Windows relies on the per-user folder")
def test_an_existing_world_readable_database_and_data_folder_are_tightened(
    tmp_path: Path, loose_umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    data = tmp_path / "data"
    assert server_main(["--data-dir", str(data), "admin", "add-project", "P"]) == 0
    target = data / "encuentro-server.sqlite3"
    data.chmod(0o755)
    target.chmod(0o644)
    assert server_main(["--data-dir", str(data), "admin", "projects"]) == 0
    assert mode(data) == 0o700 and mode(target) == 0o600


def test_a_database_file_that_cannot_be_made_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    url = f"sqlite:///{blocker / 'server.sqlite3'}"
    assert server_main(["admin", "projects", "--database-url", url]) == 1
    assert "cannot create or use the database file" in capsys.readouterr().err
