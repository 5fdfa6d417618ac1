"""OpenRosa endpoints on SQLite and PostgreSQL: form list, download, manifest, submissions."""

from __future__ import annotations

import hashlib
import uuid
import xml.etree.ElementTree as ET

from sqlalchemy import func, select

from sync.server import schema
from tests.server.conftest import TEST_LIMIT, Pilot, instance_of, publish_xml, submission_xml

LIST_NS = "{http://openrosa.org/xforms/xformsList}"
RESPONSE_NS = "{http://openrosa.org/http/response}"


def stored_count(pilot: Pilot, instance_id: str | None = None) -> int:
    query = select(func.count()).select_from(schema.submissions)
    if instance_id is not None:
        query = query.where(schema.submissions.c.instance_id == instance_id)
    with pilot.db.read() as conn:
        return conn.execute(query).scalar_one()


def stored(pilot: Pilot, instance_id: str) -> dict:
    response = pilot.client.get(
        f"/api/v1/submissions/{instance_id}", headers=pilot.auth(pilot.supervisor_token)
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_form_list_is_an_openrosa_xforms_list_with_md5_hash_and_download(pilot: Pilot) -> None:
    response = pilot.client.get("/formList", headers=pilot.auth())
    assert response.status_code == 200
    assert response.headers["x-openrosa-version"] == "1.0"
    assert response.headers["content-type"].startswith("text/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{LIST_NS}xforms"
    (entry,) = root.findall(f"{LIST_NS}xform")
    assert entry.findtext(f"{LIST_NS}formID") == "grupo_focal"
    assert entry.findtext(f"{LIST_NS}name") == "Grupo focal"
    assert entry.findtext(f"{LIST_NS}version") == "1"
    assert entry.find(f"{LIST_NS}manifestUrl") is None  # no media
    download = pilot.client.get(entry.findtext(f"{LIST_NS}downloadUrl"), headers=pilot.auth())
    assert download.status_code == 200
    assert entry.findtext(f"{LIST_NS}hash") == "md5:" + hashlib.md5(download.content).hexdigest()


def test_new_version_and_media_show_in_form_list_and_manifest(pilot: Pilot) -> None:
    picture = pilot.tmp / "mapa_ñ.png"
    picture.write_bytes(b"\x89PNG fake image")
    publish_xml(pilot.db, "Piloto", pilot.tmp, version="2", media=[picture])
    root = ET.fromstring(pilot.client.get("/formList", headers=pilot.auth()).content)
    (entry,) = root.findall(f"{LIST_NS}xform")
    assert entry.findtext(f"{LIST_NS}version") == "2"
    manifest = pilot.client.get(entry.findtext(f"{LIST_NS}manifestUrl"), headers=pilot.auth())
    assert manifest.status_code == 200
    ns = "{http://openrosa.org/xforms/xformsManifest}"
    media = ET.fromstring(manifest.content).find(f"{ns}mediaFile")
    assert media.findtext(f"{ns}filename") == "mapa_ñ.png"
    assert media.findtext(f"{ns}hash") == "md5:" + hashlib.md5(picture.read_bytes()).hexdigest()
    fetched = pilot.client.get(media.findtext(f"{ns}downloadUrl"), headers=pilot.auth())
    assert fetched.content == picture.read_bytes()
    # the old version stays downloadable for submissions made with it
    old = pilot.client.get("/projects/1/forms/grupo_focal.xml?version=1", headers=pilot.auth())
    assert old.status_code == 200 and b'version="1"' in old.content


def test_head_submission_is_a_204_preflight_with_the_accepted_length(pilot: Pilot) -> None:
    response = pilot.client.head("/submission", headers=pilot.auth())
    assert response.status_code == 204
    assert response.headers["x-openrosa-version"] == "1.0"
    assert response.headers["x-openrosa-accept-content-length"] == str(TEST_LIMIT)
    assert pilot.client.head("/submission").status_code == 401


def test_first_post_is_201_with_an_openrosa_response_and_one_stored_copy(pilot: Pilot) -> None:
    xml = submission_xml(community="Ahuachapán")
    response = pilot.submit(xml)
    assert response.status_code == 201
    root = ET.fromstring(response.content)
    assert root.tag == f"{RESPONSE_NS}OpenRosaResponse"
    assert "successful" in root.findtext(f"{RESPONSE_NS}message")
    assert stored(pilot, instance_of(xml))["xml"] == xml.decode()


def test_identical_resend_is_acknowledged_without_a_second_copy(pilot: Pilot) -> None:
    xml = submission_xml()
    assert pilot.submit(xml).status_code == 201
    again = pilot.submit(xml)
    assert again.status_code == 201
    assert again.headers["x-encuentro-submission"] == "duplicate"
    assert stored_count(pilot) == 1


def test_split_upload_ends_with_every_attachment_stored(pilot: Pilot) -> None:
    xml = submission_xml(photo="foto.jpg", audio=("audio1.m4a",))
    assert pilot.submit(xml).status_code == 201  # the XML alone first: the photo is missing
    assert stored(pilot, instance_of(xml))["attachments_missing"] == ["audio1.m4a", "foto.jpg"]
    assert pilot.submit(xml, {"foto.jpg": b"first part"}).status_code == 201
    assert pilot.submit(xml, {"audio1.m4a": b"second", "foto.jpg": b"changed?"}).status_code == 201
    record = stored(pilot, instance_of(xml))
    names = {item["name"]: item for item in record["attachments"]}
    assert set(names) == {"foto.jpg", "audio1.m4a"}
    # a stored attachment is never replaced by a later upload of the same name
    assert names["foto.jpg"]["sha256"] == hashlib.sha256(b"first part").hexdigest()
    assert record["attachments_expected"] == 2 and record["attachments_missing"] == []
    assert stored_count(pilot) == 1


def test_different_xml_under_a_known_instance_id_is_409_and_the_stored_one_stays(
    pilot: Pilot,
) -> None:
    instance_id = f"uuid:{uuid.uuid4()}"
    first = submission_xml(instance_id, community="Sonsonate")
    assert pilot.submit(first).status_code == 201
    conflict = pilot.submit(submission_xml(instance_id, community="Otra cosa"))
    assert conflict.status_code == 409
    assert instance_id in conflict.text
    assert stored(pilot, instance_id)["xml"] == first.decode()


def test_deprecated_id_makes_a_new_version_of_the_submission(pilot: Pilot) -> None:
    original = submission_xml(community="La Unión")
    old_id = instance_of(original)
    assert pilot.submit(original).status_code == 201
    edit = submission_xml(community="La Unión (corregido)", deprecated_id=old_id)
    assert pilot.submit(edit).status_code == 201
    new = stored(pilot, instance_of(edit))
    assert new["root_id"] == old_id and new["review_state"] == "edited"
    assert new["versions"] == [old_id, instance_of(edit)]
    assert stored(pilot, old_id)["is_current"] is False
    listed = pilot.client.get("/api/v1/submissions", headers=pilot.auth()).json()
    assert [item["instance_id"] for item in listed["items"]] == [instance_of(edit)]
    # a second, different edit of the same old version forks history: refused
    fork = pilot.submit(submission_xml(community="otra edición", deprecated_id=old_id))
    assert fork.status_code == 409
    unknown = pilot.submit(submission_xml(deprecated_id=f"uuid:{uuid.uuid4()}"))
    assert unknown.status_code == 404


def test_unknown_form_or_version_is_404(pilot: Pilot) -> None:
    assert pilot.submit(submission_xml(form_id="no_existe")).status_code == 404
    response = pilot.submit(submission_xml(version="99"))
    assert response.status_code == 404 and "'99'" in response.text
    assert stored_count(pilot) == 0


def test_bad_bodies_get_400_with_a_reason(pilot: Pilot) -> None:
    cases = {
        "not xml": b"this is not xml",
        "unclosed": b'<data id="grupo_focal"><meta>',
        "no instanceID": b'<data id="grupo_focal" version="1"><community/></data>',
        "no form id": b"<data><meta><instanceID>uuid:1</instanceID></meta></data>",
        "latin-1": b'<?xml version="1.0" encoding="ISO-8859-1"?>'
        + submission_xml(community="SeXor").replace(b"SeXor", b"Se\xf1or"),
    }
    for label, body in cases.items():
        response = pilot.submit(body)
        assert response.status_code == 400, label
        assert ET.fromstring(response.content).findtext(f"{RESPONSE_NS}message"), label
    missing = pilot.client.post(
        "/submission",
        headers=pilot.auth(),
        files={"other": ("x.xml", submission_xml(), "text/xml")},
    )
    assert missing.status_code == 400 and "xml_submission_file" in missing.text
    assert stored_count(pilot) == 0


def test_hostile_xml_is_refused_without_expanding_anything(pilot: Pilot) -> None:
    lol = "&lol9;"
    entities = "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    bomb = f'<?xml version="1.0"?><!DOCTYPE data [<!ENTITY lol0 "lol">{entities}]>'
    bomb += f'<data id="grupo_focal" version="1"><community>{lol}</community></data>'
    external = (
        '<?xml version="1.0"?><!DOCTYPE data [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<data id="grupo_focal" version="1"><community>&x;</community></data>'
    )
    for body in (bomb, external):
        response = pilot.submit(body.encode())
        assert response.status_code == 400
        assert "root:" not in response.text
    assert pilot.client.get("/api/v1/health").status_code == 200


def test_wrong_content_types_and_broken_multipart_are_400(pilot: Pilot) -> None:
    headers = pilot.auth()
    assert pilot.client.post("/submission", headers=headers, json={"a": 1}).status_code == 400
    assert pilot.client.post("/submission", headers=headers, content=b"x").status_code == 400
    for content_type in ("multipart/form-data", "multipart/form-data; boundary=zz"):
        response = pilot.client.post(
            "/submission",
            headers={**headers, "content-type": content_type},
            content=b"--nope\r\ngarbage without headers",
        )
        assert response.status_code == 400, content_type
        assert "multipart" in response.text.lower()


def test_bodies_over_the_limit_are_413_declared_or_streamed(pilot: Pilot) -> None:
    big = {"video.mp4": b"\0" * (TEST_LIMIT + 1)}
    assert pilot.submit(submission_xml(), big).status_code == 413

    def chunks():
        for _ in range(40):
            yield b"x" * 10_000

    streamed = pilot.client.post(
        "/submission",
        headers={**pilot.auth(), "content-type": "multipart/form-data; boundary=b"},
        content=chunks(),
    )
    assert streamed.status_code == 413
    assert stored_count(pilot) == 0
    assert pilot.submit(submission_xml()).status_code == 201


def test_odd_attachment_names_are_refused_or_reduced_to_a_file_name(pilot: Pilot) -> None:
    xml = submission_xml(photo="foto.jpg")
    assert pilot.submit(xml, {"../../etc/foto.jpg": b"x"}).status_code == 201
    assert [a["name"] for a in stored(pilot, instance_of(xml))["attachments"]] == ["foto.jpg"]
    assert pilot.submit(submission_xml(), {"..": b"x"}).status_code == 400


def test_devices_submit_only_to_their_project_and_supervisors_do_not_submit(pilot: Pilot) -> None:
    other = pilot.enroll(project="Otro", name="Laptop de otro proyecto")
    assert (
        pilot.client.get("/formList", headers=pilot.auth(other["token"])).text.count("<xform>") == 0
    )
    assert pilot.submit(submission_xml(), token=other["token"]).status_code == 404
    download = pilot.client.get(
        "/projects/1/forms/grupo_focal.xml", headers=pilot.auth(other["token"])
    )
    assert download.status_code == 404
    assert pilot.submit(submission_xml(), token=pilot.supervisor_token).status_code == 403


def test_the_same_instance_id_from_another_device_is_a_conflict(pilot: Pilot) -> None:
    xml = submission_xml()
    assert pilot.submit(xml).status_code == 201
    second = pilot.enroll(name="Laptop 2")
    assert pilot.submit(xml, token=second["token"]).status_code == 409


def test_no_or_bad_token_is_401_on_every_openrosa_endpoint(pilot: Pilot) -> None:
    for method, path in [
        ("GET", "/formList"),
        ("GET", "/projects/1/formList"),
        ("GET", "/projects/1/forms/grupo_focal.xml"),
        ("GET", "/projects/1/forms/grupo_focal/manifest"),
        ("HEAD", "/submission"),
        ("POST", "/submission"),
    ]:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic abc"}):
            response = pilot.client.request(method, path, headers=headers)
            assert response.status_code == 401, (method, path, headers)
            assert response.headers["www-authenticate"] == "Bearer"


def test_too_many_parts_and_deep_nesting_are_handled_without_harm(pilot: Pilot) -> None:
    many = {f"f{i}.jpg": b"x" for i in range(205)}
    response = pilot.submit(submission_xml(), many)
    assert response.status_code == 400 and "too many" in response.text.lower()
    for depth, status in ((50, 201), (20_000, 400)):
        deep = submission_xml().replace(
            b"<community>San Miguel</community>", b"<a>" * depth + b"hondo" + b"</a>" * depth
        )
        response = pilot.submit(deep)
        assert response.status_code == status, depth
    assert "nests deeper than 64" in response.text
    assert pilot.client.get("/api/v1/health").status_code == 200


def test_central_style_keyed_urls_work_for_tools_that_cannot_send_a_bearer_header(
    pilot: Pilot,
) -> None:
    base = f"/v1/key/{pilot.device_token}/projects/{pilot.project_id}"
    listing = pilot.client.get(f"{base}/formList")
    assert listing.status_code == 200
    download_url = ET.fromstring(listing.content).find(f"{LIST_NS}xform/{LIST_NS}downloadUrl").text
    assert f"{base}/forms/grupo_focal.xml" in download_url  # the key stays in the links
    assert pilot.client.get(download_url).status_code == 200
    assert pilot.client.head(f"{base}/submission").status_code == 204
    xml = submission_xml()
    parts = {"xml_submission_file": ("submission.xml", xml, "text/xml")}
    assert pilot.client.post(f"{base}/submission", files=parts).status_code == 201
    assert stored_count(pilot, instance_of(xml)) == 1
    assert (
        pilot.client.get("/v1/key/not-a-real-token-at-all/projects/1/formList").status_code == 401
    )
