"""A hostile or curious caller of the JSON API and OpenRosa routes, on SQLite and PostgreSQL:
another device's or project's data, edits and reviews it must not touch, values that the
databases refuse, brute force of logins and enrollment codes, and stored timestamps."""

from __future__ import annotations

import logging
from datetime import datetime

import pytest
from argon2 import PasswordHasher
from sqlalchemy import String, select

from sync.server import accounts, schema, security
from tests.server.conftest import FAST_HASHER, Pilot, instance_of, publish_xml, submission_xml

HUGE = "99999999999999999999"


def submission_status(pilot: Pilot, instance_id: str, token: str) -> int:
    return pilot.client.get(
        f"/api/v1/submissions/{instance_id}", headers=pilot.auth(token)
    ).status_code


def test_the_authorization_matrix_hides_other_devices_and_projects(pilot: Pilot) -> None:
    publish_xml(pilot.db, "Otro", pilot.tmp)
    mine = submission_xml(photo="f.jpg")
    assert pilot.submit(mine, {"f.jpg": b"foto"}).status_code == 201
    neighbour = pilot.enroll(name="Laptop vecina")  # same project, another device
    outsider = pilot.enroll(project="Otro", name="Laptop de Otro")
    theirs = submission_xml()
    assert pilot.submit(theirs, token=outsider["token"]).status_code == 201
    supervisor_otro = accounts.create_user(
        pilot.db, "beto", "beto-password", "supervisor", ["Otro"]
    )
    assert supervisor_otro
    beto = pilot.login("beto", "beto-password")
    review = pilot.client.post(
        f"/api/v1/submissions/{instance_of(mine)}/review",
        headers=pilot.auth(pilot.supervisor_token),
        json={"state": "has_issues", "comment": "falta la firma"},
    )
    assert review.status_code == 200
    mine_id = instance_of(mine)
    for token in (neighbour["token"], outsider["token"], beto):
        assert submission_status(pilot, mine_id, token) == 404
        attachment = pilot.client.get(
            f"/api/v1/submissions/{mine_id}/attachments/f.jpg", headers=pilot.auth(token)
        )
        assert attachment.status_code == 404 and b"foto" not in attachment.content
        listing = pilot.client.get(
            "/api/v1/submissions",
            headers=pilot.auth(token),
            params={"project_id": pilot.project_id, "include_old_versions": True},
        ).json()
        assert mine_id not in str(listing)
    for token in (neighbour["token"], outsider["token"]):
        feedback = pilot.client.get("/api/v1/feedback", headers=pilot.auth(token)).json()
        assert feedback["items"] == [] and "falta la firma" not in str(feedback)
    # the supervisor of project 1 neither reads nor reviews project 2's submission
    assert submission_status(pilot, instance_of(theirs), pilot.supervisor_token) == 404
    refused = pilot.client.post(
        f"/api/v1/submissions/{instance_of(theirs)}/review",
        headers=pilot.auth(pilot.supervisor_token),
        json={"state": "rejected"},
    )
    assert refused.status_code == 404
    # a device of project 2 cannot post project 1's form, nor reach project 1's routes
    other_project = 2
    assert pilot.submit(submission_xml(), token=outsider["token"]).status_code == 201  # its own
    for method, path in [
        ("GET", f"/projects/{pilot.project_id}/formList"),
        ("GET", f"/projects/{pilot.project_id}/forms/grupo_focal.xml"),
        ("GET", f"/projects/{pilot.project_id}/forms/grupo_focal/manifest"),
        ("HEAD", f"/projects/{pilot.project_id}/submission"),
        ("POST", f"/projects/{pilot.project_id}/submission"),
    ]:
        response = pilot.client.request(method, path, headers=pilot.auth(outsider["token"]))
        assert response.status_code == 404, (method, path)
    head = pilot.client.head(f"/projects/{other_project}/submission", headers=pilot.auth())
    assert head.status_code == 404


def test_a_device_cannot_take_over_another_devices_submission_with_deprecated_id(
    pilot: Pilot,
) -> None:
    original = submission_xml(community="Texto de la laptop A")
    assert pilot.submit(original).status_code == 201
    intruder = pilot.enroll(name="Laptop B")
    takeover = submission_xml(community="reemplazo", deprecated_id=instance_of(original))
    response = pilot.submit(takeover, token=intruder["token"])
    assert response.status_code == 404  # the same answer as for an unknown instanceID
    record = pilot.client.get(
        f"/api/v1/submissions/{instance_of(original)}", headers=pilot.auth(pilot.supervisor_token)
    ).json()
    assert record["is_current"] is True and record["review_state"] == "received"
    assert record["versions"] == [instance_of(original)]
    assert submission_status(pilot, instance_of(takeover), pilot.supervisor_token) == 404
    # the device that sent it may still edit it
    edit = submission_xml(community="corregido", deprecated_id=instance_of(original))
    assert pilot.submit(edit).status_code == 201


def test_reviewing_a_version_that_was_replaced_is_409_naming_the_current_one(pilot: Pilot) -> None:
    original = submission_xml()
    pilot.submit(original)
    edit = submission_xml(community="editado", deprecated_id=instance_of(original))
    assert pilot.submit(edit).status_code == 201
    stale = pilot.client.post(
        f"/api/v1/submissions/{instance_of(original)}/review",
        headers=pilot.auth(pilot.supervisor_token),
        json={"state": "approved"},
    )
    assert stale.status_code == 409 and instance_of(edit) in stale.json()["detail"]
    assert pilot.client.get("/api/v1/feedback", headers=pilot.auth()).json()["items"] == []
    current = pilot.client.post(
        f"/api/v1/submissions/{instance_of(edit)}/review",
        headers=pilot.auth(pilot.supervisor_token),
        json={"state": "approved"},
    )
    assert current.status_code == 200
    # any state may follow any settable state on the current version (a supervisor changes mind)
    for state in ("has_issues", "rejected", "approved"):
        again = pilot.client.post(
            f"/api/v1/submissions/{instance_of(edit)}/review",
            headers=pilot.auth(pilot.supervisor_token),
            json={"state": state},
        )
        assert again.status_code == 200
    for bad in ("received", "edited", "APPROVED", "approved' OR '1'='1", ""):
        response = pilot.client.post(
            f"/api/v1/submissions/{instance_of(edit)}/review",
            headers=pilot.auth(pilot.supervisor_token),
            json={"state": bad},
        )
        assert response.status_code == 400, bad


def test_nul_bytes_in_urls_are_400_not_a_database_error(pilot: Pilot) -> None:
    xml = submission_xml()
    pilot.submit(xml)
    admin = pilot.auth(pilot.admin_token)
    for path in [
        "/api/v1/submissions?form_id=%00",
        "/api/v1/submissions/uuid%00x",
        f"/api/v1/submissions/{instance_of(xml)}/attachments/a%00.jpg",
        "/projects/1/forms/%00.xml",
        "/projects/1/forms/grupo_focal.xml?version=1%00",
        "/projects/1/forms/grupo_focal/attachments/%00",
    ]:
        response = pilot.client.get(path, headers=admin)
        assert response.status_code == 400, path
        assert "NUL" in response.text
    login = pilot.client.post("/api/v1/login", json={"username": "ana\u0000", "password": "x" * 9})
    assert login.status_code == 401
    review = pilot.client.post(
        f"/api/v1/submissions/{instance_of(xml)}/review",
        headers=admin,
        json={"state": "has_issues", "comment": "falta\u0000algo"},
    )
    assert review.status_code == 400 and "NUL" in review.json()["detail"]


def test_numbers_past_the_databases_integers_are_client_errors(pilot: Pilot) -> None:
    admin = pilot.auth(pilot.admin_token)
    for name in ("project_id", "device_id", "offset", "limit"):
        response = pilot.client.get("/api/v1/submissions", headers=admin, params={name: HUGE})
        assert response.status_code == 422 and name in response.json()["detail"], name
    feedback = pilot.client.get("/api/v1/feedback", headers=pilot.auth(), params={"cursor": HUGE})
    assert feedback.status_code == 422
    for path in (f"/projects/{HUGE}/formList", f"/projects/{HUGE}/forms/grupo_focal.xml"):
        assert pilot.client.get(path, headers=admin).status_code == 404, path
    assert (
        pilot.client.head(f"/projects/{HUGE}/submission", headers=pilot.auth()).status_code == 404
    )


def test_dates_at_the_edge_of_the_calendar_are_400(pilot: Pilot) -> None:
    admin = pilot.auth(pilot.admin_token)
    for params in (
        {"to": "9999-12-31"},
        {"from": "9999-12-31T23:59:59-23:00"},
        {"from": "0001-01-01T00:00:00+05:00"},
        {"from": "2026-13-01"},
        {"to": "ayer"},
    ):
        response = pilot.client.get("/api/v1/submissions", headers=admin, params=params)
        assert response.status_code == 400, params
        assert "ISO date" in response.json()["detail"]


def test_paging_limits_and_injection_looking_filters(pilot: Pilot) -> None:
    for _ in range(3):
        pilot.submit(submission_xml())
    admin = pilot.auth(pilot.admin_token)

    def page(**params: object):
        return pilot.client.get("/api/v1/submissions", headers=admin, params=params)

    assert page(limit=500).json()["total"] == 3
    assert [page(limit=2, offset=o).json()["items"].__len__() for o in (0, 2, 4)] == [2, 1, 0]
    for params in ({"limit": 0}, {"limit": 501}, {"limit": -1}, {"offset": -1}):
        assert page(**params).status_code in (400, 422), params
    for value in ("' OR 1=1 --", "grupo_focal'; DROP TABLE submissions; --", "%", "_", "*"):
        response = page(form_id=value)
        assert response.status_code == 200 and response.json()["total"] == 0, value
    assert page(status="approved' OR '1'='1").status_code == 400
    assert page(device_id="1 OR 1=1").status_code == 422
    assert page().json()["total"] == 3  # nothing was dropped


class CountingHasher(PasswordHasher):
    """The real argon2 hasher, counting how often a password is checked (a system edge)."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.verified = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:  # noqa: A002
        self.verified += 1
        return super().verify(hash, password)


def test_an_unknown_username_costs_the_same_argon2_work_as_a_wrong_password(
    pilot: Pilot, monkeypatch: pytest.MonkeyPatch
) -> None:
    hasher = CountingHasher()
    monkeypatch.setattr(security, "_hasher", hasher)
    for username in ("ana", "nadie-se-llama-asi"):
        before = hasher.verified
        response = pilot.client.post(
            "/api/v1/login", json={"username": username, "password": "no-es-esta"}
        )
        assert response.status_code == 401
        assert response.json()["detail"] == "wrong username or password"
        assert hasher.verified == before + 1, username
    assert FAST_HASHER is not hasher


def test_revoked_expired_and_logged_out_tokens_are_refused_everywhere(pilot: Pilot) -> None:
    xml = submission_xml()
    pilot.submit(xml)
    accounts.revoke_device(pilot.db, pilot.device_id)
    for method, path in [
        ("GET", "/formList"),
        ("HEAD", "/submission"),
        ("GET", f"/api/v1/submissions/{instance_of(xml)}"),
        ("GET", "/api/v1/feedback"),
    ]:
        assert pilot.client.request(method, path, headers=pilot.auth()).status_code == 401, path
    assert pilot.submit(submission_xml()).status_code == 401
    keyed = f"/v1/key/{pilot.device_token}/projects/{pilot.project_id}/formList"
    assert pilot.client.get(keyed).status_code == 401
    with pilot.db.write() as conn:
        conn.execute(
            schema.tokens.update()
            .where(schema.tokens.c.token_hash == security.token_digest(pilot.supervisor_token))
            .values(expires_at="2000-01-01T00:00:00.000000+00:00")
        )
    expired = pilot.client.get("/api/v1/submissions", headers=pilot.auth(pilot.supervisor_token))
    assert expired.status_code == 401
    assert (
        pilot.client.post("/api/v1/logout", headers=pilot.auth(pilot.admin_token)).status_code
        == 204
    )
    assert pilot.client.get("/api/v1/me", headers=pilot.auth(pilot.admin_token)).status_code == 401


def test_every_stored_time_carries_its_utc_offset(pilot: Pilot) -> None:
    xml = submission_xml(photo="f.jpg")
    pilot.submit(xml, {"f.jpg": b"x"})
    pilot.submit(submission_xml(community="editado", deprecated_id=instance_of(xml)))
    accounts.revoke_device(pilot.db, pilot.enroll(name="Para revocar")["device_id"])
    with pilot.db.read() as conn:
        for table in schema.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name == "at" or c.name.endswith("_at")]
            assert all(isinstance(c.type, String) for c in columns)
            for column in columns:
                for value in conn.execute(select(column)).scalars():
                    if value is None:
                        continue
                    moment = datetime.fromisoformat(value)
                    assert moment.utcoffset() is not None, (table.name, column.name, value)
                    assert value.endswith("+00:00"), (table.name, column.name, value)


def test_a_disabled_account_answers_like_a_wrong_password(
    pilot: Pilot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="encuentro.server")
    with pilot.db.write() as conn:
        conn.execute(
            schema.users.update()
            .where(schema.users.c.username == "ana")
            .values(disabled_at="2026-01-01T00:00:00.000000+00:00")
        )
    right = pilot.client.post("/api/v1/login", json={"username": "ana", "password": "ana-password"})
    wrong = pilot.client.post("/api/v1/login", json={"username": "ana", "password": "not-hers!"})
    assert right.status_code == wrong.status_code == 401
    assert right.json() == wrong.json()  # the answer does not confirm the password
    assert "is disabled" in caplog.text  # the administrator can still find out why
    assert "ana-password" not in caplog.text


def test_unknown_used_and_expired_enrollment_codes_get_one_answer(
    pilot: Pilot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="encuentro.server")
    used = accounts.create_enrollment_code(pilot.db, "Piloto", "Usada")
    assert pilot.client.post("/api/v1/enroll", json={"code": used}).status_code == 200
    expired = accounts.create_enrollment_code(pilot.db, "Piloto", "Vencida", valid_hours=-1)
    answers = [
        pilot.client.post("/api/v1/enroll", json={"code": code})
        for code in ("AAAA-BBBB-CCCC", used, expired)
    ]
    assert {a.status_code for a in answers} == {403}
    assert len({a.text for a in answers}) == 1
    assert "used" in caplog.text and "expired" in caplog.text


@pytest.mark.parametrize(
    "key", ["short", "a" * 201, "!" * 64, "abc$def" * 8, "%21" * 20, "", "a" * 64 + "%2F"]
)
def test_a_malformed_key_in_a_keyed_url_is_401_like_odk_central(pilot: Pilot, key: str) -> None:
    for path in (f"/v1/key/{key}/projects/1/formList", f"/v1/key/{key}", f"/v1/key/{key}/x"):
        response = pilot.client.get(path)
        assert response.status_code == 401, path
        assert response.headers["www-authenticate"] == "Bearer"
        assert b"<OpenRosaResponse" in response.content
