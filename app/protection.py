"""PINs, the data key and the encrypted data file of one data folder (used by app/workspace.py).

A data folder is either plain (no `profiles.json`: the state before issue 9, still used by tests
and the documented developer mode) or encrypted (`profiles.json` beside an SQLCipher data file).
It becomes encrypted the first time a profile is given a PIN: the data key is made, wrapped by
that PIN, the index saved, then the plain file is encrypted in place (app/store/encrypt_file.py).
If Encuentro stops in between, the next unlock finishes the job with the same key.
"""

from __future__ import annotations

from pathlib import Path

from app.profile_index import INDEX_NAME, IndexedProfile, ProfileIndex
from app.store import Profile, Store
from app.store.encrypt_file import encrypt_backups, encrypt_in_place, finish_interrupted, is_plain
from app.store.keys import (
    WrongPin,
    check_pin,
    new_data_key,
    unwrap_with_pin,
    unwrap_with_recovery,
    wrap_with_pin,
    wrap_with_recovery,
)


class Locked(Exception):
    """The data is locked: a profile's PIN must unlock it first."""

    def __init__(self) -> None:
        super().__init__("This laptop's data is locked. Choose your profile and type your PIN.")


class PinWait(Exception):
    """Too many wrong PINs in a row: the next try must wait `seconds`."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(
            f"Too many wrong PINs. Wait {int(seconds) + 1} seconds before trying again."
        )


class NoPin(Exception):
    """The profile has no PIN yet (made before the data was encrypted)."""

    def __init__(self) -> None:
        super().__init__(
            "This profile has no PIN yet. Another facilitator unlocks the laptop, then sets it."
        )


def index_path(data_path: Path) -> Path:
    return Path(data_path).parent / INDEX_NAME


class Protection:
    """The index and, while unlocked, the data key of one data folder."""

    def __init__(self, data_path: Path) -> None:
        self.data_path = Path(data_path)
        self.index = ProfileIndex.load(index_path(self.data_path))
        self.key: bytes | None = None

    @property
    def encrypted(self) -> bool:
        return self.index is not None

    def profiles(self) -> list[Profile]:
        """Who uses this laptop, from the index (readable while locked)."""
        assert self.index is not None
        found = [
            Profile(p.id, p.display_name, p.role, p.language, p.created_at, None)
            for p in self.index.profiles.values()
        ]
        return sorted(found, key=lambda p: p.display_name.casefold())

    def unwrap(self, profile_id: str, pin: str) -> bytes:
        """The data key from this profile's PIN. WrongPin (counted, persisted), PinWait while a
        wait after wrong PINs runs, NoPin, KeyError for an unknown profile."""
        assert self.index is not None
        entry = self.index.entry(profile_id)
        if entry.pin is None:
            raise NoPin()
        wait = self.index.seconds_to_wait(profile_id)
        if wait > 0:
            raise PinWait(wait)
        try:
            key = unwrap_with_pin(entry.pin, pin)
        except WrongPin:
            self.index.record_failure(profile_id)
            raise
        self.index.record_success(profile_id)
        return key

    def open_store(self, key: bytes) -> Store:
        """Open the data file with `key`, first finishing its encryption if a plain file is
        still there (first unlock after an interrupted change, or an old plain folder)."""
        finish_interrupted(self.data_path)
        if is_plain(self.data_path):
            encrypt_in_place(self.data_path, key)
        encrypt_backups(self.data_path, key)
        store = Store.open(self.data_path, key=key)
        self.key = key
        return store

    def begin(self, profiles: list[Profile], profile_id: str, pin: str) -> bytes:
        """Make the data key for a plain folder, wrapped by `pin` for `profile_id`, and save the
        index (every profile listed, the others without a PIN yet). Returns the key; the caller
        closes the plain store and calls open_store(key)."""
        check_pin(pin)
        key = new_data_key()
        index = ProfileIndex(index_path(self.data_path))
        for p in profiles:
            index.profiles[p.id] = IndexedProfile(
                p.id,
                p.display_name,
                p.role,
                p.language,
                p.created_at,
                pin=wrap_with_pin(key, pin) if p.id == profile_id else None,
            )
        index.save()
        self.index = index
        return key

    def add(self, profile: Profile, pin: str) -> None:
        """A new profile (already in the unlocked store) with its PIN."""
        assert self.index is not None and self.key is not None
        check_pin(pin)
        self.index.profiles[profile.id] = IndexedProfile(
            profile.id,
            profile.display_name,
            profile.role,
            profile.language,
            profile.created_at,
            pin=wrap_with_pin(self.key, pin),
        )
        self.index.save()

    def set_pin(self, profile_id: str, pin: str) -> None:
        """Give (or replace) a profile's PIN while unlocked: the key is rewrapped, the data file
        is not touched."""
        assert self.index is not None and self.key is not None
        check_pin(pin)
        entry = self.index.entry(profile_id)
        entry.pin = wrap_with_pin(self.key, pin)
        entry.failures, entry.retry_at = 0, 0.0
        self.index.save()

    def update(self, profile: Profile) -> None:
        """Keep the index's copy of a name or language in step with the store."""
        if self.index is not None and profile.id in self.index.profiles:
            entry = self.index.profiles[profile.id]
            entry.display_name, entry.language = profile.display_name, profile.language
            self.index.save()

    def set_recovery_key(self, public_pem: str | bytes) -> None:
        """Wrap the data key with the project's recovery public key too (ValueError if the
        PEM is not an RSA public key of 2048 bits or more)."""
        assert self.index is not None and self.key is not None
        # The public key rides along: profiles added later are wrapped for the same project.
        pem = public_pem if isinstance(public_pem, str) else public_pem.decode("ascii")
        self.index.recovery = {**wrap_with_recovery(self.key, pem), "public_key": pem}
        self.index.save()


def recover_profile(
    data_path: Path,
    profile_id: str,
    private_pem: bytes,
    new_pin: str,
    password: bytes | None = None,
) -> None:
    """A supervisor with the project's private key gives a profile whose PIN is forgotten a new
    PIN (WrongRecoveryKey with another key; ValueError when no recovery key was ever set)."""
    protection = Protection(data_path)
    index = protection.index
    if index is None:
        raise ValueError("This data folder is not encrypted: there is nothing to recover.")
    if index.recovery is None:
        raise ValueError("No recovery key was set for this laptop's data.")
    entry = index.entry(profile_id)
    check_pin(new_pin)
    key = unwrap_with_recovery(index.recovery, private_pem, password)
    # Proves the key opens the data file before the PIN is replaced.
    protection.open_store(key).close()
    entry.pin = wrap_with_pin(key, new_pin)
    entry.failures, entry.retry_at = 0, 0.0
    index.save()
