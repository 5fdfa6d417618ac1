"""What may cross the network, and whom to believe: the laptop's side of "on the wire".

- Plain ``http://`` goes only to this machine (127.0.0.0/8, ::1, localhost) or to the one
  address the administrator allowed explicitly in the server dialog; anything else is refused
  before a socket is opened (``plain_http_refused``).
- ``https://`` is verified against the operating system's trust store (``truststore``: the same
  store the browser uses, so a project CA installed there works too), except for a server whose
  self-signed certificate was pinned at enrollment: then that certificate, and nothing else, is
  trusted for that server's scheme, host and port.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import re
import ssl
from dataclasses import dataclass, field
from pathlib import Path

from sync.urls import origin_of

Origin = tuple[str, str, int]
_HEX = re.compile(r"[0-9a-f]{64}")


def is_loopback_host(host: str) -> bool:
    """True for localhost and loopback addresses: traffic that never leaves this machine."""
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def origin_text(origin: Origin) -> str:
    """``scheme://host:port`` of an origin, as stored in the settings and shown to people."""
    scheme, host, port = origin
    shown = f"[{host}]" if ":" in host else host
    return f"{scheme}://{shown}:{port}"


def normalize_fingerprint(text: str) -> str | None:
    """A SHA-256 fingerprint as typed (any case, colons, spaces, dashes) in canonical form
    ("AB:CD:..."), or None when it is not 64 hex digits."""
    digits = re.sub(r"[\s:\-]", "", text or "").lower()
    if not _HEX.fullmatch(digits):
        return None
    upper = digits.upper()
    return ":".join(upper[i : i + 2] for i in range(0, 64, 2))


def fingerprint_of_pem(pem: str) -> str:
    """SHA-256 fingerprint of a PEM certificate, in the form ``admin make-cert`` prints."""
    der = ssl.PEM_cert_to_DER_cert(pem)
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, 64, 2))


def fetch_certificate(url: str, timeout: float = 10.0) -> str:
    """The PEM certificate the HTTPS server at ``url`` presents, NOT verified: only for the
    person to compare its fingerprint with the one their coordinator gave them. OSError (or
    ssl.SSLError) when there is no answer."""
    _scheme, host, port = origin_of(url)
    return ssl.get_server_certificate((host, port), timeout=timeout)


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` owner-only (0600 from creation), replacing it atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.unlink(missing_ok=True)
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(text)
    os.replace(temporary, path)


@dataclass
class WirePolicy:
    """Which plain-HTTP origin is allowed and which HTTPS origins trust a pinned certificate."""

    plain_allowed: set[Origin] = field(default_factory=set)
    pinned: dict[Origin, Path] = field(default_factory=dict)  # origin -> PEM file (0600)

    def refuses_plain(self, url: str) -> bool:
        """True when ``url`` is plain http to another machine that was not allowed."""
        origin = origin_of(url)
        if origin[0] != "http":
            return False
        return not is_loopback_host(origin[1]) and origin not in self.plain_allowed

    def pin_for(self, url: str) -> Path | None:
        return self.pinned.get(origin_of(url))
