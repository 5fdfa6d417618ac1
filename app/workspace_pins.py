"""Profiles and their PINs, the part of the Workspace that opens and locks protected data.

Mixed into Workspace (app/workspace.py), which provides config, guard, protection, store, _store,
_open and device_id. On a protected laptop each profile has its own encrypted file
(app/protection.py): creating a profile gives it a PIN and a file, unlocking opens that file
(after its quick_check), locking closes it and forgets the key. A plain folder (tests and
developer mode) becomes protected when its first profile gets a PIN.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from app.data_health import backup_today, check_data_file
from app.store import Profile, Store, StoreError
from app.store.errors import INVALID
from app.store.keys import check_pin, load_public_key
from app.store.people import ROLES
from app.store.records import now_iso

if TYPE_CHECKING:
    from app.config import Config
    from app.engine import Form
    from app.protection import Protection

DEVICE_ID = "device_id"
RECOVERY_PUBLIC_KEY = "recovery.public_key"  # the project's, from enrollment (public: no secret)
# Sync state that is each profile's own (its outbox was sent, its feedback read, its pause).
PER_PROFILE_SYNC_STATE = ("sync.feedback_cursor", "sync.last_success_at", "sync.paused_reason")


class ProfilePins:
    """create_profile, unlock, lock and the PIN changes of a Workspace."""

    if TYPE_CHECKING:
        config: Config
        guard: bool
        protection: Protection
        _store: Store | None
        _forms: dict[tuple[str, str], Form]

        @property
        def store(self) -> Store: ...
        def _open(self, store: Store) -> None: ...
        def device_id(self) -> str: ...

    def create_profile(
        self,
        display_name: str,
        language: str = "es",
        role: str = "facilitator",
        pin: str | None = None,
    ) -> Profile:
        """A new profile. With `pin` the data folder is (or stays) encrypted and the workspace is
        unlocked afterwards; the first PIN on a plain folder encrypts its data file in place.
        Without a PIN only a plain folder accepts it (tests, developer mode): ValueError on an
        encrypted one. Locked when an encrypted folder is locked (its data key is needed)."""
        if pin is None:
            if self.protection.encrypted:
                raise ValueError("A new profile on this laptop needs a PIN.")
            return self.store.profiles.create(display_name, role=role, language=language)
        check_pin(pin)
        if not self.protection.encrypted:
            profile = self.store.profiles.create(display_name, role=role, language=language)
            self._encrypt(profile.id, pin)
            return self.store.profiles.get(profile.id)
        name = display_name.strip()
        if not name or role not in ROLES:
            raise StoreError(INVALID, "A profile needs a name and a known role.", "")
        new = Profile(str(uuid.uuid4()), name, role, language, now_iso(), None)
        # Forms and device settings are copied from the profile unlocked now, if any, so the new
        # file syncs as the same device; its sessions are its own from the first one.
        self._open(self.protection.add(new, pin, self._device_settings()))
        return self.store.profiles.get(new.id)

    def _device_settings(self) -> dict[str, object]:
        """What every profile's file shares: the device id and how to reach the server (its
        address, token or where the token is, pinned certificate); not per-profile sync state."""
        found: dict[str, object] = {}
        assert self.protection.index is not None
        if self.protection.index.device_id:
            found[DEVICE_ID] = self.protection.index.device_id
        if self._store is not None:
            found.update(self._store.settings.with_prefix("sync."))
            for key in PER_PROFILE_SYNC_STATE:
                found.pop(key, None)
            found[DEVICE_ID] = self.device_id()
        return found

    def _encrypt(self, profile_id: str, pin: str) -> None:
        # The plain file becomes the shared file, encrypted in place (verified), then this
        # profile moves out into its own file. The same Store object carries on over it, so the
        # sync ledger, the token vault and the screens holding it keep working. If this stops
        # half-way, the index already holds the keys: the folder opens locked and the next
        # unlock finishes the job.
        store = self.store
        key = self.protection.begin(store.profiles.list(), profile_id, pin, self.device_id())
        store.close()
        self._store = None
        try:
            self.protection.encrypt_shared(key)
            own = self.protection.unlock(profile_id, pin)
        except BaseException:
            self.lock()
            raise
        self._open(own)
        recovery_pem = self.store.settings.get(RECOVERY_PUBLIC_KEY)
        if recovery_pem:  # enrolled before the first PIN: wrap with the project's key now
            self.protection.set_recovery_key(recovery_pem)

    def unlock(self, profile_id: str, pin: str) -> Profile:
        """Open the encrypted data with this profile's PIN (then choose_profile as usual).
        WrongPin on a wrong PIN (counted; after a few in a row PinWait says how long to wait,
        even across restarts); NoPin for a profile given no PIN yet. A plain data file left by
        an older Encuentro or an interrupted change is encrypted (verified) on the way."""
        if not self.protection.encrypted:
            raise ValueError("This laptop's data is not protected by PINs.")
        if self._store is not None and self.protection.profile_id == profile_id:
            self.protection.unwrap(profile_id, pin)  # already open: the PIN is still checked
        else:
            # A wrong PIN raises here, before the open profile (if any) is closed.
            store = self.protection.unlock(profile_id, pin)
            if self.guard:
                try:
                    check_data_file(self.protection.profile_path(profile_id), self.protection.key)
                except BaseException:
                    store.close()
                    self.protection.forget()
                    raise
            self._open(store)
        return next(p for p in self.protection.profiles() if p.id == profile_id)

    @property
    def unlocked_profile_id(self) -> str | None:
        """The profile whose file is open on a protected laptop (None: locked, or plain)."""
        return self.protection.profile_id if self._store is not None else None

    def data_file(self) -> Path:
        """The data file open now: the unlocked profile's own file on a protected laptop."""
        if self.protection.encrypted and self.protection.profile_id is not None:
            return self.protection.profile_path(self.protection.profile_id)
        return Path(self.config.database_path)

    def backup_today(self) -> Path | None:
        """Today's daily copy of the open data file unless made already (app/store/backup.py;
        the desktop app calls it off the GUI thread once started, then hourly: ~1.2 s for a
        90 MB file). It reads through its own connection, so answers keep being saved
        meanwhile. None when locked or already done."""
        if self._store is None:
            return None
        return backup_today(self.data_file(), self.protection.key)

    def verify_pin(self, profile_id: str, pin: str) -> None:
        """The screen lock's question (ui/lock_screen.py): is this the profile's PIN? Raises
        WrongPin (counted, as at unlock), PinWait, NoPin; the open data stays open."""
        if not self.protection.encrypted:
            raise ValueError("This laptop's data is not protected by PINs.")
        self.protection.unwrap(profile_id, pin)

    def lock(self) -> None:
        """Close the data file and forget the data key (unlock needs a PIN again). Callers save
        what is being typed first; nothing unsaved is kept here."""
        if self._store is not None:
            store, self._store = self._store, None
            store.close()
        self.protection.forget()
        self._forms.clear()

    def set_pin(self, profile_id: str, pin: str) -> None:
        """Replace the unlocked profile's PIN (only the wrapped key changes), or give a profile
        left without one by a migration its first PIN. On a plain folder this encrypts it (see
        create_profile). ValueError for another profile that has a PIN (change_pin)."""
        check_pin(pin)
        if not self.protection.encrypted:
            self.store.profiles.get(profile_id)  # not_found for an unknown profile
            self._encrypt(profile_id, pin)
            return
        self.store  # noqa: B018 - raises Locked: a PIN is only set on unlocked data
        self.protection.set_pin(profile_id, pin)

    def change_pin(self, profile_id: str, old_pin: str, new_pin: str) -> None:
        """Replace a PIN knowing the old one (WrongPin/PinWait as for unlock)."""
        check_pin(new_pin)
        if not self.protection.encrypted:
            raise ValueError("This laptop's data is not protected by PINs.")
        self.protection.change_pin(profile_id, old_pin, new_pin)

    def set_recovery_key(self, public_pem: str | bytes) -> None:
        """Wrap the data key with the project's recovery public key (from enrollment) so a
        supervisor with the private key can recover a forgotten PIN. Kept in the store too: a
        plain folder wraps its key with it when a PIN first protects it. ValueError if it is
        not an RSA public key of 2048 bits or more."""
        pem = public_pem if isinstance(public_pem, str) else public_pem.decode("ascii")
        load_public_key(pem)
        self.store.settings.set(RECOVERY_PUBLIC_KEY, pem)  # raises Locked
        if self.protection.encrypted:
            self.protection.set_recovery_key(pem)
