"""store.review_cache: supervisor mode's copy of the team's sessions, and its review outbox.

The rows are copies of what the server holds (its instanceIDs are the keys), so every write here is
an idempotent upsert: pulling the same page twice, or after a crash half-way, leaves one row per
version. A review made here goes into ``review_outbox`` in one transaction and is shown as queued
until the server's answer removes it (``review_sent``) in the transaction that records the event.
"""

from __future__ import annotations

import builtins
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.store.database import Database, not_found
from app.store.errors import INVALID, StoreError
from app.store.people import write_audit
from app.store.records import day_start_iso, now_iso
from app.store.review_outbox import NEEDS_REASON, QueuedReview, ReviewOutbox, put_events_in

# What the list shows for a session whose review waits in the outbox.
QUEUED_REVIEW = "queued"
__all__ = ["NEEDS_REASON", "QUEUED_REVIEW", "QueuedReview", "ReviewCache", "ReviewFilter"]


@dataclass(frozen=True)
class ReviewSession:
    """One version of a session as the supervisor's cache holds it (XML only from ``get``)."""

    instance_id: str
    root_id: str
    deprecated_id: str | None
    is_current: bool
    project_id: int
    form_id: str
    form_version: str
    form_title: str
    device_id: int | None
    device_name: str | None
    facilitator: str | None
    community: str | None
    community_label: str | None
    submitted_at: str
    review_state: str
    review_comment: str | None
    reviewed_at: str | None
    queued_state: str | None = None  # a review waiting in the outbox (shown as "queued")
    queued_error: str | None = None  # why it has not gone out yet (conflict, refusal, network)
    instance_xml: str | None = None

    @property
    def shown_state(self) -> str:
        return QUEUED_REVIEW if self.queued_state else self.review_state


@dataclass(frozen=True)
class ReviewEvent:
    event_id: int
    instance_id: str
    root_id: str
    state: str
    comment: str | None
    reviewer: str | None
    at: str


@dataclass(frozen=True)
class CachedAttachment:
    instance_id: str
    name: str
    content_type: str
    size: int
    sha256: str
    cached: bool


@dataclass(frozen=True)
class ReviewFilter:
    """Filters of the supervisor's list; all optional, combined with AND. ``text`` matches
    community, facilitator, device or form title (case and accents ignored); since/until are
    local dates (inclusive) on the time the server received the session."""

    form_id: str | None = None
    community: str | None = None
    device: str | None = None
    review_state: str | None = None  # a server state, or "queued"
    text: str | None = None
    since: date | None = None
    until: date | None = None
    current_only: bool = True


_SESSION_COLUMNS = (
    "s.instance_id, s.root_id, s.deprecated_id, s.is_current, s.project_id, s.form_id,"
    " s.form_version, s.form_title, s.device_id, s.device_name, s.facilitator, s.community,"
    " s.community_label, s.submitted_at, s.review_state, s.review_comment, s.reviewed_at"
)
# The newest queued review of each session, if any.
_QUEUED = (
    " LEFT JOIN (SELECT instance_id, state AS queued_state, last_error AS queued_error,"
    " max(id) FROM review_outbox GROUP BY instance_id) q ON q.instance_id = s.instance_id"
)


def _session(row: dict[str, Any]) -> ReviewSession:
    row = dict(row)
    row["is_current"] = bool(row["is_current"])
    row.pop("max(id)", None)
    return ReviewSession(**row)


def _where(filters: ReviewFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if filters.current_only:
        clauses.append("s.is_current = 1")
    if filters.form_id:
        clauses.append("s.form_id = ?")
        params.append(filters.form_id)
    if filters.community:
        clauses.append("s.community = ?")
        params.append(filters.community)
    if filters.device:
        clauses.append("(s.device_name = ? OR s.facilitator = ?)")
        params += [filters.device, filters.device]
    if filters.review_state == QUEUED_REVIEW:
        clauses.append("q.queued_state IS NOT NULL")
    elif filters.review_state:
        clauses.append("s.review_state = ? AND q.queued_state IS NULL")
        params.append(filters.review_state)
    if filters.text:
        from app.store.database import fold

        needle = (
            "%"
            + (fold(filters.text.strip()) or "")
            .replace("\\", "\\\\")
            .replace("%", "\\%")
            .replace("_", "\\_")
            + "%"
        )
        clauses.append(
            "(" + " OR ".join(f"fold(s.{c}) LIKE ? ESCAPE '\\'" for c in _SEARCHED) + ")"
        )
        params += [needle] * len(_SEARCHED)
    if filters.since:
        clauses.append("s.submitted_at >= ?")
        params.append(day_start_iso(filters.since))
    if filters.until:
        from datetime import timedelta

        clauses.append("s.submitted_at < ?")
        params.append(day_start_iso(filters.until + timedelta(days=1)))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


_SEARCHED = ("community_label", "community", "facilitator", "device_name", "form_title")


class ReviewCache(ReviewOutbox):
    """The supervisor's cache; see the module docstring."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def batch(self) -> Any:
        """One transaction around several calls (a pull's chunk): all kept, or none."""
        return self._db.write()

    # -- account -----------------------------------------------------------------------------
    def clear(self) -> None:
        """Forget every cached session, form and event (another account signs in here). Queued
        reviews stay: they belong to the account that made them and wait for its sign-in."""
        with self._db.write() as conn:
            for table in ("review_attachments", "review_events", "review_sessions", "review_forms"):
                conn.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names
            # What the findings read from those sessions (quotes) goes with them.
            conn.execute("DELETE FROM findings_sessions WHERE scope = 'review'")
            write_audit(conn, None, "supervisor.cache_cleared", None)

    # -- forms -------------------------------------------------------------------------------
    def put_form(self, form_id: str, version: str, project_id: int, title: str, xml: str) -> None:
        """Keep a form's XForm (a published version never changes: the first copy stays)."""
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO review_forms (form_id, version, project_id, title, fetched_at,"
                " xform_xml) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (form_id, version, int(project_id), title, now_iso(), xml),
            )

    def form_xml(self, form_id: str, version: str) -> str | None:
        row = self._db.row(
            "SELECT xform_xml FROM review_forms WHERE form_id = ? AND version = ?",
            (form_id, version),
        )
        return None if row is None else str(row["xform_xml"])

    def forms(self) -> list[dict[str, Any]]:
        """(form_id, version, project_id, title) of every cached form, newest version last."""
        return self._db.rows(
            "SELECT form_id, version, project_id, title FROM review_forms ORDER BY form_id, version"
        )

    # -- sessions ----------------------------------------------------------------------------
    def upsert_listed(self, items: Iterable[dict[str, Any]]) -> list[str]:
        """Store a page of the server's list (metadata only). Returns the instanceIDs whose
        details (XML, attachments, history) must be fetched: new ones, and those whose review
        changed on the server since the last pull."""
        stale: list[str] = []
        pulled = now_iso()
        with self._db.write() as conn:
            for item in items:
                old = conn.execute(
                    "SELECT reviewed_at, instance_xml IS NULL FROM review_sessions"
                    " WHERE instance_id = ?",
                    (item["instance_id"],),
                ).fetchone()
                conn.execute(
                    "INSERT INTO review_sessions (instance_id, root_id, deprecated_id, is_current,"
                    " project_id, form_id, form_version, form_title, device_id, device_name,"
                    " submitted_at, review_state, review_comment, reviewed_at, pulled_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (instance_id) DO UPDATE SET is_current = excluded.is_current,"
                    " device_name = excluded.device_name, review_state = excluded.review_state,"
                    " review_comment = excluded.review_comment,"
                    " reviewed_at = excluded.reviewed_at, pulled_at = excluded.pulled_at",
                    (
                        item["instance_id"],
                        item["root_id"],
                        item.get("deprecated_id"),
                        1 if item.get("is_current") else 0,
                        int(item["project_id"]),
                        item["form_id"],
                        item["form_version"],
                        item.get("form_title") or item["form_id"],
                        item.get("device_id"),
                        item.get("device_name"),
                        item["received_at"],
                        item["review_state"],
                        item.get("review_comment"),
                        item.get("reviewed_at"),
                        pulled,
                    ),
                )
                if old is None or old[1] or old[0] != item.get("reviewed_at"):
                    stale.append(item["instance_id"])
        return stale

    def put_detail(
        self,
        instance_id: str,
        instance_xml: str,
        *,
        facilitator: str | None,
        community: str | None,
        community_label: str | None,
        attachments: Iterable[dict[str, Any]],
        events: Iterable[dict[str, Any]],
    ) -> None:
        """A session's XML, summary fields, attachment list and review history, in one write.
        Attachment bytes already cached are kept when their hash is unchanged."""
        with self._db.write() as conn:
            root = conn.execute(
                "SELECT root_id FROM review_sessions WHERE instance_id = ?", (instance_id,)
            ).fetchone()
            if root is None:
                raise not_found(f"Session {instance_id}")
            conn.execute(
                "UPDATE review_sessions SET instance_xml = coalesce(instance_xml, ?),"
                " facilitator = ?, community = ?, community_label = ? WHERE instance_id = ?",
                (instance_xml, facilitator, community, community_label, instance_id),
            )
            for item in attachments:
                conn.execute(
                    "INSERT INTO review_attachments (instance_id, name, content_type, size,"
                    " sha256) VALUES (?, ?, ?, ?, ?) ON CONFLICT (instance_id, name) DO UPDATE"
                    " SET content_type = excluded.content_type, size = excluded.size,"
                    " data = CASE WHEN sha256 = excluded.sha256 THEN data END,"
                    " sha256 = excluded.sha256",
                    (instance_id, item["name"], item["content_type"], item["size"], item["sha256"]),
                )
            put_events_in(conn, root[0], events)

    def put_events(self, root_id: str, events: Iterable[dict[str, Any]]) -> None:
        with self._db.write() as conn:
            put_events_in(conn, root_id, events)

    def get(self, instance_id: str) -> ReviewSession:
        row = self._db.row(
            f"SELECT {_SESSION_COLUMNS}, q.queued_state, q.queued_error, s.instance_xml"
            f" FROM review_sessions s{_QUEUED} WHERE s.instance_id = ?",
            (instance_id,),
        )
        if row is None:
            raise not_found(f"Session {instance_id}")
        return _session(row)

    def versions(self, root_id: str) -> list[ReviewSession]:
        """Every cached version of one session, oldest first, with XML."""
        rows = self._db.rows(
            f"SELECT {_SESSION_COLUMNS}, q.queued_state, q.queued_error, s.instance_xml"
            f" FROM review_sessions s{_QUEUED} WHERE s.root_id = ? ORDER BY s.submitted_at",
            (root_id,),
        )
        return [_session(row) for row in rows]

    def list(
        self, filters: ReviewFilter | None = None, offset: int = 0, limit: int = 100
    ) -> list[ReviewSession]:
        """A page of the list, newest first (never reads XML)."""
        where, params = _where(filters or ReviewFilter())
        rows = self._db.rows(
            f"SELECT {_SESSION_COLUMNS}, q.queued_state, q.queued_error"
            f" FROM review_sessions s{_QUEUED}{where}"
            " ORDER BY s.submitted_at DESC, s.instance_id DESC LIMIT ? OFFSET ?",
            (*params, int(limit), int(offset)),
        )
        return [_session(row) for row in rows]

    def count(self, filters: ReviewFilter | None = None) -> int:
        where, params = _where(filters or ReviewFilter())
        row = self._db.row(
            f"SELECT count(*) AS n FROM review_sessions s{_QUEUED}{where}", tuple(params)
        )
        return int(row["n"]) if row else 0

    def choices(self) -> dict[str, builtins.list[tuple[str, str]]]:
        """(value, label) lists for the filters: forms, communities, devices/facilitators."""
        forms = self._db.rows(
            "SELECT DISTINCT form_id AS v, form_title AS l FROM review_sessions ORDER BY l"
        )
        communities = self._db.rows(
            "SELECT DISTINCT community AS v, coalesce(community_label, community) AS l"
            " FROM review_sessions WHERE community IS NOT NULL ORDER BY l"
        )
        people = self._db.rows(
            "SELECT DISTINCT device_name AS v FROM review_sessions WHERE device_name IS NOT NULL"
            " UNION SELECT DISTINCT facilitator FROM review_sessions"
            " WHERE facilitator IS NOT NULL ORDER BY 1"
        )
        return {
            "forms": [(r["v"], r["l"]) for r in forms],
            "communities": [(r["v"], r["l"]) for r in communities],
            "devices": [(r["v"], r["v"]) for r in people],
        }

    def current_with_xml(self) -> builtins.list[dict[str, Any]]:
        """The newest version of every cached session whose XML is here (the dashboard's rows):
        instance_id, form_id, form_version, community, community_label, submitted_at,
        instance_xml."""
        return self._db.rows(
            "SELECT instance_id, form_id, form_version, community, community_label,"
            " submitted_at, instance_xml FROM review_sessions"
            " WHERE is_current = 1 AND instance_xml IS NOT NULL ORDER BY submitted_at"
        )

    def submissions_of(
        self, form_id: str, *, approved_only: bool = False, page: int = 200
    ) -> Iterator[dict[str, Any]]:
        """The newest version of each cached session of a form, oldest first, for an export
        (``app/export``'s submission source): instance_id, root_id, form_id, form_version,
        instance_xml, review_state, review_comment, device_id, submitter (device name),
        facilitator, submitted_at, first_submitted_at (the first cached version's), edits
        (cached versions before this one), and attachments (names). Read a page at a time:
        memory stays flat however many there are. The XForm of each version comes from
        ``form_xml(form_id, form_version)``."""
        after = ""
        approved = " AND review_state = 'approved'" if approved_only else ""
        while True:
            rows = self._db.rows(
                "SELECT instance_id, root_id, form_id, form_version, instance_xml, review_state,"
                " review_comment, device_id, device_name AS submitter, facilitator,"
                " submitted_at, (SELECT min(v.submitted_at) FROM review_sessions v"
                " WHERE v.root_id = s.root_id) AS first_submitted_at,"
                " (SELECT count(*) - 1 FROM review_sessions v WHERE v.root_id = s.root_id)"
                " AS edits FROM review_sessions s WHERE form_id = ? AND is_current = 1"
                f" AND instance_xml IS NOT NULL{approved}"
                " AND (submitted_at || instance_id) > ? ORDER BY submitted_at, instance_id"
                " LIMIT ?",
                (form_id, after, int(page)),
            )
            for row in rows:
                names = self._db.rows(
                    "SELECT name FROM review_attachments WHERE instance_id = ? ORDER BY name",
                    (row["instance_id"],),
                )
                yield {**row, "attachments": [n["name"] for n in names]}
            if len(rows) < page:
                return
            after = rows[-1]["submitted_at"] + rows[-1]["instance_id"]

    def findings_rows(
        self, form_id: str, *, approved_only: bool = False
    ) -> builtins.list[dict[str, Any]]:
        """The current version of each cached session of a form, without its XML (the findings
        view reads kept sessions by version): instance_id (the version's), root_id, form_version,
        review_state, device_id, first_submitted_at, edits; oldest first."""
        approved = " AND s.review_state = 'approved'" if approved_only else ""
        return self._db.rows(
            "SELECT s.instance_id, s.root_id, s.form_version, s.review_state, s.device_id,"
            " v.first_submitted_at, v.edits FROM review_sessions s JOIN (SELECT root_id,"
            " min(submitted_at) AS first_submitted_at, count(*) - 1 AS edits"
            " FROM review_sessions WHERE form_id = ? GROUP BY root_id) v"
            " ON v.root_id = s.root_id"
            " WHERE s.form_id = ? AND s.is_current = 1 AND s.instance_xml IS NOT NULL"
            f"{approved} ORDER BY s.submitted_at, s.instance_id",
            (form_id, form_id),
        )

    def xml_of(self, instance_ids: builtins.list[str]) -> dict[str, str]:
        """instance_id -> instance XML of these cached versions (a few hundred at a time)."""
        return self._db.xml_by_instance("review_sessions", instance_ids)

    def count_submissions_of(self, form_id: str, *, approved_only: bool = False) -> int:
        """How many rows ``submissions_of`` yields (a progress bar's total)."""
        approved = " AND review_state = 'approved'" if approved_only else ""
        row = self._db.row(
            "SELECT count(*) AS n FROM review_sessions WHERE form_id = ? AND is_current = 1"
            f" AND instance_xml IS NOT NULL{approved}",
            (form_id,),
        )
        return int(row["n"]) if row else 0

    def newest_form(self, form_id: str) -> dict[str, Any] | None:
        """The newest cached version of a form (the one fetched last: a pull fetches a version
        when its first session arrives): form_id, version, title, xform_xml; None if none."""
        return self._db.row(
            "SELECT form_id, version, title, xform_xml FROM review_forms WHERE form_id = ?"
            " ORDER BY fetched_at DESC, version DESC LIMIT 1",
            (form_id,),
        )

    def shown_states(self) -> builtins.list[str]:
        """The review state each current session shows ("queued" when a review waits)."""
        rows = self._db.rows(
            "SELECT CASE WHEN q.queued_state IS NOT NULL THEN 'queued' ELSE s.review_state END"
            f" AS state FROM review_sessions s{_QUEUED} WHERE s.is_current = 1"
        )
        return [r["state"] for r in rows]

    def missing_details(self, limit: int = 500) -> builtins.list[str]:
        """Sessions listed but whose XML has not arrived yet (a pull cut short)."""
        rows = self._db.rows(
            "SELECT instance_id FROM review_sessions WHERE instance_xml IS NULL LIMIT ?",
            (int(limit),),
        )
        return [r["instance_id"] for r in rows]

    def events(self, root_id: str) -> builtins.list[ReviewEvent]:
        rows = self._db.rows(
            "SELECT event_id, instance_id, root_id, state, comment, reviewer, at"
            " FROM review_events WHERE root_id = ? ORDER BY event_id",
            (root_id,),
        )
        return [ReviewEvent(**row) for row in rows]

    def last_event_id(self, instance_id: str) -> int:
        """The newest review event known on this version (0: none): what a review 'saw'."""
        row = self._db.row(
            "SELECT max(event_id) AS n FROM review_events WHERE instance_id = ?", (instance_id,)
        )
        return int(row["n"] or 0) if row else 0

    # -- attachments -------------------------------------------------------------------------
    def attachments(self, instance_id: str) -> builtins.list[CachedAttachment]:
        rows = self._db.rows(
            "SELECT instance_id, name, content_type, size, sha256, data IS NOT NULL AS cached"
            " FROM review_attachments WHERE instance_id = ? ORDER BY name",
            (instance_id,),
        )
        return [CachedAttachment(**{**row, "cached": bool(row["cached"])}) for row in rows]

    def attachment_data(self, instance_id: str, name: str) -> bytes | None:
        row = self._db.row(
            "SELECT data FROM review_attachments WHERE instance_id = ? AND name = ?",
            (instance_id, name),
        )
        return None if row is None or row["data"] is None else bytes(row["data"])

    def put_attachment_data(self, instance_id: str, name: str, data: bytes) -> None:
        """Cache a downloaded file; refused unless it is the file the server listed."""
        digest = hashlib.sha256(data).hexdigest()
        with self._db.write() as conn:
            row = conn.execute(
                "SELECT sha256 FROM review_attachments WHERE instance_id = ? AND name = ?",
                (instance_id, name),
            ).fetchone()
            if row is None:
                raise not_found(f"File {name!r} of session {instance_id}")
            if row[0] != digest:
                raise StoreError(
                    INVALID,
                    f"The file {name!r} that arrived is not the one the server listed.",
                    "Try opening it again later.",
                )
            conn.execute(
                "UPDATE review_attachments SET data = ? WHERE instance_id = ? AND name = ?",
                (data, instance_id, name),
            )
