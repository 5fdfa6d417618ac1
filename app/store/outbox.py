"""store.outbox: finalised submissions waiting to be sent, in the order they were finalised."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from app.store.database import Database, not_found
from app.store.people import write_audit
from app.store.records import OutboxEntry, now_iso, to_iso


def _entry(row: dict[str, Any]) -> OutboxEntry:
    return OutboxEntry(**row)


class Outbox:
    """Entries are written by store.submissions.finalize() in the finalising transaction; the sync
    client reads them with due(), then calls mark_sent() after the server's acknowledgement, or
    mark_failed()."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def due(self, now: datetime | None = None, limit: int = 50) -> list[OutboxEntry]:
        """Entries whose next attempt time has come, oldest finalisation first (rowid keeps the
        order of finalisations within one millisecond)."""
        moment = to_iso(now) if now else now_iso()
        rows = self._db.rows(
            "SELECT instance_id, enqueued_at, attempts, next_attempt_at, last_error FROM outbox"
            " WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= ?"
            " ORDER BY enqueued_at, rowid LIMIT ?",
            (moment, int(limit)),
        )
        return [_entry(row) for row in rows]

    def list(self) -> list[OutboxEntry]:
        """Every entry, including those paused after a permanent error."""
        rows = self._db.rows(
            "SELECT instance_id, enqueued_at, attempts, next_attempt_at, last_error FROM outbox"
            " ORDER BY enqueued_at, rowid"
        )
        return [_entry(row) for row in rows]

    def count(self) -> int:
        row = self._db.row("SELECT count(*) AS n FROM outbox")
        return int(row["n"]) if row else 0

    def mark_sent(self, instance_id: str, *, at: datetime | None = None) -> None:
        """The server acknowledged it (201/202): status sent, out of the outbox, one transaction.
        Calling it again for an already-sent session is harmless."""
        moment = to_iso(at) if at else now_iso()
        with self._db.write() as conn:
            row = conn.execute(
                "SELECT status FROM submissions WHERE instance_id = ?", (instance_id,)
            ).fetchone()
            if row is None:
                raise not_found(f"Session {instance_id}")
            conn.execute(
                "UPDATE submissions SET status = 'sent', sent_at = ?, last_error = NULL,"
                " updated_at = ? WHERE instance_id = ? AND status IN ('finalized', 'queued')",
                (moment, moment, instance_id),
            )
            conn.execute("DELETE FROM outbox WHERE instance_id = ?", (instance_id,))
            write_audit(conn, None, "session.sent", instance_id)

    def mark_failed(self, instance_id: str, error: str, retry_at: datetime | None) -> None:
        """An attempt failed: count it, keep the reason, and retry at retry_at (None: do not retry
        automatically — a permanent error a person must look at; see requeue())."""
        with self._db.write() as conn:
            changed = conn.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?"
                " WHERE instance_id = ?",
                (error, to_iso(retry_at) if retry_at else None, instance_id),
            ).rowcount
            if not changed:
                raise not_found(f"Outbox entry for {instance_id}")
            conn.execute(
                "UPDATE submissions SET status = 'queued', last_error = ?"
                " WHERE instance_id = ? AND status IN ('finalized', 'queued')",
                (error, instance_id),
            )

    def requeue(self, instance_id: str) -> None:
        """Try this entry again now (e.g. after a person fixed what the server refused)."""
        with self._db.write() as conn:
            changed = conn.execute(
                "UPDATE outbox SET next_attempt_at = ? WHERE instance_id = ?",
                (now_iso(), instance_id),
            ).rowcount
            if not changed:
                raise not_found(f"Outbox entry for {instance_id}")
