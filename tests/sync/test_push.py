"""Push and pull against the real server (loopback), without faults."""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import quote

import pytest

from sync.client import SyncPaused
from sync.server import schema
from tests.sync.harness import (
    FORM_ID,
    FORM_VERSION,
    XFORM,
    CentralServer,
    Laptop,
    client_for,
    media_file,
    open_workspace,
)
from tests.sync.proxy import Fault, FaultyProxy

LANGS = ("en", "es")


def assert_on_server_once(server: CentralServer, laptop: Laptop, instance_ids: list[str]) -> None:
    counts = server.submission_counts()
    for instance_id in instance_ids:
        assert counts.get(instance_id) == 1, instance_id
        assert server.attachments(instance_id) == laptop.local_files(instance_id)
        assert server.xml(instance_id) == laptop.store.submissions.get(instance_id).instance_xml
        assert laptop.status(instance_id) == "sent"
    assert laptop.store.outbox.count() == 0


def test_sessions_go_in_finalisation_order_and_become_sent(
    server: CentralServer, proxy: FaultyProxy, laptop: Laptop
) -> None:
    ids = [
        laptop.finalize_session("Ana"),
        laptop.finalize_session("Berta", photo=None),
        laptop.finalize_session("Carmen", audio=b"\x00audio" * 100),
    ]
    report = laptop.client.sync()
    assert report.sent == ids and report.complete
    assert_on_server_once(server, laptop, ids)
    assert proxy.seen["HEAD /submission"] == 1
    assert laptop.client.last_success_at is not None
    # Nothing due: a second sync sends nothing and does not preflight.
    again = laptop.client.sync()
    assert again.sent == [] and proxy.seen["HEAD /submission"] == 1


def test_forms_and_media_are_pulled_into_the_library(server: CentralServer, tmp_path: Path) -> None:
    # A laptop that has never seen the form, talking to the server directly.
    fresh = open_workspace(tmp_path / "fresh")
    store = fresh.store
    client = client_for(fresh)
    client.enroll(server.enrollment_code("Laptop 2"), server.url)
    report = client.sync()
    assert report.forms is not None and report.forms.added == [f"{FORM_ID} {FORM_VERSION}"]
    form = store.forms.get(FORM_ID, FORM_VERSION)
    assert form.title == "Visita a la comunidad"
    assert form.languages == ["Español (es)", "English (en)"]
    assert form.default_language == "Español (es)"
    media = media_file(fresh, "mapa.png")
    assert media.read_bytes() == b"\x89PNG fake map of the municipality"
    # Unchanged on the next sync: nothing downloaded again.
    again = client.sync().forms
    assert again is not None and again.unchanged == 1 and again.added == []
    client.http.close()
    fresh.close()


def test_review_feedback_updates_the_sessions_on_this_laptop(
    server: CentralServer, laptop: Laptop
) -> None:
    ids = [laptop.finalize_session("Ana"), laptop.finalize_session("Berta")]
    assert laptop.client.sync().sent == ids
    server.review(ids[0], "has_issues", "Falta la edad de la participante 3; por favor corrija.")
    server.review(ids[1], "approved", None)
    report = laptop.client.sync()
    assert report.feedback_updated == 2 and report.complete
    returned = laptop.store.submissions.get(ids[0])
    assert returned.status == "has_issues" and returned.review_state == "has_issues"
    assert returned.review_comment == "Falta la edad de la participante 3; por favor corrija."
    assert laptop.status(ids[1]) == "approved"
    # Already applied: the cursor moved on, nothing changes again.
    assert laptop.client.sync().feedback_updated == 0
    server.review(ids[1], "rejected", "Duplicada")
    assert laptop.client.sync().feedback_updated == 1
    assert laptop.store.submissions.get(ids[1]).review_comment == "Duplicada"


def test_feedback_waits_for_a_session_this_laptop_does_not_know_is_sent(
    server: CentralServer, proxy: FaultyProxy, laptop: Laptop
) -> None:
    ids = [laptop.finalize_session("Ana")]
    proxy.add(Fault("drop_answer"), method="POST", path="/submission")
    laptop.client.sync()  # stored on the server, the laptop never heard
    server.review(ids[0], "approved", "Bien")
    report = laptop.client.sync()  # still in backoff: not resent, so the review must wait
    assert report.feedback_updated == 0 and laptop.status(ids[0]) == "queued"
    laptop.wait_past_backoff()
    report = laptop.client.sync()
    assert report.sent == ids and report.feedback_updated == 1
    assert laptop.status(ids[0]) == "approved"


def test_central_project_url_goes_under_the_key_path_without_bearer(
    server: CentralServer, proxy: FaultyProxy, tmp_path: Path
) -> None:
    # This checks the wire: the path the client asks for and that no Bearer header is sent (the
    # key is in the path). "s3cr3t$key" is not a well-formed key, so our server answers 401 as
    # ODK Central does (issue 7 item 21) and the sync pauses after its first request.
    machine = Laptop.open(tmp_path / "central", f"{proxy.url}/v1/key/s3cr3t$key/projects/4")
    try:
        machine.finalize_session("Ana")
        # No enrollment needed for a Central URL. Our server refuses this made-up key (401, as
        # Central does), which pauses sending until a new project URL is typed.
        with pytest.raises(SyncPaused) as paused:
            machine.client.sync()
        assert paused.value.sync_message.key == "unauthorized_central"
        assert all("s3cr3t" not in paused.value.sync_message.render(lang) for lang in LANGS)
        lines = [head.split("\r\n", 1)[0] for head in proxy.heads]
        # Collect's deviceID query parameter goes along (Central's DeviceID column).
        device = quote(machine.workspace.device_id(), safe="")
        assert lines == [
            f"HEAD /v1/key/s3cr3t$key/projects/4/submission?deviceID={device} HTTP/1.1",
        ]
        assert all("authorization:" not in head.lower() for head in proxy.heads)
        assert all("x-openrosa-version: 1.0" in head.lower() for head in proxy.heads)
        assert not machine.client.vault.get(machine.client.address.keyring_name)
    finally:
        machine.close()


def test_a_form_changed_on_the_server_under_the_same_version_is_not_swapped(
    server: CentralServer, tmp_path: Path
) -> None:
    laptop = open_workspace(tmp_path / "l")
    store = laptop.store
    client = client_for(laptop)
    client.enroll(server.enrollment_code(), server.url)
    try:
        assert client.sync().forms.added == [f"{FORM_ID} {FORM_VERSION}"]
        kept = store.forms.get(FORM_ID, FORM_VERSION).xform_xml
        # Someone edits the published form in the server's database without a new version.
        forms = schema.forms
        changed = XFORM.replace("Visita a la comunidad", "Visita cambiada")
        with server.db.write() as conn:
            conn.execute(
                forms.update().values(xml=changed, md5=hashlib.md5(changed.encode()).hexdigest())
            )
        report = client.sync()
        assert report.forms.added == [] and "without a new version" in str(report.forms.problems[0])
        assert store.forms.get(FORM_ID, FORM_VERSION).xform_xml == kept
        assert not report.complete
    finally:
        client.http.close()
        laptop.close()


def test_a_file_no_answer_names_any_more_stays_home_and_the_session_is_sent(
    server: CentralServer, laptop: Laptop
) -> None:
    # The facilitator took the photo again: the first file is still kept with the session, but
    # the answer names the new one. The server refuses files no answer names, so it is not sent.
    from tests.sync.harness import instance_xml

    instance_id = "uuid:5a0d7c55-3f0e-4f7e-9a55-1c2b3d4e5f60"
    xml = instance_xml(instance_id, "Ana", photo="foto_nueva.jpg")
    laptop.store.submissions.create(instance_id, FORM_ID, FORM_VERSION, xml)
    laptop.store.attachments.add(instance_id, "foto_vieja.jpg", b"old", "image/jpeg")
    laptop.store.attachments.add(instance_id, "foto_nueva.jpg", b"new", "image/jpeg")
    laptop.store.submissions.finalize(instance_id, xml)
    report = laptop.client.sync()
    assert report.sent == [instance_id]
    assert laptop.status(instance_id) == "sent"
    assert server.attachments(instance_id) == {"foto_nueva.jpg": b"new"}
