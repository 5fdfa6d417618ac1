"""JSON API for the desktop app's supervisor mode: review history, and a review that is safe to send
twice.

    GET  /api/v1/submissions/{instanceID}/reviews
         {"items": [{event_id, instance_id, state, comment, reviewer, at}]}: every review event
         on every version of that submission (same root), oldest first; 404 if not visible
    POST /api/v1/submissions/{instanceID}/reviews  {"state", "comment", "after_event"}
         supervisors/admins only. ``after_event`` is the newest review event id the reviewer had
         seen on this version (0 for none). Answers 200 {instance_id, review_state,
         review_comment, reviewed_at, event_id, duplicate}:
           - a review event after ``after_event`` by the same user with the same state and
             comment exists: that event is the answer ("duplicate": true), nothing is written.
             A review sent again after a lost answer or a crash is thus stored once;
           - otherwise, another review was recorded after ``after_event``: 409 (someone else
             reviewed it meanwhile; the reviewer must look again);
           - the submission has a newer version: 409 naming it (as the plain review endpoint).
         has_issues and rejected need a non-empty comment (400): the facilitator is told why.

Why not a stored idempotency key: the check above needs no new column, and "the same verdict by
the same person on what they last saw" is exactly what a repeated request is.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field
from sqlalchemy import select

from sync.server import schema
from sync.server.accounts import Principal
from sync.server.db import Database, inserted_id, utc_now
from sync.server.deps import caller, database
from sync.server.errors import Refused
from sync.server.review import _submission_pk, _visible

router = APIRouter(prefix="/api/v1")
Caller = Annotated[Principal, Depends(caller)]
Db = Annotated[Database, Depends(database)]
MAX_INT = 2**31 - 1
NEEDS_COMMENT = ("has_issues", "rejected")

s, u, ev = schema.submissions, schema.users, schema.review_events


class GuardedReview(BaseModel):
    state: str
    comment: str | None = Field(default=None, max_length=20000)
    after_event: int = Field(default=0, ge=0, le=MAX_INT)


@router.get("/submissions/{instance_id}/reviews")
def review_history(
    db: Db, principal: Caller, instance_id: str, limit: Annotated[int, Query(ge=1, le=500)] = 500
) -> dict[str, Any]:
    """Who reviewed which version of this submission, when, and what they said."""
    with db.read() as conn:
        pk = _submission_pk(conn, principal, instance_id)
        root = select(s.c.root_id).where(s.c.id == pk).scalar_subquery()
        query = _visible(
            select(
                ev.c.id.label("event_id"),
                s.c.instance_id,
                ev.c.state,
                ev.c.comment,
                u.c.username.label("reviewer"),
                ev.c.at,
            )
            .select_from(
                ev.join(s, ev.c.submission_pk == s.c.id).outerjoin(u, ev.c.user_id == u.c.id)
            )
            .where(s.c.root_id == root),
            principal,
        )
        items = [dict(row) for row in conn.execute(query.order_by(ev.c.id).limit(limit)).mappings()]
    return {"items": items}


@router.post("/submissions/{instance_id}/reviews")
def guarded_review(
    db: Db, principal: Caller, instance_id: str, body: GuardedReview
) -> dict[str, Any]:
    """Record a review once, however many times it is sent (see the module docstring)."""
    if principal.is_device:
        raise Refused(403, "devices cannot review submissions")
    if body.state not in schema.SETTABLE_REVIEW_STATES:
        raise Refused(400, f"state must be one of {', '.join(schema.SETTABLE_REVIEW_STATES)}")
    comment = body.comment
    if comment is not None and "\0" in comment:
        raise Refused(400, "the comment holds a NUL character")
    if body.state in NEEDS_COMMENT and not (comment or "").strip():
        raise Refused(400, f"{body.state} needs a comment saying why")
    now = utc_now()
    with db.write() as conn:
        if db.dialect == "postgresql":
            # As review.set_review: event ids become visible in order, and two copies of one
            # request cannot both pass the check below.
            conn.exec_driver_sql("LOCK TABLE review_events IN EXCLUSIVE MODE")
        pk = _submission_pk(conn, principal, instance_id)
        since = conn.execute(
            select(ev.c.id, ev.c.state, ev.c.comment, ev.c.user_id, ev.c.at, u.c.username)
            .select_from(ev.outerjoin(u, ev.c.user_id == u.c.id))
            .where(ev.c.submission_pk == pk, ev.c.id > body.after_event)
            .order_by(ev.c.id)
        ).all()
        for row in since:
            if (
                row.user_id == principal.user_id
                and row.state == body.state
                and (row.comment == comment)
            ):
                return _answer(instance_id, row.state, row.comment, row.at, row.id, True)
        newer = conn.execute(
            select(s.c.instance_id)
            .where(s.c.root_id == select(s.c.root_id).where(s.c.id == pk).scalar_subquery())
            .where(s.c.is_current.is_(True), s.c.id != pk)
        ).scalar()
        if newer is not None:
            raise Refused(
                409,
                f"submission {instance_id} was replaced by a newer version ({newer}); review that",
            )
        if since:
            last = since[-1]
            raise Refused(
                409,
                f"submission {instance_id} was reviewed meanwhile ({last.state} by "
                f"{last.username or 'someone'} at {last.at}); look at it again",
            )
        conn.execute(
            s.update()
            .where(s.c.id == pk)
            .values(
                review_state=body.state,
                review_comment=comment,
                reviewed_at=now,
                reviewed_by=principal.user_id,
            )
        )
        event_id = inserted_id(
            conn.execute(
                ev.insert().values(
                    submission_pk=pk,
                    state=body.state,
                    comment=comment,
                    user_id=principal.user_id,
                    at=now,
                )
            )
        )
    return _answer(instance_id, body.state, comment, now, event_id, False)


def _answer(
    instance_id: str, state: str, comment: str | None, at: str, event_id: int, duplicate: bool
) -> dict[str, Any]:
    return {
        "instance_id": instance_id,
        "review_state": state,
        "review_comment": comment,
        "reviewed_at": at,
        "event_id": int(event_id),
        "duplicate": duplicate,
    }
