"""Secrets: bearer tokens, one-time enrollment codes and password hashes.

Tokens and codes are random (``secrets``) and only their SHA-256 is stored, so a copy of the
database does not let anyone act as a device or a supervisor. Passwords are hashed with argon2.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# Enrollment codes are read aloud and typed on a laptop: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12  # about 59 bits: enough for a one-time code that also expires

_hasher = PasswordHasher()
_unmatchable: dict[int, str] = {}  # per hasher: a hash no password given to login matches


def new_token() -> str:
    """A fresh bearer token (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """What is stored for a token or a code: its SHA-256 in hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_enrollment_code() -> str:
    """A one-time code like ``K7QX-M2RD-P9WA``."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalize_code(code: str) -> str:
    """Codes are compared without case, spaces or dashes (people type them in many ways)."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def hash_password(password: str) -> str:
    """An argon2id hash of the password."""
    return _hasher.hash(password)


def password_matches(stored_hash: str, password: str) -> bool:
    """True when the password matches the stored argon2 hash."""
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_password_of_nobody(password: str) -> None:
    """Spend the time of a real password check for an unknown username, so that how long a login
    takes does not tell which usernames exist."""
    stored = _unmatchable.get(id(_hasher))
    if stored is None:
        stored = _unmatchable.setdefault(id(_hasher), _hasher.hash(secrets.token_urlsafe(32)))
    password_matches(stored, password)


class PasswordChecksBusy(Exception):
    """Every password-check slot stayed taken for the whole wait: answer 503 with Retry-After."""


class PasswordCheckGate:
    """At most ``limit`` password checks at once in this process.

    Each argon2 check takes 64 MiB for a moment; without a bound, a burst of logins costs that much
    per request at once. Requests beyond the bound wait up to ``wait_s`` for a turn, then give up
    (the caller answers 503), so waiting never grows without limit either."""

    def __init__(self, limit: int, wait_s: float) -> None:
        self.limit = limit
        self.wait_s = wait_s
        self._slots = threading.BoundedSemaphore(limit)

    @contextmanager
    def turn(self) -> Iterator[None]:
        """Hold one slot for the duration of a password check, or raise PasswordChecksBusy."""
        if not self._slots.acquire(timeout=self.wait_s):
            raise PasswordChecksBusy
        try:
            yield
        finally:
            self._slots.release()
