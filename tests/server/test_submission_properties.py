"""Property-based tests (hypothesis) of the server's submission parser, multipart and XML.

Invariants, whatever arrives:
- the XML reader raises nothing but ``Refused`` (400), and its fast road (C tree) and its
  streaming road (defusedxml) read the same form id, version, instanceIDs and file names;
- through the whole route (SQLite and PostgreSQL), the answer is 201 or a documented 4xx, never a
  5xx; a refused request changes nothing stored; every stored attachment is one its submission's
  answers name; one row per (project, instanceID).
Examples are bounded so the suite stays fast; hypothesis's database is not written.
"""

from __future__ import annotations

import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from sync.server import schema, submission_xml
from sync.server.errors import Refused
from sync.server.submission_xml import expected_attachments, read_submission
from tests.server.conftest import Pilot

PATHS = ["/data/photo", "/data/rep/audio"]
NAMES = ["meta", "instanceID", "deprecatedID", "photo", "rep", "audio", "community", "x"]
NAMESPACES = ["", "{http://openrosa.org/xforms}", "{urn:otro}"]
FILES = ["foto.jpg", "audio1.m4a", "otro.jpg", "../x.jpg", "café.jpg", "a\u202eb.jpg", ".."]
TEXTS = st.one_of(
    st.sampled_from(["", "uuid:" + str(uuid.UUID(int=1)), "foto.jpg", "audio1.m4a", " café.jpg "]),
    st.text(max_size=20),
)
PROPERTIES = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def elements(draw, depth: int = 0) -> str:
    namespace = draw(st.sampled_from(NAMESPACES))
    name = draw(st.sampled_from(NAMES))
    prefix = {"": "", "{http://openrosa.org/xforms}": "orx:", "{urn:otro}": "o:"}[namespace]
    if depth < 4 and draw(st.booleans()):
        children = "".join(draw(st.lists(elements(depth + 1), max_size=4)))
    else:
        children = xml_escape(draw(TEXTS))
    return f"<{prefix}{name}>{children}</{prefix}{name}>"


@st.composite
def submissions(draw) -> bytes:
    body = "".join(draw(st.lists(elements(), max_size=6)))
    if draw(st.booleans()):  # usually a proper meta block, sometimes twice or with an edit
        ids = draw(st.lists(st.sampled_from([f"uuid:{uuid.uuid4()}", "uuid:x/y", ""]), max_size=2))
        body += "<orx:meta>" + "".join(f"<orx:instanceID>{i}</orx:instanceID>" for i in ids)
        body += "</orx:meta>"
    form_id = draw(st.sampled_from(["grupo_focal", "", "otro"]))
    text = (
        '<data xmlns:orx="http://openrosa.org/xforms" xmlns:o="urn:otro" '
        f'id="{form_id}" version="{draw(st.sampled_from(["1", "2", ""]))}">{body}</data>'
    ).encode()
    if draw(st.integers(0, 9)) == 0:  # now and then a broken byte or a DTD
        where = draw(st.integers(0, len(text)))
        text = (
            text[:where]
            + draw(st.sampled_from([b"<", b"\xff", b"<!DOCTYPE d>", b"&x;"]))
            + text[where:]
        )
    return text


def streaming_only(xml: bytes, monkeypatch: pytest.MonkeyPatch):
    with monkeypatch.context() as patch:
        patch.setattr(submission_xml, "_tree", lambda _xml: None)
        return _read(xml)


def _read(xml: bytes):
    try:
        document = read_submission(xml)
    except Refused as error:
        assert error.status == 400, error.reason
        return ("refused",)
    return (document.meta, document.named_files(PATHS), expected_attachments(xml, PATHS))


@PROPERTIES
@given(xml=st.one_of(submissions(), st.binary(max_size=300)))
def test_the_reader_refuses_with_400_only_and_both_roads_agree(
    xml: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _read(xml)
    slow = streaming_only(xml, monkeypatch)
    if fast[0] == "refused" or slow[0] == "refused":
        assert fast[0] == slow[0] == "refused", (fast, slow)
    else:
        assert fast == slow


def stored_state(pilot: Pilot) -> tuple:
    s, a = schema.submissions, schema.submission_attachments
    with pilot.db.read() as conn:
        rows = conn.execute(select(s.c.id, s.c.xml, s.c.project_id, s.c.instance_id)).all()
        files = conn.execute(select(a.c.submission_pk, a.c.name, a.c.sha256)).all()
        per_key = conn.execute(
            select(func.count()).select_from(s).group_by(s.c.project_id, s.c.instance_id)
        ).scalars()
        assert all(count == 1 for count in per_key)
    xml_of = {row.id: row.xml for row in rows}
    for pk, name, _sha in files:
        assert name in expected_attachments(xml_of[pk].encode(), PATHS), name
    return sorted((row.id, row.instance_id) for row in rows), sorted(files)


@st.composite
def multipart_bodies(draw) -> tuple[bytes, str]:
    boundary = "bnd"
    parts = []
    xml_parts = draw(st.sampled_from([1, 1, 1, 0, 2]))
    for _ in range(xml_parts):
        parts.append(("xml_submission_file", "submission.xml", draw(submissions())))
    for _ in range(draw(st.integers(0, 3))):
        parts.append(("f", draw(st.sampled_from(FILES)), draw(st.binary(max_size=40))))
    body = b""
    for name, filename, data in parts:
        body += (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'
            ).encode()
            + data
            + b"\r\n"
        )
    body += f"--{boundary}--\r\n".encode()
    if draw(st.integers(0, 9)) == 0:
        cut = draw(st.integers(0, len(body)))
        body = body[:cut]
    return body, f"multipart/form-data; boundary={boundary}"


@PROPERTIES
@given(request=multipart_bodies())
def test_the_route_answers_201_or_a_4xx_and_never_stores_half_way(
    pilot: Pilot, request: tuple[bytes, str]
) -> None:
    body, content_type = request
    before = stored_state(pilot)
    response = pilot.client.post(
        "/submission",
        headers={**pilot.auth(), "Content-Type": content_type},
        content=body,
    )
    assert response.status_code in (201, 400, 404, 409, 413), response.text
    after = stored_state(pilot)
    if response.status_code != 201:
        assert after == before  # nothing stored half-way
