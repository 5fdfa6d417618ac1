"""The shell's one door to app.workspace: every call the screens' controllers make goes here.

It only forwards (no SQL, no XPath): keeping the Workspace calls in one file means a change in the
core's API is one edit, and the controllers read in the facilitator's words.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.store.errors import StoreError
from app.store.records import FormRecord, Profile, SessionFilter, Submission, SubmissionSummary
from ui.store_messages import error_text

if TYPE_CHECKING:
    from app.about import AboutFacts
    from app.active_session import ActiveSession
    from app.findings.book import OwnFindings
    from app.workspace import Workspace


class WorkspaceAccess:
    """Wraps an open Workspace for the controllers; also the SessionsModel's SessionSource."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._titles: dict[tuple[str, str, str], str] = {}

    def explain(self, error: BaseException) -> str:
        """The text to show a person for an error from the Workspace, in their language."""
        return error_text(error, str(self.workspace.config.database_path))

    def about(self) -> AboutFacts:
        return self.workspace.about()

    def findings(self) -> OwnFindings:
        """The findings of the sessions finalised on this laptop."""
        return self.workspace.own_findings()

    # profiles
    def profiles(self) -> list[Profile]:
        return self.workspace.list_profiles()

    def create_profile(
        self, name: str, language: str, pin: str | None = None, role: str = "facilitator"
    ) -> Profile:
        return self.workspace.create_profile(name, language=language, role=role, pin=pin)

    def is_protected(self) -> bool:
        """True when profiles have PINs (one encrypted file each, app/protection.py)."""
        return self.workspace.protection.encrypted

    def plain_profiles_allowed(self) -> bool:
        """Developer mode only (ENCUENTRO_PLAIN_PROFILES=1, app/config.py) on a plain folder: a
        profile is made without a PIN. Never offered to a facilitator."""
        return self.workspace.config.plain_profiles and not self.is_protected()

    def unlocked_profile_id(self) -> str | None:
        return self.workspace.unlocked_profile_id

    def set_profile_language(self, profile_id: str, language: str) -> Profile:
        return self.workspace.set_profile_language(profile_id, language)

    def choose_profile(self, profile_id: str) -> Profile:
        return self.workspace.choose_profile(profile_id)

    def current_profile(self) -> Profile | None:
        return self.workspace.current_profile()

    # questionnaires
    def forms(self) -> list[FormRecord]:
        return self.workspace.list_forms()

    def form_title(self, record: FormRecord, language: str) -> str:
        """The form's title in the interface language when the form has one (app/form_titles)."""
        from app.form_titles import title_of

        key = (record.form_id, record.version, language)
        if key not in self._titles:
            self._titles[key] = title_of(self.workspace, record, language)
        return self._titles[key]

    def last_sync_at(self) -> str | None:
        """When this laptop last reached the server (None: never)."""
        from app.last_sync import last_sync_at

        return last_sync_at(self.workspace)

    def builtin_problems(self) -> list[str]:
        return list(self.workspace.builtin_problems)

    def import_form(self, path: str | Path) -> tuple[FormRecord, bool]:
        """Convert and store a form file; raises XLSFormError/FormError with a precise message."""
        return self.workspace.import_form(Path(path))

    # sessions (count/page make this the SessionsModel's SessionSource)
    def count(self, where: SessionFilter) -> int:
        return self.workspace.count_sessions(where)

    def page(self, where: SessionFilter, offset: int, limit: int) -> list[SubmissionSummary]:
        return self.workspace.list_sessions(where, offset, limit)

    def communities(self) -> list[str]:
        return self.workspace.communities()

    def start_session(
        self, form_id: str, version: str, profile: Profile, language: str
    ) -> ActiveSession:
        """A new draft of the form as this facilitator, in the interface's language if the form
        has it (else the form's default)."""
        return self.workspace.start_session(
            form_id, version=version, facilitator=profile, language=language
        )

    def review_of(self, row: SubmissionSummary) -> tuple[str, str]:
        """(review state, supervisor's comment) of a session, or of the returned session it
        corrects; ("", "") when no supervisor has said anything about it."""
        if not row.review_state and row.deprecated_id:
            try:
                row = self.workspace.session_record(row.deprecated_id)
            except StoreError:
                return "", ""
        return row.review_state or "", (row.review_comment or "").strip()

    def discard_draft(self, instance_id: str) -> None:
        """Delete a draft and its files (refused by the store for anything but a draft)."""
        self.workspace.delete_draft(instance_id)

    def start_correction(self, instance_id: str) -> Submission:
        """Start (or find) the editable correction of a returned session; its stored record,
        to be opened like any saved session."""
        active = self.workspace.start_correction(instance_id)
        return self.workspace.session_record(active.instance_id)

    def resume(self, instance_id: str) -> ActiveSession:
        """Reopen a session where it was left (read-only if it is no longer a draft)."""
        return self.workspace.resume(instance_id)
