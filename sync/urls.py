"""Where the server's endpoints are, for our own server and for an ODK Central project URL.

Two kinds of address are accepted in the settings:

- our server, e.g. ``http://192.168.1.10:8765`` or ``https://example.org/encuentro`` behind a
  reverse proxy: OpenRosa at ``<base>/formList`` and ``<base>/submission``, JSON at
  ``<base>/api/v1/...``, with the device token as a Bearer header;
- an ODK Central app-user project URL, ``https://central.example/v1/key/<token>/projects/<id>``:
  ``formList`` and ``submission`` live under that base, the secret is the path itself, there is no
  Bearer header and no JSON API (no enrollment, no review feedback).

The Central key is a password: ``redacted`` hides it in anything shown or logged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, urlsplit, urlunsplit

from sync.messages import SyncMessage

ServerKind = Literal["encuentro", "central"]

_CENTRAL_PATH = re.compile(r"^(?P<prefix>.*?)/v1/key/(?P<key>[^/]+)/projects/(?P<project>\d+)$")
# Endpoint names people paste along with the base by mistake.
_TRAILING_ENDPOINTS = ("/formList", "/submission", "/api/v1/health", "/api/v1")


class ServerAddressError(ValueError):
    """The server address in the settings can't be used; ``sync_message`` says why and what to
    type, in either language (str() is the English text)."""

    def __init__(self, key: str, **params: str | int) -> None:
        self.sync_message = SyncMessage(key, dict(params))
        super().__init__(str(self.sync_message))


@dataclass(frozen=True)
class ServerAddress:
    """A parsed server address: endpoint URLs are built here and nowhere else."""

    base: str  # scheme://host[:port][/path], no trailing slash
    kind: ServerKind
    project_id: int | None = None  # Central only
    central_key: str | None = None  # Central only: the app-user token that sits in the path

    @classmethod
    def parse(cls, text: str) -> ServerAddress:
        """Parse what a person typed in the settings; ServerAddressError says what is wrong."""
        raw = (text or "").strip()
        if not raw:
            raise ServerAddressError("address_empty")
        if "://" not in raw:
            raise ServerAddressError("address_no_scheme", address=raw)
        parts = urlsplit(raw)
        if parts.scheme not in ("http", "https"):
            raise ServerAddressError("address_bad_scheme", scheme=parts.scheme)
        if not parts.hostname:
            raise ServerAddressError("address_no_host", address=raw)
        if parts.query or parts.fragment:
            raise ServerAddressError("address_query")
        path = parts.path.rstrip("/")
        for suffix in _TRAILING_ENDPOINTS:
            if path.endswith(suffix):
                path = path[: -len(suffix)]
                break
        base = urlunsplit((parts.scheme, parts.netloc, path, "", ""))
        match = _CENTRAL_PATH.match(path)
        if match:
            return cls(
                base=base,
                kind="central",
                project_id=int(match["project"]),
                central_key=match["key"],
            )
        if "/v1/key/" in path or re.search(r"/v1/projects/\d+", path):
            raise ServerAddressError("address_central_partial")
        return cls(base=base, kind="encuentro")

    @property
    def is_central(self) -> bool:
        return self.kind == "central"

    @property
    def has_json_api(self) -> bool:
        """Enrollment, health and review feedback exist only on our own server."""
        return self.kind == "encuentro"

    @property
    def uses_bearer_token(self) -> bool:
        return self.kind == "encuentro"

    def refuses_credentials(self, status: int) -> bool:
        """True when an answer means this laptop's access was refused: 401 everywhere, and 403
        from ODK Central, which answers 403 for a well-formed app-user key that was revoked or
        deleted. Either way sync pauses until a new address, key or enrollment."""
        return status == 401 or (status == 403 and self.is_central)

    @property
    def form_list_url(self) -> str:
        return f"{self.base}/formList"

    @property
    def submission_url(self) -> str:
        return f"{self.base}/submission"

    def api_url(self, path: str, **query: str | int) -> str:
        """URL of a JSON endpoint under /api/v1/ on our server (``path`` like "devices/enroll")."""
        if not self.has_json_api:
            raise ServerAddressError("central_no_api")
        url = f"{self.base}/api/v1/{path.lstrip('/')}"
        if query:
            url += "?" + "&".join(f"{quote(k)}={quote(str(v), safe='')}" for k, v in query.items())
        return url

    @property
    def origin(self) -> tuple[str, str, int]:
        """Scheme, host and port of this server: the only place the device token may go."""
        return origin_of(self.base)

    def resolve(self, url: str) -> str:
        """An absolute URL from one the server handed back (downloadUrl, manifestUrl).

        Only http and https: a ``file:`` or other scheme from a hostile server is refused
        (ServerAddressError ``url_bad_scheme``)."""
        if "://" in url or url.lower().startswith(("file:", "data:", "ftp:")):
            scheme = urlsplit(url).scheme.lower()
            if scheme not in ("http", "https"):
                raise ServerAddressError("url_bad_scheme", scheme=scheme or "?")
            return url
        parts = urlsplit(self.base)
        if url.startswith("/"):
            return urlunsplit((parts.scheme, parts.netloc, url, "", ""))
        return f"{self.base}/{url}"

    @property
    def redacted(self) -> str:
        """The address with any Central key hidden, for messages, logs and the status widget."""
        return redact(self.base)

    @property
    def keyring_name(self) -> str:
        """Stable name under which this server's device token is kept (no secrets in it)."""
        return self.redacted


_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of a URL, lower-cased, default port filled in; ("", "", 0) when the
    URL has none (never equal to a real server's origin)."""
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").lower()
        port = parts.port or _DEFAULT_PORTS.get(scheme, 0)
    except ValueError:  # e.g. a port that is not a number
        return ("", "", 0)
    if not scheme or not host:
        return ("", "", 0)
    return (scheme, host, port)


def redact(text: str) -> str:
    """Hide ODK Central app-user keys wherever they appear in ``text`` (URLs in error messages)."""
    return re.sub(r"/v1/key/[^/\s'\"]+", "/v1/key/…", text)
