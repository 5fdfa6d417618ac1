"""Fixtures for the central server tests: a clean database on SQLite AND on a real PostgreSQL.

PostgreSQL comes from ENCUENTRO_TEST_POSTGRES_URL (``.ci/run`` starts a throwaway cluster and
exports it). Without it the PostgreSQL cases are skipped with the reason, except under CI=true
where they fail: CI must never pass without having tested PostgreSQL. Each test gets its own fresh
schema.
"""

from __future__ import annotations

import os
import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sync.server import accounts, forms, security
from sync.server.app import ServerSettings, create_app
from sync.server.db import Database

POSTGRES_ENV = "ENCUENTRO_TEST_POSTGRES_URL"
# Real argon2id, with cheap cost parameters so each test does not spend half a second hashing
# (as Django's test settings do); test_security checks the production parameters separately.
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
TEST_LIMIT = 256 * 1024  # small body limit so the 413 tests stay fast


def postgres_base_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if url:
        return url
    reason = f"{POSTGRES_ENV} is not set: no PostgreSQL server to test against (.ci/run starts one)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason + " -- and CI=true, where the PostgreSQL tests must run")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(security, "_hasher", FAST_HASHER)


@contextmanager
def fresh_database(kind: str, folder: Path) -> Iterator[str]:
    """A database URL with an empty schema: a new SQLite file, or a new PostgreSQL schema."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'server.sqlite3'}"
        return
    import psycopg

    base = postgres_base_url()
    name = f"t_{secrets.token_hex(6)}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options={quote(f'-csearch_path={name}')}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {name} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Each test's own empty database, on SQLite and on PostgreSQL."""
    with fresh_database(request.param, tmp_path) as url:
        yield url


FORM_XML = """<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml"
  xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms">
 <h:head><h:title>Grupo focal</h:title>
  <model><instance><data id="grupo_focal" version="{version}">
    <community/><photo/><rep><audio/></rep><meta><instanceID/><deprecatedID/></meta>
  </data></instance>
  <bind nodeset="/data/community" type="string"/>
  <bind nodeset="/data/photo" type="binary"/>
  <bind nodeset="/data/rep/audio" type="binary"/>
  <bind nodeset="/data/meta/instanceID" type="string" readonly="true()" jr:preload="uid"/>
  </model></h:head>
 <h:body><input ref="/data/community"><label>Comunidad</label></input></h:body>
</h:html>
"""


def submission_xml(
    instance_id: str | None = None,
    community: str = "San Miguel",
    deprecated_id: str | None = None,
    photo: str = "",
    form_id: str = "grupo_focal",
    version: str = "1",
    audio: tuple[str, ...] = (),
) -> bytes:
    instance_id = instance_id or f"uuid:{uuid.uuid4()}"
    deprecated = f"<deprecatedID>{deprecated_id}</deprecatedID>" if deprecated_id else ""
    reps = "".join(f"<rep><audio>{name}</audio></rep>" for name in audio)
    return (
        f'<data xmlns:orx="http://openrosa.org/xforms" id="{form_id}" version="{version}">'
        f"<community>{community}</community><photo>{photo}</photo>{reps}"
        f"<orx:meta><orx:instanceID>{instance_id}</orx:instanceID>{deprecated}</orx:meta></data>"
    ).encode()


def instance_of(xml: bytes) -> str:
    return xml.split(b"<orx:instanceID>")[1].split(b"<")[0].decode()


@dataclass
class Pilot:
    """A server with a project, a published form, an admin, a supervisor and an enrolled device."""

    client: TestClient
    app: FastAPI
    tmp: Path
    device_token: str = ""
    supervisor_token: str = ""
    admin_token: str = ""
    device_id: int = 0
    project_id: int = 0

    @property
    def db(self) -> Database:
        return self.app.state.db

    def auth(self, token: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {token or self.device_token}"}

    def submit(self, xml: bytes, files: dict[str, bytes] | None = None, token: str | None = None):
        parts = [("xml_submission_file", ("submission.xml", xml, "text/xml"))]
        parts += [
            (name, (name, data, "application/octet-stream")) for name, data in (files or {}).items()
        ]
        return self.client.post("/submission", headers=self.auth(token), files=parts)

    def enroll(self, project: str = "Piloto", name: str = "Laptop") -> dict:
        code = accounts.create_enrollment_code(self.db, project, name)
        response = self.client.post("/api/v1/enroll", json={"code": code})
        assert response.status_code == 200, response.text
        return response.json()

    def login(self, username: str, password: str) -> str:
        response = self.client.post(
            "/api/v1/login", json={"username": username, "password": password}
        )
        assert response.status_code == 200, response.text
        return response.json()["token"]


def publish_xml(db, project: str, tmp: Path, version: str = "1", media: list[Path] = ()) -> dict:
    path = tmp / f"grupo_focal_v{version}.xml"
    path.write_text(FORM_XML.replace("{version}", version), encoding="utf-8")
    return forms.publish_form(db, project, path, list(media))


@pytest.fixture
def pilot(db_url: str, tmp_path: Path) -> Iterator[Pilot]:
    app = create_app(ServerSettings(database_url=db_url, max_submission_bytes=TEST_LIMIT))
    db = app.state.db
    project_id = accounts.create_project(db, "Piloto")
    accounts.create_project(db, "Otro")
    accounts.create_user(db, "admin", "admin-password", "admin")
    accounts.create_user(db, "ana", "ana-password", "supervisor", ["Piloto"])
    publish_xml(db, "Piloto", tmp_path)
    with TestClient(app) as client:
        pilot = Pilot(client=client, app=app, tmp=tmp_path, project_id=project_id)
        enrolled = pilot.enroll()
        pilot.device_token, pilot.device_id = enrolled["token"], enrolled["device_id"]
        pilot.supervisor_token = pilot.login("ana", "ana-password")
        pilot.admin_token = pilot.login("admin", "admin-password")
        yield pilot
    db.dispose()
