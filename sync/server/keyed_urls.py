"""ODK Central-style keyed URLs: ``/v1/key/<token>/projects/<id>/formList`` and friends.

ODK Collect cannot send a Bearer header; ODK Central lets an app user put its token in the server
URL instead. This middleware accepts the same shape: it copies the token from the path into an
``Authorization: Bearer`` header and declares the prefix as the ASGI ``root_path``, so routing sees
``/projects/...`` and the download and manifest URLs the server writes carry the key too. Anything
else passes through untouched. Such URLs hold a secret: ``RedactKeys`` takes it out of every log
record (uvicorn's access log, which is off by default, and ours) before anything is written.
"""

from __future__ import annotations

import logging
import re

from starlette.types import ASGIApp, Receive, Scope, Send

_KEYED = re.compile(r"^(?P<prefix>/v1/key/(?P<token>[A-Za-z0-9_\-]{16,200}))/projects/")
KEY_PREFIX = "/v1/key/"


class KeyedUrls:
    """Serve ``/v1/key/<token>/projects/...`` as ``/projects/...`` with that Bearer token."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            match = _KEYED.match(scope["path"])
            if match is None and scope["path"].startswith(KEY_PREFIX):
                # A key of another length or with other characters cannot be anyone's: answer
                # like ODK Central (401), so a client tells a bad key from a missing form.
                await _refuse_key(scope, send)
                return
            if match is not None:
                prefix = match["prefix"]
                headers = [(k, v) for k, v in scope["headers"] if k != b"authorization"]
                headers.append((b"authorization", b"Bearer " + match["token"].encode()))
                # ASGI: "path" keeps the prefix and "root_path" names it; routing strips it.
                scope = {
                    **scope,
                    "root_path": scope.get("root_path", "") + prefix,
                    "headers": headers,
                }
        await self.app(scope, receive, send)


async def _refuse_key(scope: Scope, send: Send) -> None:
    from sync.server.responses import refusal_body

    content_type, body = refusal_body(
        scope["path"], "the key in this URL is not valid: ask for a new project URL"
    )
    await send(
        {
            "type": "http.response.start",
            "status": 401,
            "headers": [
                (b"content-type", content_type.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"www-authenticate", b"Bearer"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


_KEY_IN_TEXT = re.compile(r"/v1/key/[^/\s\"?]+")
REDACTED = "/v1/key/[redacted]"
LOGGERS = ("uvicorn.access", "uvicorn.error", "encuentro.server")


class RedactKeys(logging.Filter):
    """Replaces the token of a keyed URL in a log record's message and arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = _KEY_IN_TEXT.sub(REDACTED, record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                _KEY_IN_TEXT.sub(REDACTED, arg) if isinstance(arg, str) else arg
                for arg in record.args
            )
        return True


def redact_keys_in_logs() -> None:
    """Install ``RedactKeys`` on the loggers that may see a request path (once per process)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactKeys) for f in logger.filters):
            logger.addFilter(RedactKeys())
