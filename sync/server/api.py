"""JSON API under /api/v1/: health, enrollment, login, submissions, review and device feedback."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import text
from starlette.responses import JSONResponse, Response

from sync.server import accounts, forms, review
from sync.server.accounts import AccountError, Principal
from sync.server.db import Database, to_utc_text
from sync.server.deps import caller, database
from sync.server.errors import Refused
from sync.server.security import PasswordChecksBusy
from sync.server.throttle import enrollment_keys, login_keys

router = APIRouter(prefix="/api/v1")
Caller = Annotated[Principal, Depends(caller)]
Db = Annotated[Database, Depends(database)]
# Ids, offsets and cursors are 32-bit integers in both databases: bound them so that a huge number
# is the client's 422, not a database overflow.
MAX_INT = 2**31 - 1
BUSY_RETRY_AFTER_S = 5
Id = Annotated[int | None, Query(ge=1, le=MAX_INT)]
Count = Annotated[int, Query(ge=0, le=MAX_INT)]


class EnrollRequest(BaseModel):
    code: str = Field(min_length=1, max_length=100)


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=1, max_length=1000)


class ReviewRequest(BaseModel):
    state: str
    comment: str | None = Field(default=None, max_length=20000)


@router.get("/health")
def health(db: Db) -> dict[str, Any]:
    """No token needed: tells the server is up and its database answers."""
    try:
        with db.read() as conn:  # one query: cheap enough for the clients' periodic probe
            version = conn.execute(text("SELECT max(version) FROM schema_migrations")).scalar()
    except Exception as error:  # any driver error means "database unreachable" to a monitor
        raise Refused(503, f"the database does not answer: {type(error).__name__}") from None
    return {"status": "ok", "database": db.dialect, "schema_version": version}


def _address(request: Request) -> str:
    # The peer's address, or the forwarded client's when uvicorn trusts the proxy in front
    # (--forwarded-allow-ips); never a header anyone else sends.
    return request.client.host if request.client is not None else "unknown"


@router.post("/enroll")
def enroll(body: EnrollRequest, db: Db, request: Request) -> dict[str, Any]:
    """A one-time enrollment code becomes a device token (shown only in this answer).

    Attempts are counted per client address before the code is looked at (429 with Retry-After
    past the limit): codes are guessable only one request at a time."""
    state = request.app.state
    keys = enrollment_keys(_address(request), state.settings.max_failed_per_address)
    state.attempts.begin(keys, "enrollment")
    try:
        enrolled = accounts.enroll_device(db, body.code)
    except AccountError as error:
        raise Refused(403, str(error)) from None
    state.attempts.forgive(keys)
    return enrolled


@router.post("/login")
def login(body: LoginRequest, db: Db, request: Request) -> dict[str, Any]:
    """A supervisor's or admin's username and password become a bearer token.

    The attempt is counted (per username and per address) before the password is checked, and
    only a few checks run at once per process (503 with Retry-After when all stay busy)."""
    state, settings = request.app.state, request.app.state.settings
    keys = login_keys(
        body.username,
        _address(request),
        settings.max_failed_attempts,
        settings.max_failed_per_address,
    )
    state.attempts.begin(keys, "login")
    try:
        token, expires_at = accounts.login(db, body.username, body.password, state.password_gate)
    except AccountError as error:
        raise Refused(401, str(error)) from None
    except PasswordChecksBusy:
        state.attempts.forgive(keys)  # never checked: not a failure
        raise Refused(
            503,
            "the server is busy checking other passwords; try again in a few seconds",
            headers={"Retry-After": str(BUSY_RETRY_AFTER_S)},
        ) from None
    state.attempts.forgive(keys, clear=[key for key in keys if key.kind == "login-user"])
    return {"token": token, "expires_at": expires_at}


@router.post("/logout", status_code=204)
def logout(db: Db, principal: Caller) -> Response:
    """Revoke the token this request carries."""
    accounts.revoke_token(db, principal.token_hash)
    return Response(status_code=204)


@router.get("/me")
def me(principal: Caller) -> dict[str, Any]:
    projects = None if principal.project_ids is None else sorted(principal.project_ids)
    return {
        "kind": principal.kind,
        "name": principal.name,
        "role": principal.role,
        "device_id": principal.device_id,
        "user_id": principal.user_id,
        "project_ids": projects,
    }


@router.get("/forms")
def list_forms(db: Db, principal: Caller) -> list[dict[str, Any]]:
    return forms.current_forms(db, principal.project_ids)


@router.get("/devices")
def list_devices(db: Db, principal: Caller) -> list[dict[str, Any]]:
    if principal.is_device:
        raise Refused(403, "devices cannot list devices")
    return accounts.list_devices(db, principal.project_ids)


def _moment(value: str | None, name: str, end: bool) -> str | None:
    """ISO date or date-time to stored text; a bare date as ``to`` includes that whole day (UTC)."""
    if value is None:
        return None
    try:
        if len(value) == 10:
            day = date.fromisoformat(value) + (timedelta(days=1) if end else timedelta())
            return to_utc_text(datetime.combine(day, time()))
        return to_utc_text(datetime.fromisoformat(value))
    except (ValueError, OverflowError):  # OverflowError: year 9999 plus a day or an offset
        raise Refused(400, f"{name} must be an ISO date or date-time, got {value!r}") from None


@router.get("/submissions")
def list_submissions(
    db: Db,
    principal: Caller,
    form_id: str | None = None,
    project_id: Id = None,
    status: str | None = None,
    device_id: Id = None,
    received_from: Annotated[str | None, Query(alias="from")] = None,
    received_to: Annotated[str | None, Query(alias="to")] = None,
    include_old_versions: bool = False,
    offset: Count = 0,
    limit: Count = 100,
    after: Annotated[str | None, Query(max_length=200)] = None,
    total: bool | None = None,
) -> Response:
    """Visible submissions, newest first; filters combine with AND; pages by ``after``.

    Answered as JSON directly: FastAPI's response encoding walked every field of every item in
    Python, four times the cost of the query for a page of 100."""
    filters = review.SubmissionFilter(
        form_id=form_id,
        project_id=project_id,
        review_state=status,
        device_id=device_id,
        received_from=_moment(received_from, "from", end=False),
        received_to=_moment(received_to, "to", end=True),
        include_old_versions=include_old_versions,
    )
    page = review.list_submissions(
        db, principal, filters, offset=offset, limit=limit, after=after, with_total=total
    )
    return JSONResponse(page)


@router.get("/submissions/{instance_id}")
def get_submission(
    db: Db, principal: Caller, instance_id: str, project_id: Id = None
) -> dict[str, Any]:
    return review.get_submission(db, principal, instance_id, project_id)


@router.get("/submissions/{instance_id}/attachments/{name}")
def get_attachment(
    db: Db, principal: Caller, instance_id: str, name: str, project_id: Id = None
) -> Response:
    found = review.get_attachment(db, principal, instance_id, name, project_id)
    # The content type came from the device: never let a browser render it as a page.
    headers = {
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name, safe='')}",
        "X-Content-Type-Options": "nosniff",
    }
    return Response(found["data"], media_type=found["content_type"], headers=headers)


@router.post("/submissions/{instance_id}/review")
def set_review(
    db: Db, principal: Caller, instance_id: str, body: ReviewRequest, project_id: Id = None
) -> dict[str, Any]:
    """approved / has_issues / rejected, with an optional comment (sent back to the device)."""
    return review.set_review(db, principal, instance_id, body.state, body.comment, project_id)


@router.get("/feedback")
def feedback(db: Db, principal: Caller, cursor: Count = 0, limit: Count = 200) -> dict[str, Any]:
    """Review events on this device's submissions after ``cursor``."""
    return review.feedback(db, principal, cursor=cursor, limit=limit)
