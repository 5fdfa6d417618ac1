"""A real central server in a subprocess on a loopback port, and a laptop with a real data file.

Used by the failure tests and by benchmarks/bench_sync.py. The server is uvicorn running
``sync.server.app:create_app_from_env`` over a SQLite file; setup (project, form, enrollment codes,
revocation) and the final checks go straight to that file with the server's own modules.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from sqlalchemy import func, select

from app.config import load_config
from app.store import Store
from app.workspace import Workspace
from sync.backoff import MAX_DELAY_S
from sync.client import SyncClient
from sync.credentials import TokenVault
from sync.http import HttpClient
from sync.server import accounts, schema
from sync.server.db import Database
from sync.server.forms import publish_form
from sync.server.migrations import migrate

ROOT = Path(__file__).resolve().parents[2]
PROJECT = "Retorno digno"
FORM_ID = "visita"
FORM_VERSION = "2026112601"

XFORM = f"""<?xml version="1.0" encoding="UTF-8"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml"
        xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms">
  <h:head>
    <h:title>Visita a la comunidad</h:title>
    <model>
      <itext>
        <translation lang="Español (es)" default="true()">
          <text id="n"><value>Nombre</value></text>
        </translation>
        <translation lang="English (en)"><text id="n"><value>Name</value></text></translation>
      </itext>
      <instance>
        <data id="{FORM_ID}" version="{FORM_VERSION}">
          <nombre/><comentario/><foto/><audio/>
          <meta><instanceID/></meta>
        </data>
      </instance>
      <bind nodeset="/data/nombre" type="string" required="true()"/>
      <bind nodeset="/data/comentario" type="string"/>
      <bind nodeset="/data/foto" type="binary"/>
      <bind nodeset="/data/audio" type="binary"/>
      <bind nodeset="/data/meta/instanceID" type="string" readonly="true()" jr:preload="uid"/>
    </model>
  </h:head>
  <h:body>
    <input ref="/data/nombre"><label ref="jr:itext('n')"/></input>
    <input ref="/data/comentario"><label>Comentario</label></input>
    <upload ref="/data/foto" mediatype="image/*"><label>Foto</label></upload>
    <upload ref="/data/audio" mediatype="audio/*"><label>Audio</label></upload>
  </h:body>
</h:html>
"""


def instance_xml(
    instance_id: str, name: str, *, photo: str | None, audio: str | None = None, comment: str = ""
) -> str:
    """A finalised instance of the test form (what the engine would produce)."""
    return (
        f'<data xmlns:orx="http://openrosa.org/xforms" id="{FORM_ID}" version="{FORM_VERSION}">'
        f"<nombre>{name}</nombre><comentario>{comment}</comentario>"
        f"<foto>{photo or ''}</foto><audio>{audio or ''}</audio>"
        f"<meta><instanceID>{instance_id}</instanceID></meta></data>"
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class CentralServer:
    """The real server over a SQLite file; start, kill -9 and restart it like an operator would."""

    def __init__(
        self, folder: Path, *, max_body: int | None = None, tls: tuple[Path, Path] | None = None
    ) -> None:
        self.folder = folder
        self.tls = tls  # (certificate, key): serve HTTPS, as main.py server --certfile/--keyfile
        folder.mkdir(parents=True, exist_ok=True)
        self.url_db = f"sqlite:///{(folder / 'server.sqlite3').resolve()}"
        self.port = free_port()
        self.max_body = max_body
        self.process: subprocess.Popen[bytes] | None = None
        self.db = Database(self.url_db)
        migrate(self.db)
        accounts.create_project(self.db, PROJECT)
        form_file = folder / "visita.xml"
        form_file.write_text(XFORM, encoding="utf-8")
        media = folder / "mapa.png"
        media.write_bytes(b"\x89PNG fake map of the municipality")
        publish_form(self.db, PROJECT, form_file, [media])

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {
            **os.environ,
            "ENCUENTRO_SERVER_DATABASE_URL": self.url_db,
            "PYTHONPATH": str(ROOT),
        }
        if self.max_body:
            env["ENCUENTRO_SERVER_MAX_SUBMISSION_BYTES"] = str(self.max_body)
        self.log = open(self.folder / "server.log", "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "sync.server.app:create_app_from_env",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
                "--no-access-log",
                *(
                    ["--ssl-certfile", str(self.tls[0]), "--ssl-keyfile", str(self.tls[1])]
                    if self.tls
                    else []
                ),
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {(self.folder / 'server.log').read_text()}")
            try:
                verify = str(self.tls[0]) if self.tls else True
                health = requests.get(f"{self.url}/api/v1/health", timeout=1, verify=verify)
                if health.status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.05)
        raise RuntimeError("server did not come up in 20 s")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no goodbye, like a power cut on the server."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)
        self.process = None
        if getattr(self, "log", None):
            self.log.close()

    def stop(self) -> None:
        self.kill()
        self.db.dispose()

    def enrollment_code(self, device_name: str = "Laptop 1") -> str:
        return accounts.create_enrollment_code(self.db, PROJECT, device_name)

    def review(self, instance_id: str, state: str, comment: str | None) -> None:
        """A supervisor reviews a submission through the JSON API, as the supervisor app will."""
        try:
            accounts.create_user(self.db, "supervisora", "clave-segura-1", "supervisor", [PROJECT])
        except accounts.AccountError:
            pass  # already there from an earlier review in this test
        login = requests.post(
            f"{self.url}/api/v1/login",
            json={"username": "supervisora", "password": "clave-segura-1"},
            timeout=10,
        )
        login.raise_for_status()
        answer = requests.post(
            f"{self.url}/api/v1/submissions/{instance_id}/review",
            json={"state": state, "comment": comment},
            headers={"Authorization": f"Bearer {login.json()['token']}"},
            timeout=10,
        )
        answer.raise_for_status()

    def revoke_all_devices(self) -> None:
        for device in accounts.list_devices(self.db):
            if device["revoked_at"] is None:
                accounts.revoke_device(self.db, device["id"])

    def submission_counts(self) -> dict[str, int]:
        """instanceID -> rows on the server (must be 1 each)."""
        s = schema.submissions
        with self.db.read() as conn:
            rows = conn.execute(select(s.c.instance_id, func.count()).group_by(s.c.instance_id))
            return {row[0]: int(row[1]) for row in rows}

    def attachments(self, instance_id: str) -> dict[str, bytes]:
        s, a = schema.submissions, schema.submission_attachments
        with self.db.read() as conn:
            rows = conn.execute(
                select(a.c.name, a.c.data)
                .select_from(a.join(s, a.c.submission_pk == s.c.id))
                .where(s.c.instance_id == instance_id)
            )
            return {row[0]: bytes(row[1]) for row in rows}

    def xml(self, instance_id: str) -> str | None:
        s = schema.submissions
        with self.db.read() as conn:
            return conn.execute(select(s.c.xml).where(s.c.instance_id == instance_id)).scalar()


def open_workspace(folder: Path) -> Workspace:
    """A laptop's workspace over ``folder`` (no built-in questionnaires: fast to open)."""
    no_builtins = folder / "no-builtins"
    no_builtins.mkdir(parents=True, exist_ok=True)
    return Workspace.open(load_config(folder), forms_folder=no_builtins)


def client_for(
    workspace: Workspace, *, backend: object | None = None, timeout: float | None = None
) -> SyncClient:
    """A sync client over the workspace's ledger; the token in the database unless a keyring
    ``backend`` is given."""
    from keyring.backends.fail import Keyring as NoKeyring

    store = workspace.store
    return SyncClient(
        workspace.sync_ledger(),
        vault=TokenVault(store.settings, store.path, backend=backend or NoKeyring()),  # type: ignore[arg-type]
        http=HttpClient(timeout=(timeout, timeout)) if timeout else None,
    )


def media_file(workspace: Workspace, name: str) -> Path:
    """Where a pulled media file of the harness form lands."""
    return workspace.form_media.folder(FORM_ID, FORM_VERSION) / name


@dataclass
class Laptop:
    """A facilitator's laptop: a real data file and a sync client for it."""

    store: Store
    client: SyncClient
    workspace: Workspace
    offset_s: float = 0.0  # the laptop's clock runs this far ahead (to make retries due)

    def __post_init__(self) -> None:
        self.client.clock = lambda: datetime.now(UTC) + timedelta(seconds=self.offset_s)

    def wait_past_backoff(self) -> None:
        """Jump the laptop's clock past any backoff (the cap), as if an hour went by."""
        self.offset_s += MAX_DELAY_S + 60

    @classmethod
    def open(cls, folder: Path, server_url: str | None = None, *, timeout: float = 10.0) -> Laptop:
        workspace = open_workspace(folder)
        store = workspace.store
        store.forms.add(FORM_ID, FORM_VERSION, "Visita a la comunidad", XFORM)
        client = client_for(workspace, timeout=timeout)
        if server_url:
            client.set_server(server_url)
        return cls(store, client, workspace)

    def finalize_session(
        self,
        name: str = "Ana",
        *,
        photo: bytes | None = b"\xff\xd8 photo",
        audio: bytes | None = None,
        instance_id: str | None = None,
        comment: str = "",
    ) -> str:
        """One session with its files, finalised (so in the outbox), as the runner would do it."""
        instance_id = instance_id or f"uuid:{uuid.uuid4()}"
        photo_name = "foto_señora.jpg" if photo is not None else None
        audio_name = "relato.m4a" if audio is not None else None
        xml = instance_xml(instance_id, name, photo=photo_name, audio=audio_name, comment=comment)
        self.store.submissions.create(instance_id, FORM_ID, FORM_VERSION, xml)
        if photo is not None and photo_name:
            self.store.attachments.add(instance_id, photo_name, photo, "image/jpeg")
        if audio is not None and audio_name:
            self.store.attachments.add(instance_id, audio_name, audio, "audio/mp4")
        self.store.submissions.finalize(instance_id, xml)
        return instance_id

    def status(self, instance_id: str) -> str:
        return self.store.submissions.get(instance_id).status

    def local_files(self, instance_id: str) -> dict[str, bytes]:
        return {
            a.filename: self.store.attachments.read(instance_id, a.filename)
            for a in self.store.attachments.list(instance_id)
        }

    def close(self) -> None:
        self.client.http.close()
        self.workspace.close()
