"""Reading submissions back (list, one, attachments), reviewing them, and feedback for devices.

Visibility: a device sees only the submissions it sent; a supervisor those of their projects; an
admin all. A submission one may not see is reported as not found (404), so its existence does not
leak.
"""

from __future__ import annotations

import base64
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select, tuple_

from app.odk_encryption import is_manifest, read_manifest
from sync.server import schema
from sync.server.accounts import Principal
from sync.server.db import Database, inserted_id, utc_now
from sync.server.errors import Refused
from sync.server.submission_xml import expected_attachments

MAX_PAGE = 500
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00")

s, f, d, a = schema.submissions, schema.forms, schema.devices, schema.submission_attachments
u, ev = schema.users, schema.review_events

_present = select(func.count()).select_from(a).where(a.c.submission_pk == s.c.id).scalar_subquery()
_LIST_COLUMNS = (
    s.c.instance_id,
    s.c.root_id,
    s.c.deprecated_id,
    s.c.is_current,
    s.c.project_id,
    f.c.form_id,
    f.c.version.label("form_version"),
    f.c.title.label("form_title"),
    s.c.device_id,
    d.c.name.label("device_name"),
    s.c.received_at,
    s.c.review_state,
    s.c.review_comment,
    s.c.reviewed_at,
    s.c.attachments_expected,
    _present.label("attachments_present"),
)


@dataclass(frozen=True)
class SubmissionFilter:
    form_id: str | None = None
    project_id: int | None = None
    review_state: str | None = None
    device_id: int | None = None
    received_from: str | None = None  # inclusive, stored text form (UTC ISO)
    received_to: str | None = None  # exclusive
    include_old_versions: bool = False


def _visible(query: Select[*tuple[Any, ...]], principal: Principal) -> Select[*tuple[Any, ...]]:
    if principal.is_device:
        return query.where(s.c.device_id == principal.device_id)
    if principal.project_ids is not None:
        return query.where(s.c.project_id.in_(principal.project_ids))
    return query


def _from() -> Any:
    return s.join(f, s.c.form_pk == f.c.id).outerjoin(d, s.c.device_id == d.c.id)


def encode_cursor(received_at: str, pk: int) -> str:
    """The opaque ``next`` of a listing page: where the next page starts (newest first)."""
    return base64.urlsafe_b64encode(f"{received_at}|{pk}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, int]:
    """(received_at, id) of a cursor from ``encode_cursor``; 400 for anything else."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        received_at, pk = text.split("|")
        if not _TIME.fullmatch(received_at) or not pk.isdigit() or not 1 <= int(pk) < 2**31:
            raise ValueError(text)
    except (ValueError, UnicodeDecodeError):
        raise Refused(400, "after must be the 'next' value of an earlier page") from None
    return received_at, int(pk)


def list_submissions(
    db: Database,
    principal: Principal,
    filters: SubmissionFilter,
    offset: int = 0,
    limit: int = 100,
    after: str | None = None,
    with_total: bool | None = None,
) -> dict[str, Any]:
    """One page of visible submissions, newest first (ties by id), and where the next starts.

    Pages follow one another by keyset (``after`` = the previous page's ``next``): each page is an
    index range read, as fast at the 1,000th page as at the first, and stable while submissions
    arrive. ``offset`` still works (it skips rows, so its cost grows with it). The total count
    reads every matching row: it is given when asked (``with_total``), and by default only for a
    first page without ``after`` (as before keyset paging)."""
    if limit < 1 or limit > MAX_PAGE or offset < 0:
        raise Refused(400, f"limit must be 1..{MAX_PAGE} and offset at least 0")
    conditions = []
    if filters.form_id is not None:
        conditions.append(f.c.form_id == filters.form_id)
    if filters.project_id is not None:
        conditions.append(s.c.project_id == filters.project_id)
    if filters.review_state is not None:
        if filters.review_state not in schema.REVIEW_STATES:
            raise Refused(400, f"status must be one of {', '.join(schema.REVIEW_STATES)}")
        conditions.append(s.c.review_state == filters.review_state)
    if filters.device_id is not None:
        conditions.append(s.c.device_id == filters.device_id)
    if filters.received_from is not None:
        conditions.append(s.c.received_at >= filters.received_from)
    if filters.received_to is not None:
        conditions.append(s.c.received_at < filters.received_to)
    if not filters.include_old_versions:
        conditions.append(s.c.is_current.is_(True))
    if with_total is None:
        with_total = after is None
    count = _visible(select(func.count()).select_from(_from()).where(*conditions), principal)
    if after is not None:
        received_at, pk = decode_cursor(after)
        conditions.append(tuple_(s.c.received_at, s.c.id) < tuple_(received_at, pk))
    page = _visible(
        select(*_LIST_COLUMNS, s.c.id.label("_pk")).select_from(_from()).where(*conditions),
        principal,
    )
    with db.read() as conn:
        total = conn.execute(count).scalar_one() if with_total else None
        rows = conn.execute(
            page.order_by(s.c.received_at.desc(), s.c.id.desc()).offset(offset).limit(limit)
        ).mappings()
        items = [dict(row) for row in rows]
    next_cursor = None
    if len(items) == limit:
        next_cursor = encode_cursor(items[-1]["received_at"], items[-1]["_pk"])
    for item in items:
        del item["_pk"]
    return {"items": items, "total": total, "offset": offset, "limit": limit, "next": next_cursor}


def _submission_pk(
    conn: Any, principal: Principal, instance_id: str, project_id: int | None = None
) -> int:
    query = _visible(select(s.c.id).where(s.c.instance_id == instance_id), principal)
    if project_id is not None:
        query = query.where(s.c.project_id == project_id)
    found = conn.execute(query.order_by(s.c.id).limit(2)).scalars().all()
    if not found:
        raise Refused(404, f"no submission {instance_id} that you may see")
    if len(found) > 1:
        # An instanceID is unique per project; one who sees several projects names which.
        raise Refused(
            409,
            f"submission {instance_id} exists in more than one of your projects: "
            "add ?project_id= to say which",
        )
    return int(found[0])


def get_submission(
    db: Database, principal: Principal, instance_id: str, project_id: int | None = None
) -> dict[str, Any]:
    """One submission with its XML, its attachments (no bytes) and its versions' instanceIDs."""
    with db.read() as conn:
        pk = _submission_pk(conn, principal, instance_id, project_id)
        row = (
            conn.execute(
                select(*_LIST_COLUMNS, s.c.xml, f.c.binary_paths)
                .select_from(_from())
                .where(s.c.id == pk)
            )
            .mappings()
            .one()
        )
        file_rows = conn.execute(
            select(a.c.name, a.c.content_type, a.c.size, a.c.sha256, a.c.received_at)
            .where(a.c.submission_pk == pk)
            .order_by(a.c.name)
        ).mappings()
        versions = conn.execute(
            _visible(
                select(s.c.instance_id).where(
                    s.c.root_id == row["root_id"], s.c.project_id == row["project_id"]
                ),
                principal,
            ).order_by(s.c.id)
        ).scalars()
        files = [dict(x) for x in file_rows]
        record = {key: value for key, value in row.items() if key != "binary_paths"}
        return {
            **record,
            "attachments": files,
            "attachments_missing": _missing(row["xml"], row["binary_paths"], files),
            # ODK-encrypted: "xml" is the manifest; POST .../decrypt with the key reads it.
            "encrypted": is_manifest(row["xml"]),
            "versions": list(versions),
        }


def visible_submission_pk(
    conn: Any, principal: Principal, instance_id: str, project_id: int | None = None
) -> int:
    """The row of a submission the caller may see (404/409 as the other endpoints answer)."""
    return _submission_pk(conn, principal, instance_id, project_id)


def _missing(xml: str, binary_paths: str, files: list[dict[str, Any]]) -> list[str]:
    """Files the answers name (photos, audio...) that have not arrived yet; for an encrypted
    submission, the .enc files its manifest names."""
    if is_manifest(xml):
        try:
            manifest = read_manifest(xml)
        except ValueError:
            return []
        named = {unicodedata.normalize("NFC", n) for n in [*manifest.media, manifest.xml_file]}
        return sorted(named - {item["name"] for item in files})
    paths = json.loads(binary_paths)
    if not paths:
        return []
    try:
        expected = expected_attachments(xml.encode("utf-8"), paths)
    except Refused:
        # Stored before today's limits (nesting, element count): still shown in full, only the
        # list of missing files is not worked out for it.
        return []
    return sorted(expected - {item["name"] for item in files})


def get_attachment(
    db: Database, principal: Principal, instance_id: str, name: str, project_id: int | None = None
) -> dict[str, Any]:
    """An attachment's bytes and content type."""
    with db.read() as conn:
        pk = _submission_pk(conn, principal, instance_id, project_id)
        row = (
            conn.execute(
                select(a.c.content_type, a.c.data).where(
                    a.c.submission_pk == pk, a.c.name == unicodedata.normalize("NFC", name)
                )
            )
            .mappings()
            .first()
        )
    if row is None:
        raise Refused(404, f"submission {instance_id} has no attachment {name!r}")
    return dict(row)


def set_review(
    db: Database,
    principal: Principal,
    instance_id: str,
    state: str,
    comment: str | None,
    project_id: int | None = None,
) -> dict[str, Any]:
    """A supervisor's review: approved, has_issues (returned with comments) or rejected."""
    if principal.is_device:
        raise Refused(403, "devices cannot review submissions")
    if state not in schema.SETTABLE_REVIEW_STATES:
        raise Refused(400, f"state must be one of {', '.join(schema.SETTABLE_REVIEW_STATES)}")
    if comment is not None and "\0" in comment:  # PostgreSQL refuses it; SQLite would keep it
        raise Refused(400, "the comment holds a NUL character")
    now = utc_now()
    with db.write() as conn:
        if db.dialect == "postgresql":
            # Feedback cursors are event ids: serialise review writes so that ids become visible in
            # order (SQLite's BEGIN IMMEDIATE already does). Reviews are rare; ingest never waits.
            conn.exec_driver_sql("LOCK TABLE review_events IN EXCLUSIVE MODE")
        pk = _submission_pk(conn, principal, instance_id, project_id)
        same = select(s.c.root_id, s.c.project_id).where(s.c.id == pk).subquery()
        newer = conn.execute(
            select(s.c.instance_id)
            .where(s.c.root_id == same.c.root_id, s.c.project_id == same.c.project_id)
            .where(s.c.is_current.is_(True), s.c.id != pk)
        ).scalar()
        if newer is not None:
            # The device has sent an edit since: a verdict on the old text would reach the
            # facilitator as if it were about what they sent last.
            raise Refused(
                409,
                f"submission {instance_id} was replaced by a newer version ({newer}); review that",
            )
        conn.execute(
            s.update()
            .where(s.c.id == pk)
            .values(
                review_state=state,
                review_comment=comment,
                reviewed_at=now,
                reviewed_by=principal.user_id,
            )
        )
        event_id = inserted_id(
            conn.execute(
                ev.insert().values(
                    submission_pk=pk,
                    state=state,
                    comment=comment,
                    user_id=principal.user_id,
                    at=now,
                )
            )
        )
    return {
        "instance_id": instance_id,
        "review_state": state,
        "review_comment": comment,
        "reviewed_at": now,
        "event_id": event_id,
    }


def feedback(
    db: Database, principal: Principal, cursor: int = 0, limit: int = 200
) -> dict[str, Any]:
    """Review events on this device's submissions after ``cursor`` (pass it back next time)."""
    if not principal.is_device:
        raise Refused(403, "feedback is for enrolled devices; supervisors list submissions")
    if limit < 1 or limit > MAX_PAGE or cursor < 0:
        raise Refused(400, f"limit must be 1..{MAX_PAGE} and cursor at least 0")
    query = (
        select(
            ev.c.id.label("event_id"),
            s.c.instance_id,
            s.c.root_id,
            f.c.form_id,
            f.c.version.label("form_version"),
            ev.c.state.label("review_state"),
            ev.c.comment,
            ev.c.at.label("reviewed_at"),
            u.c.username.label("reviewer"),
        )
        .select_from(
            ev.join(s, ev.c.submission_pk == s.c.id)
            .join(f, s.c.form_pk == f.c.id)
            .outerjoin(u, ev.c.user_id == u.c.id)
        )
        .where(s.c.device_id == principal.device_id, ev.c.id > cursor)
        .order_by(ev.c.id)
        .limit(limit)
    )
    with db.read() as conn:
        items = [dict(row) for row in conn.execute(query).mappings()]
    next_cursor = items[-1]["event_id"] if items else cursor
    return {"items": items, "cursor": next_cursor, "more": len(items) == limit}
