"""The laptop's wire settings, kept with the sync settings: the one plain-http address the
administrator allowed and the server certificate pinned at enrollment (sync/wire.py says what
they mean). ``SyncClient`` reads them into a ``WirePolicy`` for its ``HttpClient``.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from sync.credentials import TokenSettings
from sync.messages import SyncMessage
from sync.urls import ServerAddress, ServerAddressError, origin_of
from sync.wire import WirePolicy, is_loopback_host, origin_text, write_private

# The one plain-http address the administrator allowed ("http://host:port"), or None.
PLAIN_ALLOWED_KEY = "sync.plain_http_allowed"
# {"origin": "https://host:port", "sha256": "AB:...", "pem": "..."}: a self-signed server
# certificate confirmed at enrollment, the only one trusted for that server afterwards.
PINNED_KEY = "sync.pinned_certificate"
CERTIFICATES_FOLDER = "certificates"


def needs_plain_allowance(address: ServerAddress) -> bool:
    """True for plain http:// to another machine: refused unless explicitly allowed."""
    scheme, host, _port = address.origin
    return scheme == "http" and not is_loopback_host(host)


def decide_plain_allowance(
    settings: TokenSettings, address: ServerAddress, allow: bool | None
) -> bool:
    """Record or clear the plain-http allowance for ``address`` (see ``SyncClient.set_server``);
    ServerAddressError ``address_plain_http`` when it is needed and not given. True when the
    stored allowance changed."""
    stored: str | None = settings.get(PLAIN_ALLOWED_KEY)
    if not needs_plain_allowance(address):
        if stored:
            settings.set(PLAIN_ALLOWED_KEY, None)  # the allowance was for another address
        return bool(stored)
    wanted = origin_text(address.origin)
    if allow or (allow is None and stored == wanted):
        settings.set(PLAIN_ALLOWED_KEY, wanted)
        return stored != wanted
    if stored:
        settings.set(PLAIN_ALLOWED_KEY, None)
    raise ServerAddressError("address_plain_http", where=address.redacted)


def allowance_in_use(settings: TokenSettings, address: ServerAddress | None) -> str | None:
    """The allowed plain-http address when it is ``address``, else None."""
    stored = settings.get(PLAIN_ALLOWED_KEY)
    if not stored or address is None or origin_text(address.origin) != stored:
        return None
    return str(stored)


def pinned_fingerprint(settings: TokenSettings, address: ServerAddress | None) -> str | None:
    """SHA-256 fingerprint of the certificate pinned for ``address``, or None."""
    pin = settings.get(PINNED_KEY)
    if not isinstance(pin, dict) or address is None:
        return None
    return pin.get("sha256") if pin.get("origin") == origin_text(address.origin) else None


def store_pin(settings: TokenSettings, address: ServerAddress, pem: str, sha256: str) -> None:
    """Trust ``pem`` (and only it) for ``address``'s origin from now on."""
    settings.set(PINNED_KEY, {"origin": origin_text(address.origin), "sha256": sha256, "pem": pem})


def wire_policy(settings: TokenSettings, data_folder: Path | None) -> WirePolicy:
    """The policy the stored settings describe; the pinned PEM is written where requests can
    read it (``certificates/`` in ``data_folder``, owner-only)."""
    policy = WirePolicy()
    allowed = settings.get(PLAIN_ALLOWED_KEY)
    if allowed:
        policy.plain_allowed.add(origin_of(allowed))
    pin = settings.get(PINNED_KEY)
    if isinstance(pin, dict) and pin.get("origin") and pin.get("pem"):
        policy.pinned[origin_of(pin["origin"])] = _certificate_file(pin, data_folder)
    return policy


def _certificate_file(pin: dict[str, str], data_folder: Path | None) -> Path:
    # Rewritten from the settings when missing or altered: the settings are what was confirmed.
    folder = data_folder / CERTIFICATES_FOLDER if data_folder is not None else _scratch_folder()
    _scheme, host, port = origin_of(pin["origin"])
    # The fingerprint in the name: a renewed pin is another file, so the policy changes and
    # the client mounts a new TLS context (connections kept with the old one are dropped).
    stem = f"{re.sub(r'[^A-Za-z0-9.-]', '_', host)}_{port}"
    digits = re.sub(r"[^0-9A-F]", "", str(pin.get("sha256", "")))[:16]
    path = folder / f"{stem}_{digits}.pem"
    for old in folder.glob(f"{stem}_*.pem") if folder.is_dir() else ():
        if old != path:
            old.unlink(missing_ok=True)
    try:
        current = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        current = None
    if current != pin["pem"]:
        write_private(path, pin["pem"])
    return path


_SCRATCH: list[Path] = []


def _scratch_folder() -> Path:
    # A store without a file (tests): one owner-only temporary folder for this process.
    if not _SCRATCH:
        _SCRATCH.append(Path(tempfile.mkdtemp(prefix="encuentro-certificates-")))
    return _SCRATCH[0]


def mismatch(address: ServerAddress, actual: str) -> SyncMessage:
    return SyncMessage("certificate_mismatch", {"where": address.redacted, "fingerprint": actual})
