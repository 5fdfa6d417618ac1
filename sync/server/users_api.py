"""JSON API for administrators: manage supervisors and admins (see ``users.py``).

    GET    /api/v1/users                                every user: id, username, role,
                                                        created_at, disabled_at, project_ids
    POST   /api/v1/users/{id}/disable                   disable and revoke every token
    POST   /api/v1/users/{id}/enable                    may log in again (old tokens stay revoked)
    POST   /api/v1/users/{id}/revoke-tokens             {"revoked": N}
    PUT    /api/v1/users/{id}/password  {"password"}    new password; every token revoked
    PUT    /api/v1/users/{id}/projects/{project_id}     add a supervisor to a project
    DELETE /api/v1/users/{id}/projects/{project_id}     take a supervisor out of a project

Admins only (403 for anyone else); 404 for an unknown user or project; 409 for a change that
cannot be made (the last enabled admin, a project of an admin, a user not in the project).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel, Field
from starlette.responses import Response

from sync.server import users
from sync.server.accounts import AccountError, Principal
from sync.server.db import Database
from sync.server.deps import caller, database
from sync.server.errors import Refused

router = APIRouter(prefix="/api/v1/users")
Db = Annotated[Database, Depends(database)]
UserId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def admin(principal: Annotated[Principal, Depends(caller)]) -> Principal:
    if principal.is_device or principal.role != "admin":
        raise Refused(403, "only administrators manage users")
    return principal


Admin = Annotated[Principal, Depends(admin)]


class PasswordRequest(BaseModel):
    password: str = Field(min_length=1, max_length=1000)


@contextmanager
def _answers() -> Iterator[None]:
    """Account refusals as HTTP answers: unknown user or project 404, others 409."""
    try:
        yield
    except users.UnknownUser as error:
        raise Refused(404, str(error)) from None
    except AccountError as error:
        status = 404 if str(error).startswith("no project") else 409
        raise Refused(status, str(error)) from None


@router.get("")
def list_users(db: Db, _admin: Admin) -> list[dict[str, Any]]:
    return users.list_users(db)


@router.post("/{user_id}/disable")
def disable(db: Db, _admin: Admin, user_id: UserId) -> dict[str, Any]:
    with _answers():
        revoked = users.disable_user(db, user_id)
        return {**users.get_user(db, user_id), "revoked_tokens": revoked}


@router.post("/{user_id}/enable")
def enable(db: Db, _admin: Admin, user_id: UserId) -> dict[str, Any]:
    with _answers():
        users.enable_user(db, user_id)
        return users.get_user(db, user_id)


@router.post("/{user_id}/revoke-tokens")
def revoke_tokens(db: Db, _admin: Admin, user_id: UserId) -> dict[str, int]:
    with _answers():
        return {"revoked": users.revoke_user_tokens(db, user_id)}


@router.put("/{user_id}/password", status_code=204)
def set_password(db: Db, _admin: Admin, user_id: UserId, body: PasswordRequest) -> Response:
    with _answers():
        try:
            users.set_password(db, user_id, body.password)
        except users.UnknownUser:
            raise
        except AccountError as error:  # too short: the request's fault
            raise Refused(422, str(error)) from None
    return Response(status_code=204)


@router.put("/{user_id}/projects/{project_id}", status_code=204)
def add_to_project(db: Db, _admin: Admin, user_id: UserId, project_id: UserId) -> Response:
    with _answers():
        users.add_to_project(db, user_id, project_id)
    return Response(status_code=204)


@router.delete("/{user_id}/projects/{project_id}", status_code=204)
def remove_from_project(db: Db, _admin: Admin, user_id: UserId, project_id: UserId) -> Response:
    with _answers():
        users.remove_from_project(db, user_id, project_id)
    return Response(status_code=204)
