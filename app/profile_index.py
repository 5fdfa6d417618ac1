"""The small unencrypted index of the profiles on this laptop: names and wrapped keys only.

`<data dir>/profiles.json` exists once the laptop's data is encrypted. It lets the start screen
list who uses the laptop before anything is unlocked, and keeps, per profile:
  key          that profile's own data key (its own file, app/protection.py) wrapped by its PIN
  recovery     the same key wrapped by the project's recovery public key (once it is known)
  legacy_pin   during a migration only: the key of the older file all profiles shared (version 1
               of this index), wrapped by the same PIN; dropped once its sessions have moved
  failures / retry_at   wrong PINs in a row and until when the next try must wait.
It also keeps the recovery public key itself (public by nature) and the laptop's device id. It
holds no answer, no session, no token: reading it reveals the facilitators' names and roles only.
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


def _from_version_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 (one data file shared by every profile): each PIN wrapped that shared key, so
    it becomes the profile's legacy_pin until its sessions move to a file of its own."""
    profiles = []
    for item in data["profiles"]:
        item = dict(item)
        item["legacy_pin"] = item.pop("pin", None)
        profiles.append(item)
    return {"version": 2, "profiles": profiles, "legacy_recovery": data.get("recovery")}


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
    key: dict[str, Any] | None = None  # this profile's own data key, wrapped by its PIN
    recovery: dict[str, Any] | None = None  # ...and by the project's recovery public key
    legacy_pin: dict[str, Any] | None = None  # the old shared file's key, wrapped by the PIN
    failures: int = 0
    retry_at: float = 0.0

    @property
    def has_pin(self) -> bool:
        return self.key is not None or self.legacy_pin is not None


@dataclass
class ProfileIndex:
    path: Path
    profiles: dict[str, IndexedProfile] = field(default_factory=dict)
    legacy_recovery: dict[str, Any] | None = None  # the old shared key, by the recovery key
    recovery_public: str | None = None  # the project's recovery public key (PEM)
    device_id: str | None = None  # one deviceid for every profile of this laptop
    legacy_unowned_to: str | None = None  # who took the old file's sessions of no profile

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
            if not isinstance(data, dict) or data.get("version") not in (1, 2):
                raise ValueError("unknown version")
            if data["version"] == 1:
                data = _from_version_1(data)
            profiles = {}
            for item in data["profiles"]:
                entry = IndexedProfile(**item)
                if not isinstance(entry.id, str) or not isinstance(entry.display_name, str):
                    raise ValueError("bad profile")
                for record in (entry.key, entry.recovery, entry.legacy_pin):
                    if record is not None and not isinstance(record, dict):
                        raise ValueError("bad key record")
                profiles[entry.id] = entry
            legacy_recovery = data.get("legacy_recovery")
            if legacy_recovery is not None and not isinstance(legacy_recovery, dict):
                raise ValueError("bad recovery record")
            texts = [data.get(k) for k in ("recovery_public", "device_id", "legacy_unowned_to")]
            if any(t is not None and not isinstance(t, str) for t in texts):
                raise ValueError("bad laptop record")
        except (OSError, ValueError, TypeError, KeyError) as error:
            message = f"The profile index {path} cannot be read ({error})."
            raise ProfileIndexError(message) from error
        return cls(path, profiles, legacy_recovery, *texts)

    def save(self) -> None:
        """Write the index atomically (temporary file, fsync, rename), owner-only."""
        data = {
            "version": 2,
            "profiles": [asdict(p) for p in self.profiles.values()],
            "legacy_recovery": self.legacy_recovery,
            "recovery_public": self.recovery_public,
            "device_id": self.device_id,
            "legacy_unowned_to": self.legacy_unowned_to,
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
