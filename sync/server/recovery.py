"""The project's recovery key pair: made by the administrator, PUBLIC half kept by the server.

`admin recovery-key --project P --out FILE` makes an RSA key pair, writes the private key to FILE
encrypted with a passphrase (the administrator keeps that file, and its passphrase, off the
server), and stores only the public key. Each laptop enrolled afterwards receives the public key
in the enrollment answer and wraps its data key with it (app/protection.py), so that file can
give a facilitator who forgot their PIN a new one (`admin recover-profile`). The server can
decrypt nothing with what it holds.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import select

from sync.server import schema
from sync.server.accounts import AccountError, project_id
from sync.server.db import Database, utc_now

KEY_BITS = 3072
MIN_BITS = 2048
MIN_PASSPHRASE = 12


def public_pem_of(text: bytes) -> str:
    """The normalised PEM of an RSA public key (AccountError if it is not one, or too small)."""
    try:
        key = serialization.load_pem_public_key(text)
    except (ValueError, TypeError) as error:
        raise AccountError(f"not a PEM public key ({error})") from error
    if not isinstance(key, rsa.RSAPublicKey) or key.key_size < MIN_BITS:
        raise AccountError(f"the recovery key must be an RSA key of at least {MIN_BITS} bits")
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def fingerprint(public_pem: str) -> str:
    """SHA-256 of the key's DER form (what `admin recovery-key` prints, to compare keys)."""
    key = serialization.load_pem_public_key(public_pem.encode("ascii"))
    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).hexdigest()


def new_key_pair(passphrase: bytes) -> tuple[bytes, str]:
    """(private key PEM encrypted with `passphrase`, public key PEM)."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise AccountError(f"the passphrase needs at least {MIN_PASSPHRASE} characters")
    private = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    sealed = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase),
    )
    public = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return sealed, public.decode("ascii")


def write_private_key(path: Path, sealed: bytes) -> None:
    """Write the encrypted private key to a NEW owner-only file (never over an existing one)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(sealed)
        handle.flush()
        os.fsync(handle.fileno())


def set_recovery_key(db: Database, project: str, public_pem: str) -> str:
    """Store (or replace) the project's recovery public key; returns its fingerprint."""
    pid = project_id(db, project)
    pem = public_pem_of(public_pem.encode("ascii"))
    table = schema.recovery_keys
    values = {"public_pem": pem, "fingerprint": fingerprint(pem), "created_at": utc_now()}
    with db.write() as conn:
        if conn.execute(select(table.c.project_id).where(table.c.project_id == pid)).first():
            conn.execute(table.update().where(table.c.project_id == pid).values(**values))
        else:
            conn.execute(table.insert().values(project_id=pid, **values))
    return str(values["fingerprint"])
