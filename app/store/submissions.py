"""store.submissions: sessions (drafts and finalised ones), their states, the paged list."""

from __future__ import annotations

import builtins
from collections.abc import Collection, Iterator, Sequence
from datetime import timedelta
from typing import Any

from app.store.database import Database, fold, not_found
from app.store.errors import CONFLICT, INVALID, READ_ONLY, StoreError
from app.store.people import write_audit
from app.store.records import (
    REVIEW_STATES,
    SORT_KEYS,
    STATUSES,
    SessionFilter,
    Submission,
    SubmissionSummary,
    day_start_iso,
    now_iso,
)
from app.store.sealed import SEALED_MANIFEST

_SUMMARY_COLUMNS = (
    "s.instance_id, s.form_id, s.form_version, s.status, s.language, s.profile_id, s.facilitator,"
    " s.community, s.created_at, s.updated_at, s.finalized_at, s.sent_at, s.review_state,"
    " s.review_comment, s.last_error, s.deprecated_id"
)


def _where(filters: SessionFilter | None) -> tuple[str, list[Any]]:
    if filters is None:
        return "", []
    clauses: list[str] = []
    params: list[Any] = []
    if filters.form_id:
        clauses.append("s.form_id = ?")
        params.append(filters.form_id)
    if filters.status:
        statuses = (filters.status,) if isinstance(filters.status, str) else filters.status
        clauses.append(f"s.status IN ({', '.join('?' * len(statuses))})")
        params.extend(statuses)
    if filters.community:
        clauses.append("s.community = ?")
        params.append(filters.community)
    if filters.deprecated_id:
        clauses.append("s.deprecated_id = ?")
        params.append(filters.deprecated_id)
    if filters.profile_id:
        clauses.append("s.profile_id = ?")
        params.append(filters.profile_id)
    if filters.text and filters.text.strip():
        wanted = fold(filters.text.strip()) or ""
        escaped = wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        clauses.append(
            "(fold(s.community) LIKE ? ESCAPE '\\' OR fold(s.facilitator) LIKE ? ESCAPE '\\')"
        )
        params += [f"%{escaped}%", f"%{escaped}%"]
    if filters.since:
        clauses.append("s.created_at >= ?")
        params.append(day_start_iso(filters.since))
    if filters.until:
        clauses.append("s.created_at < ?")
        params.append(day_start_iso(filters.until + timedelta(days=1)))
    if filters.not_sent:
        # Refused for good: the outbox keeps the reason and has no next attempt (see Outbox).
        clauses.append(
            "EXISTS (SELECT 1 FROM outbox o WHERE o.instance_id = s.instance_id"
            " AND o.next_attempt_at IS NULL AND o.last_error IS NOT NULL)"
        )
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


# Whitelisted: only these column names ever reach the ORDER BY. Each leads an index (schema.py)
# the filters use too, so the first page is read in order without sorting every session.
_SORT_COLUMNS = {
    "updated": "s.updated_at",
    "created": "s.created_at",
    "form": "s.form_id",
    "community": "s.community",
    "status": "s.status",
    "facilitator": "s.facilitator",
}


def _order(filters: SessionFilter | None) -> str:
    key = filters.sort if filters is not None else "updated"
    if key not in SORT_KEYS:
        raise StoreError(INVALID, f"The sessions list cannot be sorted by {key!r}.")
    direction = "DESC" if filters is None or filters.descending else "ASC"
    column = _SORT_COLUMNS[key]
    if column == "s.updated_at":
        return f"ORDER BY s.updated_at {direction}, s.instance_id {direction}"
    # Ties (one community, one status…): most recently changed first, then a fixed order so
    # paging never shows a row twice or skips one.
    return f"ORDER BY {column} {direction}, s.updated_at DESC, s.instance_id DESC"


class Submissions:
    """Sessions. A draft is its instance XML plus position and language; finalising makes it
    read-only and puts it in the outbox in the same transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- writing ---------------------------------------------------------------------------------
    def create(
        self,
        instance_id: str,
        form_id: str,
        form_version: str,
        instance_xml: str,
        *,
        language: str | None = None,
        profile_id: str | None = None,
        facilitator: str | None = None,
        community: str | None = None,
        position: str | None = None,
        deprecated_id: str | None = None,
        files_from: str | None = None,
    ) -> Submission:
        """Save a new draft (committed before returning). instance_id must be "uuid:...".
        files_from: another session whose attachments the draft starts with (a correction
        carries the returned session's photos, in the same transaction)."""
        if not instance_id.startswith("uuid:"):
            raise StoreError(INVALID, f"Instance ID {instance_id!r} must start with 'uuid:'.")
        now = now_iso()
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO submissions (instance_id, form_id, form_version, status, language,"
                " profile_id, facilitator, community, position, created_at, updated_at,"
                " deprecated_id, instance_xml)"
                " VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    instance_id,
                    form_id,
                    form_version,
                    language,
                    profile_id,
                    facilitator,
                    community,
                    position,
                    now,
                    now,
                    deprecated_id,
                    instance_xml,
                ),
            )
            if files_from is not None:
                conn.execute(
                    "INSERT INTO attachments (instance_id, filename, media_type, sha256, size,"
                    " created_at, path, data) SELECT ?, filename, media_type, sha256, size,"
                    " created_at, path, data FROM attachments WHERE instance_id = ?",
                    (instance_id, files_from),
                )
            write_audit(
                conn,
                profile_id,
                "session.created",
                instance_id,
                {"form_id": form_id, "version": form_version},
            )
        return self.get(instance_id)

    def save_draft(
        self,
        instance_id: str,
        instance_xml: str,
        *,
        position: str | None = None,
        language: str | None = None,
        community: str | None = None,
        expected_revision: int | None = None,
    ) -> int:
        """Replace a draft's answers (and position/language/community when given); committed
        before returning. Returns the draft's new revision. StoreError("read_only") if not a
        draft.

        expected_revision: the revision the caller last saved or read; when the stored draft is
        no longer at it (another window saved it meanwhile), StoreError("conflict") and nothing
        is written, so one window never silently overwrites the other's answers."""
        with self._db.write() as conn:
            row = conn.execute(
                "UPDATE submissions SET instance_xml = ?, updated_at = ?, revision = revision + 1,"
                " position = coalesce(?, position), language = coalesce(?, language),"
                " community = coalesce(?, community)"
                " WHERE instance_id = ? AND status = 'draft' AND (? IS NULL OR revision = ?)"
                " RETURNING revision",
                (
                    instance_xml,
                    now_iso(),
                    position,
                    language,
                    community,
                    instance_id,
                    expected_revision,
                    expected_revision,
                ),
            ).fetchall()  # read to the end: a statement still open would block the COMMIT
            if not row:
                self._refuse_edit(conn, instance_id)
            self._db.answers_overwritten()  # the previous version stays in the WAL for a while
        return int(row[0][0])

    def set_position(self, instance_id: str, position: str | None) -> None:
        """Remember where the facilitator is in a draft (so resuming lands there)."""
        with self._db.write() as conn:
            changed = conn.execute(
                "UPDATE submissions SET position = ? WHERE instance_id = ? AND status = 'draft'",
                (position, instance_id),
            ).rowcount
            if not changed:
                self._refuse_edit(conn, instance_id)

    def finalize(
        self,
        instance_id: str,
        instance_xml: str,
        *,
        actor: str | None = None,
        expected_revision: int | None = None,
        keep_files: Collection[str] | None = None,
        sealed: tuple[bytes, Sequence[tuple[str, bytes]]] | None = None,
    ) -> Submission:
        """Store the final XML, mark the session finalized (read-only from now on) and add it to the
        outbox — all in one transaction, committed before returning. expected_revision as in
        save_draft: answers saved meanwhile by another window are never finalised away.

        keep_files: the attachment names the final XML answers with; any other file of the draft
        (a photo replaced, or under a question hidden or removed since) is deleted in the same
        transaction, so it is never sent. None keeps every file.

        sealed: (manifest, [(name, encrypted bytes)]) of an ODK-encrypted form: that is what is
        sent (store.sealed). On an encrypted (SQLCipher) data file the plain answers stay too,
        for the facilitator to look at; on a plain file they are not kept at all (the session's
        XML becomes the manifest, its files and community are dropped): the answers then exist
        on this laptop only encrypted for the project's key."""
        now = now_iso()
        withhold = sealed is not None and not self._db.encrypted
        stored_xml = sealed[0].decode("utf-8") if sealed is not None and withhold else instance_xml
        with self._db.write() as conn:
            changed = conn.execute(
                "UPDATE submissions SET instance_xml = ?, status = 'finalized', updated_at = ?,"
                " finalized_at = ?, last_error = NULL, revision = revision + 1,"
                " community = CASE WHEN ? THEN NULL ELSE community END"
                " WHERE instance_id = ? AND status = 'draft' AND (? IS NULL OR revision = ?)",
                (
                    stored_xml,
                    now,
                    now,
                    withhold,
                    instance_id,
                    expected_revision,
                    expected_revision,
                ),
            ).rowcount
            if not changed:
                self._refuse_edit(conn, instance_id)
            self._db.answers_dropped()  # the draft's versions and unsent files leave the WAL
            if keep_files is not None:
                kept = sorted(set(keep_files))
                conn.execute(
                    "DELETE FROM attachments WHERE instance_id = ?"
                    f" AND filename NOT IN ({', '.join('?' * len(kept))})",
                    (instance_id, *kept),
                )
            if sealed is not None:
                manifest, parts = sealed
                conn.executemany(
                    "INSERT INTO sealed_parts (instance_id, position, filename, data)"
                    " VALUES (?, ?, ?, ?)",
                    [
                        (instance_id, position, name, data)
                        for position, (name, data) in enumerate(
                            [(SEALED_MANIFEST, manifest), *parts]
                        )
                    ],
                )
            if withhold:
                conn.execute("DELETE FROM attachments WHERE instance_id = ?", (instance_id,))
            conn.execute(
                "INSERT INTO outbox (instance_id, enqueued_at, attempts, next_attempt_at)"
                " VALUES (?, ?, 0, ?)",
                (instance_id, now, now),
            )
            details = {"encrypted": True} if sealed is not None else None
            write_audit(conn, actor, "session.finalized", instance_id, details)
        return self.get(instance_id)

    def delete_draft(self, instance_id: str, *, actor: str | None = None) -> None:
        """Discard a draft and its attachments. Finalised sessions cannot be deleted here."""
        with self._db.write() as conn:
            conn.execute(
                "DELETE FROM attachments WHERE instance_id = ? AND instance_id IN"
                " (SELECT instance_id FROM submissions WHERE status = 'draft')",
                (instance_id,),
            )
            changed = conn.execute(
                "DELETE FROM submissions WHERE instance_id = ? AND status = 'draft'", (instance_id,)
            ).rowcount
            if not changed:
                self._refuse_edit(conn, instance_id)
            self._db.answers_dropped()
            write_audit(conn, actor, "session.deleted", instance_id)

    def set_review(
        self, instance_id: str, state: str, comment: str | None = None, *, actor: str | None = None
    ) -> None:
        """Record a supervisor's decision (approved | has_issues | rejected) and comment."""
        if state not in REVIEW_STATES:
            raise StoreError(INVALID, f"Unknown review state {state!r}.")
        with self._db.write() as conn:
            changed = conn.execute(
                "UPDATE submissions SET status = ?, review_state = ?, review_comment = ?,"
                " updated_at = ? WHERE instance_id = ? AND status NOT IN ('draft', 'finalized')",
                (state, state, comment, now_iso(), instance_id),
            ).rowcount
            if not changed:
                self._require(conn, instance_id)
                raise StoreError(
                    INVALID, f"Session {instance_id} has not been sent, so it cannot be reviewed."
                )
            write_audit(conn, actor, "session.reviewed", instance_id, {"state": state})

    def _require(self, conn: Any, instance_id: str) -> str:
        row = conn.execute(
            "SELECT status FROM submissions WHERE instance_id = ?", (instance_id,)
        ).fetchone()
        if row is None:
            raise not_found(f"Session {instance_id}")
        return str(row[0])

    def _refuse_edit(self, conn: Any, instance_id: str) -> None:
        status = self._require(conn, instance_id)
        if status == "draft":  # still a draft: only the expected answers differed
            raise StoreError(
                CONFLICT,
                f"Session {instance_id} was changed in another Encuentro window since it was "
                "opened here, so this change was not saved (it would have overwritten those "
                "answers).",
                "Close the session here and open it again to see all its answers, then repeat "
                "the last change.",
            )
        raise StoreError(
            READ_ONLY,
            f"Session {instance_id} is {status} and can no longer be changed.",
            "Only drafts can be edited. To correct a returned session, start a correction of it.",
        )

    # -- reading ---------------------------------------------------------------------------------
    def get(self, instance_id: str) -> Submission:
        """One session with its instance XML."""
        row = self._db.row(
            f"SELECT {_SUMMARY_COLUMNS}, f.title AS form_title, s.position, s.instance_xml,"
            " s.revision"
            " FROM submissions s LEFT JOIN forms f"
            " ON f.form_id = s.form_id AND f.version = s.form_version WHERE s.instance_id = ?",
            (instance_id,),
        )
        if row is None:
            raise not_found(f"Session {instance_id}")
        return Submission(**row)

    def last_finalized_xml(self, form_id: str) -> str | None:
        """Instance XML of the form's most recently finalised session (any version), for
        ${last-saved#q} defaults (jr://instance/last-saved); None when there is none."""
        row = self._db.row(
            "SELECT instance_xml FROM submissions s WHERE form_id = ? AND status != 'draft'"
            " AND finalized_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sealed_parts p"
            " WHERE p.instance_id = s.instance_id AND p.position = 0"
            " AND CAST(p.data AS TEXT) = s.instance_xml)"  # only an encrypted copy is kept
            " ORDER BY finalized_at DESC, rowid DESC LIMIT 1",
            (form_id,),
        )
        return row["instance_xml"] if row is not None else None

    def exists(self, instance_id: str) -> bool:
        found = self._db.row("SELECT 1 FROM submissions WHERE instance_id = ?", (instance_id,))
        return found is not None

    def list(
        self, filters: SessionFilter | None = None, offset: int = 0, limit: int = 50
    ) -> list[SubmissionSummary]:
        """A page of the sessions list in the filters' order (most recently changed first by
        default); no XML is read. StoreError("invalid") for a sort key not in SORT_KEYS."""
        where, params = _where(filters)
        rows = self._db.rows(
            f"SELECT {_SUMMARY_COLUMNS}, f.title AS form_title FROM submissions s"
            " LEFT JOIN forms f ON f.form_id = s.form_id AND f.version = s.form_version"
            f" {where} {_order(filters)} LIMIT ? OFFSET ?",
            (*params, int(limit), int(offset)),
        )
        return [SubmissionSummary(**row) for row in rows]

    def count(self, filters: SessionFilter | None = None) -> int:
        """How many sessions match the filters (for the list's scroll range)."""
        where, params = _where(filters)
        row = self._db.row(f"SELECT count(*) AS n FROM submissions s {where}", tuple(params))
        return int(row["n"]) if row else 0

    def finished_of(self, form_id: str, *, page: int = 200) -> Iterator[dict[str, Any]]:
        """Every session of a form past the draft (finalised, sent or reviewed), oldest first,
        a page at a time: instance_id, form_version, status, review_state, profile_id,
        finalized_at, instance_xml. Their XML no longer changes (findings read it)."""
        after = ""
        while True:
            rows = self._db.rows(
                "SELECT instance_id, form_version, status, review_state, profile_id,"
                " coalesce(finalized_at, updated_at) AS finalized_at, instance_xml"
                " FROM submissions WHERE form_id = ? AND status != 'draft'"
                " AND (coalesce(finalized_at, updated_at) || instance_id) > ?"
                " ORDER BY coalesce(finalized_at, updated_at), instance_id LIMIT ?",
                (form_id, after, int(page)),
            )
            yield from rows
            if len(rows) < page:
                return
            after = rows[-1]["finalized_at"] + rows[-1]["instance_id"]

    def finished_rows(self, form_id: str) -> builtins.list[dict[str, Any]]:
        """``finished_of`` without the XML (the findings view reads kept sessions)."""
        return self._db.rows(
            "SELECT instance_id, form_version, status, review_state, profile_id,"
            " coalesce(finalized_at, updated_at) AS finalized_at FROM submissions"
            " WHERE form_id = ? AND status != 'draft'"
            " ORDER BY coalesce(finalized_at, updated_at), instance_id",
            (form_id,),
        )

    def xml_of(self, instance_ids: builtins.list[str]) -> dict[str, str]:
        """instance_id -> instance XML of these sessions (a few hundred at a time)."""
        return self._db.xml_by_instance("submissions", instance_ids)

    def count_finished_of(self, form_id: str) -> int:
        """How many rows ``finished_of`` yields."""
        row = self._db.row(
            "SELECT count(*) AS n FROM submissions WHERE form_id = ? AND status != 'draft'",
            (form_id,),
        )
        return int(row["n"]) if row else 0

    def count_by_status(self) -> dict[str, int]:
        """{status: number of sessions} for every status (zeros included)."""
        rows = self._db.rows("SELECT status, count(*) AS n FROM submissions GROUP BY status")
        counts = dict.fromkeys(STATUSES, 0)
        counts.update({row["status"]: int(row["n"]) for row in rows})
        return counts

    def communities(self) -> builtins.list[str]:
        """Distinct communities named in sessions (for the list's filter menu)."""
        rows = self._db.rows(
            "SELECT DISTINCT community FROM submissions WHERE community IS NOT NULL"
            " AND community != '' ORDER BY community COLLATE NOCASE"
        )
        return [str(row["community"]) for row in rows]
