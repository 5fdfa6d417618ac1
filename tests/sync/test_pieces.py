"""The client's small parts on their own: backoff, server addresses, OpenRosa documents."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from sync.backoff import MAX_DELAY_S, next_attempt_at, parse_retry_after, retry_delay
from sync.openrosa import (
    Attachment,
    OpenRosaError,
    md5_hash,
    parse_form_list,
    parse_manifest,
    response_message,
    split_attachments,
    submission_body,
)
from sync.urls import ServerAddress, ServerAddressError, redact


def test_backoff_grows_is_jittered_and_capped() -> None:
    rng = random.Random(7)
    first = [retry_delay(1, rng=rng) for _ in range(200)]
    assert all(5.0 <= d <= 10.0 for d in first)
    assert len(set(first)) > 150  # jitter: laptops don't retry in lockstep
    fourth = [retry_delay(4, rng=rng) for _ in range(50)]
    assert all(40.0 <= d <= 80.0 for d in fourth)
    assert all(MAX_DELAY_S / 2 <= retry_delay(n, rng=rng) <= MAX_DELAY_S for n in (30, 1000, 10**6))
    with pytest.raises(ValueError):
        retry_delay(0)


def test_retry_after_is_honoured_but_capped() -> None:
    assert retry_delay(1, rng=random.Random(1), retry_after=120) == 120
    assert retry_delay(1, rng=random.Random(1), retry_after=10**7) == MAX_DELAY_S
    now = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    assert parse_retry_after("30", now) == 30
    assert parse_retry_after("Thu, 26 Nov 2026 12:01:00 GMT", now) == 60
    assert parse_retry_after("soon", now) is None
    later = next_attempt_at(now, 2, rng=random.Random(3))
    assert now + timedelta(seconds=10) <= later <= now + timedelta(seconds=20)


def test_our_server_address() -> None:
    address = ServerAddress.parse("  http://192.168.1.10:8765/ ")
    assert address.kind == "encuentro" and address.uses_bearer_token
    assert address.form_list_url == "http://192.168.1.10:8765/formList"
    assert address.submission_url == "http://192.168.1.10:8765/submission"
    assert address.api_url("devices/enroll") == "http://192.168.1.10:8765/api/v1/devices/enroll"
    assert address.api_url("feedback", since="2026-01-01T00:00:00+00:00").endswith(
        "/api/v1/feedback?since=2026-01-01T00%3A00%3A00%2B00%3A00"
    )
    behind_proxy = ServerAddress.parse("https://example.org/encuentro/formList")
    assert behind_proxy.base == "https://example.org/encuentro"
    assert (
        behind_proxy.resolve("/encuentro/forms/a.xml")
        == "https://example.org/encuentro/forms/a.xml"
    )
    assert behind_proxy.resolve("https://cdn.example/x") == "https://cdn.example/x"


def test_central_app_user_project_url() -> None:
    url = "https://central.example.org/v1/key/Ab1$cd!eF/projects/7/"
    address = ServerAddress.parse(url)
    assert address.kind == "central" and not address.uses_bearer_token and not address.has_json_api
    assert address.project_id == 7 and address.central_key == "Ab1$cd!eF"
    assert (
        address.form_list_url == "https://central.example.org/v1/key/Ab1$cd!eF/projects/7/formList"
    )
    assert (
        address.submission_url
        == "https://central.example.org/v1/key/Ab1$cd!eF/projects/7/submission"
    )
    assert "Ab1$cd!eF" not in address.redacted and "Ab1$cd!eF" not in address.keyring_name
    assert redact(f"Could not reach {address.submission_url}") == (
        "Could not reach https://central.example.org/v1/key/…/projects/7/submission"
    )
    with pytest.raises(ServerAddressError, match="no Encuentro API"):
        address.api_url("health")
    # Our own server mounted under the same path shape is a Central-style address too.
    local = ServerAddress.parse("http://127.0.0.1:8765/v1/key/tok/projects/1")
    assert local.form_list_url == "http://127.0.0.1:8765/v1/key/tok/projects/1/formList"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("192.168.1.10:8765", "http://"),
        ("ftp://x.org", "http:// or https://"),
        ("https://central.org/v1/projects/3/forms", "app-user project URL"),
        ("https://x.org/?a=1", "'?'"),
    ],
)
def test_bad_addresses_say_what_to_fix(text: str, message: str) -> None:
    with pytest.raises(ServerAddressError, match=message.replace("?", r"\?")):
        ServerAddress.parse(text)


FORM_LIST = b"""<?xml version="1.0" encoding="UTF-8"?>
<xforms xmlns="http://openrosa.org/xforms/xformsList">
  <xform>
    <formID>grupo_focal</formID><name>Grupo focal \xc3\xa1</name><version>2026112601</version>
    <hash>md5:0123456789abcdef0123456789abcdef</hash>
    <downloadUrl>https://s.example/v1/projects/1/forms/grupo_focal.xml</downloadUrl>
    <manifestUrl>https://s.example/v1/projects/1/forms/grupo_focal/manifest</manifestUrl>
  </xform>
  <xform><formID>sin_media</formID><name>Sin media</name><hash>md5:ff</hash>
    <downloadUrl>/forms/sin_media.xml</downloadUrl></xform>
</xforms>"""


def test_form_list_is_parsed() -> None:
    first, second = parse_form_list(FORM_LIST)
    assert first.form_id == "grupo_focal" and first.name == "Grupo focal á"
    assert first.version == "2026112601" and first.hash.startswith("md5:")
    assert first.manifest_url and first.manifest_url.endswith("/manifest")
    assert second.manifest_url is None and second.version == ""


def test_hostile_or_broken_documents_are_refused() -> None:
    bomb = b'<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><xforms>&b;</xforms>'
    with pytest.raises(OpenRosaError, match="forbidden XML"):
        parse_form_list(bomb)
    with pytest.raises(OpenRosaError, match="not valid XML"):
        parse_form_list(b"<xforms><xform>")
    with pytest.raises(OpenRosaError, match="not <xforms>"):
        parse_form_list(b"<html/>")
    with pytest.raises(OpenRosaError, match="unsafe media file"):
        parse_manifest(
            b'<manifest xmlns="http://openrosa.org/xforms/xformsManifest"><mediaFile>'
            b"<filename>../../.bashrc</filename><hash>md5:00</hash><downloadUrl>/x</downloadUrl>"
            b"</mediaFile></manifest>"
        )


def test_manifest_is_parsed() -> None:
    (media,) = parse_manifest(
        b'<manifest xmlns="http://openrosa.org/xforms/xformsManifest"><mediaFile>'
        b"<filename>mapa.png</filename><hash>md5:abc</hash><downloadUrl>/m/mapa.png</downloadUrl>"
        b"</mediaFile></manifest>"
    )
    assert media.filename == "mapa.png" and media.hash == "md5:abc"


def test_response_messages() -> None:
    openrosa = (
        b'<OpenRosaResponse xmlns="http://openrosa.org/http/response">'
        b'<message nature="error">A submission with this instanceID and different content exists.'
        b"</message></OpenRosaResponse>"
    )
    assert response_message(openrosa).startswith("A submission with this instanceID")
    assert response_message(b'{"detail": "form not published"}') == "form not published"
    assert response_message(b"") == ""


def test_submission_body_is_multipart_with_length_and_progress() -> None:
    seen: list[int] = []
    body = submission_body(
        "<data>ñ</data>".encode(),
        [Attachment("foto señora.jpg", b"\xff\xd8" * 5000), Attachment("audio.m4a", b"a" * 10)],
        boundary="b0",
    )
    body.on_read = seen.append
    raw = b""
    while chunk := body.read(4096):
        raw += chunk
    assert len(raw) == len(body) and sum(seen) == len(body) and len(seen) > 1
    assert raw.startswith(b'--b0\r\nContent-Disposition: form-data; name="xml_submission_file"')
    assert 'filename="foto señora.jpg"\r\nContent-Type: image/jpeg'.encode() in raw
    assert raw.endswith(b"--b0--\r\n")
    body.rewind()
    assert body.read() == raw


def test_big_submissions_are_split_across_posts() -> None:
    xml = b"<data/>"
    photos = [Attachment(f"p{i}.jpg", b"x" * 1000) for i in range(5)]
    assert split_attachments(xml, photos, None) == [photos]
    groups = split_attachments(xml, photos, 2700)
    assert [len(g) for g in groups] == [2, 2, 1]
    assert split_attachments(xml, [], 100) == [[]]
    assert md5_hash(b"") == "md5:d41d8cd98f00b204e9800998ecf8427e"
