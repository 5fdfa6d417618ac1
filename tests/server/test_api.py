"""JSON API on SQLite and PostgreSQL: enrollment, login, listing, review, feedback, access."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from sync.server import accounts, schema
from sync.server.migrations import LATEST_VERSION
from sync.server.security import token_digest
from tests.server.conftest import Pilot, instance_of, submission_xml


def test_health_needs_no_token_and_names_the_database(pilot: Pilot, db_url: str) -> None:
    body = pilot.client.get("/api/v1/health").json()
    assert body["status"] == "ok" and body["schema_version"] == LATEST_VERSION
    assert body["database"] == ("sqlite" if db_url.startswith("sqlite") else "postgresql")


def test_every_endpoint_but_health_and_enrollment_needs_a_token(pilot: Pilot) -> None:
    for method, path in [
        ("GET", "/api/v1/me"),
        ("GET", "/api/v1/forms"),
        ("GET", "/api/v1/devices"),
        ("GET", "/api/v1/submissions"),
        ("GET", "/api/v1/submissions/uuid:x"),
        ("GET", "/api/v1/submissions/uuid:x/attachments/a.jpg"),
        ("POST", "/api/v1/submissions/uuid:x/review"),
        ("GET", "/api/v1/feedback"),
        ("POST", "/api/v1/logout"),
    ]:
        response = pilot.client.request(method, path)
        assert response.status_code == 401, (method, path)
        assert "detail" in response.json()


def test_enrollment_code_is_one_time_and_gives_a_device_token(pilot: Pilot) -> None:
    code = accounts.create_enrollment_code(pilot.db, "Piloto", "Laptop Chalatenango")
    typed = code.lower().replace("-", " ")  # people type codes in many ways
    first = pilot.client.post("/api/v1/enroll", json={"code": typed})
    assert first.status_code == 200
    assert first.json()["device_name"] == "Laptop Chalatenango"
    me = pilot.client.get("/api/v1/me", headers=pilot.auth(first.json()["token"])).json()
    assert me["kind"] == "device" and me["project_ids"] == [pilot.project_id]
    again = pilot.client.post("/api/v1/enroll", json={"code": code})
    assert again.status_code == 403 and "already used" in again.json()["detail"]
    assert pilot.client.post("/api/v1/enroll", json={"code": "NOPE"}).status_code == 403


def test_expired_enrollment_code_is_refused(pilot: Pilot) -> None:
    code = accounts.create_enrollment_code(pilot.db, "Piloto", "Laptop", valid_hours=-1)
    response = pilot.client.post("/api/v1/enroll", json={"code": code})
    assert response.status_code == 403 and "expired" in response.json()["detail"]


def test_tokens_and_codes_are_stored_only_as_hashes(pilot: Pilot) -> None:
    with pilot.db.read() as conn:
        hashes = set(conn.execute(select(schema.tokens.c.token_hash)).scalars())
        password_hash = conn.execute(
            select(schema.users.c.password_hash).where(schema.users.c.username == "ana")
        ).scalar_one()
    assert token_digest(pilot.device_token) in hashes
    assert pilot.device_token not in hashes and pilot.supervisor_token not in hashes
    assert password_hash.startswith("$argon2id$") and "ana-password" not in password_hash


def test_login_with_a_wrong_password_is_401(pilot: Pilot) -> None:
    response = pilot.client.post("/api/v1/login", json={"username": "ana", "password": "nope"})
    assert response.status_code == 401
    unknown = pilot.client.post("/api/v1/login", json={"username": "zz", "password": "nope"})
    assert unknown.json()["detail"] == response.json()["detail"]  # no hint which usernames exist


def test_logout_and_device_revocation_end_the_token(pilot: Pilot) -> None:
    token = pilot.login("ana", "ana-password")
    assert pilot.client.post("/api/v1/logout", headers=pilot.auth(token)).status_code == 204
    assert pilot.client.get("/api/v1/me", headers=pilot.auth(token)).status_code == 401
    accounts.revoke_device(pilot.db, pilot.device_id)
    assert pilot.client.head("/submission", headers=pilot.auth()).status_code == 401
    assert pilot.submit(submission_xml()).status_code == 401
    devices = pilot.client.get("/api/v1/devices", headers=pilot.auth(pilot.admin_token)).json()
    assert devices[0]["revoked_at"] is not None


def test_listing_filters_and_pages(pilot: Pilot) -> None:
    second = pilot.enroll(name="Laptop 2")
    sent = [submission_xml(community=f"c{i}") for i in range(5)]
    for i, xml in enumerate(sent):
        token = second["token"] if i == 4 else None
        assert pilot.submit(xml, token=token).status_code == 201
    headers = pilot.auth(pilot.supervisor_token)

    def listed(**params) -> dict:
        response = pilot.client.get("/api/v1/submissions", headers=headers, params=params)
        assert response.status_code == 200, response.text
        return response.json()

    everything = listed()
    assert everything["total"] == 5
    assert everything["items"][0]["form_title"] == "Grupo focal"
    assert [i["instance_id"] for i in everything["items"]] == [instance_of(x) for x in sent[::-1]]
    page = listed(limit=2, offset=2)
    assert [i["instance_id"] for i in page["items"]] == [instance_of(x) for x in sent[2:0:-1]]
    assert listed(device_id=second["device_id"])["total"] == 1
    assert listed(form_id="grupo_focal")["total"] == 5 and listed(form_id="x")["total"] == 0
    pilot.client.post(
        f"/api/v1/submissions/{instance_of(sent[0])}/review",
        headers=headers,
        json={"state": "approved"},
    )
    assert [i["instance_id"] for i in listed(status="approved")["items"]] == [instance_of(sent[0])]
    assert listed(status="received")["total"] == 4
    today = datetime.now(UTC).date()
    assert listed(**{"from": today.isoformat(), "to": today.isoformat()})["total"] == 5
    assert listed(**{"to": (today - timedelta(days=1)).isoformat()})["total"] == 0
    assert listed(**{"from": (datetime.now(UTC) + timedelta(hours=1)).isoformat()})["total"] == 0
    bad = pilot.client.get("/api/v1/submissions", headers=headers, params={"from": "ayer"})
    assert bad.status_code == 400
    assert (
        pilot.client.get("/api/v1/submissions", headers=headers, params={"status": "x"}).status_code
        == 400
    )


def test_a_device_sees_only_its_own_submissions(pilot: Pilot) -> None:
    mine = submission_xml(photo="f.jpg")
    pilot.submit(mine, {"f.jpg": b"imagen"})
    other = pilot.enroll(name="Laptop 2")
    theirs = submission_xml()
    pilot.submit(theirs, token=other["token"])
    listing = pilot.client.get("/api/v1/submissions", headers=pilot.auth()).json()
    assert [i["instance_id"] for i in listing["items"]] == [instance_of(mine)]
    assert (
        pilot.client.get(
            f"/api/v1/submissions/{instance_of(theirs)}", headers=pilot.auth()
        ).status_code
        == 404
    )
    own = pilot.client.get(
        f"/api/v1/submissions/{instance_of(mine)}/attachments/f.jpg", headers=pilot.auth()
    )
    assert own.content == b"imagen"
    assert own.headers["content-disposition"] == "attachment; filename*=UTF-8''f.jpg"
    assert own.headers["x-content-type-options"] == "nosniff"
    blocked = pilot.client.get(
        f"/api/v1/submissions/{instance_of(mine)}/attachments/f.jpg",
        headers=pilot.auth(other["token"]),
    )
    assert blocked.status_code == 404


def test_supervisors_see_only_their_projects_and_admins_see_all(pilot: Pilot) -> None:
    other = pilot.enroll(project="Otro", name="Laptop otro")
    from tests.server.conftest import publish_xml

    publish_xml(pilot.db, "Otro", pilot.tmp)
    theirs = submission_xml()
    assert pilot.submit(theirs, token=other["token"]).status_code == 201
    pilot.submit(submission_xml())
    ana = pilot.client.get("/api/v1/submissions", headers=pilot.auth(pilot.supervisor_token)).json()
    assert ana["total"] == 1 and instance_of(theirs) not in str(ana)
    hidden = pilot.client.post(
        f"/api/v1/submissions/{instance_of(theirs)}/review",
        headers=pilot.auth(pilot.supervisor_token),
        json={"state": "approved"},
    )
    assert hidden.status_code == 404
    admin = pilot.client.get("/api/v1/submissions", headers=pilot.auth(pilot.admin_token)).json()
    assert admin["total"] == 2
    devices = pilot.client.get("/api/v1/devices", headers=pilot.auth(pilot.supervisor_token)).json()
    assert {d["name"] for d in devices} == {"Laptop"}


def test_review_and_feedback_reach_the_device_in_order_with_a_cursor(pilot: Pilot) -> None:
    first, second = submission_xml(), submission_xml()
    pilot.submit(first)
    pilot.submit(second)
    supervisor = pilot.auth(pilot.supervisor_token)

    def review(xml: bytes, state: str, comment: str | None = None):
        return pilot.client.post(
            f"/api/v1/submissions/{instance_of(xml)}/review",
            headers=supervisor,
            json={"state": state, "comment": comment},
        )

    assert review(first, "has_issues", "Falta la edad de la participante 3").status_code == 200
    feedback = pilot.client.get("/api/v1/feedback", headers=pilot.auth()).json()
    (item,) = feedback["items"]
    assert item["instance_id"] == instance_of(first) and item["review_state"] == "has_issues"
    assert item["comment"] == "Falta la edad de la participante 3" and item["reviewer"] == "ana"
    cursor = feedback["cursor"]
    assert (
        pilot.client.get(f"/api/v1/feedback?cursor={cursor}", headers=pilot.auth()).json()["items"]
        == []
    )
    review(second, "approved")
    later = pilot.client.get(f"/api/v1/feedback?cursor={cursor}", headers=pilot.auth()).json()
    assert [i["instance_id"] for i in later["items"]] == [instance_of(second)]
    assert later["cursor"] > cursor
    # another device gets none of this feedback; supervisors and devices cannot swap roles
    other = pilot.enroll(name="Laptop 2")
    assert (
        pilot.client.get("/api/v1/feedback", headers=pilot.auth(other["token"])).json()["items"]
        == []
    )
    assert pilot.client.get("/api/v1/feedback", headers=supervisor).status_code == 403
    device_review = pilot.client.post(
        f"/api/v1/submissions/{instance_of(first)}/review",
        headers=pilot.auth(),
        json={"state": "approved"},
    )
    assert device_review.status_code == 403
    assert review(first, "deleted").status_code == 400


def test_edit_after_has_issues_is_visible_to_the_supervisor_as_edited(pilot: Pilot) -> None:
    original = submission_xml()
    pilot.submit(original)
    pilot.client.post(
        f"/api/v1/submissions/{instance_of(original)}/review",
        headers=pilot.auth(pilot.supervisor_token),
        json={"state": "has_issues", "comment": "corregir"},
    )
    edit = submission_xml(community="corregido", deprecated_id=instance_of(original))
    assert pilot.submit(edit).status_code == 201
    edited = pilot.client.get(
        "/api/v1/submissions",
        headers=pilot.auth(pilot.supervisor_token),
        params={"status": "edited"},
    ).json()
    assert [i["instance_id"] for i in edited["items"]] == [instance_of(edit)]
    history = pilot.client.get(
        "/api/v1/submissions",
        headers=pilot.auth(pilot.supervisor_token),
        params={"include_old_versions": "true"},
    ).json()
    assert history["total"] == 2


def test_forms_json_lists_the_callers_forms(pilot: Pilot) -> None:
    forms = pilot.client.get("/api/v1/forms", headers=pilot.auth()).json()
    assert [(f["form_id"], f["version"]) for f in forms] == [("grupo_focal", "1")]


def test_an_expired_user_token_is_refused(pilot: Pilot) -> None:
    token = pilot.login("ana", "ana-password")
    with pilot.db.write() as conn:
        conn.execute(
            schema.tokens.update()
            .where(schema.tokens.c.token_hash == token_digest(token))
            .values(expires_at="2000-01-01T00:00:00.000000+00:00")
        )
    assert pilot.client.get("/api/v1/me", headers=pilot.auth(token)).status_code == 401


def test_hostile_or_broken_json_bodies_get_4xx_and_the_server_stays_up(pilot: Pilot) -> None:
    json_type = {"content-type": "application/json"}
    for body in (b"[" * 200_000, b"\xff\xfe", b'{"username": 5}', b"{" + b" " * 2_000_000):
        response = pilot.client.post("/api/v1/login", content=body, headers=json_type)
        assert 400 <= response.status_code < 500, body[:20]
    assert pilot.client.get("/api/v1/health").status_code == 200
