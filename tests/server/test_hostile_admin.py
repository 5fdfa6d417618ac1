"""A careless or curious insider at the admin side, on SQLite and PostgreSQL: names and form
fields longer than the columns or shaped to break URLs get a clear refusal, never a database
error; and the server's --help tells how to choose the database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sync.server import accounts, forms
from sync.server.accounts import AccountError
from sync.server.db import Database
from sync.server.forms import FormPublishError
from sync.server.migrations import migrate
from tests.server.conftest import FORM_XML

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(db_url: str) -> Database:
    database = Database(db_url)
    migrate(database)
    accounts.create_project(database, "Piloto")
    yield database
    database.dispose()


def form_file(tmp_path: Path, form_id: str = "grupo_focal", version: str = "1", title: str = "T"):
    xml = FORM_XML.replace("{version}", version).replace('id="grupo_focal"', f'id="{form_id}"')
    path = tmp_path / "form.xml"
    path.write_text(xml.replace("Grupo focal", title), encoding="utf-8")
    return path


def test_form_ids_versions_and_titles_that_break_urls_or_columns_are_refused(
    db: Database, tmp_path: Path
) -> None:
    for kwargs, words in [
        ({"form_id": "encuesta/2026"}, "slash"),
        ({"form_id": "a" * 201}, "longer than 200"),
        ({"version": "1/2"}, "slash"),
        ({"version": "9" * 101}, "longer than 100"),
        ({"version": "1&#9;"}, "control character"),
        ({"title": "t" * 501}, "longer than 500"),
    ]:
        with pytest.raises(FormPublishError, match=words):
            forms.publish_form(db, "Piloto", form_file(tmp_path, **kwargs))
    # odd but harmless characters are fine, and the form is downloadable by its quoted URL
    result = forms.publish_form(db, "Piloto", form_file(tmp_path, form_id="grupo focal ñ-2.0"))
    assert result["created"] and forms.find_form(db, 1, "grupo focal ñ-2.0") is not None


def test_names_longer_than_their_columns_are_refused_with_a_reason(db: Database) -> None:
    with pytest.raises(AccountError, match="project name is longer"):
        accounts.create_project(db, "p" * 201)
    with pytest.raises(AccountError, match="username is longer"):
        accounts.create_user(db, "u" * 201, "a-long-password", "supervisor", ["Piloto"])
    with pytest.raises(AccountError, match="device name is longer"):
        accounts.create_enrollment_code(db, "Piloto", "d" * 201)
    assert accounts.create_enrollment_code(db, "Piloto", "d" * 200)


def test_server_help_documents_database_url() -> None:
    shown = subprocess.run(
        [sys.executable, "main.py", "server", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "DATABASE_URL" in shown and "postgresql://" in shown
    assert "--database-url" in shown and "SQLite" in shown


@pytest.mark.parametrize(
    "form_id, version",
    [
        ("..", "1"),
        (".", "1"),
        ("grupo_focal", ".."),
        ("C:", "1"),
        ("grupo_focal", "C:evil"),
        ("nul", "1"),
        ("grupo_focal", "1."),
        (" grupo", "1"),
    ],
)
def test_form_ids_and_versions_that_are_not_one_safe_path_segment_are_refused(
    db: Database, tmp_path: Path, form_id: str, version: str
) -> None:
    # Laptops make a media folder named after the form id and version: "..", a drive letter or a
    # Windows device name would climb out of it or fail there.
    with pytest.raises(FormPublishError, match="settings sheet"):
        forms.publish_form(db, "Piloto", form_file(tmp_path, form_id=form_id, version=version))
    assert forms.current_forms(db, None) == []


def test_media_names_that_are_not_one_safe_path_segment_are_refused(
    db: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "media"
    folder.mkdir()
    for name in ("con.png", "logo.png.", "a:b.png"):
        (folder / name).write_bytes(b"\x89PNG")
        with pytest.raises(FormPublishError, match="media file name"):
            forms.publish_form(db, "Piloto", form_file(tmp_path), [folder / name])
    assert forms.current_forms(db, None) == []
    (folder / "logo.png").write_bytes(b"\x89PNG")
    assert forms.publish_form(db, "Piloto", form_file(tmp_path), [folder / "logo.png"])["created"]


@pytest.mark.parametrize(
    "url",
    [
        "mysql://encuentro:s3cr3t-pw@db.example/encuentro",
        "postgresql://encuentro:s3cr3t-pw@127.0.0.1:1/encuentro",
        "postgresql://encuentro:s3cr3t-pw@127.0.0.1:notaport/encuentro",
        "nonsense:s3cr3t-pw@",
    ],
)
def test_the_database_password_is_never_echoed(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sync.server.__main__ import main

    assert main(["admin", "projects", "--data-dir", str(tmp_path), "--database-url", url]) == 1
    shown = capsys.readouterr()
    assert "error:" in shown.err
    assert "s3cr3t-pw" not in shown.err + shown.out
