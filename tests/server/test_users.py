"""Managing supervisors and admins, on SQLite and PostgreSQL, through the JSON API and the admin
commands: a disabled user's tokens stop at once, a new password or a revocation ends every
session, a supervisor taken out of a project stops seeing it, and only admins may do any of it."""

from __future__ import annotations

import io

import pytest

from sync.server import users
from sync.server.__main__ import main
from tests.server.conftest import Pilot, instance_of, submission_xml


def user_id(pilot: Pilot, username: str) -> int:
    return users.user_id(pilot.db, username)


def me(pilot: Pilot, token: str) -> int:
    return pilot.client.get("/api/v1/me", headers=pilot.auth(token)).status_code


def test_a_disabled_users_tokens_stop_at_once_and_enabling_does_not_revive_them(
    pilot: Pilot,
) -> None:
    admin = pilot.auth(pilot.admin_token)
    second = pilot.login("ana", "ana-password")
    ana = user_id(pilot, "ana")
    assert me(pilot, pilot.supervisor_token) == 200
    disabled = pilot.client.post(f"/api/v1/users/{ana}/disable", headers=admin)
    assert disabled.status_code == 200
    assert disabled.json()["disabled_at"] and disabled.json()["revoked_tokens"] == 2
    assert me(pilot, pilot.supervisor_token) == 401 and me(pilot, second) == 401
    refused = pilot.client.post(
        "/api/v1/login", json={"username": "ana", "password": "ana-password"}
    )
    assert refused.status_code == 401
    assert pilot.client.post(f"/api/v1/users/{ana}/enable", headers=admin).status_code == 200
    assert me(pilot, pilot.supervisor_token) == 401  # old tokens stay revoked
    assert me(pilot, pilot.login("ana", "ana-password")) == 200


def test_a_new_password_and_a_revocation_end_every_session(pilot: Pilot) -> None:
    admin = pilot.auth(pilot.admin_token)
    ana = user_id(pilot, "ana")
    changed = pilot.client.put(
        f"/api/v1/users/{ana}/password", headers=admin, json={"password": "nueva-clave-2026"}
    )
    assert changed.status_code == 204
    assert me(pilot, pilot.supervisor_token) == 401
    bad = pilot.client.post("/api/v1/login", json={"username": "ana", "password": "ana-password"})
    assert bad.status_code == 401
    token = pilot.login("ana", "nueva-clave-2026")
    short = pilot.client.put(f"/api/v1/users/{ana}/password", headers=admin, json={"password": "x"})
    assert short.status_code == 422
    revoked = pilot.client.post(f"/api/v1/users/{ana}/revoke-tokens", headers=admin)
    assert revoked.status_code == 200 and revoked.json() == {"revoked": 1}
    assert me(pilot, token) == 401


def test_a_supervisor_taken_out_of_a_project_stops_seeing_it(pilot: Pilot) -> None:
    xml = submission_xml()
    assert pilot.submit(xml).status_code == 201
    admin = pilot.auth(pilot.admin_token)
    ana = user_id(pilot, "ana")
    path = f"/api/v1/submissions/{instance_of(xml)}"
    sees = pilot.client.get(path, headers=pilot.auth(pilot.supervisor_token))
    assert sees.status_code == 200
    removed = pilot.client.delete(f"/api/v1/users/{ana}/projects/{pilot.project_id}", headers=admin)
    assert removed.status_code == 204
    assert pilot.client.get(path, headers=pilot.auth(pilot.supervisor_token)).status_code == 404
    again = pilot.client.delete(f"/api/v1/users/{ana}/projects/{pilot.project_id}", headers=admin)
    assert again.status_code == 409
    listed = {u["username"]: u for u in pilot.client.get("/api/v1/users", headers=admin).json()}
    assert listed["ana"]["project_ids"] == [] and listed["admin"]["project_ids"] is None
    assert "password_hash" not in listed["ana"]
    added = pilot.client.put(f"/api/v1/users/{ana}/projects/{pilot.project_id}", headers=admin)
    assert added.status_code == 204
    assert pilot.client.get(path, headers=pilot.auth(pilot.supervisor_token)).status_code == 200


def test_only_admins_manage_users_and_the_last_admin_stays(pilot: Pilot) -> None:
    ana, admin_id = user_id(pilot, "ana"), user_id(pilot, "admin")
    for token in (pilot.supervisor_token, pilot.device_token):
        for method, path in (
            ("GET", "/api/v1/users"),
            ("POST", f"/api/v1/users/{admin_id}/disable"),
            ("POST", f"/api/v1/users/{ana}/revoke-tokens"),
            ("DELETE", f"/api/v1/users/{ana}/projects/{pilot.project_id}"),
        ):
            response = pilot.client.request(method, path, headers=pilot.auth(token))
            assert response.status_code == 403, (method, path)
    assert pilot.client.get("/api/v1/users").status_code == 401
    admin = pilot.auth(pilot.admin_token)
    last = pilot.client.post(f"/api/v1/users/{admin_id}/disable", headers=admin)
    assert last.status_code == 409 and "last enabled administrator" in last.json()["detail"]
    assert pilot.client.post("/api/v1/users/999/disable", headers=admin).status_code == 404
    assert (
        pilot.client.delete(f"/api/v1/users/{ana}/projects/999", headers=admin).status_code == 404
    )
    assert me(pilot, pilot.admin_token) == 200


def run_admin(pilot: Pilot, *args: str) -> int:
    return main(["admin", *args, "--database-url", pilot.db.url])


def test_the_admin_commands_manage_users(
    pilot: Pilot,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run_admin(pilot, "users") == 0
    assert "ana\tsupervisor\tactive\tPiloto" in capsys.readouterr().out
    assert run_admin(pilot, "disable-user", "ana") == 0
    assert "disabled" in capsys.readouterr().out
    assert me(pilot, pilot.supervisor_token) == 401
    assert run_admin(pilot, "enable-user", "ana") == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("otra-clave-segura\n"))
    assert run_admin(pilot, "set-password", "ana", "--password-stdin") == 0
    token = pilot.login("ana", "otra-clave-segura")
    assert run_admin(pilot, "revoke-tokens", "ana") == 0
    assert me(pilot, token) == 401
    assert run_admin(pilot, "remove-from-project", "ana", "--project", "Piloto") == 0
    assert run_admin(pilot, "add-to-project", "ana", "--project", "Otro") == 0
    capsys.readouterr()
    assert run_admin(pilot, "users") == 0
    assert "ana\tsupervisor\tactive\tOtro" in capsys.readouterr().out
    assert run_admin(pilot, "disable-user", "nadie") == 1
    assert "no user named 'nadie'" in capsys.readouterr().err
