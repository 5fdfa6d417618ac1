"""The facilitator's workspace: the services the desktop UI calls (plain Python, no Qt).

    from app.config import load_config
    from app.workspace import Workspace

    ws = Workspace.open(load_config(data_dir))   # same as Workspace(config); StoreError if
                                                 # the data file is damaged/locked/newer
    Workspace.open(config, forms_folder=path)    # built-ins from another folder (tests)
    ws.store                  the app.store.Store (read-only uses by the UI: lists, counts...)
    ws.builtin_problems       list[str]: built-in questionnaires that could not be loaded, and why
    ws.close()                / with Workspace.open(config) as ws: ...

Questionnaires
    ws.list_forms(all_versions=False) -> list[FormRecord]   (no XML; newest version of each form)
    ws.form(form_id, version) -> app.engine.Form             (parsed once, kept in memory)
    ws.media_dir(form_id, version) -> Path | None
        <data dir>/form_media/<form id>/<version>/ when the sync client pulled media there; forms
        load with it (choice lists), and ActiveSession.prompts() point image/audio at its files.
        A form id or version that is not one safe folder name gets None (app/form_media.py)
    ws.sync_ledger() -> app.sync_ledger.WorkspaceLedger
        what the sync client (sync.client.SyncClient) reads and writes through: the outbox,
        pulled forms (checked by the engine like imported ones), review feedback, settings
    ws.import_form(path) -> (FormRecord, added: bool)
        XLSForm (.xlsx/.xls/.csv/.md) or XForm (.xml/.xform). Conversion errors propagate unchanged:
        app.xlsform.XLSFormError / app.engine.FormError (ValueError subclasses with a precise,
        person-readable message). The same version twice: added=False, nothing duplicated. The same
        version with different content: StoreError kind "invalid" (bump the version). A new version
        leaves older ones in place, so drafts on them keep opening with their own version.
    Built-in questionnaires (forms/*.md, *.xlsx via app.config.resource_path("forms")) are
    registered at open; each is converted only when its file's sha256 changed (the XForm XML is
    cached in the store).

Profiles (the facilitators using this laptop)
    ws.list_profiles() -> list[Profile]     ws.create_profile(name, language="es", role=...,
                                                              pin=None)
    PINs (issue 9; app/protection.py): one SQLCipher file per profile, each with its own key
    wrapped by that profile's PIN. The first create_profile(..., pin=) or set_pin() on a plain
    data folder moves it to that layout; from then on the folder opens locked: list_profiles()
    reads the unencrypted name index, ws.store raises Locked until ws.unlock(profile_id, pin)
    (WrongPin / PinWait / NoPin), which opens that profile's file only (unlocking another
    profile closes the first one's); create_profile(name, pin=) needs no one unlocked and
    leaves the new profile unlocked; ws.lock(); ws.is_locked; ws.unlocked_profile_id;
    ws.change_pin(profile_id, old, new); ws.set_pin(profile_id, pin) (the unlocked profile's,
    or a migrated profile's first PIN); ws.set_recovery_key(public_pem).
    ws.choose_profile(profile_id) -> Profile   (remembered: ws.current_profile() -> Profile | None)
    ws.set_profile_language(profile_id, language) -> Profile

Sessions
    ws.start_session(form_id, version=None, facilitator=Profile | profile id | None,
                     language=None) -> ActiveSession
        a new draft (saved before returning), meta/instanceID = "uuid:..."; version None: newest;
        language: "es"/"en" or a form language name; None: the facilitator's language
    ws.resume(instance_id) -> ActiveSession    (read-only unless the session is a draft)
    ws.start_correction(instance_id) -> ActiveSession
        for a session returned with issues: a new draft with a new meta/instanceID and
        meta/deprecatedID = the returned one (again: resumes the correction already started)
    ws.outbox_entries(instance_ids) -> dict[str, OutboxEntry]
        the outbox state (attempts, next_attempt_at: None = refused, not retried; last_error) of
        those sessions that are still waiting to be sent
    ws.send_again(instance_id)                (a refused or waiting session: try at the next sync)
    ws.device_id() -> str                     (deviceid metadata; username = facilitator name)
    ws.list_sessions(filters: SessionFilter | None = None, offset=0, limit=50)
        -> list[SubmissionSummary]            (most recently changed first; no XML read)
    ws.count_sessions(filters=None) -> int    ws.communities() -> list[str]
    ws.delete_draft(instance_id)
    ws.session_record(instance_id) -> Submission   (state, review, XML of one stored session)

ActiveSession (app/active_session.py)
    .instance_id  .form_id  .form_version  .title  .profile_id  .position (ref or None)
    .is_read_only (alias .read_only)   .language   .session (the engine Session)   .data_file
    prompts() -> list[Prompt]   value(ref)   check(ref) -> Problem | None   validate()   to_xml()
        (prompts' image/audio: the file path in .media_dir when the form's media were pulled,
        else the form's jr:// reference; media_file(reference) -> Path | None)
    answer(ref, value) -> Problem | None
        engine set, then the instance XML + position saved in one committed transaction;
        returns that question's constraint/required problem now. ValueError: the engine refused
        the value (nothing saved). StoreError: not saved (the engine value is put back).
    add_repeat(ref) -> new ref      remove_repeat(ref)          (both saved before returning)
    set_position(ref)               set_language(language)     (both saved)
    timer_seconds() -> int          set_timer_seconds(seconds) (the focus-group timer, kept
                                    beside the draft; dropped at finalize)
    note_draft() -> str             set_note_draft(text) (a note typed, not yet entered: kept
                                    beside the draft like the timer; dropped at finalize)
    attach(ref, path) -> stored file name   (file kept in the store; the answer is its name,
        "<question>-<sha256[:12]>.<ext>": the original name, which may hold a person's name,
        never leaves the laptop)
    Drafts are saved with answers that are hidden for now (non-relevant), so nothing typed is
    lost; to_xml() and the finalised XML leave them out, as ODK servers expect.
    finalize() -> list[Problem]    [] = finalised: read-only, in the outbox (one transaction)
    The device's position (odk:setgeopoint, start-geopoint; app/engine/position_wait.py):
    .awaiting_position (a target waits for a fix now)   position_wait_left() -> seconds
    .position_requests (grows at each ask)   stop_waiting_for_position() (the session is left)
    receive_position("lat lon altitude accuracy") -> ChangeReport | None
        a fix written into the targets still waiting (the first in their 20 s, or a more
        accurate one) and saved like an answer; None: dropped (finalised, left, nothing waits)
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from app.about import AboutFacts, about_facts
from app.active_session import ActiveSession, note_draft_key, timer_key
from app.config import Config, resource_path
from app.data_health import check_data_file
from app.form_media import FORM_MEDIA, UNVERSIONED, FormMedia
from app.protection import Locked, Protection
from app.store import (
    DRAFT,
    HAS_ISSUES,
    FormRecord,
    OutboxEntry,
    Profile,
    SessionFilter,
    Store,
    StoreError,
    Submission,
    SubmissionSummary,
)
from app.store.errors import INVALID, SEALED
from app.sync_ledger import WorkspaceLedger
from app.workspace_pins import DEVICE_ID, ProfilePins
from app.xlsform import source_hash

if TYPE_CHECKING:
    from app.engine import Form
    from app.findings.book import OwnFindings
    from app.supervisor.desk import SupervisorDesk

log = logging.getLogger(__name__)

BUILTIN_PATTERNS = ("*.md", "*.xlsx")
# Pulled forms' media: <data dir>/form_media/<form>/<version>/ (app/form_media.py)
__all__ = ["FORM_MEDIA", "UNVERSIONED", "Workspace", "pick_language"]
CURRENT_PROFILE = "current_profile"


def sealed_error(instance_id: str) -> StoreError:
    return StoreError(
        SEALED,
        f"Session {instance_id} was encrypted for the project when it was finalised; this "
        "laptop keeps only that encrypted copy, so its answers cannot be shown here.",
        "A supervisor with the project's private key can read it on the server. To keep a "
        "readable copy of such sessions on the laptop, protect the profile with a PIN.",
    )


def pick_language(available: list[str], wanted: str | None, default: str | None) -> str | None:
    """The form language matching `wanted` ("es" matches "Español (es)"), else the default."""
    if wanted:
        for name in available:
            if name == wanted or name.endswith(f"({wanted})"):
                return name
    return default


class Workspace(ProfilePins):
    """Questionnaires, profiles and sessions of one data folder. See the module docstring."""

    def __init__(
        self, config: Config, *, forms_folder: Path | None = None, guard: bool = False
    ) -> None:
        self.config = config
        # guard: quick_check before opening the data file (app/data_health); the daily backup is
        # backup_today(), which the desktop app runs in the background once the window is up
        self.guard = guard
        self.form_media = FormMedia(Path(config.database_path).parent / FORM_MEDIA)
        self.builtin_problems: list[str] = []
        self._forms: dict[tuple[str, str], Form] = {}
        self._forms_folder = forms_folder or resource_path("forms")
        self._store: Store | None = None
        # The first Store opened carries on over every later one (another profile's file):
        # the sync client and the screens keep their references to it and its parts.
        self._shell: Store | None = None
        self.protection = Protection(config.database_path)
        if self.protection.encrypted:
            return  # locked until unlock(profile_id, pin)
        if guard:
            check_data_file(config.database_path, None)
        self._open(Store.open(config.database_path))

    def _open(self, store: Store) -> None:
        if self._shell is None:
            self._shell = store
        elif store is not self._shell:
            self._shell.carry_on_with(store)
        self._store = self._shell
        self._forms.clear()
        try:
            self._register_builtins(self._forms_folder)
        except BaseException:
            self.lock()
            raise

    @property
    def store(self) -> Store:
        """The open data file; Locked while an encrypted folder is locked."""
        if self._store is None:
            raise Locked()
        return self._store

    @property
    def is_locked(self) -> bool:
        return self._store is None

    @classmethod
    def open(
        cls, config: Config, *, forms_folder: Path | None = None, guard: bool = False
    ) -> Workspace:
        """Open the data folder's store and register the built-in questionnaires. guard=True
        (the desktop app): DamagedData (app/data_health.py) when the file fails its quick
        check (at unlock for a folder protected by PINs)."""
        workspace = cls(config, forms_folder=forms_folder, guard=guard)
        if workspace.is_locked:
            log.info("opened %s (encrypted, locked until a PIN is given)", config.database_path)
        else:
            log.info("opened %s (schema v%d)", config.database_path, workspace.store.schema_version)
        return workspace

    def close(self) -> None:
        self.lock()

    def about(self) -> AboutFacts:
        """Version, data and log folders, schema version and server address (Help > About)."""
        return about_facts(self.store, self.config.data_dir, self.config.log_dir)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- questionnaires -----------------------------------------------------------------------
    def _register_builtins(self, folder: Path) -> None:
        files = sorted({p for pattern in BUILTIN_PATTERNS for p in folder.glob(pattern)})
        for path in files:
            digest = source_hash(path)
            if self.store.forms.find_by_source(path.name, digest) is not None:
                continue  # unchanged since it was last converted: no pyxform at start-up
            try:
                self._add_form_file(path, digest, builtin=True)
            except (ValueError, OSError) as error:  # FormError / XLSFormError are ValueErrors
                # One broken built-in must not keep the facilitator from the others.
                log.error("built-in questionnaire %s could not be loaded: %s", path.name, error)
                self.builtin_problems.append(f"{path.name}: {error}")

    def _add_form_file(self, path: Path, digest: str, *, builtin: bool) -> tuple[FormRecord, bool]:
        from app.engine import load_form

        return self.add_form(
            load_form(path), source_hash=digest, source_name=path.name, builtin=builtin
        )

    def load_form_text(self, xform_xml: str, media_dir: Path | None = None) -> Form:
        """The engine's load of an XForm text (FormError says what is wrong); used for forms that
        arrive as text (pulled from a server), like ``import_form`` uses it for files."""
        from app.engine import load_form

        return load_form(xform_xml, media_dir=media_dir)

    def add_form(
        self, form: Form, *, source_hash: str, source_name: str, builtin: bool = False
    ) -> tuple[FormRecord, bool]:
        """Put a form the engine loaded into the library (the one way in: built-ins, imported
        files, forms pulled by the sync client). See ``import_form`` for what is raised."""
        digest = source_hash
        existing = self._existing(form.form_id, form.version)
        if existing is not None and not builtin and existing.source_hash != digest:
            if self.store.forms.get(form.form_id, form.version).xform_xml != form.xform_xml:
                raise StoreError(
                    INVALID,
                    f"Questionnaire {form.form_id!r} version {form.version!r} is already here "
                    "with different content.",
                    "Give the new file a new version (settings sheet, column 'version') and "
                    "import it again.",
                )
        record, added = self.store.forms.add(
            form.form_id,
            form.version,
            form.title,
            form.xform_xml,
            languages=list(form.languages),
            default_language=form.default_language,
            source_hash=digest,
            source_name=source_name,
            builtin=builtin,
            actor=None if builtin else self._actor(),
        )
        self._forms.pop((form.form_id, form.version), None)
        return record, added

    def _existing(self, form_id: str, version: str) -> FormRecord | None:
        try:
            return self.store.forms.get(form_id, version)
        except StoreError:
            return None

    def import_form(self, path: str | Path) -> tuple[FormRecord, bool]:
        """Add a questionnaire file; see the module docstring for what is raised."""
        file = Path(path)
        return self._add_form_file(file, source_hash(file), builtin=False)

    def list_forms(self, all_versions: bool = False) -> list[FormRecord]:
        return self.store.forms.list(all_versions=all_versions)

    def form(self, form_id: str, version: str) -> Form:
        """The engine's Form for one stored version (parsed once, then kept in memory)."""
        key = (form_id, version)
        if key not in self._forms:
            from app.engine import load_form

            xml = self.store.forms.get(form_id, version).xform_xml
            self._forms[key] = load_form(xml, media_dir=self.media_dir(form_id, version))
        return self._forms[key]

    def media_dir(self, form_id: str, version: str) -> Path | None:
        """The folder holding a form version's pulled media (pictures, audio, choice lists), or
        None when the server sent none."""
        return self.form_media.existing(form_id, version)

    def sync_ledger(self) -> WorkspaceLedger:
        """What the sync client reads and writes through (see app/sync_ledger.py)."""
        return WorkspaceLedger(self)

    def own_findings(self) -> OwnFindings:
        """The findings of the sessions finalised on this laptop (the facilitator's view)."""
        from app.findings.book import OwnFindings

        return OwnFindings(self.store)

    def supervisor_desk(self) -> SupervisorDesk:
        """Supervisor mode over this data file: sign-in, the team's cached sessions, reviews."""
        from app.supervisor.desk import SupervisorDesk

        return SupervisorDesk(self.store)

    # -- profiles -----------------------------------------------------------------------------
    def list_profiles(self) -> list[Profile]:
        """Who uses this laptop; readable while locked (from the unencrypted name index)."""
        if self.protection.encrypted:
            return self.protection.profiles()
        return self.store.profiles.list()

    def choose_profile(self, profile_id: str) -> Profile:
        """This person is now using the laptop (remembered for the next start)."""
        profile = self.store.profiles.mark_used(profile_id)
        self.store.settings.set(CURRENT_PROFILE, profile.id)
        return profile

    def current_profile(self) -> Profile | None:
        if self._store is None:
            return None  # locked: nobody is using the laptop
        chosen = self.protection.profile_id or self.store.settings.get(CURRENT_PROFILE)
        if chosen is None:
            return None
        try:
            return self.store.profiles.get(chosen)
        except StoreError:
            return None

    def set_profile_language(self, profile_id: str, language: str) -> Profile:
        profile = self.store.profiles.set_language(profile_id, language)
        self.protection.update(profile)
        return profile

    # -- sessions -----------------------------------------------------------------------------
    def start_session(
        self,
        form_id: str,
        version: str | None = None,
        facilitator: Profile | str | None = None,
        language: str | None = None,
    ) -> ActiveSession:
        """A new draft of the form, saved before returning."""
        record = self.store.forms.get(form_id, version)
        form = self.form(record.form_id, record.version)
        profile = (
            self.store.profiles.get(facilitator) if isinstance(facilitator, str) else facilitator
        )
        wanted = language or (profile.language if profile else None)
        chosen = pick_language(list(form.languages), wanted, form.default_language)
        properties = {
            "deviceid": self.device_id(),
            "username": profile.display_name if profile else "",
        }
        last_saved = (
            self.store.submissions.last_finalized_xml(record.form_id)
            if form.definition.last_saved_ids
            else None
        )
        session = form.new_session(chosen, properties=properties, last_saved=last_saved)
        draft_xml = session.to_xml(include_non_relevant=True)
        created = self.store.submissions.create(
            session.instance_id,
            record.form_id,
            record.version,
            draft_xml,
            language=session.language,
            profile_id=profile.id if profile else None,
            facilitator=profile.display_name if profile else None,
        )
        return ActiveSession(
            self.store,
            session,
            form_id=record.form_id,
            form_version=record.version,
            title=record.title,
            profile_id=profile.id if profile else None,
            read_only=False,
            position=None,
            media_dir=self.media_dir(record.form_id, record.version),
            saved_xml=draft_xml,
            revision=created.revision,
        )

    def resume(self, instance_id: str) -> ActiveSession:
        """Reopen a session where it was left; read-only unless it is a draft. StoreError
        "sealed" for a session of an ODK-encrypted form finalised on a data file without a PIN
        (only its encrypted copy is kept: see store.submissions.finalize)."""
        saved = self.store.submissions.get(instance_id)
        if saved.status != DRAFT and self.store.sealed.answers_withheld(instance_id):
            raise sealed_error(instance_id)
        form = self.form(saved.form_id, saved.form_version)
        session = form.open_session(saved.instance_xml, saved.language)
        return ActiveSession(
            self.store,
            session,
            form_id=saved.form_id,
            form_version=saved.form_version,
            title=saved.form_title or saved.form_id,
            profile_id=saved.profile_id,
            read_only=saved.status != DRAFT,
            position=saved.position,
            media_dir=self.media_dir(saved.form_id, saved.form_version),
            saved_xml=saved.instance_xml,
            revision=saved.revision,
        )

    def start_correction(self, instance_id: str) -> ActiveSession:
        """Edit a session a supervisor returned (has_issues), ODK's way: a new draft copy with a new
        meta/instanceID and meta/deprecatedID = the returned one's. Asking again resumes the
        correction already started instead of making a second one."""
        returned = self.store.submissions.get(instance_id)
        if returned.status != HAS_ISSUES:
            raise StoreError(
                INVALID,
                f"Session {instance_id} is {returned.status}; only sessions returned with "
                "issues can be corrected.",
            )
        already = self.store.submissions.list(SessionFilter(deprecated_id=instance_id), 0, 1)
        if already:
            return self.resume(already[0].instance_id)
        if self.store.sealed.answers_withheld(instance_id):
            raise sealed_error(instance_id)
        form = self.form(returned.form_id, returned.form_version)
        session = form.open_session(returned.instance_xml, returned.language)
        # The engine's edit model: meta/deprecatedID = the returned ID, a new uuid as instanceID.
        new_id = session.renew_instance_id()
        self.store.submissions.create(
            new_id,
            returned.form_id,
            returned.form_version,
            session.to_xml(include_non_relevant=True),
            language=session.language,
            profile_id=returned.profile_id,
            facilitator=returned.facilitator,
            community=returned.community,
            position=returned.position,
            deprecated_id=instance_id,
            files_from=instance_id,  # its photos are answers too: resent with the correction
        )
        return self.resume(new_id)

    def outbox_entries(self, instance_ids: Iterable[str]) -> dict[str, OutboxEntry]:
        """Outbox state of the given sessions that are still waiting (the sessions list shows
        "refused" or "will retry at..." from it)."""
        wanted = set(instance_ids)
        if not wanted:
            return {}
        return {e.instance_id: e for e in self.store.outbox.list() if e.instance_id in wanted}

    def send_again(self, instance_id: str) -> None:
        """Put a session the server refused (or one waiting for its retry) back in line now; the
        next sync sends it. StoreError (not found) if it is no longer waiting to be sent."""
        self.store.outbox.requeue(instance_id)
        self.store.audit.record(self._actor(), "session.send_again", instance_id)

    def device_id(self) -> str:
        """This laptop's ID for the deviceid metadata, made once and kept in the store."""
        device = self.store.settings.get(DEVICE_ID)
        if not device:
            device = f"encuentro:{uuid.uuid4().hex[:16]}"
            self.store.settings.set(DEVICE_ID, device)
        return str(device)

    def list_sessions(
        self, filters: SessionFilter | None = None, offset: int = 0, limit: int = 50
    ) -> list[SubmissionSummary]:
        return self.store.submissions.list(filters, offset, limit)

    def count_sessions(self, filters: SessionFilter | None = None) -> int:
        return self.store.submissions.count(filters)

    def communities(self) -> list[str]:
        return self.store.submissions.communities()

    def delete_draft(self, instance_id: str) -> None:
        self.store.submissions.delete_draft(instance_id, actor=self._actor())
        self.store.settings.set(timer_key(instance_id), None)
        self.store.settings.set(note_draft_key(instance_id), None)

    def session_record(self, instance_id: str) -> Submission:
        """One stored session: its state and review as the sessions list shows them, and its
        XML (StoreError "not_found" when it is not on this laptop)."""
        return self.store.submissions.get(instance_id)

    def _actor(self) -> str | None:
        actor: str | None = self.store.settings.get(CURRENT_PROFILE)
        return actor
