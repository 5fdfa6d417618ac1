"""Every shape of the submission URL reaches the same ingest, on SQLite and PostgreSQL: the plain
routes served ahead of FastAPI's (``/submission``, ``/projects/<digits>/submission``, keyed URLs)
and the ones they leave to FastAPI (a project id that is not digits, HEAD, GET)."""

from __future__ import annotations

from tests.server.conftest import Pilot, instance_of, submission_xml


def parts(xml: bytes) -> list:
    return [("xml_submission_file", ("submission.xml", xml, "text/xml"))]


def test_project_and_keyed_submission_urls_store_and_acknowledge(pilot: Pilot) -> None:
    xml = submission_xml()
    first = pilot.client.post(
        f"/projects/{pilot.project_id}/submission", headers=pilot.auth(), files=parts(xml)
    )
    assert first.status_code == 201, first.text
    assert first.headers["X-Encuentro-Submission"] == "created"
    assert first.headers["X-OpenRosa-Version"] == "1.0"
    assert "full submission upload was successful!" in first.text
    keyed = pilot.client.post(
        f"/v1/key/{pilot.device_token}/projects/{pilot.project_id}/submission", files=parts(xml)
    )
    assert keyed.status_code == 201, keyed.text
    assert keyed.headers["X-Encuentro-Submission"] == "duplicate"
    stored = pilot.client.get(
        f"/api/v1/submissions/{instance_of(xml)}", headers=pilot.auth(pilot.supervisor_token)
    )
    assert stored.status_code == 200


def test_refusals_keep_their_answers_on_the_fast_routes(pilot: Pilot) -> None:
    no_token = pilot.client.post("/submission", files=parts(submission_xml()))
    assert no_token.status_code == 401
    assert no_token.headers["WWW-Authenticate"] == "Bearer"
    assert "<OpenRosaResponse" in no_token.text
    other = pilot.client.post(
        "/projects/999999/submission", headers=pilot.auth(), files=parts(submission_xml())
    )
    assert other.status_code == 404
    not_xml = pilot.client.post(
        "/submission", headers=pilot.auth(), files=parts(b"<data id='x'><unclosed></data>")
    )
    assert not_xml.status_code == 400


def test_urls_the_fast_routes_do_not_match_get_the_answers_they_had(pilot: Pilot) -> None:
    letters = pilot.client.post(
        "/projects/abc/submission", headers=pilot.auth(), files=parts(submission_xml())
    )
    assert letters.status_code == 400
    assert "invalid request parameters" in letters.text
    preflight = pilot.client.head("/submission", headers=pilot.auth())
    assert preflight.status_code == 204
    assert "X-OpenRosa-Accept-Content-Length" in preflight.headers
    assert pilot.client.get("/submission", headers=pilot.auth()).status_code == 405
