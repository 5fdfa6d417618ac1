"""Building the FastAPI application from settings (also from environment variables, for workers)."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect
from starlette.responses import Response

from sync.server import api, export_api, openrosa, sealed_review, supervisor_api, users_api
from sync.server.db import Database
from sync.server.errors import UNSTORABLE_VALUE, Refused
from sync.server.group_commit import GroupCommit
from sync.server.guard import BodyTooLarge, RequestGuard
from sync.server.keyed_urls import KeyedUrls, redact_keys_in_logs
from sync.server.migrations import migrate
from sync.server.openrosa import RememberedTokens
from sync.server.responses import is_api_path, refusal
from sync.server.security import PasswordCheckGate
from sync.server.shared_writer import ENV_SECRET, ENV_SOCKET, SharedWriterClient
from sync.server.submissions import SubmissionInbox
from sync.server.throttle import AttemptThrottle
from sync.server.uploads import BodyTurns

log = logging.getLogger("encuentro.server")

ENV_DATABASE_URL = "ENCUENTRO_SERVER_DATABASE_URL"
ENV_MAX_SUBMISSION_BYTES = "ENCUENTRO_SERVER_MAX_SUBMISSION_BYTES"
DEFAULT_MAX_SUBMISSION_BYTES = 64 * 1024 * 1024
MAX_OTHER_BYTES = 1024 * 1024


@dataclass(frozen=True)
class ServerSettings:
    database_url: str
    max_submission_bytes: int = DEFAULT_MAX_SUBMISSION_BYTES
    max_other_bytes: int = MAX_OTHER_BYTES
    # Failed logins per username, and failed logins or enrollments per client address, within a
    # window; shared by every process over the database (throttle.py).
    max_failed_attempts: int = 10
    max_failed_per_address: int = 30
    failed_attempts_window_s: float = 300
    # argon2 checks at once per process (64 MiB each), and how long a login waits for a turn.
    password_checks_at_once: int = 2
    password_check_wait_s: float = 5
    # The main process's shared writer (shared_writer.py), when it runs one: (socket, secret).
    shared_writer: tuple[str, str] | None = None


def is_submission_path(path: str) -> bool:
    return path == "/submission" or path.endswith("/submission")


def create_app(settings: ServerSettings, *, run_migrations: bool = True) -> FastAPI:
    """The server application over the settings' database (migrated first unless told not to)."""
    redact_keys_in_logs()
    db = Database(settings.database_url)
    if run_migrations:
        migrate(db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.ingest.close()
        db.dispose()

    app = FastAPI(
        title="Encuentro central server",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
        # FastAPI's OpenTelemetry hooks off, whatever the environment says: traces and exception
        # records may carry request data (answers about people) to an exporter, and checking
        # whether one is configured cost about 50 us per request on the ingest path.
        telemetry={
            "tracing": False,
            "metrics": False,
            "logs": False,
            "operation_spans": False,
            "auto_configure": False,
        },
    )
    app.state.settings = settings
    app.state.db = db
    app.state.inbox = SubmissionInbox(db)
    local = GroupCommit(db, app.state.inbox.store, (Refused,))
    app.state.ingest = (
        local
        if settings.shared_writer is None
        else SharedWriterClient(*settings.shared_writer, local=local)
    )
    app.state.body_turns = BodyTurns()
    app.state.remembered_tokens = RememberedTokens()
    app.state.attempts = AttemptThrottle(db, window_s=settings.failed_attempts_window_s)
    app.state.password_gate = PasswordCheckGate(
        settings.password_checks_at_once, settings.password_check_wait_s
    )
    openrosa.add_submission_fast_routes(app)  # first: matched before the routers below
    app.include_router(openrosa.router)
    app.include_router(api.router)
    app.include_router(users_api.router)
    app.include_router(export_api.router)
    app.include_router(supervisor_api.router)
    app.include_router(sealed_review.router)
    _add_error_handlers(app)
    app.add_middleware(KeyedUrls)
    app.add_middleware(
        RequestGuard,
        submission_limit=settings.max_submission_bytes,
        other_limit=settings.max_other_bytes,
        submission_paths=is_submission_path,
    )
    return app


def create_app_from_env() -> FastAPI:
    """Factory for uvicorn workers: settings come from the environment the CLI prepared.

    The CLI has already migrated, so workers do not race each other doing it.
    """
    url = os.environ.get(ENV_DATABASE_URL)
    if not url:
        raise RuntimeError(f"{ENV_DATABASE_URL} is not set; start the server with `main.py server`")
    limit = int(os.environ.get(ENV_MAX_SUBMISSION_BYTES, DEFAULT_MAX_SUBMISSION_BYTES))
    socket_path, secret = os.environ.get(ENV_SOCKET), os.environ.get(ENV_SECRET)
    shared = (socket_path, secret) if socket_path and secret else None
    return create_app(
        ServerSettings(database_url=url, max_submission_bytes=limit, shared_writer=shared),
        run_migrations=False,
    )


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(Refused)
    async def refused(request: Request, error: Refused) -> Response:
        return refusal(request.url.path, error.status, error.reason, error.headers)

    @app.exception_handler(BodyTooLarge)
    async def too_large(request: Request, error: BodyTooLarge) -> Response:
        response = refusal(request.url.path, 413, str(error))
        response.headers["Connection"] = "close"
        return response

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        return refusal(request.url.path, error.status_code, str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        reasons = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        if is_api_path(request.url.path):
            return refusal(request.url.path, 422, reasons)
        return refusal(request.url.path, 400, f"invalid request parameters: {reasons}")

    @app.exception_handler(DataError)
    async def data_error(request: Request, error: DataError) -> Response:
        # The database refused a value the request carried (out of range, not storable): the
        # client's mistake, not the server's. Parameters stay out of the log (hide_parameters).
        log.warning("database refused a request value: %s", type(error.orig).__name__)
        return refusal(request.url.path, 400, UNSTORABLE_VALUE)

    @app.exception_handler(ClientDisconnect)
    async def disconnected(request: Request, error: ClientDisconnect) -> Response:
        # The client went away mid-upload; nothing was stored (the transaction never began).
        log.info("client disconnected during %s %s", request.method, request.url.path)
        return Response(status_code=400)
