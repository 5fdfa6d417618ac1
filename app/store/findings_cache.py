"""store.findings_cache: sessions as the findings read them (topics, quotes, coded themes,
needs), kept so the findings view does not parse every submission's XML each time it opens.

A row is keyed by the submission version's own instanceID, whose XML never changes (a finalised
session is fixed in the file; a cached team session's XML is written once), and by the reading
of its form (``roles_key``: the XForm and the language of its labels), so nothing needs
invalidating when a session changes: an edit is a new version, a new form or language a new key.
``scope`` says which table the versions come from: "review" (the supervisor's cache, cleared with
it) or "own" (the facilitator's sessions). Notes are not kept: no count reads them.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.store.database import Database

SCOPES = ("review", "own")


class FindingsCache:
    def __init__(self, db: Database) -> None:
        self._db = db

    def load(self, scope: str, roles_key: str) -> dict[str, str]:
        """version instanceID -> the session's JSON, for one reading of a form."""
        rows = self._db.rows(
            "SELECT version_id, session FROM findings_sessions WHERE scope = ? AND roles_key = ?",
            (scope, roles_key),
        )
        return {row["version_id"]: row["session"] for row in rows}

    def put(self, scope: str, roles_key: str, items: Iterable[tuple[str, str]]) -> None:
        """Keep (version instanceID, JSON) pairs, in one transaction."""
        with self._db.write() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO findings_sessions (scope, roles_key, version_id, session)"
                " VALUES (?, ?, ?, ?)",
                [(scope, roles_key, version, text) for version, text in items],
            )

    def clear(self, scope: str) -> None:
        with self._db.write() as conn:
            conn.execute("DELETE FROM findings_sessions WHERE scope = ?", (scope,))
            self._db.answers_dropped()

    def count(self, scope: str) -> int:
        row = self._db.row("SELECT count(*) AS n FROM findings_sessions WHERE scope = ?", (scope,))
        return int(row["n"]) if row else 0
