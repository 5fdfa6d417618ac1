"""Hostile or broken submissions on SQLite and PostgreSQL: attachment names, duplicate and
countless parts, content-type lies, XML that is not what it claims. Every answer is a 4xx with a
reason (never a 500), nothing half-stored, and the server keeps working."""

from __future__ import annotations

import unicodedata
import uuid
import xml.etree.ElementTree as ET

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from sync.server import schema
from sync.server.app import ServerSettings, create_app
from tests.server.conftest import Pilot, instance_of, submission_xml

RESPONSE_NS = "{http://openrosa.org/http/response}"


def post(pilot: Pilot, parts: list) -> object:
    return pilot.client.post("/submission", headers=pilot.auth(), files=parts)


def xml_part(xml: bytes, content_type: str = "text/xml") -> tuple:
    return ("xml_submission_file", ("submission.xml", xml, content_type))


def attachment_names(pilot: Pilot, instance_id: str) -> list[str]:
    record = pilot.client.get(
        f"/api/v1/submissions/{instance_id}", headers=pilot.auth(pilot.supervisor_token)
    ).json()
    return [item["name"] for item in record["attachments"]]


def submissions_stored(pilot: Pilot) -> int:
    with pilot.db.read() as conn:
        return conn.execute(select(func.count()).select_from(schema.submissions)).scalar_one()


def raw_post(pilot: Pilot, xml: bytes, filename: bytes) -> object:
    """A multipart body written by hand: HTTP clients escape what a hostile one would not."""
    body = (
        b'--b\r\nContent-Disposition: form-data; name="xml_submission_file"; filename="s.xml"\r\n'
        b"Content-Type: text/xml\r\n\r\n" + xml + b"\r\n"
        b'--b\r\nContent-Disposition: form-data; name="f"; filename="' + filename + b'"\r\n'
        b"Content-Type: image/jpeg\r\n\r\nx\r\n--b--\r\n"
    )
    return pilot.client.post(
        "/submission",
        headers={**pilot.auth(), "content-type": "multipart/form-data; boundary=b"},
        content=body,
    )


def assert_refused(response, status: int = 400, words: str = "") -> None:
    assert response.status_code == status, response.text
    reason = ET.fromstring(response.content).findtext(f"{RESPONSE_NS}message")
    assert reason and words.lower() in reason.lower(), reason


def test_attachment_folders_are_dropped_and_hostile_names_refused(pilot: Pilot) -> None:
    xml = submission_xml(photo="passwd.jpg", audio=("abs.jpg", "win.jpg", "sub.jpg"))
    reduced = {
        "../../etc/passwd.jpg": "passwd.jpg",
        "/var/lib/abs.jpg": "abs.jpg",
        "C:\\Users\\x\\win.jpg": "win.jpg",
        "carpeta/../../sub.jpg": "sub.jpg",
    }
    parts = [xml_part(xml)] + [(n, (n, b"x", "image/jpeg")) for n in reduced]
    assert post(pilot, parts).status_code == 201
    assert sorted(attachment_names(pilot, instance_of(xml))) == sorted(reduced.values())
    for name in (
        "..",
        "dir/..",
        "x\u202egpj.exe",  # shows as "xexe.jpg"
        "a\u2028b.jpg",
        "a" * 256 + ".jpg",
        "   ",
    ):
        response = post(pilot, [xml_part(submission_xml()), ("f", (name, b"x", "image/jpeg"))])
        assert_refused(response, 400, "attachment file name")
    for raw in (b"foto\x00.jpg", b"foto\t.jpg", b"foto\x1b[31m.jpg", b"foto\x7f.jpg"):
        assert_refused(raw_post(pilot, submission_xml(), raw), 400, "attachment file name")
    assert submissions_stored(pilot) == 1


def test_unicode_normalisation_duplicates_are_one_attachment(pilot: Pilot) -> None:
    composed = unicodedata.normalize("NFC", "café_señal.jpg")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    xml = submission_xml(photo=decomposed)  # the answer as a Mac might write it
    parts = [xml_part(xml), ("a", (composed, b"foto", "image/jpeg"))]
    assert post(pilot, parts).status_code == 201
    again = post(pilot, [xml_part(xml), ("b", (decomposed, b"foto", "image/jpeg"))])
    assert again.status_code == 201 and again.headers["x-encuentro-submission"] == "duplicate"
    assert attachment_names(pilot, instance_of(xml)) == [composed]
    record = pilot.client.get(
        f"/api/v1/submissions/{instance_of(xml)}", headers=pilot.auth(pilot.supervisor_token)
    ).json()
    assert record["attachments_missing"] == []
    for name in (composed, decomposed):
        fetched = pilot.client.get(
            f"/api/v1/submissions/{instance_of(xml)}/attachments/{name}", headers=pilot.auth()
        )
        assert fetched.status_code == 200 and fetched.content == b"foto"


def test_duplicate_part_names_with_different_bytes_and_two_xml_parts_are_400(pilot: Pilot) -> None:
    xml = submission_xml(photo="foto.jpg")
    same_twice = [xml_part(xml)] + [("f", ("foto.jpg", b"igual", "image/jpeg"))] * 2
    assert post(pilot, same_twice).status_code == 201
    assert attachment_names(pilot, instance_of(xml)) == ["foto.jpg"]
    clash = [
        xml_part(submission_xml(photo="foto.jpg")),
        ("f", ("foto.jpg", b"una", "image/jpeg")),
        ("g", ("foto.jpg", b"otra", "image/jpeg")),
    ]
    assert_refused(post(pilot, clash), 400, "two attachments")
    two_xml = [xml_part(submission_xml()), xml_part(submission_xml())]
    assert_refused(post(pilot, two_xml), 400, "more than one xml_submission_file")
    assert submissions_stored(pilot) == 1


def test_thousands_of_parts_are_refused_quickly(pilot: Pilot) -> None:
    files = [(f"f{i}", (f"f{i}.jpg", b"x", "image/jpeg")) for i in range(1000)]
    assert_refused(post(pilot, [xml_part(submission_xml()), *files]), 400, "too many")
    fields = "".join(
        f'--b\r\nContent-Disposition: form-data; name="k{i}"\r\n\r\nv\r\n' for i in range(1000)
    )
    response = pilot.client.post(
        "/submission",
        headers={**pilot.auth(), "content-type": "multipart/form-data; boundary=b"},
        content=(fields + "--b--\r\n").encode(),
    )
    assert_refused(response, 400, "too many")
    assert submissions_stored(pilot) == 0


def test_a_huge_part_header_is_a_client_error(pilot: Pilot) -> None:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="xml_submission_file"; filename="s.xml"\r\n'
        b"X-Padding: "
        + b"p" * 200_000
        + b"\r\nContent-Type: text/xml\r\n\r\n"
        + submission_xml()
        + b"\r\n--b--\r\n"
    )
    response = pilot.client.post(
        "/submission",
        headers={**pilot.auth(), "content-type": "multipart/form-data; boundary=b"},
        content=body,
    )
    assert 400 <= response.status_code < 500
    assert pilot.client.get("/api/v1/health").status_code == 200


def test_content_type_lies_are_stored_as_labels_and_served_as_downloads(pilot: Pilot) -> None:
    xml = submission_xml(photo="page.jpg", audio=("long.jpg", "odd.jpg"))
    parts = [
        xml_part(xml, content_type="image/png"),  # the XML part claims to be a picture
        ("a", ("page.jpg", b"<script>alert(1)</script>", "text/html; charset=utf-8")),
        ("b", ("long.jpg", b"x", "image/" + "j" * 300)),
        ("c", ("odd.jpg", b"x", "not a type")),
    ]
    assert post(pilot, parts).status_code == 201
    record = pilot.client.get(
        f"/api/v1/submissions/{instance_of(xml)}", headers=pilot.auth(pilot.supervisor_token)
    ).json()
    types = {item["name"]: item["content_type"] for item in record["attachments"]}
    assert types == {
        "page.jpg": "text/html",
        "long.jpg": "application/octet-stream",
        "odd.jpg": "application/octet-stream",
    }
    served = pilot.client.get(
        f"/api/v1/submissions/{instance_of(xml)}/attachments/page.jpg", headers=pilot.auth()
    )
    assert served.headers["content-disposition"].startswith("attachment;")
    assert served.headers["x-content-type-options"] == "nosniff"
    # a picture sent as the XML part is refused as XML, not stored
    jpeg = [xml_part(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", content_type="text/xml")]
    assert_refused(post(pilot, jpeg), 400, "not well-formed")


def test_instance_ids_that_are_not_uuid_shaped_are_400(pilot: Pilot) -> None:
    for instance_id in (
        "../../etc/passwd",
        "uuid:a b",
        "uuid:x?y=1",
        "uuid:x#frag",
        "uuid:%2e%2e",
        "uuid:" + "a" * 300,
        "-leading-dash",
        "uuid:ñandú",
    ):
        assert_refused(pilot.submit(submission_xml(instance_id)), 400, "instanceID")
    odd_edit = submission_xml(deprecated_id="uuid:../x")
    assert_refused(pilot.submit(odd_edit), 400, "deprecatedID")
    for fine in (f"uuid:{uuid.uuid4()}", "uuid:ABC-123_x.y", f"{uuid.uuid4()}"):
        assert pilot.submit(submission_xml(fine)).status_code == 201, fine
    assert submissions_stored(pilot) == 3


def test_a_submission_must_match_a_published_form_version_and_its_root(pilot: Pilot) -> None:
    for form_id in ("grupo focal", "grupo_focal/../x", "' OR 1=1 --", "<b>", "ñ" * 300):
        body = submission_xml(form_id=form_id.replace("<", "&lt;").replace(">", "&gt;"))
        response = pilot.submit(body)
        assert_refused(response, 404, "is not published")
    assert_refused(pilot.submit(submission_xml(version="")), 404, "is not published")
    wrong_root = submission_xml().replace(b"<data ", b"<otro ").replace(b"</data>", b"</otro>")
    assert_refused(pilot.submit(wrong_root), 400, "root element <otro>")
    assert submissions_stored(pilot) == 0


def test_xml_that_is_hostile_or_not_utf8_is_refused(pilot: Pilot) -> None:
    lol = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    cases = {
        "billion laughs": f'<!DOCTYPE data [<!ENTITY l0 "lol">{lol}]><data id="grupo_focal" '
        'version="1"><community>&l9;</community></data>',
        "external entity": '<!DOCTYPE data [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>'
        '<data id="grupo_focal" version="1"><community>&x;</community></data>',
        "parameter entity": '<!DOCTYPE data [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'
        '<data id="grupo_focal" version="1"/>',
        "bare doctype": "<!DOCTYPE data><data/>",
    }
    for label, body in cases.items():
        response = pilot.submit(body.encode())
        assert response.status_code == 400, label
        assert "root:" not in response.text
    utf16 = (
        submission_xml()
        .decode()
        .replace("<data", '<?xml version="1.0" encoding="UTF-16"?><data', 1)
    )
    assert_refused(pilot.submit(utf16.encode("utf-16")), 400, "UTF-8")
    broken = submission_xml(community="SeXor").replace(b"SeXor", b"Se\xf1or")  # Latin-1
    assert pilot.submit(broken).status_code == 400
    with_bom = b"\xef\xbb\xbf" + submission_xml()
    assert pilot.submit(with_bom).status_code == 201  # a BOM is still UTF-8
    assert pilot.client.get("/api/v1/health").status_code == 200


def test_xml_floods_are_refused_before_they_cost_memory(pilot: Pilot) -> None:
    # A server with the production body limit: the floods must fit in one request.
    app = create_app(ServerSettings(database_url=pilot.db.url, max_submission_bytes=64 << 20))
    with TestClient(app) as client:

        def send(xml: bytes):
            parts = [xml_part(xml)]
            return client.post("/submission", headers=pilot.auth(), files=parts)

        flat = submission_xml().replace(b"<photo></photo>", b"<a/>" * 250_000)
        assert_refused(send(flat), 400, "over 200000 elements")
        attributes = b" ".join(b'a%d=""' % i for i in range(600_000))
        wide = submission_xml().replace(b'version="1"', b'version="1" ' + attributes)
        assert len(wide) > 4 * 1024 * 1024
        assert_refused(send(wide), 413, "submission XML is larger")
        large_but_fine = submission_xml(community="notas " * 100_000)  # 600 KB of notes
        assert send(large_but_fine).status_code == 201
    app.state.db.dispose()
    assert submissions_stored(pilot) == 1


def test_a_submission_stored_before_the_xml_limits_still_opens(pilot: Pilot) -> None:
    xml = submission_xml(photo="f.jpg")
    assert pilot.submit(xml).status_code == 201
    deep = xml.replace(b"<community>San Miguel</community>", b"<a>" * 100 + b"</a>" * 100)
    with pilot.db.write() as conn:
        conn.execute(
            schema.submissions.update()
            .where(schema.submissions.c.instance_id == instance_of(xml))
            .values(xml=deep.decode())
        )
    record = pilot.client.get(
        f"/api/v1/submissions/{instance_of(xml)}", headers=pilot.auth(pilot.supervisor_token)
    )
    assert record.status_code == 200 and record.json()["xml"] == deep.decode()
