"""Installing a newer version over an older one keeps every session.

The fixture is a laptop's data file written by the previous release (local store schema version 2,
commit 8761845) through its own Workspace: drafts, finalised sessions waiting in the outbox, one
whose sending failed, sent and reviewed ones, a correction, photos and audio, profiles, settings.
Today's code opens it as the app does at start, and every answer, status and file must be there."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import defusedxml.ElementTree as ET
import pytest

from app.config import Config
from app.store import CURRENT_VERSION
from app.workspace import Workspace

FIXTURE = Path(__file__).parent / "fixtures" / "release_v2_laptop.sql"
QUESTIONS = ("nombre", "comentario", "foto", "audio")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    with sqlite3.connect(folder / "encuentro.sqlite3") as conn:
        conn.executescript(FIXTURE.read_text(encoding="utf-8"))
    return folder


def rows(path: Path, query: str) -> list[sqlite3.Row]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


def answers_in(instance_xml: str) -> dict[str, str]:
    root = ET.fromstring(instance_xml)
    return {name: (root.findtext(name) or "") for name in QUESTIONS}


def test_a_laptop_upgraded_from_the_previous_release_keeps_every_session(data_dir: Path) -> None:
    database = data_dir / "encuentro.sqlite3"
    sessions = rows(database, "SELECT * FROM submissions ORDER BY instance_id")
    files = rows(database, "SELECT * FROM attachments ORDER BY instance_id, filename")
    outbox = rows(database, "SELECT * FROM outbox ORDER BY instance_id")
    settings = {r["key"]: r["value"] for r in rows(database, "SELECT * FROM settings")}
    assert rows(database, "PRAGMA user_version")[0][0] == 2
    assert sorted(r["status"] for r in sessions) == [
        "approved",
        "draft",
        "draft",
        "draft",  # one of them the correction of the returned session
        "finalized",
        "has_issues",
        "queued",  # its sending failed once
        "sent",
    ]
    assert len(files) == 6 and len(outbox) == 2

    with Workspace.open(Config(data_dir=data_dir)) as workspace:
        store = workspace.store
        assert store.schema_version == CURRENT_VERSION > 2
        assert store.backup_taken is not None and store.backup_taken.exists()
        assert store.check_integrity() == []

        for before in sessions:
            after = store.submissions.get(before["instance_id"])
            assert after.status == before["status"]
            assert after.instance_xml == before["instance_xml"]
            assert (after.review_state, after.review_comment) == (
                before["review_state"],
                before["review_comment"],
            )
            assert after.deprecated_id == before["deprecated_id"]
            assert after.facilitator == before["facilitator"]
            opened = workspace.resume(before["instance_id"])
            expected = answers_in(before["instance_xml"])
            assert {q: opened.value(f"/data/{q}") for q in QUESTIONS} == expected
            assert opened.is_read_only == (before["status"] != "draft")

        for before in files:
            data = store.attachments.read(before["instance_id"], before["filename"])
            assert data == before["data"]
            assert hashlib.sha256(data).hexdigest() == before["sha256"]
        listed = {
            (a.instance_id, a.filename)
            for s in sessions
            for a in store.attachments.list(s["instance_id"])
        }
        assert listed == {(f["instance_id"], f["filename"]) for f in files}

        waiting = {entry.instance_id: entry for entry in store.outbox.list()}
        assert set(waiting) == {r["instance_id"] for r in outbox}
        for before in outbox:
            assert waiting[before["instance_id"]].attempts == before["attempts"]
            assert waiting[before["instance_id"]].last_error == before["last_error"]

        assert {key: store.settings.get(key) for key in settings} == {
            key: json.loads(value) for key, value in settings.items()
        }
        assert store.settings.get("server_url") == "https://encuentro.example.org"
        assert workspace.device_id() == json.loads(settings["device_id"])  # the server knows it
        assert {p.display_name for p in workspace.list_profiles()} == {
            "Ana Martínez",
            "Luis Hernández",
        }

        # Still a working laptop: a draft takes answers and finalises, a returned session's
        # correction goes on, and the queued ones are due for sending.
        draft = next(s for s in sessions if s["status"] == "draft" and not s["deprecated_id"])
        going_on = workspace.resume(draft["instance_id"])
        assert going_on.answer("/data/comentario", "Completado tras la actualización") is None
        assert going_on.finalize() == []
        assert store.submissions.get(draft["instance_id"]).status != "draft"
        assert len(store.outbox.list()) == len(outbox) + 1
