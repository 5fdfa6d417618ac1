"""A self-signed TLS certificate for a pilot server on a LAN (``main.py admin make-cert``).

A server on a school's or an office's network has no public name a public CA would certify, yet
answers must not cross that network in clear. The administrator makes a certificate here, starts
the server with ``--certfile/--keyfile`` and gives the printed SHA-256 fingerprint to the
facilitators' coordinator: each laptop confirms it once at enrollment and then trusts that
certificate, and only it, for this server (sync/wire.py).
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CERT_NAME = "encuentro-server.crt"
KEY_NAME = "encuentro-server.key"
# Long enough for a pilot and its follow-up; a renewed certificate means a new fingerprint to
# confirm on every laptop, so not yearly.
VALID_DAYS = 3 * 365


@dataclass(frozen=True)
class MadeCertificate:
    cert_path: Path
    key_path: Path
    fingerprint: str  # SHA-256 of the DER certificate, "AB:CD:..."
    names: tuple[str, ...]


def default_names() -> list[str]:
    """The machine's own name plus loopback: enough to test on the server itself."""
    names = [socket.gethostname(), "localhost", "127.0.0.1", "::1"]
    return list(dict.fromkeys(n for n in names if n))


def fingerprint_of(der: bytes) -> str:
    """SHA-256 of a DER certificate as people read it aloud: upper-case hex pairs with colons."""
    import hashlib

    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def _san(name: str) -> x509.GeneralName:
    try:
        return x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        return x509.DNSName(name)


def make_certificate(folder: Path, names: list[str]) -> MadeCertificate:
    """Write a new self-signed certificate and its private key (0600) into ``folder``.

    Existing files are not overwritten (laptops pinned that certificate): FileExistsError.
    """
    if not names:
        raise ValueError("at least one host name or address is needed")
    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / CERT_NAME, folder / KEY_NAME
    for path in (cert_path, key_path):
        if path.exists():
            raise FileExistsError(str(path))
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0][:64])])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))  # laptops whose clock runs late
        .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
        .add_extension(x509.SubjectAlternativeName([_san(n) for n in names]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_bytes = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    # The key is created owner-only from the first byte, never chmod-ed afterwards.
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(key_bytes)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return MadeCertificate(
        cert_path=cert_path,
        key_path=key_path,
        fingerprint=fingerprint_of(cert.public_bytes(serialization.Encoding.DER)),
        names=tuple(names),
    )
