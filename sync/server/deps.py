"""FastAPI dependencies: the server's state and the caller's identity from a Bearer token."""

from __future__ import annotations

from fastapi import Request

from sync.server.accounts import Principal, principal_for_token
from sync.server.db import Database
from sync.server.errors import Refused
from sync.server.submissions import SubmissionInbox


def database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def inbox(request: Request) -> SubmissionInbox:
    inbox: SubmissionInbox = request.app.state.inbox
    return inbox


def caller(request: Request) -> Principal:
    """The device or user behind ``Authorization: Bearer <token>``; 401 otherwise.

    A plain function, so FastAPI runs its database lookup in the thread pool, off the event loop.
    """
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Refused(401, "this needs an Authorization: Bearer <token> header")
    found = principal_for_token(request.app.state.db, token)
    if found is None:
        raise Refused(401, "the token is unknown, expired or revoked: enroll or log in again")
    return found
