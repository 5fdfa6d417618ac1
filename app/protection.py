"""PINs, data keys and data files of one data folder: one encrypted file per profile.

A data folder is either plain (no `profiles.json`: the state before issue 9, still used by tests
and the documented developer mode; the UI never creates a profile without a PIN) or protected:

    <data dir>/profiles.json                  names and wrapped keys (app/profile_index.py)
    <data dir>/profiles/<profile id>.sqlite3  one SQLCipher file per profile, with its own random
                                              key, wrapped by that profile's PIN and by the
                                              project's recovery public key
    <data dir>/encuentro.sqlite3              the old file every profile shared; only while a
                                              migration is under way (see below)

A PIN unwraps only its own profile's key, so with one profile unlocked the others' sessions stay
unreadable: each file holds its profile's sessions, outbox, settings and its own copy of the
forms (forms are not personal data, and a copy per file keeps every file a complete store: sync
sends one profile's outbox while that profile is unlocked, under the same device id and token).

Migration (the old shared file, plain or encrypted with one key for everyone):
  * a plain folder is encrypted in place first (app/store/encrypt_file.py) with a "shared" key,
    wrapped by the PIN being given (the profile's `legacy_pin`), as before this change;
  * a profile holding a `legacy_pin` moves out on its first unlock (app/store/split_file.py):
    own key made and saved wrapped, verified copy of its sessions into its own file, then its
    sessions deleted from the shared file. A crash at any step is finished by the next unlock;
  * the first profile to move also takes the sessions of no known profile and the supervisor
    cache; profiles still without a PIN get one from a colleague whose unlock holds the shared
    key (set_pin), as before. Once no profile lacks a PIN, the moved profiles' `legacy_pin`s
    are dropped, and when none is left the (then empty) shared file is wiped.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from app.profile_index import INDEX_NAME, IndexedProfile, ProfileIndex
from app.store import Profile, Store, StoreError
from app.store.encrypt_file import (
    _sidecars,
    encrypt_backups,
    encrypt_in_place,
    finish_interrupted,
    is_plain,
    wipe,
)
from app.store.errors import UNREADABLE
from app.store.keys import (
    WrongPin,
    check_pin,
    new_data_key,
    unwrap_with_pin,
    unwrap_with_recovery,
    wrap_with_pin,
    wrap_with_recovery,
)
from app.store.split_file import copy_profile_part, drop_moved, remaining_sessions

log = logging.getLogger(__name__)

PROFILES_FOLDER = "profiles"
_SAFE_ID = re.compile(r"[A-Za-z0-9-]{1,64}")


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
    """The index and, while a profile is unlocked, its key (and the shared key during a
    migration) for one data folder. `data_path` is the folder's shared (old) data file."""

    def __init__(self, data_path: Path) -> None:
        self.data_path = Path(data_path)
        self.index = ProfileIndex.load(index_path(self.data_path))
        self.key: bytes | None = None  # the unlocked profile's own key
        self.profile_id: str | None = None  # who is unlocked
        self.legacy_key: bytes | None = None  # the shared file's key, while still needed

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

    def profile_path(self, profile_id: str) -> Path:
        """The profile's own data file (its id is the name when it is a safe one)."""
        name = profile_id
        if not _SAFE_ID.fullmatch(profile_id):
            name = hashlib.sha256(profile_id.encode("utf-8")).hexdigest()[:32]
        return self.data_path.parent / PROFILES_FOLDER / f"{name}.sqlite3"

    def forget(self) -> None:
        """Drop the keys from memory (lock)."""
        self.key = self.profile_id = self.legacy_key = None

    # -- PINs ----------------------------------------------------------------------------------
    def unwrap(self, profile_id: str, pin: str) -> tuple[bytes | None, bytes | None]:
        """(own key, shared key) from this profile's PIN; either may be None (not made yet, or
        no longer needed). WrongPin (counted, persisted), PinWait while a wait after wrong PINs
        runs, NoPin, KeyError for an unknown profile."""
        assert self.index is not None
        entry = self.index.entry(profile_id)
        if not entry.has_pin:
            raise NoPin()
        wait = self.index.seconds_to_wait(profile_id)
        if wait > 0:
            raise PinWait(wait)
        try:
            own = unwrap_with_pin(entry.key, pin) if entry.key else None
            shared = unwrap_with_pin(entry.legacy_pin, pin) if entry.legacy_pin else None
        except WrongPin:
            self.index.record_failure(profile_id)
            raise
        self.index.record_success(profile_id)
        return own, shared

    def unlock(self, profile_id: str, pin: str) -> Store:
        """Open this profile's own file with its PIN (moving its sessions out of the shared file
        first when that is still to do). The caller adopts the returned Store."""
        assert self.index is not None
        own, shared = self.unwrap(profile_id, pin)
        if shared is not None:
            own = self._move_out(profile_id, pin, own, shared)
        assert own is not None
        path = self.profile_path(profile_id)
        if not path.exists():
            # Never a new empty file in its place: that would hide the loss.
            raise StoreError(
                UNREADABLE,
                f"The data file of this profile ({path.name}) is missing from {path.parent}.",
                "Put it back from a backup copy, or ask your coordinator. Nothing was changed.",
            )
        store = Store.open(path, key=own)
        self.key, self.profile_id = own, profile_id
        entry = self.index.entry(profile_id)
        self.legacy_key = shared if entry.legacy_pin is not None else None
        if self.index.recovery_public and entry.recovery is None:
            # The recovery key arrived while this profile was locked: wrap its key now.
            entry.recovery = wrap_with_recovery(own, self.index.recovery_public)
            self.index.save()
        return store

    def begin(self, profiles: list[Profile], profile_id: str, pin: str, device_id: str) -> bytes:
        """Make the shared key for a plain folder, wrapped by `pin` for `profile_id`, and save the
        index (every profile listed, the others without a PIN yet). Returns the shared key; the
        caller closes the plain store, then encrypt_shared(key) and unlock(profile_id, pin)."""
        check_pin(pin)
        key = new_data_key()
        index = ProfileIndex(index_path(self.data_path), device_id=device_id)
        for p in profiles:
            index.profiles[p.id] = IndexedProfile(
                p.id,
                p.display_name,
                p.role,
                p.language,
                p.created_at,
                legacy_pin=wrap_with_pin(key, pin) if p.id == profile_id else None,
            )
        index.save()
        self.index = index
        return key

    def encrypt_shared(self, key: bytes) -> None:
        """Encrypt the shared file (and its pre-migration backups) with the shared key if it is
        still plain: a folder from before PINs, or a first PIN interrupted."""
        finish_interrupted(self.data_path)
        if is_plain(self.data_path):
            encrypt_in_place(self.data_path, key)
        encrypt_backups(self.data_path, key)

    def add(self, profile: Profile, pin: str, device_settings: dict[str, object]) -> Store:
        """A new profile with its own key and file (no other profile's key is needed). Returns
        its open Store; the caller adopts it."""
        assert self.index is not None
        check_pin(pin)
        key = new_data_key()
        path = self.profile_path(profile.id)
        for leftover in (path, *_sidecars(path)):
            wipe(leftover)  # a file from an interrupted creation: its key was never saved
        store = Store.open(path, key=key)
        try:
            store.profiles.create(
                profile.display_name, profile.role, profile.language, profile_id=profile.id
            )
            for name, value in device_settings.items():
                store.settings.set(name, value)
            entry = IndexedProfile(
                profile.id,
                profile.display_name,
                profile.role,
                profile.language,
                profile.created_at,
                key=wrap_with_pin(key, pin),
            )
            if self.index.recovery_public:
                entry.recovery = wrap_with_recovery(key, self.index.recovery_public)
            self.index.profiles[profile.id] = entry
            self.index.save()
        except BaseException:
            store.close()
            raise
        self.key, self.profile_id, self.legacy_key = key, profile.id, None
        return store

    def set_pin(self, profile_id: str, pin: str) -> None:
        """Give the unlocked profile a new PIN (its keys are rewrapped, no file is touched), or
        give a profile still without a PIN one, with the shared key the unlocked profile holds
        during a migration. ValueError otherwise (another profile's PIN is theirs to change)."""
        assert self.index is not None
        check_pin(pin)
        entry = self.index.entry(profile_id)
        if profile_id == self.profile_id and self.key is not None:
            entry.key = wrap_with_pin(self.key, pin)
            if entry.legacy_pin is not None and self.legacy_key is not None:
                entry.legacy_pin = wrap_with_pin(self.legacy_key, pin)
        elif not entry.has_pin and self.legacy_key is not None:
            entry.legacy_pin = wrap_with_pin(self.legacy_key, pin)
        else:
            raise ValueError(
                "Only the person using a profile changes its PIN (Change PIN, with the old one)."
            )
        entry.failures, entry.retry_at = 0, 0.0
        self.index.save()

    def change_pin(self, profile_id: str, old_pin: str, new_pin: str) -> None:
        """Rewrap this profile's keys under a new PIN knowing the old one; no file changes."""
        assert self.index is not None
        check_pin(new_pin)
        own, shared = self.unwrap(profile_id, old_pin)
        entry = self.index.entry(profile_id)
        if own is not None:
            entry.key = wrap_with_pin(own, new_pin)
        if shared is not None:
            entry.legacy_pin = wrap_with_pin(shared, new_pin)
        self.index.save()

    def update(self, profile: Profile) -> None:
        """Keep the index's copy of a name or language in step with the store."""
        if self.index is not None and profile.id in self.index.profiles:
            entry = self.index.profiles[profile.id]
            entry.display_name, entry.language = profile.display_name, profile.language
            self.index.save()

    def set_recovery_key(self, public_pem: str | bytes) -> None:
        """Keep the project's recovery public key and wrap the unlocked profile's key with it
        (ValueError if the PEM is not an RSA public key of 2048 bits or more). Other profiles'
        keys are wrapped at their next unlock: only their PIN opens them."""
        assert self.index is not None and self.key is not None and self.profile_id is not None
        text = public_pem.decode("ascii") if isinstance(public_pem, bytes) else public_pem
        self.index.profiles[self.profile_id].recovery = wrap_with_recovery(self.key, text)
        if self.legacy_key is not None:
            self.index.legacy_recovery = wrap_with_recovery(self.legacy_key, text)
        self.index.recovery_public = text
        self.index.save()

    # -- the move out of the shared file -------------------------------------------------------
    def _move_out(self, profile_id: str, pin: str, own: bytes | None, shared: bytes) -> bytes:
        assert self.index is not None
        entry = self.index.entry(profile_id)
        path = self.profile_path(profile_id)
        known = list(self.index.profiles)
        if self.data_path.exists():
            self.encrypt_shared(shared)
        if own is None:
            # The own key is saved before any copy exists, so an interrupted move is finished
            # with the same key by the next unlock.
            own = new_data_key()
            entry.key = wrap_with_pin(own, pin)
            if self.index.recovery_public:
                entry.recovery = wrap_with_recovery(own, self.index.recovery_public)
            if self.index.legacy_unowned_to is None:
                self.index.legacy_unowned_to = profile_id
            self.index.save()
        take = self.index.legacy_unowned_to == profile_id
        if self.data_path.exists():
            if not path.exists():
                moved = copy_profile_part(
                    self.data_path, shared, path, own, profile_id, take, known
                )
                log.info("moved %d sessions into a profile's own file", len(moved))
            drop_moved(self.data_path, shared, path, own, profile_id, take, known)
        elif not path.exists():
            Store.open(path, key=own).close()  # nothing left to move: an empty file
        self._tidy_shared(shared)
        return own

    def _tidy_shared(self, shared: bytes) -> None:
        """Drop the shared key's PIN wrappings nobody needs any more, then the shared file."""
        assert self.index is not None
        entries = list(self.index.profiles.values())
        if any(not e.has_pin for e in entries):
            return  # a colleague's unlock must still be able to give them a PIN
        moved = [e for e in entries if e.legacy_pin and self.profile_path(e.id).exists()]
        waiting = [e for e in entries if e.legacy_pin and e not in moved]
        if not moved:
            return
        if not waiting and self.data_path.exists():
            left = remaining_sessions(self.data_path, shared)
            if left:
                log.warning("the shared data file still holds %d sessions; kept", left)
                return
        for entry in moved:
            entry.legacy_pin = None
        if not waiting:
            self.index.legacy_recovery = None
        self.index.save()
        if not waiting:
            folder = self.data_path.parent / "backups"
            copies = sorted(folder.glob(f"{self.data_path.stem}-v*{self.data_path.suffix}"))
            for leftover in (self.data_path, *_sidecars(self.data_path), *copies):
                wipe(leftover)
            log.info("every profile has its own file: the shared data file was wiped")


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
    entry = index.entry(profile_id)
    check_pin(new_pin)
    if entry.recovery is None and index.legacy_recovery is None:
        raise ValueError("No recovery key was set for this profile's data.")
    if entry.recovery is not None:
        own = unwrap_with_recovery(entry.recovery, private_pem, password)
        # Proves the key opens the profile's file before its PIN is replaced.
        Store.open(protection.profile_path(profile_id), key=own).close()
        entry.key = wrap_with_pin(own, new_pin)
    if index.legacy_recovery is not None and (entry.legacy_pin or entry.recovery is None):
        assert index.legacy_recovery is not None
        shared = unwrap_with_recovery(index.legacy_recovery, private_pem, password)
        Store.open(data_path, key=shared).close()
        entry.legacy_pin = wrap_with_pin(shared, new_pin)
    entry.failures, entry.retry_at = 0, 0.0
    index.save()
