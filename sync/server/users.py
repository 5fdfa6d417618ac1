"""Managing supervisors and admins: list, disable and enable, change a password, revoke every
token, take out of a project.

Every request looks its token up in the database (``accounts.principal_for_token``), so each change
here takes effect at the user's next request: a disabled user's tokens answer 401 at once. Disabling
and a new password also revoke the user's tokens, so that enabling the account again later never
brings a stolen token back to life.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from sync.server import schema
from sync.server.accounts import AccountError, project_id
from sync.server.db import Database, utc_now
from sync.server.security import hash_password

MIN_PASSWORD = 8


class UnknownUser(AccountError):
    """No user with that id or username."""


def user_id(db: Database, username: str) -> int:
    """The id of the user named ``username`` (as the admin commands take it)."""
    with db.read() as conn:
        found: int | None = conn.execute(
            select(schema.users.c.id).where(schema.users.c.username == username)
        ).scalar_one_or_none()
    if found is None:
        raise UnknownUser(f"no user named {username!r} (see `admin users`)")
    return found


def list_users(db: Database) -> list[dict[str, Any]]:
    """Every supervisor and admin with role, state and project ids (no password hashes)."""
    u, up = schema.users, schema.user_projects
    with db.read() as conn:
        rows = conn.execute(
            select(u.c.id, u.c.username, u.c.role, u.c.created_at, u.c.disabled_at).order_by(u.c.id)
        ).mappings()
        users = [dict(row) for row in rows]
        memberships: dict[int, list[int]] = {}
        for uid, pid in conn.execute(
            select(up.c.user_id, up.c.project_id).order_by(up.c.project_id)
        ):
            memberships.setdefault(uid, []).append(pid)
    for user in users:
        user["project_ids"] = None if user["role"] == "admin" else memberships.get(user["id"], [])
    return users


def get_user(db: Database, uid: int) -> dict[str, Any]:
    for user in list_users(db):
        if user["id"] == uid:
            return user
    raise UnknownUser(f"no user with id {uid}")


def disable_user(db: Database, uid: int) -> int:
    """Disable the account and revoke its tokens; returns how many tokens were revoked.

    The last enabled admin cannot be disabled: nobody could manage the server through the API."""
    now = utc_now()
    u = schema.users
    with db.write() as conn:
        user = _user(conn, uid)
        if user["role"] == "admin" and user["disabled_at"] is None:
            others = conn.execute(
                select(func.count())
                .select_from(u)
                .where(u.c.role == "admin", u.c.disabled_at.is_(None), u.c.id != uid)
            ).scalar_one()
            if others == 0:
                raise AccountError("this is the last enabled administrator: add another first")
        if user["disabled_at"] is None:
            conn.execute(u.update().where(u.c.id == uid).values(disabled_at=now))
        return _revoke_tokens(conn, uid, now)


def enable_user(db: Database, uid: int) -> None:
    """Let a disabled user log in again (their old tokens stay revoked)."""
    u = schema.users
    with db.write() as conn:
        _user(conn, uid)
        conn.execute(u.update().where(u.c.id == uid).values(disabled_at=None))


def set_password(db: Database, uid: int, password: str) -> int:
    """A new password; every token of the user is revoked. Returns how many were."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must have at least {MIN_PASSWORD} characters")
    password_hash = hash_password(password)  # slow: outside the write transaction
    with db.write() as conn:
        _user(conn, uid)
        conn.execute(
            schema.users.update()
            .where(schema.users.c.id == uid)
            .values(password_hash=password_hash)
        )
        return _revoke_tokens(conn, uid, utc_now())


def revoke_user_tokens(db: Database, uid: int) -> int:
    """Revoke every token of the user (they must log in again); returns how many."""
    with db.write() as conn:
        _user(conn, uid)
        return _revoke_tokens(conn, uid, utc_now())


def _project_id(db: Database, project: int | str) -> int:
    """A project by number (the API) or by name (the admin commands)."""
    if isinstance(project, str):
        return project_id(db, project)
    with db.read() as conn:
        found: int | None = conn.execute(
            select(schema.projects.c.id).where(schema.projects.c.id == project)
        ).scalar_one_or_none()
    if found is None:
        raise AccountError(f"no project with id {project}")
    return found


def add_to_project(db: Database, uid: int, project: int | str) -> None:
    """Let a supervisor review one more project (by number, or by name)."""
    pid = _project_id(db, project)
    up = schema.user_projects
    with db.write() as conn:
        _supervisor(conn, uid)
        already = conn.execute(
            select(up).where(up.c.user_id == uid, up.c.project_id == pid)
        ).first()
        if already is None:
            conn.execute(up.insert().values(user_id=uid, project_id=pid))


def remove_from_project(db: Database, uid: int, project: int | str) -> None:
    """Take a supervisor out of a project (by number, or by name): its data is hidden at once."""
    pid = _project_id(db, project)
    up = schema.user_projects
    with db.write() as conn:
        _supervisor(conn, uid)
        removed = conn.execute(up.delete().where(up.c.user_id == uid, up.c.project_id == pid))
        if removed.rowcount != 1:
            raise AccountError(f"the user is not in project {project!r}")


def _user(conn: Connection, uid: int) -> dict[str, Any]:
    row = conn.execute(select(schema.users).where(schema.users.c.id == uid)).mappings().first()
    if row is None:
        raise UnknownUser(f"no user with id {uid}")
    return dict(row)


def _supervisor(conn: Connection, uid: int) -> None:
    if _user(conn, uid)["role"] == "admin":
        raise AccountError("administrators see every project; projects are for supervisors")


def _revoke_tokens(conn: Connection, uid: int, now: str) -> int:
    t = schema.tokens
    revoked = conn.execute(
        t.update().where(t.c.user_id == uid, t.c.revoked_at.is_(None)).values(revoked_at=now)
    )
    return revoked.rowcount
