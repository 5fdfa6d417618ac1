"""Seeded, bounded fuzzing on SQLite and PostgreSQL: mangled submission XML, mangled multipart
bodies, odd URL segments and broken JSON, from each kind of token. Whatever arrives, the answer is
never a 5xx (the test client re-raises any server exception, so a crash fails here too)."""

from __future__ import annotations

import random

from tests.server.conftest import Pilot, instance_of, submission_xml

REQUESTS = 300
XML_INSERTS = [b"<", b">", b"&", b"]]>", b"<!--", b"\xff", b"<x>", b"</meta>", b'"', b"&#0;"]
MULTIPART_INSERTS = [b"\r\n", b"--b", b'"', b";", b"\x00", b"filename*=UTF-8''%ff"]
BOUNDARIES = [
    "multipart/form-data; boundary=b",
    'multipart/form-data; boundary="b"',
    "multipart/form-data; boundary=",
    "multipart/form-data; charset=x; boundary=b",
]
PATH_STARTS = [
    "/api/v1/submissions/",
    "/api/v1/submissions?form_id=",
    "/api/v1/submissions?from=",
    "/api/v1/feedback?cursor=",
    "/projects/1/forms/",
    "/projects/",
    "/v1/key/",
]
PATH_ENDS = ["", "%01", "%ff", "%c3", "%2f", "%00", "%zz"]
JSON_BODIES = [
    b"{",
    b"[]",
    b'{"code": 5}',
    b'{"username": [], "password": {}}',
    b'{"state": null}',
    b"\xff\xfe",
    b'{"code": "' + b"A" * 200 + b'"}',
]


def mangle(data: bytes, rng: random.Random, inserts: list[bytes]) -> bytes:
    mangled = bytearray(data)
    for _ in range(rng.randint(1, 5)):
        pos = rng.randrange(len(mangled))
        choice = rng.random()
        if choice < 0.4:
            mangled[pos] = rng.randrange(256)
        elif choice < 0.7:
            del mangled[pos]
        else:
            mangled[pos:pos] = rng.choice(inserts)
    return bytes(mangled)


def test_no_mangled_request_gets_a_5xx(pilot: Pilot) -> None:
    rng = random.Random(7)
    xml = submission_xml(photo="f.jpg")
    assert pilot.submit(xml, {"f.jpg": b"x"}).status_code == 201
    multipart = (
        b'--b\r\nContent-Disposition: form-data; name="xml_submission_file"; filename="s.xml"'
        b"\r\nContent-Type: text/xml\r\n\r\n" + xml + b"\r\n--b\r\nContent-Disposition: "
        b'form-data; name="f"; filename="f.jpg"\r\n\r\nxx\r\n--b--\r\n'
    )
    tokens = [pilot.device_token, pilot.supervisor_token, pilot.admin_token]
    reviews = f"/api/v1/submissions/{instance_of(xml)}/review"
    server_errors = []
    for _ in range(REQUESTS):
        headers = pilot.auth(rng.choice(tokens))
        kind = rng.choice(["xml", "multipart", "path", "json"])
        if kind == "xml":
            response = pilot.submit(mangle(xml, rng, XML_INSERTS), {"f.jpg": b"x"}, token=None)
        elif kind == "multipart":
            response = pilot.client.post(
                "/submission",
                headers={**headers, "content-type": rng.choice(BOUNDARIES)},
                content=mangle(multipart, rng, MULTIPART_INSERTS),
            )
        elif kind == "path":
            middle = "".join(rng.choice("ab%/.:?#&=~ñ 0") for _ in range(rng.randint(0, 12)))
            path = rng.choice(PATH_STARTS) + middle + rng.choice(PATH_ENDS)
            response = pilot.client.get(path, headers=headers)
        else:
            response = pilot.client.post(
                rng.choice(["/api/v1/enroll", "/api/v1/login", reviews]),
                headers={**headers, "content-type": "application/json"},
                content=rng.choice(JSON_BODIES),
            )
        if response.status_code >= 500:
            server_errors.append((kind, response.status_code, response.text[:200]))
    assert server_errors == []
    assert pilot.client.get("/api/v1/health").status_code == 200
