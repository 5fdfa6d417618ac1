"""Projects, supervisors and admins, devices, enrollment codes and bearer tokens.

Who may do what is decided from a ``Principal``: a device acts in its one project; a supervisor in
the projects they were added to; an admin in every project.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Select, bindparam, func, or_, select

from sync.server import schema
from sync.server.db import Database, inserted_id, to_utc_text, utc_now
from sync.server.security import (
    PasswordCheckGate,
    check_password_of_nobody,
    hash_password,
    new_enrollment_code,
    new_token,
    normalize_code,
    password_matches,
    token_digest,
)

log = logging.getLogger("encuentro.server")

USER_TOKEN_DAYS = 14
ROLES = ("admin", "supervisor")


class AccountError(ValueError):
    """A refused account operation, with a message a person can act on."""


MAX_NAME = 200  # project, user and device names: the columns' length in both databases


def _check_length(label: str, value: str) -> None:
    if len(value) > MAX_NAME:
        raise AccountError(f"the {label} is longer than {MAX_NAME} characters: shorten it")


@dataclass(frozen=True)
class Principal:
    """Who is calling: a device or a user (supervisor/admin), with the projects they may see."""

    kind: str  # "device" | "user"
    token_hash: str
    name: str
    device_id: int | None = None
    user_id: int | None = None
    role: str = "device"
    project_ids: frozenset[int] | None = None  # None: every project (admins)

    @property
    def is_device(self) -> bool:
        return self.kind == "device"

    def sees_project(self, project_id: int) -> bool:
        return self.project_ids is None or project_id in self.project_ids


def create_project(db: Database, name: str) -> int:
    """Create a project and return its id; the name must be new."""
    name = name.strip()
    if not name:
        raise AccountError("a project needs a name")
    _check_length("project name", name)
    with db.write() as conn:
        if _project_id(conn, name) is not None:
            raise AccountError(f"project {name!r} already exists")
        result = conn.execute(schema.projects.insert().values(name=name, created_at=utc_now()))
        return inserted_id(result)


def project_id(db: Database, name: str) -> int:
    """The id of the project named (or numbered, as `add-project` prints it), or an AccountError
    listing the projects that exist."""
    with db.read() as conn:
        found = _project_id(conn, name)
        if found is None and name.strip().isdigit():
            by_number = select(schema.projects.c.id).where(schema.projects.c.id == int(name))
            found = conn.execute(by_number).scalar()
        if found is None:
            names = conn.execute(select(schema.projects.c.name)).scalars().all()
            known = ", ".join(sorted(names)) or "none yet (create one with `admin add-project`)"
            raise AccountError(f"no project named {name!r}; projects: {known}")
        return found


def list_projects(db: Database) -> list[dict[str, Any]]:
    with db.read() as conn:
        rows = conn.execute(select(schema.projects).order_by(schema.projects.c.id)).mappings()
        return [dict(row) for row in rows]


def _project_id(conn: Connection, name: str) -> int | None:
    return conn.execute(
        select(schema.projects.c.id).where(schema.projects.c.name == name)
    ).scalar_one_or_none()


def create_user(
    db: Database, username: str, password: str, role: str, project_names: Sequence[str] = ()
) -> int:
    """Create an admin or a supervisor (argon2 password hash) and add them to projects."""
    username = username.strip()
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if not username:
        raise AccountError("a user needs a username")
    _check_length("username", username)
    if len(password) < 8:
        raise AccountError("the password must have at least 8 characters")
    project_ids = [project_id(db, name) for name in project_names]
    password_hash = hash_password(password)
    with db.write() as conn:
        exists = conn.execute(
            select(schema.users.c.id).where(schema.users.c.username == username)
        ).first()
        if exists is not None:
            raise AccountError(f"user {username!r} already exists")
        result = conn.execute(
            schema.users.insert().values(
                username=username, password_hash=password_hash, role=role, created_at=utc_now()
            )
        )
        user_id = inserted_id(result)
        for pid in project_ids:
            conn.execute(schema.user_projects.insert().values(user_id=user_id, project_id=pid))
        return user_id


def add_user_to_project(db: Database, username: str, project_name: str) -> None:
    pid = project_id(db, project_name)
    with db.write() as conn:
        user_id = conn.execute(
            select(schema.users.c.id).where(schema.users.c.username == username)
        ).scalar_one_or_none()
        if user_id is None:
            raise AccountError(f"no user named {username!r}")
        already = conn.execute(
            select(schema.user_projects).where(
                schema.user_projects.c.user_id == user_id, schema.user_projects.c.project_id == pid
            )
        ).first()
        if already is None:
            conn.execute(schema.user_projects.insert().values(user_id=user_id, project_id=pid))


WRONG_LOGIN = "wrong username or password"
BAD_CODE = (
    "this enrollment code is not valid (unknown, already used or expired); ask your coordinator "
    "for a new one"
)


def login(
    db: Database, username: str, password: str, gate: PasswordCheckGate | None = None
) -> tuple[str, str]:
    """Check a supervisor's or admin's password; returns (token, expires_at).

    ``gate`` bounds how many argon2 checks run at once (PasswordChecksBusy when none is free)."""
    user = None
    if "\0" not in username:  # no stored name has one, and PostgreSQL refuses it in a parameter
        with db.read() as conn:
            user = (
                conn.execute(select(schema.users).where(schema.users.c.username == username))
                .mappings()
                .first()
            )
    # Same message, and the same argon2 work, for an unknown user, a wrong password and a disabled
    # account: neither the answer nor its timing tells which usernames exist or which password is
    # right. The reason goes to the server's log for the administrator.
    with gate.turn() if gate is not None else nullcontext():
        if user is None:
            check_password_of_nobody(password)
            raise AccountError(WRONG_LOGIN)
        matches = password_matches(user["password_hash"], password)
    if not matches:
        raise AccountError(WRONG_LOGIN)
    if user["disabled_at"] is not None:
        log.info("login refused: account id %s is disabled", user["id"])
        raise AccountError(WRONG_LOGIN)
    token = new_token()
    expires_at = to_utc_text(datetime.now(UTC) + timedelta(days=USER_TOKEN_DAYS))
    with db.write() as conn:
        conn.execute(
            schema.tokens.insert().values(
                token_hash=token_digest(token),
                user_id=user["id"],
                created_at=utc_now(),
                expires_at=expires_at,
            )
        )
    return token, expires_at


def create_enrollment_code(
    db: Database, project_name: str, device_name: str, valid_hours: float = 72
) -> str:
    """A one-time code that enrolls one device into the project (shown once, stored hashed)."""
    if not device_name.strip():
        raise AccountError("name the device (e.g. the facilitator's laptop) for the code")
    _check_length("device name", device_name.strip())
    pid = project_id(db, project_name)
    code = new_enrollment_code()
    now = datetime.now(UTC)
    with db.write() as conn:
        conn.execute(
            schema.enrollment_codes.insert().values(
                code_hash=token_digest(normalize_code(code)),
                project_id=pid,
                device_name=device_name.strip(),
                created_at=to_utc_text(now),
                expires_at=to_utc_text(now + timedelta(hours=valid_hours)),
            )
        )
    return code


def enroll_device(db: Database, code: str) -> dict[str, Any]:
    """Use a one-time code: creates the device and returns its token (shown only this once)."""
    digest = token_digest(normalize_code(code))
    token = new_token()
    now = utc_now()
    codes = schema.enrollment_codes
    with db.write() as conn:
        row = conn.execute(select(codes).where(codes.c.code_hash == digest)).mappings().first()
        # One answer for unknown, used and expired codes (a guesser learns nothing); the
        # administrator finds the reason in the server's log.
        if row is None:
            raise AccountError(BAD_CODE)
        if row["used_at"] is not None or row["expires_at"] <= now:
            used = row["used_at"] is not None
            log.info("enrollment refused: a code that is %s", "used" if used else "expired")
            raise AccountError(BAD_CODE)
        device_id = inserted_id(
            conn.execute(
                schema.devices.insert().values(
                    project_id=row["project_id"], name=row["device_name"], created_at=now
                )
            )
        )
        # The WHERE used_at IS NULL makes a concurrent second use of the same code update nothing.
        claimed = conn.execute(
            codes.update()
            .where(codes.c.code_hash == digest, codes.c.used_at.is_(None))
            .values(used_at=now, device_id=device_id)
        )
        if claimed.rowcount != 1:
            raise AccountError(BAD_CODE)
        conn.execute(
            schema.tokens.insert().values(
                token_hash=token_digest(token), device_id=device_id, created_at=now
            )
        )
        project_name = conn.execute(
            select(schema.projects.c.name).where(schema.projects.c.id == row["project_id"])
        ).scalar_one()
        recovery = schema.recovery_keys
        recovery_pem = conn.execute(
            select(recovery.c.public_pem).where(recovery.c.project_id == row["project_id"])
        ).scalar_one_or_none()
    enrolled = {
        "token": token,
        "device_id": device_id,
        "device_name": row["device_name"],
        "project_id": row["project_id"],
        "project_name": project_name,
    }
    if recovery_pem is not None:
        # The laptop wraps its data key with it (sync/server/recovery.py).
        enrolled["recovery_public_key"] = recovery_pem
    return enrolled


def _token_query() -> Select[*tuple[Any, ...]]:
    t, d, u = schema.tokens, schema.devices, schema.users
    return (
        select(
            t.c.device_id,
            t.c.user_id,
            d.c.name.label("device_name"),
            d.c.project_id,
            d.c.revoked_at.label("device_revoked_at"),
            u.c.username,
            u.c.role,
            u.c.disabled_at,
        )
        .select_from(t.outerjoin(d, t.c.device_id == d.c.id).outerjoin(u, t.c.user_id == u.c.id))
        .where(
            t.c.token_hash == bindparam("digest"),
            t.c.revoked_at.is_(None),
            or_(t.c.expires_at.is_(None), t.c.expires_at > bindparam("now")),
        )
    )


# Built once: every request runs it, and building a statement costs more than running it here.
_TOKEN_QUERY = _token_query()


def principal_for_token(db: Database, token: str) -> Principal | None:
    """The device or user a bearer token belongs to, or None if unknown, revoked or expired."""
    digest = token_digest(token)
    now = utc_now()
    with db.read() as conn:
        row = conn.execute(_TOKEN_QUERY, {"digest": digest, "now": now}).mappings().first()
        if row is None:
            return None
        if row["device_id"] is not None:
            if row["device_revoked_at"] is not None:
                return None
            return Principal(
                kind="device",
                token_hash=digest,
                name=row["device_name"],
                device_id=row["device_id"],
                project_ids=frozenset([row["project_id"]]),
            )
        if row["user_id"] is None or row["disabled_at"] is not None:
            return None
        projects: frozenset[int] | None = None
        if row["role"] != "admin":
            projects = frozenset(
                conn.execute(
                    select(schema.user_projects.c.project_id).where(
                        schema.user_projects.c.user_id == row["user_id"]
                    )
                ).scalars()
            )
        return Principal(
            kind="user",
            token_hash=digest,
            name=row["username"],
            user_id=row["user_id"],
            role=row["role"],
            project_ids=projects,
        )


def revoke_token(db: Database, token_hash: str) -> None:
    with db.write() as conn:
        conn.execute(
            schema.tokens.update()
            .where(schema.tokens.c.token_hash == token_hash, schema.tokens.c.revoked_at.is_(None))
            .values(revoked_at=utc_now())
        )


def list_devices(db: Database, project_ids: frozenset[int] | None = None) -> list[dict[str, Any]]:
    """Devices with their project, state and last submission time."""
    d, p, s = schema.devices, schema.projects, schema.submissions
    last = (
        select(s.c.device_id, func.max(s.c.received_at).label("last_submission_at"))
        .group_by(s.c.device_id)
        .subquery()
    )
    query = (
        select(
            d.c.id,
            d.c.name,
            d.c.project_id,
            p.c.name.label("project_name"),
            d.c.created_at,
            d.c.revoked_at,
            last.c.last_submission_at,
        )
        .select_from(
            d.join(p, d.c.project_id == p.c.id).outerjoin(last, last.c.device_id == d.c.id)
        )
        .order_by(d.c.id)
    )
    if project_ids is not None:
        query = query.where(d.c.project_id.in_(project_ids))
    with db.read() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def revoke_device(db: Database, device_id: int) -> None:
    """Revoke a device and every token it holds; its submissions stay."""
    now = utc_now()
    with db.write() as conn:
        updated = conn.execute(
            schema.devices.update().where(schema.devices.c.id == device_id).values(revoked_at=now)
        )
        if updated.rowcount != 1:
            raise AccountError(f"no device with id {device_id}")
        conn.execute(
            schema.tokens.update()
            .where(schema.tokens.c.device_id == device_id, schema.tokens.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )
