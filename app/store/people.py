"""Facilitator profiles, settings and the audit trail: the small tables of the store."""

from __future__ import annotations

import json
import sqlite3
import uuid
from typing import Any

from app.store.database import Database, not_found
from app.store.errors import INVALID, StoreError
from app.store.records import AuditEntry, Profile, now_iso

ROLES = ("facilitator", "supervisor")


def write_audit(
    conn: sqlite3.Connection,
    actor: str | None,
    action: str,
    target: str | None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Add an audit line inside the caller's transaction. Never pass answers in `detail`."""
    conn.execute(
        "INSERT INTO audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
        (now_iso(), actor, action, target, json.dumps(detail or {}, ensure_ascii=False)),
    )


class Profiles:
    """store.profiles: the people who use this laptop."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def create(
        self,
        display_name: str,
        role: str = "facilitator",
        language: str = "es",
        *,
        profile_id: str | None = None,
    ) -> Profile:
        """Add a profile; the name is trimmed and must not be empty. `profile_id`: the id it
        already has in the profile index (its own data file, app/protection.py)."""
        name = display_name.strip()
        if not name:
            raise StoreError(INVALID, "A profile needs a name.", "Type the facilitator's name.")
        if role not in ROLES:
            raise StoreError(INVALID, f"Unknown role {role!r}.", f"Use one of {', '.join(ROLES)}.")
        profile_id = profile_id or str(uuid.uuid4())
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO profiles (id, display_name, role, language, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (profile_id, name, role, language, now_iso()),
            )
            write_audit(conn, profile_id, "profile.created", profile_id, {"role": role})
        return self.get(profile_id)

    def get(self, profile_id: str) -> Profile:
        row = self._db.row("SELECT * FROM profiles WHERE id = ?", (profile_id,))
        if row is None:
            raise not_found(f"Profile {profile_id}")
        return Profile(**row)

    def list(self) -> list[Profile]:
        """All profiles, most recently used first, then by name."""
        rows = self._db.rows(
            "SELECT * FROM profiles"
            " ORDER BY last_used_at IS NULL, last_used_at DESC, display_name COLLATE NOCASE"
        )
        return [Profile(**row) for row in rows]

    def set_language(self, profile_id: str, language: str) -> Profile:
        """Remember the language this person works in."""
        with self._db.write() as conn:
            changed = conn.execute(
                "UPDATE profiles SET language = ? WHERE id = ?", (language, profile_id)
            ).rowcount
        if not changed:
            raise not_found(f"Profile {profile_id}")
        return self.get(profile_id)

    def mark_used(self, profile_id: str) -> Profile:
        """Record that this person has just chosen their profile (orders the profile list)."""
        with self._db.write() as conn:
            changed = conn.execute(
                "UPDATE profiles SET last_used_at = ? WHERE id = ?", (now_iso(), profile_id)
            ).rowcount
        if not changed:
            raise not_found(f"Profile {profile_id}")
        return self.get(profile_id)


class Settings:
    """store.settings: small JSON values by key (e.g. "current_profile", "server_url")."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, key: str, default: Any = None) -> Any:
        row = self._db.row("SELECT value FROM settings WHERE key = ?", (key,))
        return default if row is None else json.loads(row["value"])

    def with_prefix(self, prefix: str) -> dict[str, Any]:
        """Every value whose key starts with `prefix`."""
        rows = self._db.rows(
            "SELECT key, value FROM settings WHERE substr(key, 1, ?) = ?", (len(prefix), prefix)
        )
        return {row["key"]: json.loads(row["value"]) for row in rows}

    def set(self, key: str, value: Any) -> None:
        """Save a JSON-serialisable value (None removes the key)."""
        with self._db.write() as conn:
            if value is None:
                conn.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                conn.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, json.dumps(value, ensure_ascii=False)),
                )


class Audit:
    """store.audit: an append-only trail of actions (who, what, on which record). Never answers."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def record(
        self,
        actor: str | None,
        action: str,
        target: str | None = None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        with self._db.write() as conn:
            write_audit(conn, actor, action, target, detail)

    def list(self, target: str | None = None, limit: int = 200) -> list[AuditEntry]:
        """Newest first; only entries about `target` when given."""
        where, params = ("WHERE target = ?", (target,)) if target else ("", ())
        rows = self._db.rows(
            f"SELECT * FROM audit {where} ORDER BY id DESC LIMIT ?", (*params, int(limit))
        )
        return [AuditEntry(**{**row, "detail": json.loads(row["detail"])}) for row in rows]
