"""ActiveSession: one questionnaire being filled in, where every change is saved before returning.

Made by Workspace.start_session() / Workspace.resume(); app/workspace.py documents the whole API.
"""

from __future__ import annotations

import dataclasses
import hashlib
import mimetypes
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from app.engine.changes import ChangeReport
from app.store import Store, StoreError
from app.store.errors import READ_ONLY
from sync.openrosa import is_safe_segment

if TYPE_CHECKING:
    from app.engine import Session
    from app.engine.prompts import Problem, Prompt

# The session-details question the sessions list shows and filters on (CONTRACTS.md conventions).
COMMUNITY_FIELD = "community"


def last_step(ref: str) -> str:
    """ "/data/details/community[1]" -> "community"."""
    return ref.rstrip("/").rsplit("/", 1)[-1].split("[", 1)[0]


def position_after_removal(position: str | None, removed: str) -> str | None:
    """Where the facilitator is once the repeat instance `removed` is gone: later instances move
    up by one; a position inside the removed instance goes to the repeat itself."""
    match = re.fullmatch(r"(.*/[^/\[]+)(?:\[(\d+)\])?", removed)
    if position is None or match is None:
        return position
    repeat, gone = match.group(1), int(match.group(2) or 1)
    found = re.match(re.escape(repeat) + r"(?:\[(\d+)\])?(?=/|$)", position)
    if found is None:
        return position
    index = int(found.group(1) or 1)
    if index == gone:
        return repeat
    if index > gone:
        return f"{repeat}[{index - 1}]{position[found.end() :]}"
    return position


def timer_key(instance_id: str) -> str:
    """The settings key of a draft's focus-group timer: a little state beside the draft, like
    its position; never an answer."""
    return f"session_timer:{instance_id}"


def note_draft_key(instance_id: str) -> str:
    """The settings key of a note typed in the focus-group notes box but not yet entered: kept
    beside the draft (in the same data file, never in a log) so a crash does not lose it."""
    return f"session_note_draft:{instance_id}"


def answered_files(instance_xml: str) -> set[str]:
    """Every answer text of a submission: the attachment names it refers to are among them.
    Files of the draft not named here (replaced, or under questions hidden or removed since)
    are not part of what is sent."""
    from app.engine.xmlread import parse_xml

    root = parse_xml(instance_xml, "The submission").root
    return {e.text.strip() for e in root.iter() if len(e) == 0 and e.text and e.text.strip()}


def deprecated_id_of(instance_xml: str) -> str | None:
    """meta/deprecatedID of a submission (a correction names the session it replaces)."""
    from app.engine.xmlread import parse_xml

    root = parse_xml(instance_xml, "The submission").root
    found = root.find("{*}meta/{*}deprecatedID")  # {*}: any namespace, or none
    return (found.text or "").strip() or None if found is not None else None


def attachment_name(ref: str, original: str, data: bytes) -> str:
    """The stored name of a file answer, as ODK names them: nothing of the original name but its
    extension (a file called after a participant must not carry the name to the server), the
    question's name to tell files apart, and the content's hash (the same file twice is one)."""
    suffix = Path(safe_filename(original)).suffix.lower()
    if not re.fullmatch(r"\.[a-z0-9]{1,8}", suffix):
        suffix = ""
    return f"{last_step(ref)}-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"


def safe_filename(name: str) -> str:
    """A plain file name: no folders, no control characters, accents kept, never empty."""
    name = unicodedata.normalize("NFC", Path(name.replace("\\", "/")).name)
    name = re.sub(r"[\x00-\x1f/:*?\"<>|]", "_", name).strip(" .")
    return name or "file"


class ActiveSession:
    """The engine Session of one draft (or a read-only view of a finalised session) plus saving.

    Every method that changes answers first changes the engine's instance, then saves the whole
    instance XML with the position in one committed transaction, and only then returns. If saving
    fails (StoreError: disk full, file locked...) the engine's value is put back as it was, so what
    is shown matches what is saved, and the StoreError propagates.
    """

    def __init__(
        self,
        store: Store,
        session: Session,
        *,
        form_id: str,
        form_version: str,
        title: str,
        profile_id: str | None,
        read_only: bool,
        position: str | None,
        media_dir: Path | None = None,
        saved_xml: str | None = None,
        revision: int | None = None,
    ) -> None:
        self._store = store
        self.session = session
        self.form_id = form_id
        self.form_version = form_version
        self.title = title
        self.profile_id = profile_id
        self._read_only = read_only
        self.position = position
        self.media_dir = media_dir
        # Once finalised, the submission itself, which to_xml() returns unchanged (never
        # re-stamped).
        self._saved_xml = saved_xml if read_only else None
        # The draft's revision as last saved here: the next save is "over revision n", so
        # another window's save in between is refused, not overwritten.
        self._revision = revision
        # What the last answer() changed (app/engine/changes.py): the runner updates just that.
        self.last_change: ChangeReport | None = None
        self._valid_for: int | None = None  # the saved revision last found with nothing blocking

    # -- reading -----------------------------------------------------------------------------
    @property
    def instance_id(self) -> str:
        return self.session.instance_id

    @property
    def data_file(self) -> Path:
        """The data file the session is saved in (named in messages about saving)."""
        return Path(self._store.path)

    @property
    def is_read_only(self) -> bool:
        """True once finalised (or opened from a sent/reviewed session): nothing can change."""
        return self._read_only

    read_only = is_read_only

    @property
    def language(self) -> str | None:
        return self.session.language

    def prompts(self) -> list[Prompt]:
        """The engine's prompts; image/audio become paths of files in the form's media folder
        when they are there (else they stay the form's jr:// reference)."""
        prompts = self.session.prompts()
        if self.media_dir is None:
            return prompts
        return [self._with_media_files(prompt) for prompt in prompts]

    def prompt_at(self, ref: str, depth: int = 0) -> Prompt | None:
        """One question's prompt now (see Session.prompt_at), media as prompts() gives them."""
        prompt = self.session.prompt_at(ref, depth)
        if prompt is None or self.media_dir is None:
            return prompt
        return self._with_media_files(prompt)

    def media_file(self, reference: str | None) -> Path | None:
        """The local file behind a form media reference ("jr://images/map.png"), if present.
        Only the file name counts: a reference can never reach outside the media folder."""
        if not reference or self.media_dir is None:
            return None
        name = reference.rsplit("/", 1)[-1]
        # One safe segment only: "..", a backslash path (a separator on Windows), a drive
        # letter or a device name from a hostile form must not reach outside the folder.
        if not is_safe_segment(name):
            return None
        path = self.media_dir / name
        return path if path.is_file() else None

    def _with_media_files(self, prompt: Prompt) -> Prompt:
        if not prompt.image and not prompt.audio:
            return prompt
        image, audio = self.media_file(prompt.image), self.media_file(prompt.audio)
        if image is None and audio is None:
            return prompt
        return dataclasses.replace(
            prompt,
            image=str(image) if image else prompt.image,
            audio=str(audio) if audio else prompt.audio,
        )

    def value(self, ref: str) -> str:
        return self.session.value(ref)

    def check(self, ref: str) -> Problem | None:
        return self.session.check(ref)

    def validate(self) -> list[Problem]:
        problems = self.session.validate()
        # Nothing blocks finalising these very answers (this saved revision): finalize() right
        # after need not check a long session a second time.
        self._valid_for = self._revision if not problems else None
        return problems

    def to_xml(self) -> str:
        """The submission XML (non-relevant answers left out, as ODK servers expect). Once
        finalised (or opened read-only) it is exactly the stored XML that is sent, every time."""
        if self._read_only and self._saved_xml is not None:
            return self._saved_xml
        return self.session.to_xml()

    def _draft_xml(self) -> str:
        # A draft keeps answers that are hidden for now (a filter question changed back and
        # forth): nothing typed is lost, and resuming restores exactly what was there.
        return self.session.to_xml(include_non_relevant=True)

    def instances_removed_by(self, ref: str, value: str) -> list[str]:
        """Repeat instances holding answers that this answer would remove (a jr:count going
        down): ask the person first. ValueError if the value does not fit the question."""
        return self.session.instances_removed_by(ref, value)

    # -- changing ----------------------------------------------------------------------------
    def answer(self, ref: str, value: str) -> Problem | None:
        """Set one answer and save; returns that question's problem now (None if fine).

        ValueError (value impossible for the type) comes from the engine and nothing is saved.
        """
        self._refuse_if_read_only()
        before = self.session.value(ref)
        # A lower jr:count removes instances: a failed save must bring their answers back.
        before_xml = self._draft_xml() if self.session.instances_removed_by(ref, value) else None
        self.last_change = self.session.set_reporting(ref, value)
        try:
            community = self._community_after(ref, value)
            self._revision = self._store.submissions.save_draft(
                self.instance_id,
                self._draft_xml(),
                position=ref,
                community=community,
                expected_revision=self._revision,
            )
        except BaseException:
            if before_xml is not None:
                self.session = self._reopen(before_xml)
            else:
                # The saved value was valid when it was set, so putting it back cannot be refused.
                self.session.set(ref, before)
            raise
        self.position = ref
        return self.session.check(ref)

    def add_repeat(self, ref: str) -> str:
        """Add an instance of the repeat `ref` and save; returns the new instance's ref."""
        self._refuse_if_read_only()
        new_ref = self.session.add_repeat(ref)
        try:
            self._save(position=new_ref)
        except BaseException:
            self.session.remove_repeat(new_ref)
            raise
        return new_ref

    def remove_repeat(self, ref: str) -> None:
        """Remove one repeat instance (and its answers) and save."""
        self._refuse_if_read_only()
        before = self._draft_xml()
        self.session.remove_repeat(ref)
        try:
            self._save(position=position_after_removal(self.position, ref))
        except BaseException:
            # Put the removed answers back by reloading what is still saved.
            self.session = self._reopen(before)
            raise

    # -- the device's position (odk:setgeopoint, start-geopoint) ---------------------------
    @property
    def awaiting_position(self) -> bool:
        """Whether an odk:setgeopoint target of this draft waits for a fix now: the screen
        asks the OS position service only then (a finalised session never waits)."""
        return not self._read_only and self.session.awaiting_position()

    def position_wait_left(self) -> float:
        """Seconds the position service is worth listening for (0: nothing waits)."""
        return 0.0 if self._read_only else self.session.position_wait_left()

    @property
    def position_requests(self) -> int:
        """How many times an odk:setgeopoint action asked for the position in this session:
        when it grew, a fix that came a moment ago is worth giving to the new ask."""
        return self.session.position_requests

    def receive_position(self, position: str) -> ChangeReport | None:
        """A fix from the device ("lat lon altitude accuracy", as Collect writes it): written
        into the targets still waiting and saved like an answer. Returns what changed (the
        screen updates just that), or None when the fix was dropped: the session is finalised
        or left, nothing waits any more, or a better fix was already written. ValueError if the
        text is not a geopoint; StoreError if saving failed (the draft is then as before)."""
        if self._read_only:
            return None
        # The engine holds what is saved (a failed answer is put back): the draft before this fix.
        before = self._draft_xml()
        # A failed save puts the draft back; its targets then still wait, as before this fix.
        waits = [(w, w.accuracy) for w in self.session.awaited_positions]
        report = ChangeReport()
        self.session.changes = report
        try:
            wrote = self.session.receive_position(position)
        finally:
            self.session.changes = None
        if not wrote:
            return None
        try:
            self._revision = self._store.submissions.save_draft(
                self.instance_id, self._draft_xml(), expected_revision=self._revision
            )
        except BaseException:
            for waiting, accuracy in waits:
                waiting.accuracy = accuracy
            self.session = self._reopen(before, waits_from=self.session)
            raise
        report.refs = {self.session.ref(node) for node in report.nodes if node.parent is not None}
        self.last_change = report
        return report

    def stop_waiting_for_position(self) -> None:
        """The session is left: a fix that arrives later is dropped."""
        self.session.stop_waiting_for_position()

    def set_position(self, ref: str | None) -> None:
        """Remember where the facilitator is, so resuming lands there (no-op when read-only)."""
        self.position = ref
        if not self._read_only:
            self._store.submissions.set_position(self.instance_id, ref)

    def timer_seconds(self) -> int:
        """The focus-group timer's seconds as last kept for this session (0 if never)."""
        seconds = self._store.settings.get(self._timer_key(), 0)
        return int(seconds) if isinstance(seconds, int | float) else 0

    def set_timer_seconds(self, seconds: int) -> None:
        """Keep the focus-group timer's seconds, so resuming goes on from there (drafts only)."""
        if not self._read_only:
            self._store.settings.set(self._timer_key(), int(seconds))

    def _timer_key(self) -> str:
        return timer_key(self.instance_id)

    def note_draft(self) -> str:
        """The note typed in the notes box and not yet entered when last kept ("" if none)."""
        text = self._store.settings.get(note_draft_key(self.instance_id), "")
        return text if isinstance(text, str) else ""

    def set_note_draft(self, text: str) -> None:
        """Keep the note being typed (drafts only); "" forgets it once it became a note."""
        if not self._read_only:
            self._store.settings.set(note_draft_key(self.instance_id), text or None)

    def set_language(self, language: str) -> None:
        """Show labels in another of the form's languages, and remember it for this session."""
        if self._read_only:
            self.session.language = language
            return
        before = self.session.language
        self.session.language = language
        try:
            self._revision = self._store.submissions.save_draft(
                self.instance_id,
                self._draft_xml(),
                language=language,
                expected_revision=self._revision,
            )
        except BaseException:
            self.session.language = before
            raise

    def attach(self, ref: str, path: str | Path) -> str:
        """Keep a copy of the file with the session and answer `ref` with its stored name.

        Returns that name: the question's name and the content's hash ("photo-3fa2b1c4d5e6.jpg"),
        never the original file name, which may carry a participant's name to the server.
        OSError if the file cannot be read.
        """
        self._refuse_if_read_only()
        data = Path(path).read_bytes()
        name = attachment_name(ref, str(path), data)
        media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        self._store.attachments.add(self.instance_id, name, data, media_type)
        self.answer(ref, name)
        return name

    def finalize(self) -> list[Problem]:
        """Finalise if nothing blocks it: returns the problems (required answers missing,
        constraints broken) and changes nothing, or returns [] once the session is finalised —
        read-only and in the outbox, committed in one transaction."""
        self._refuse_if_read_only()
        checked = self._valid_for is not None and self._valid_for == self._revision
        problems = [] if checked else self.session.validate()
        if problems:
            return problems
        # The <end> time is stamped here, once (to_xml is a pure read), and this text is what
        # is stored, sent and returned by to_xml() from now on.
        self.session.stamp_end()
        final_xml = self.session.to_xml()
        keep_files = answered_files(final_xml)
        self._store.submissions.finalize(
            self.instance_id,
            final_xml,
            actor=self.profile_id,
            expected_revision=self._revision,
            keep_files=keep_files,
            sealed=self._sealed(final_xml, keep_files),
        )
        self._saved_xml = final_xml
        self._read_only = True
        self.session.stop_waiting_for_position()  # a fix arriving now is not this session's
        self._store.settings.set(self._timer_key(), None)  # no longer needed once finalised
        self._store.settings.set(note_draft_key(self.instance_id), None)
        return []

    # -- inside ------------------------------------------------------------------------------
    def _sealed(
        self, final_xml: str, keep_files: set[str]
    ) -> tuple[bytes, list[tuple[str, bytes]]] | None:
        """For a form with a public key: the submission and its files encrypted as ODK Collect
        does (app/odk_encryption.py); what the outbox sends. None for a plain form."""
        definition = self.session.form  # the FormDef
        if not definition.public_key:
            return None
        from app.odk_encryption import public_key_from_form, seal_submission

        media = [
            (a.filename, self._store.attachments.read(self.instance_id, a.filename))
            for a in self._store.attachments.list(self.instance_id)
            if a.filename in keep_files
        ]
        sealed = seal_submission(
            form_id=definition.form_id,
            version=definition.version,
            instance_id=self.instance_id,
            submission_xml=final_xml.encode("utf-8"),
            media=media,
            public_key=public_key_from_form(definition.public_key),
            deprecated_id=deprecated_id_of(final_xml),
        )
        return sealed.manifest, [(part.name, part.data) for part in sealed.parts]

    def _save(self, position: str | None) -> None:
        """One transaction: the instance XML and (when not None) the position."""
        self._revision = self._store.submissions.save_draft(
            self.instance_id,
            self._draft_xml(),
            position=position,
            expected_revision=self._revision,
        )
        self.position = position

    def _reopen(self, xml: str, waits_from: Session | None = None) -> Session:
        from app.engine import load_form

        form = load_form(self._store.forms.get(self.form_id, self.form_version).xform_xml)
        session = form.open_session(xml, language=self.session.language)
        # Targets still waiting for the device's position keep waiting in the reopened draft.
        session.take_waits_from(waits_from or self.session)
        return session

    def _community_after(self, ref: str, value: str) -> str | None:
        """The community's label (as the list shows it) when this answer is the community."""
        if last_step(ref) != COMMUNITY_FIELD:
            return None
        for prompt in self.session.prompts():
            if prompt.ref == ref or last_step(prompt.ref) == COMMUNITY_FIELD:
                for choice in prompt.choices:
                    if choice.value == value:
                        return choice.label
        return value

    def _refuse_if_read_only(self) -> None:
        if self._read_only:
            raise StoreError(
                READ_ONLY,
                f"Session {self.instance_id} is finalised and can no longer be changed.",
                "Only drafts can be edited.",
            )
