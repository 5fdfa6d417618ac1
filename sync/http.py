"""A small requests.Session wrapper: timeouts always, OpenRosa headers, the device token, and one
exception for "the network failed" so callers can tell it from an answer of the server."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import requests
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from urllib3.util.retry import Retry

from sync.messages import SyncMessage
from sync.openrosa import OPENROSA_VERSION
from sync.urls import origin_of, redact
from sync.wire import WirePolicy, origin_text

# (connect, read) seconds. Field networks are slow but a dead one must not hang a sync forever.
DEFAULT_TIMEOUT = (10.0, 60.0)
USER_AGENT = "Encuentro/0.1 (OpenRosa 1.0)"

BytesProgress = Callable[[int], None]
CHUNK = 64 * 1024
# An error page is read for its message only: a little of it is enough.
ERROR_BODY_LIMIT = 64 * 1024
# Any other answer (submission receipts, enrollment, health) is small; a server sending more is
# not read past this. Downloads set their own caps (sync/pull.py).
ANSWER_MAX_BYTES = 1024 * 1024


class NetworkError(ConnectionError):
    """No answer from the server (refused, reset, timed out, DNS). Always worth retrying later.

    ``sync_message`` says so in either language; str() is its English text."""

    def __init__(self, message: SyncMessage) -> None:
        self.sync_message = message
        super().__init__(str(message))


class TooLarge(NetworkError):
    """The server's answer is bigger than the cap set for it; reading stopped at the cap (no
    usable answer, like a network failure; the pull says which form or file it was)."""

    def __init__(self, url: str, limit: int) -> None:
        self.limit = limit
        mib = max(1, limit // (1024 * 1024))
        super().__init__(SyncMessage("answer_too_large", {"where": redact(url), "limit": mib}))


# Network errors that waiting will not cure: the person (or the administrator) has to act.
WIRE_REFUSALS = frozenset({"plain_http_refused", "certificate_changed", "network_certificate"})


class PlainHttpRefused(NetworkError):
    """Plain http:// to another machine that the administrator did not allow (sync/wire.py):
    refused before any socket is opened, so nothing was sent."""

    def __init__(self, url: str) -> None:
        super().__init__(SyncMessage("plain_http_refused", {"where": redact(url)}))


class _VerifiedAdapter(HTTPAdapter):
    """An adapter whose TLS context is fixed when it is made: requests' per-request ``verify``
    (and its certifi bundle) never adds trust anchors to it."""

    def __init__(self, context: ssl.SSLContext, **kwargs: Any) -> None:
        self._context = context
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ssl_context"] = self._context
        super().init_poolmanager(*args, **kwargs)

    def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
        # Always verified, against this adapter's context only (not requests' CA bundle).
        conn.cert_reqs = "CERT_REQUIRED"
        conn.ca_certs = None
        conn.ca_cert_dir = None


def system_trust_context() -> ssl.SSLContext:
    """The operating system's certificate store (Windows, macOS, Linux) via truststore."""
    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def pinned_context(pem_file: Path) -> ssl.SSLContext:
    """A TLS context that trusts one certificate (the server's, pinned at enrollment) only."""
    context = ssl.create_default_context(cafile=str(pem_file))
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def _mount_prefixes(origin: tuple[str, str, int]) -> list[str]:
    # requests picks the adapter by URL prefix; a URL may spell the default port or leave it out.
    scheme, host, port = origin
    shown = f"[{host}]" if ":" in host else host
    prefixes = [f"{origin_text(origin)}/"]
    if port == 443 and scheme == "https":
        prefixes.append(f"https://{shown}/")
    return prefixes


@dataclass
class Answer:
    """What the server said: status, headers and body (already read)."""

    status: int
    headers: CaseInsensitiveDict[str]  # header names are case-insensitive on the wire
    content: bytes
    url: str

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def json(self) -> Any:
        import json

        return json.loads(self.content.decode("utf-8"))


class HttpClient:
    """One session per sync client: keeps connections alive across a thousand submissions."""

    def __init__(
        self,
        *,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        user_agent: str = USER_AGENT,
        session: requests.Session | None = None,
        wire: WirePolicy | None = None,
    ) -> None:
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = user_agent
        self.session.headers["X-OpenRosa-Version"] = OPENROSA_VERSION
        # Proxies from the environment would route loopback and LAN servers away; field laptops
        # talk to the server directly.
        self.session.trust_env = False
        # A kept-alive connection may have been closed by a restarted server or a NAT box: retry
        # the idempotent requests (HEAD, GET) once on a fresh connection. Never a POST: whether a
        # half-sent submission arrived is decided by the outbox's retry, not here.
        retry = Retry(
            total=1,
            connect=1,
            read=1,
            status=0,
            redirect=0,
            other=0,
            allowed_methods=frozenset({"HEAD", "GET"}),
            raise_on_status=False,
        )
        self._retry = retry
        self.session.mount("http://", HTTPAdapter(max_retries=retry, pool_maxsize=4))
        # HTTPS is verified against the system's store, never requests' own bundle alone; a
        # pinned server gets its own adapter (set_wire).
        self.session.mount(
            "https://",
            _VerifiedAdapter(system_trust_context(), max_retries=retry, pool_maxsize=4),
        )
        self._pinned_prefixes: list[str] = []
        self.wire = WirePolicy()
        self.set_wire(wire or WirePolicy())
        self.bearer: str | None = None
        # Where the bearer token may go: the configured server's scheme, host and port only.
        # A URL a server hands back (downloadUrl, manifestUrl, media) pointing anywhere else is
        # fetched without it rather than refused: a server may keep media on another host (a
        # CDN, object storage with signed URLs) and such a file needs no token, while a hostile
        # or mistaken form list can't collect the token. What arrives is checked all the same
        # (hash, size cap, the engine), and http->https on the same host is another origin too.
        self.bearer_origin: tuple[str, str, int] | None = None

    def set_wire(self, wire: WirePolicy) -> None:
        """Use ``wire`` from now on: which plain-http address is allowed, which certificates are
        pinned (each pinned server gets an adapter trusting its certificate only)."""
        for prefix in self._pinned_prefixes:
            adapter = self.session.adapters.pop(prefix, None)
            if adapter is not None:
                adapter.close()
        self._pinned_prefixes = []
        for origin, pem_file in wire.pinned.items():
            adapter = _VerifiedAdapter(
                pinned_context(pem_file), max_retries=self._retry, pool_maxsize=4
            )
            for prefix in _mount_prefixes(origin):
                self.session.mount(prefix, adapter)
                self._pinned_prefixes.append(prefix)
        self.wire = wire

    def _check_wire(self, url: str) -> None:
        if self.wire.refuses_plain(url):
            raise PlainHttpRefused(url)

    def _network_error(self, url: str, exc: BaseException) -> NetworkError:
        if isinstance(exc, requests.exceptions.SSLError) and self.wire.pin_for(url):
            # The pinned certificate is no longer what the server presents: a renewed
            # certificate, or someone in between. Either way not sent; the person checks.
            return NetworkError(SyncMessage("certificate_changed", {"where": redact(url)}))
        return NetworkError(describe_network_error(url, exc))

    def set_bearer(self, token: str | None, server_url: str | None) -> None:
        """Send ``token`` from now on, but only to the origin of ``server_url``."""
        self.bearer = token
        self.bearer_origin = origin_of(server_url) if token and server_url else None

    def _auth_headers(self, url: str) -> dict[str, str]:
        if self.bearer and self.bearer_origin and origin_of(url) == self.bearer_origin:
            return {"Authorization": f"Bearer {self.bearer}"}
        return {}

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        data: Any = None,
        json: Any = None,
        authenticated: bool = True,
        timeout: tuple[float, float] | None = None,
        on_bytes: BytesProgress | None = None,
        max_bytes: int = ANSWER_MAX_BYTES,
    ) -> Answer:
        """Send one request and read the whole answer; raise NetworkError when there is none.

        ``max_bytes`` caps the answer's body: reading stops there and TooLarge (a NetworkError)
        is raised."""
        self._check_wire(url)
        all_headers = dict(headers or {})
        if authenticated:
            all_headers.update(self._auth_headers(url))
        try:
            response = self.session.request(
                method,
                url,
                headers=all_headers,
                data=data,
                json=json,
                timeout=timeout or self.timeout,
                allow_redirects=False,
                stream=True,
            )
            try:
                chunks: list[bytes] = []
                _stream(response, url, max_bytes, chunks.append, on_bytes)
                content = b"".join(chunks)
            finally:
                response.close()
        except requests.exceptions.RequestException as exc:
            # Refused, reset, timed out, truncated: in every case no usable answer.
            raise self._network_error(url, exc) from exc
        return Answer(
            status=response.status_code,
            headers=CaseInsensitiveDict(response.headers),
            content=content,
            url=url,
        )

    def download(self, url: str, target: BinaryIO, *, max_bytes: int) -> Answer:
        """GET ``url`` into ``target`` (200 only; any other answer's body stays in ``content``,
        read up to a small cap). TooLarge when the file passes ``max_bytes``."""
        self._check_wire(url)
        try:
            response = self.session.get(
                url,
                headers=self._auth_headers(url),
                timeout=self.timeout,
                allow_redirects=False,
                stream=True,
            )
            try:
                if response.status_code != 200:
                    chunks: list[bytes] = []
                    try:
                        _stream(response, url, ERROR_BODY_LIMIT, chunks.append, None)
                    except TooLarge:
                        pass  # the start of an error page is enough to say what it was
                    content = b"".join(chunks)
                else:
                    _stream(response, url, max_bytes, target.write, None)
                    content = b""
            finally:
                response.close()
        except requests.exceptions.RequestException as exc:
            raise self._network_error(url, exc) from exc
        return Answer(
            status=response.status_code,
            headers=CaseInsensitiveDict(response.headers),
            content=content,
            url=url,
        )

    def close(self) -> None:
        self.session.close()


def _stream(
    response: requests.Response,
    url: str,
    max_bytes: int | None,
    sink: Callable[[bytes], object],
    on_bytes: BytesProgress | None,
) -> None:
    """Hand the body to ``sink`` chunk by chunk, stopping with TooLarge past ``max_bytes`` (a
    declared Content-Length over the cap is refused before reading anything)."""
    if max_bytes is not None:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise TooLarge(url, max_bytes)
    received = 0
    for chunk in response.iter_content(CHUNK):
        received += len(chunk)
        if max_bytes is not None and received > max_bytes:
            raise TooLarge(url, max_bytes)
        sink(chunk)
        if on_bytes:
            on_bytes(len(chunk))


def describe_network_error(url: str, exc: BaseException) -> SyncMessage:
    """A short message a facilitator can act on, with any secret in the URL hidden."""
    where: dict[str, str | int] = {"where": redact(url)}
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return SyncMessage("network_timeout", where)
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return SyncMessage("network_dropped", where)
    if isinstance(exc, requests.exceptions.SSLError):
        return SyncMessage("network_certificate", where)
    if isinstance(exc, requests.exceptions.ConnectionError):
        return SyncMessage("network_unreachable", where)
    return SyncMessage("network_failed", {**where, "error": type(exc).__name__})
