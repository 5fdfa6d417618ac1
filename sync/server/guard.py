"""ASGI middleware before every request: body size limits (413), NUL bytes in the URL (400), the
OpenRosa version header and ``Cache-Control: no-store``.

The limit is checked twice: against Content-Length before anything is read (an honest large upload
is refused at once), and while the body streams in (a chunked or lying client is cut off at the
limit).
"""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Every answer: the OpenRosa version, and no-store, since answers about people, tokens and
# personal data must not stay in a browser's or a proxy's cache.
OPENROSA_HEADERS = [(b"x-openrosa-version", b"1.0")]
NO_STORE = (b"cache-control", b"no-store")


class BodyTooLarge(Exception):
    """Raised inside the request when the streamed body passes its limit; answered with 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the request body is larger than the server accepts ({limit} bytes)")
        self.limit = limit


class RequestGuard:
    """Limits request bodies by path and adds ``X-OpenRosa-Version: 1.0`` to every response."""

    def __init__(
        self, app: ASGIApp, *, submission_limit: int, other_limit: int, submission_paths: Any
    ) -> None:
        self.app = app
        self.submission_limit = submission_limit
        self.other_limit = other_limit
        self.is_submission_path = submission_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = (
            self.submission_limit if self.is_submission_path(scope["path"]) else self.other_limit
        )

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", [])) + OPENROSA_HEADERS
                if not any(name.lower() == b"cache-control" for name, _ in headers):
                    headers.append(NO_STORE)
                message["headers"] = headers
            await send(message)

        if _has_nul(scope):
            # No name, id or filter of ours holds a NUL, and PostgreSQL refuses one in any text
            # parameter: answer for the client's mistake here rather than as a database error.
            await _refuse(scope, send_with_headers, 400, "the URL holds a NUL character")
            return
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _refuse(
                scope,
                send_with_headers,
                413,
                f"the request body is larger than the server accepts ({limit} bytes)",
            )
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counting_receive, send_with_headers)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _has_nul(scope: Scope) -> bool:
    query = scope.get("query_string", b"").lower()
    return "\0" in scope["path"] or b"%00" in query or b"\0" in query


async def _refuse(scope: Scope, send: Send, status: int, reason: str) -> None:
    from sync.server.responses import refusal_body

    content_type, body = refusal_body(scope["path"], reason)
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", content_type.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
