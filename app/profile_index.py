"""The small unencrypted index of the profiles on this laptop: names and wrapped keys only.

`<data dir>/profiles.json` exists once the data file is encrypted. It lets the start screen list
who uses the laptop before anything is unlocked, and keeps, per profile, the data key wrapped by
that person's PIN (app/store/keys.py), the count of wrong PINs in a row and until when the next
try must wait. It also keeps the data key wrapped by the project's recovery public key. It holds
no answer, no session, no token: reading it reveals the facilitators' names and roles only.

All profiles of one laptop share one encrypted data file, hence one data key: each PIN unwraps
the same key, so any unlocked profile can read every session on the laptop (see README,
"Encryption at rest").
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.store.private_files import private_file

INDEX_NAME = "profiles.json"
MAX_INDEX_BYTES = 1024 * 1024  # hundreds of profiles at most; anything bigger is not ours
# Wrong PINs: the first FREE_TRIES in a row cost nothing more than argon2id's half second; then
# each further one makes the next try wait twice as long, up to MAX_WAIT seconds. Persisted, so
# restarting Encuentro does not reset it.
FREE_TRIES = 3
MAX_WAIT = 15 * 60


def now() -> float:
    """The clock the waiting time is measured on (a seam for tests)."""
    return time.time()


def wait_after(failures: int) -> float:
    """Seconds before the next try is allowed after `failures` wrong PINs in a row."""
    if failures < FREE_TRIES:
        return 0.0
    return float(min(2 ** (failures - FREE_TRIES + 1) * 15, MAX_WAIT))


class ProfileIndexError(ValueError):
    """The profile index is unreadable or not ours."""


@dataclass
class IndexedProfile:
    """One profile as the index knows it (names and key material, nothing else)."""

    id: str
    display_name: str
    role: str
    language: str
    created_at: str
    pin: dict[str, Any] | None = None  # the data key wrapped by this person's PIN
    failures: int = 0
    retry_at: float = 0.0


@dataclass
class ProfileIndex:
    path: Path
    profiles: dict[str, IndexedProfile] = field(default_factory=dict)
    recovery: dict[str, Any] | None = None  # the data key wrapped by the recovery public key

    @classmethod
    def load(cls, path: Path) -> ProfileIndex | None:
        """The index at `path`, None when there is none (a plain data file); ProfileIndexError if
        it is damaged."""
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            return None
        if size > MAX_INDEX_BYTES:
            raise ProfileIndexError(f"{path} is too large to be Encuentro's profile index.")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("version") != 1:
                raise ValueError("unknown version")
            profiles = {}
            for item in data["profiles"]:
                entry = IndexedProfile(**item)
                if not isinstance(entry.id, str) or not isinstance(entry.display_name, str):
                    raise ValueError("bad profile")
                if entry.pin is not None and not isinstance(entry.pin, dict):
                    raise ValueError("bad key record")
                profiles[entry.id] = entry
            recovery = data.get("recovery")
            if recovery is not None and not isinstance(recovery, dict):
                raise ValueError("bad recovery record")
        except (OSError, ValueError, TypeError, KeyError) as error:
            message = f"The profile index {path} cannot be read ({error})."
            raise ProfileIndexError(message) from error
        return cls(path, profiles, recovery)

    def save(self) -> None:
        """Write the index atomically (temporary file, fsync, rename), owner-only."""
        data = {
            "version": 1,
            "profiles": [asdict(p) for p in self.profiles.values()],
            "recovery": self.recovery,
        }
        partial = self.path.with_name(self.path.name + ".tmp")
        private_file(partial)
        with open(partial, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, self.path)
        if os.name != "nt":
            fd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def entry(self, profile_id: str) -> IndexedProfile:
        try:
            return self.profiles[profile_id]
        except KeyError:
            raise KeyError(f"No profile {profile_id} on this laptop.") from None

    def record_failure(self, profile_id: str) -> float:
        """One more wrong PIN, saved; returns the seconds the next try must wait."""
        entry = self.entry(profile_id)
        entry.failures += 1
        wait = wait_after(entry.failures)
        entry.retry_at = now() + wait
        self.save()
        return wait

    def record_success(self, profile_id: str) -> None:
        entry = self.entry(profile_id)
        if entry.failures or entry.retry_at:
            entry.failures, entry.retry_at = 0, 0.0
            self.save()

    def seconds_to_wait(self, profile_id: str) -> float:
        """How long before this profile's PIN may be tried again (0: now)."""
        # Capped: a clock set back must not lock a person out for days.
        left = self.entry(profile_id).retry_at - now()
        return min(max(0.0, left), float(MAX_WAIT))
