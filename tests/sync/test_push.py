"""Push and pull against the real server (loopback), without faults."""

from __future__ import annotations

from pathlib import Path

from keyring.backends.fail import Keyring as NoKeyring

from app.store import Store
from sync.client import SyncClient
from sync.credentials import TokenVault
from tests.sync.harness import FORM_ID, FORM_VERSION, CentralServer, Laptop
from tests.sync.proxy import FaultyProxy


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
    store = Store.open(tmp_path / "fresh" / "encuentro.sqlite3")
    client = SyncClient(store, vault=TokenVault(store.settings, store.path, backend=NoKeyring()))
    client.enroll(server.enrollment_code("Laptop 2"), server.url)
    report = client.sync()
    assert report.forms is not None and report.forms.added == [f"{FORM_ID} {FORM_VERSION}"]
    form = store.forms.get(FORM_ID, FORM_VERSION)
    assert form.title == "Visita a la comunidad"
    assert form.languages == ["Español (es)", "English (en)"]
    assert form.default_language == "Español (es)"
    media = client.media_dir / FORM_ID / FORM_VERSION / "mapa.png"
    assert media.read_bytes() == b"\x89PNG fake map of the municipality"
    # Unchanged on the next sync: nothing downloaded again.
    again = client.sync().forms
    assert again is not None and again.unchanged == 1 and again.added == []
    client.http.close()
    store.close()
