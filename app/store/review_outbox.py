"""The supervisor's review outbox (part of store.review_cache): reviews made on this laptop,
kept until the server has recorded them.

A review is written in one transaction and shown as queued at once; ``review_sent`` removes it in
the transaction that records the server's event, so a crash in between means one more send, which
the server answers with the same event (it stores a repeated review once).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.store.database import Database, not_found
from app.store.errors import INVALID, StoreError
from app.store.people import write_audit
from app.store.records import REVIEW_STATES, now_iso, to_iso

NEEDS_REASON = ("has_issues", "rejected")


@dataclass(frozen=True)
class QueuedReview:
    id: int
    account: str
    instance_id: str
    state: str
    comment: str | None
    after_event: int
    queued_at: str
    attempts: int
    next_attempt_at: str | None
    last_error: str | None


def put_events_in(conn: Any, root_id: str, events: Iterable[dict[str, Any]]) -> None:
    """Add review events (known ids are skipped) inside the caller's transaction."""
    for event in events:
        conn.execute(
            "INSERT INTO review_events (event_id, instance_id, root_id, state, comment,"
            " reviewer, at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
            (
                int(event["event_id"]),
                event["instance_id"],
                root_id,
                event["state"],
                event.get("comment"),
                event.get("reviewer"),
                event["at"],
            ),
        )


class ReviewOutbox:
    """Methods of store.review_cache about queued reviews."""

    _db: Database

    # -- review outbox -----------------------------------------------------------------------
    def queue_review(
        self, account: str, instance_id: str, state: str, comment: str | None
    ) -> QueuedReview:
        """Record a review to send (now, or when online); committed before returning."""
        if state not in REVIEW_STATES:
            raise StoreError(INVALID, f"Unknown review {state!r}.")
        comment = (comment or "").strip() or None
        if state in NEEDS_REASON and not comment:
            raise StoreError(INVALID, "A session returned or rejected needs a comment saying why.")
        with self._db.write() as conn:
            if (
                conn.execute(
                    "SELECT 1 FROM review_sessions WHERE instance_id = ?", (instance_id,)
                ).fetchone()
                is None
            ):
                raise not_found(f"Session {instance_id}")
            # A second verdict before the first went out replaces it: only the last is meant.
            conn.execute(
                "DELETE FROM review_outbox WHERE instance_id = ? AND account = ? AND attempts = 0",
                (instance_id, account),
            )
            after = conn.execute(
                "SELECT coalesce(max(event_id), 0) FROM review_events WHERE instance_id = ?",
                (instance_id,),
            ).fetchone()[0]
            moment = now_iso()
            cursor = conn.execute(
                "INSERT INTO review_outbox (account, instance_id, state, comment, after_event,"
                " queued_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (account, instance_id, state, comment, int(after), moment, moment),
            )
            write_audit(conn, account, "review.queued", instance_id, {"state": state})
            new_id = int(cursor.lastrowid or 0)
        return self._queued(new_id)

    def _queued(self, review_id: int) -> QueuedReview:
        row = self._db.row("SELECT * FROM review_outbox WHERE id = ?", (review_id,))
        if row is None:
            raise not_found(f"Queued review {review_id}")
        return QueuedReview(**row)

    def due_reviews(self, account: str, now: datetime | None = None) -> list[QueuedReview]:
        """This account's reviews whose next attempt has come, in the order they were made."""
        moment = to_iso(now) if now else now_iso()
        rows = self._db.rows(
            "SELECT * FROM review_outbox WHERE account = ? AND next_attempt_at IS NOT NULL"
            " AND next_attempt_at <= ? ORDER BY id",
            (account, moment),
        )
        return [QueuedReview(**row) for row in rows]

    def queued_reviews(self, account: str | None = None) -> list[QueuedReview]:
        sql = "SELECT * FROM review_outbox"
        rows = (
            self._db.rows(sql + " WHERE account = ? ORDER BY id", (account,))
            if account
            else self._db.rows(sql + " ORDER BY id")
        )
        return [QueuedReview(**row) for row in rows]

    def review_sent(self, review_id: int, answer: dict[str, Any], reviewer: str) -> None:
        """The server recorded it: out of the outbox, the session's state and history updated,
        in one transaction (a crash before it means one more send, which the server answers
        with the same event)."""
        with self._db.write() as conn:
            row = conn.execute(
                "SELECT instance_id FROM review_outbox WHERE id = ?", (review_id,)
            ).fetchone()
            if row is None:
                return  # already recorded
            instance_id = row[0]
            root = conn.execute(
                "SELECT root_id FROM review_sessions WHERE instance_id = ?", (instance_id,)
            ).fetchone()
            conn.execute(
                "UPDATE review_sessions SET review_state = ?, review_comment = ?, reviewed_at = ?"
                " WHERE instance_id = ?",
                (
                    answer["review_state"],
                    answer.get("review_comment"),
                    answer["reviewed_at"],
                    instance_id,
                ),
            )
            if root is not None:
                put_events_in(
                    conn,
                    root[0],
                    [
                        {
                            "event_id": answer["event_id"],
                            "instance_id": instance_id,
                            "state": answer["review_state"],
                            "comment": answer.get("review_comment"),
                            "reviewer": reviewer,
                            "at": answer["reviewed_at"],
                        }
                    ],
                )
            conn.execute("DELETE FROM review_outbox WHERE id = ?", (review_id,))
            write_audit(
                conn, reviewer, "review.sent", instance_id, {"state": answer["review_state"]}
            )

    def review_failed(self, review_id: int, error: str, retry_at: datetime | None) -> None:
        """An attempt failed: count it and keep why; retry_at None waits for a person."""
        with self._db.write() as conn:
            conn.execute(
                "UPDATE review_outbox SET attempts = attempts + 1, last_error = ?,"
                " next_attempt_at = ? WHERE id = ?",
                (error, to_iso(retry_at) if retry_at else None, review_id),
            )

    def withdraw_review(self, review_id: int) -> None:
        """Drop a queued review a person decided not to send (after a conflict)."""
        with self._db.write() as conn:
            conn.execute("DELETE FROM review_outbox WHERE id = ?", (review_id,))
            write_audit(conn, None, "review.withdrawn", str(review_id))
