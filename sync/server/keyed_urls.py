"""ODK Central-style keyed URLs: ``/v1/key/<token>/projects/<id>/formList`` and friends.

ODK Collect cannot send a Bearer header; ODK Central lets an app user put its token in the server
URL instead. This middleware accepts the same shape: it copies the token from the path into an
``Authorization: Bearer`` header and declares the prefix as the ASGI ``root_path``, so routing sees
``/projects/...`` and the download and manifest URLs the server writes carry the key too. Anything
else passes through untouched. Such URLs hold a secret, one more reason the access log is off by
default.
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Receive, Scope, Send

_KEYED = re.compile(r"^(?P<prefix>/v1/key/(?P<token>[A-Za-z0-9_\-]{16,200}))/projects/")


class KeyedUrls:
    """Serve ``/v1/key/<token>/projects/...`` as ``/projects/...`` with that Bearer token."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            match = _KEYED.match(scope["path"])
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
