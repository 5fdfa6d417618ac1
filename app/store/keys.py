"""The data key of an encrypted data file, and its wrappings (by a PIN, by the recovery key).

The SQLite file is encrypted by SQLCipher with a random 32-byte data key. That key is never
written in clear: it is kept wrapped (encrypted) by a key derived from a facilitator's PIN with
argon2id, and, when the project's recovery public key is known, by that RSA key too. Changing
a PIN rewraps the 32 bytes; the file itself is not re-encrypted.

Wrappings are plain dicts (JSON-ready, base64 fields) so the unencrypted profile index can hold
them next to the names.
"""

from __future__ import annotations

import base64
import os
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

DATA_KEY_BYTES = 32
# argon2id cost: about 0.5 s and 64 MiB per unlock on the project's 2-core laptops
# (benchmarks/bench_store.py prints it). Kept in each wrapping, so raising it later still
# unwraps older ones.
ARGON2_TIME_COST = 3
ARGON2_MEMORY_KIB = 64 * 1024
ARGON2_PARALLELISM = 1
SALT_BYTES = 16
NONCE_BYTES = 12
# Binds a wrapping to its purpose: a PIN wrapping cannot be replayed as something else.
PIN_CONTEXT = b"encuentro data key, pin v1"
# Six digits or a passphrase: argon2id slows guessing, but a 4-digit PIN is 10,000 tries.
MIN_PIN_LENGTH = 6


class WrongPin(Exception):
    """The PIN (or passphrase) does not unwrap the data key."""


class WrongRecoveryKey(Exception):
    """The private key given is not the one the data key was wrapped for (or is unreadable)."""


def new_data_key() -> bytes:
    """A fresh random data key for a new encrypted data file."""
    return os.urandom(DATA_KEY_BYTES)


def sqlcipher_key_pragma(data_key: bytes) -> str:
    """The PRAGMA that gives SQLCipher the raw key (no SQLCipher-side derivation: the key is
    already random, and argon2id protects the PIN)."""
    if len(data_key) != DATA_KEY_BYTES:
        raise ValueError("A data key is 32 bytes.")
    return f"PRAGMA key = \"x'{data_key.hex()}'\""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("Not a base64 text.")
    return base64.b64decode(text.encode("ascii"), validate=True)


def check_pin(pin: str) -> None:
    """ValueError with a clear message when a new PIN is too short to protect anything."""
    if len(pin.strip()) < MIN_PIN_LENGTH:
        raise ValueError(f"A PIN needs at least {MIN_PIN_LENGTH} characters.")


def _pin_key(pin: str, salt: bytes, time_cost: int, memory_kib: int, parallelism: int) -> bytes:
    return hash_secret_raw(
        pin.encode("utf-8"), salt, time_cost, memory_kib, parallelism, 32, Type.ID
    )


def wrap_with_pin(data_key: bytes, pin: str) -> dict[str, Any]:
    """The data key encrypted (AES-256-GCM) under argon2id(PIN, random salt)."""
    salt = os.urandom(SALT_BYTES)
    nonce = os.urandom(NONCE_BYTES)
    kek = _pin_key(pin, salt, ARGON2_TIME_COST, ARGON2_MEMORY_KIB, ARGON2_PARALLELISM)
    sealed = AESGCM(kek).encrypt(nonce, data_key, PIN_CONTEXT)
    return {
        "kdf": "argon2id",
        "time_cost": ARGON2_TIME_COST,
        "memory_kib": ARGON2_MEMORY_KIB,
        "parallelism": ARGON2_PARALLELISM,
        "salt": _b64(salt),
        "nonce": _b64(nonce),
        "wrapped": _b64(sealed),
    }


def unwrap_with_pin(wrapping: dict[str, Any], pin: str) -> bytes:
    """The data key, or WrongPin. ValueError if the wrapping itself is malformed."""
    try:
        time_cost = int(wrapping["time_cost"])
        memory_kib = int(wrapping["memory_kib"])
        parallelism = int(wrapping["parallelism"])
        salt, nonce = _unb64(wrapping["salt"]), _unb64(wrapping["nonce"])
        sealed = _unb64(wrapping["wrapped"])
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError("The profile's key record is damaged.") from error
    # Bounds so a tampered index cannot make an unlock take hours or all the memory.
    if not (1 <= time_cost <= 20 and 8 <= memory_kib <= 1024 * 1024 and 1 <= parallelism <= 16):
        raise ValueError("The profile's key record has impossible parameters.")
    kek = _pin_key(pin, salt, time_cost, memory_kib, parallelism)
    try:
        data_key = AESGCM(kek).decrypt(nonce, sealed, PIN_CONTEXT)
    except InvalidTag:
        raise WrongPin("Wrong PIN.") from None
    if len(data_key) != DATA_KEY_BYTES:
        raise ValueError("The profile's key record is damaged.")
    return data_key


MAX_PUBLIC_PEM = 16 * 1024


def load_public_key(pem: str | bytes) -> rsa.RSAPublicKey:
    """An RSA public key from PEM text; ValueError if it is not one, or not of 2048-8192 bits."""
    raw = pem.encode("ascii") if isinstance(pem, str) else pem
    # It comes from a server at enrollment: a PEM of an 8192-bit key is under 2 kB.
    if len(raw) > MAX_PUBLIC_PEM:
        raise ValueError("The recovery key is too large to be an RSA public key.")
    key = serialization.load_pem_public_key(raw)
    if not isinstance(key, rsa.RSAPublicKey) or not 2048 <= key.key_size <= 8192:
        raise ValueError("The recovery key must be an RSA public key of 2048 to 8192 bits.")
    return key


_OAEP = padding.OAEP(
    mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None
)


def wrap_with_recovery(data_key: bytes, public_pem: str | bytes) -> dict[str, Any]:
    """The data key encrypted with the project's recovery public key (RSA-OAEP, SHA-256)."""
    key = load_public_key(public_pem)
    return {"alg": "RSA-OAEP-SHA256", "wrapped": _b64(key.encrypt(data_key, _OAEP))}


def unwrap_with_recovery(
    wrapping: dict[str, Any], private_pem: bytes, password: bytes | None = None
) -> bytes:
    """The data key from its recovery wrapping and the project's private key (PEM), else
    WrongRecoveryKey."""
    try:
        private = serialization.load_pem_private_key(private_pem, password=password)
    except (ValueError, TypeError) as error:
        raise WrongRecoveryKey(f"The private key cannot be read ({error}).") from error
    if not isinstance(private, rsa.RSAPrivateKey):
        raise WrongRecoveryKey("The recovery key must be an RSA private key.")
    try:
        data_key = private.decrypt(_unb64(wrapping["wrapped"]), _OAEP)
    except (KeyError, TypeError, ValueError) as error:
        raise WrongRecoveryKey("This private key does not open this profile.") from error
    if len(data_key) != DATA_KEY_BYTES:
        raise WrongRecoveryKey("This private key does not open this profile.")
    return data_key
