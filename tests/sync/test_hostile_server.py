"""A hostile or broken server can't harm the laptop (issue 7, items 1-5 and 20): names become
folder names only when they are one safe segment, the device token goes nowhere else, downloads
stop at their caps, one bad form is refused alone with its reason, feedback paging ends."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.workspace import Workspace
from sync import pull
from sync.client import SyncClient
from sync.openrosa import md5_hash
from tests.sync.harness import client_for, open_workspace
from tests.sync.hostile import HostileServer, Reply, endless, form_list, manifest, xform

TOKEN = "device-token-not-for-strangers"


@pytest.fixture
def hostile() -> Iterator[HostileServer]:
    server = HostileServer()
    server.route("GET", "/api/v1/feedback", Reply(200, b'{"items": [], "more": false}'))
    yield server
    server.close()


@pytest.fixture
def laptop(tmp_path: Path, hostile: HostileServer) -> Iterator[tuple[Workspace, SyncClient]]:
    ws = open_workspace(tmp_path / "laptop")
    client = client_for(ws, timeout=5.0)
    address = client.set_server(hostile.url)
    client.vault.put(address.keyring_name, TOKEN)
    yield ws, client
    client.http.close()
    ws.close()


def publish(server: HostileServer, form_id: str, version: str = "1", **entry: str) -> dict:
    """Serve a valid form under /forms/<n> and return its form list entry."""
    number = len(server.routes)
    text = entry.pop("xml", None) or xform(form_id, version)
    path = f"/forms/{number}.xml"
    server.route("GET", path, Reply(200, text.encode()))
    return {"formID": form_id, "name": form_id, "version": version, "downloadUrl": path, **entry}


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def keys(report) -> list[str]:
    return [m.key for m in report.problems]


# -- item 1: path traversal ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("form_id", "version"),
    [
        ("../../../escaped", "1"),
        ("/tmp/absolute", "1"),
        ("visita", "../../x"),
        ("visita", "..\\..\\x"),
        ("C:evil", "1"),
        ("new\nline", "1"),
        ("..", "1"),
        ("ok", "tab\there"),
        ("CON", "1"),  # a Windows device, not a folder
        ("visita", "1."),  # Windows drops the trailing dot: another folder's name
        ("a?b", "1"),
    ],
)
def test_unsafe_form_ids_and_versions_are_refused_alone_and_write_nothing_outside(
    tmp_path: Path, hostile: HostileServer, laptop, form_id: str, version: str
) -> None:
    ws, client = laptop
    hostile.route("GET", "/m.png", Reply(200, b"PNG"))
    hostile.route(
        "GET", "/manifest", Reply(200, manifest({"filename": "m.png", "downloadUrl": "/m.png"}))
    )
    bad = publish(hostile, form_id, version, manifestUrl="/manifest")
    good = publish(hostile, "bueno", "7", manifestUrl="/manifest")
    hostile.route("GET", "/formList", Reply(200, form_list(bad, good)))
    before = files_under(tmp_path)
    report = client.sync()
    assert report.forms.added == ["bueno 7"]
    assert keys(report) == ["form_unsafe_name"]
    assert "can't be used as a folder name" in report.problems[0].render("en")
    assert "no sirve como nombre de carpeta" in report.problems[0].render("es")
    new = files_under(tmp_path) - before
    # Only the data folder changed, and only the good form's media arrived there.
    assert all(name.startswith("laptop") for name in new), new
    assert (ws.form_media.folder("bueno", "7") / "m.png").read_bytes() == b"PNG"
    media_files = [p for p in ws.form_media.root.rglob("*") if p.is_file()]
    assert media_files == [ws.form_media.folder("bueno", "7") / "m.png"]


def test_the_workspace_media_lookup_refuses_names_that_lead_outside(tmp_path: Path, laptop) -> None:
    ws, _client = laptop
    outside = tmp_path / "outside"
    outside.mkdir()
    ws.form_media.root.mkdir(parents=True, exist_ok=True)
    assert ws.media_dir("..", "..") is None
    assert ws.media_dir("../../outside", "") is None
    assert ws.media_dir(str(outside), "1") is None
    # A symbolic link planted inside the media folder does not lead out either.
    (ws.form_media.root / "linked").symlink_to(outside, target_is_directory=True)
    (outside / "1").mkdir()
    assert ws.media_dir("linked", "1") is None


# -- item 2: the token goes only to the configured server ----------------------------------------
def test_the_device_token_goes_only_to_the_configured_server(
    hostile: HostileServer, laptop
) -> None:
    _ws, client = laptop
    elsewhere = HostileServer()
    try:
        elsewhere.route("GET", "/form.xml", Reply(200, xform("fuera", "1").encode()))
        elsewhere.route("GET", "/m.png", Reply(200, b"PNG"))
        elsewhere.route(
            "GET",
            "/manifest",
            Reply(200, manifest({"filename": "m.png", "downloadUrl": f"{elsewhere.url}/m.png"})),
        )
        other_port = {
            "formID": "fuera",
            "version": "1",
            "downloadUrl": f"{elsewhere.url}/form.xml",
            "manifestUrl": f"{elsewhere.url}/manifest",
        }
        # Same host, another scheme: not the configured server either.
        https_same_host = {
            "formID": "cifrado",
            "version": "1",
            "downloadUrl": hostile.url.replace("http://", "https://") + "/nothing",
        }
        home = publish(hostile, "casa", "1")
        hostile.route("GET", "/formList", Reply(200, form_list(other_port, https_same_host, home)))
        report = client.sync()
        assert sorted(report.forms.added) == ["casa 1", "fuera 1"]  # fetched, without the token
        assert elsewhere.seen and all("authorization" not in s.headers for s in elsewhere.seen)
        home_requests = [s for s in hostile.seen if s.method == "GET"]
        assert home_requests
        assert all(s.headers.get("authorization") == f"Bearer {TOKEN}" for s in home_requests)
    finally:
        elsewhere.close()


def test_a_non_http_url_from_the_server_is_not_followed(hostile: HostileServer, laptop) -> None:
    _ws, client = laptop
    entry = {"formID": "archivo", "version": "1", "downloadUrl": "file:///etc/passwd"}
    hostile.route("GET", "/formList", Reply(200, form_list(entry, publish(hostile, "ok", "1"))))
    report = client.sync()
    assert report.forms.added == ["ok 1"] and keys(report) == ["url_bad_scheme"]


# -- item 3: capped downloads -------------------------------------------------------------------
def test_an_endless_form_stops_at_the_cap_and_the_others_still_come(
    hostile: HostileServer, laptop
) -> None:
    _ws, client = laptop
    hostile.route("GET", "/huge.xml", Reply(200, endless(), declare_length=False))
    huge = {"formID": "enorme", "version": "1", "downloadUrl": "/huge.xml"}
    hostile.route("GET", "/formList", Reply(200, form_list(huge, publish(hostile, "ok", "1"))))
    report = client.sync()
    assert report.forms.added == ["ok 1"] and keys(report) == ["form_too_large"]
    assert "larger than 10 MiB" in report.problems[0].render("en")
    assert "pesa más de 10 MiB" in report.problems[0].render("es")


def test_a_declared_length_over_the_cap_is_refused_before_reading(
    hostile: HostileServer, laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ws, client = laptop
    monkeypatch.setattr(pull, "MANIFEST_MAX_BYTES", 1000)
    hostile.route("GET", "/manifest", Reply(200, b"<manifest>" + b" " * 5000 + b"</manifest>"))
    entry = publish(hostile, "con_lista", "1", manifestUrl="/manifest")
    hostile.route("GET", "/formList", Reply(200, form_list(entry)))
    report = client.sync()
    assert report.forms.added == [] and keys(report) == ["manifest_too_large"]


def test_media_caps_per_file_and_per_form(
    hostile: HostileServer, laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, client = laptop
    monkeypatch.setattr(pull, "MEDIA_FILE_MAX_BYTES", 300_000)
    monkeypatch.setattr(pull, "MEDIA_TOTAL_MAX_BYTES", 500_000)
    hostile.route("GET", "/big.png", Reply(200, endless(b"x" * 4096), declare_length=False))
    hostile.route("GET", "/a.png", Reply(200, b"a" * 200_000))
    hostile.route("GET", "/b.png", Reply(200, b"b" * 200_000))
    hostile.route("GET", "/c.png", Reply(200, b"c" * 200_000))
    one = {"filename": "big.png", "downloadUrl": "/big.png"}
    three = [{"filename": f"{n}.png", "downloadUrl": f"/{n}.png"} for n in "abc"]
    hostile.route("GET", "/m1", Reply(200, manifest(one)))
    hostile.route("GET", "/m2", Reply(200, manifest(*three)))
    first = publish(hostile, "uno", "1", manifestUrl="/m1")
    second = publish(hostile, "dos", "1", manifestUrl="/m2")
    hostile.route("GET", "/formList", Reply(200, form_list(first, second)))
    report = client.sync()
    assert report.forms.added == []
    assert keys(report) == ["media_too_large", "media_total_too_large"]
    # Nothing stored half-way: no form, no media folder, no scratch file left.
    assert ws.list_forms(all_versions=True) == []
    assert [p for p in ws.form_media.root.rglob("*") if p.is_file()] == []


def test_an_endless_answer_to_a_submission_is_not_read_and_the_session_waits(
    hostile: HostileServer, tmp_path: Path
) -> None:
    from tests.sync.harness import Laptop

    laptop = Laptop.open(tmp_path / "pushing", hostile.url, timeout=5.0)
    try:
        laptop.client.vault.put(laptop.client.address.keyring_name, TOKEN)
        session = laptop.finalize_session("Ana")
        hostile.route("HEAD", "/submission", Reply(204))
        hostile.route("POST", "/submission", Reply(201, endless(), declare_length=False))
        hostile.route("GET", "/formList", Reply(200, form_list()))
        report = laptop.client.sync()
        assert report.sent == [] and report.retry_later[session].key == "answer_too_large"
        assert laptop.status(session) == "queued"
    finally:
        laptop.close()


# -- item 4 and 20: one bad form is refused alone, with its reason --------------------------------
DTD_FORM = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + xform("dtd").split("?>", 1)[1]
DEEP_FORM = xform("profundo").replace("<q/>", "<g>" * 3000 + "<q/>" + "</g>" * 3000)
ENCRYPTED_FORM = xform(
    "cifrado",
    extra_model='<submission method="post" base64RsaPublicKey="MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A"/>',
)


@pytest.mark.parametrize(
    ("text", "key", "said"),
    [
        (DTD_FORM, "form_unusable", "can't be used on this laptop"),
        ("<html><body>Wi-Fi login</body></html>", "form_unusable", "can't be used"),
        ("this is not xml at all", "form_unusable", "can't be used"),
        (DEEP_FORM, None, "nests its groups too deeply|can't be used"),
        (ENCRYPTED_FORM, "form_encrypted", "public key can't be read"),
        (xform("otro_id"), "form_mismatch", "the form itself says otro_id"),
    ],
)
def test_one_bad_form_is_refused_alone_and_the_rest_of_the_pull_and_feedback_go_on(
    hostile: HostileServer, laptop, text: str, key: str | None, said: str
) -> None:
    import re

    ws, client = laptop
    form_id = {DEEP_FORM: "profundo", ENCRYPTED_FORM: "cifrado"}.get(text, "malo")
    bad = publish(hostile, form_id, "1", xml=text, hash=md5_hash(text.encode()))
    good = publish(hostile, "bueno", "2")
    hostile.route("GET", "/formList", Reply(200, form_list(bad, good)))
    report = client.sync()
    assert report.forms.added == ["bueno 2"]
    assert len(report.problems) == 1
    problem = report.problems[0]
    if key:
        assert problem.key == key
    assert re.search(said, problem.render("en")), problem.render("en")
    assert problem.render("es") != problem.render("en")
    assert hostile.requests_to("/api/v1/feedback")  # the review feedback still came
    assert [f.form_id for f in ws.list_forms(all_versions=True)] == ["bueno"]


# -- item 5: feedback paging ends -------------------------------------------------------------
def test_feedback_paging_stops_when_the_cursor_does_not_advance(
    hostile: HostileServer, laptop
) -> None:
    _ws, client = laptop
    hostile.route("GET", "/formList", Reply(200, form_list()))
    page = {"items": [{"event_id": 0, "instance_id": "uuid:x", "review_state": "approved"}]}
    hostile.route(
        "GET", "/api/v1/feedback", Reply(200, json.dumps({**page, "more": True}).encode())
    )
    client.sync()
    assert len(hostile.requests_to("/api/v1/feedback")) == 1


def test_feedback_pages_per_sync_are_capped(
    hostile: HostileServer, laptop, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ws, client = laptop
    monkeypatch.setattr(pull, "FEEDBACK_MAX_PAGES", 4)
    hostile.route("GET", "/formList", Reply(200, form_list()))
    counter = iter(range(1, 10_000))

    def next_page(_seen) -> Reply:
        item = {"event_id": next(counter), "instance_id": "uuid:x", "review_state": "approved"}
        return Reply(200, json.dumps({"items": [item], "more": True}).encode())

    hostile.route("GET", "/api/v1/feedback", next_page)
    client.sync()
    assert len(hostile.requests_to("/api/v1/feedback")) == 4
    assert client.settings.get(pull.FEEDBACK_CURSOR_KEY) == 4  # what was applied is kept
    client.sync()  # the rest comes with the next sync, from where the last one stopped
    assert hostile.requests_to("/api/v1/feedback")[4].path.endswith("cursor=4")
    assert client.settings.get(pull.FEEDBACK_CURSOR_KEY) == 8
