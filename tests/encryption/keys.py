"""The test key pair of tests/fixtures/odk_encrypted (made with openssl; test use only)."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "odk_encrypted"
FORM = FOLDER / "encuesta_cifrada.md"
PRIVATE_PEM = (FOLDER / "private_key.pem").read_bytes()
PUBLIC_PEM = (FOLDER / "public_key.pem").read_bytes()
PASSPHRASE = "prueba-clave-1234"
PUBLIC_BASE64 = "".join(
    line for line in PUBLIC_PEM.decode().splitlines() if not line.startswith("-----")
)


def private_key() -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(PRIVATE_PEM, PASSPHRASE.encode())
    assert isinstance(key, rsa.RSAPrivateKey)
    return key


def other_private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)
