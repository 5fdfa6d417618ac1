"""The findings of the sessions on this laptop, for the desktop's findings view, its report and
its REFI-QDA export: a supervisor's cache of the team's sessions (``SupervisorFindings``) or a
facilitator's own finalised sessions (``OwnFindings``). Plain Python over the store; the view
calls it off the GUI thread.

    book = SupervisorFindings(store)             # or OwnFindings(store)
    book.forms(language) -> [(form_id, title)]   # forms that mark topics or needs
    book.findings(ViewQuery(form_id=None, date_from="2026-01-01"), "es", cache=...) -> Findings
    book.export(form_id, path, ExportOptions(format="qdpx"), progress=, cancelled=)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from app.export import (
    ExportCancelled,
    ExportError,
    ExportOptions,
    ExportSummary,
    SubmissionRecord,
    SubmissionSource,
    export_to_file,
)
from app.findings.compute import (
    APPROVED_ONLY,
    Findings,
    FindingsFilter,
    FormSubmissions,
    SessionCache,
    cached_roles,
    compute_findings,
)
from app.findings.form_roles import FormRoles
from app.store import Store
from app.supervisor.export_source import CachedSubmissions

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

# A facilitator's statuses before a supervisor's decision count as "received" (Central's null).
_OWN_STATES = {"finalized": "received", "queued": "received", "sent": "received"}


class FindingsCancelled(ExportCancelled):
    """The person cancelled while the findings were being read (nothing was written)."""


class NoFindingsForm(ExportError):
    """No questionnaire on this laptop marks topics or needs (``encuentro:role``)."""


@dataclass(frozen=True)
class ViewQuery:
    """What the findings view shows: one form or every form with roles (``form_id`` None),
    ISO dates (both ends included), one community value or all, and the review states admitted
    (None: every state; approved only is the supervisor's default)."""

    form_id: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    community: str | None = None
    review_states: frozenset[str] | None = APPROVED_ONLY

    def filters(self) -> FindingsFilter:
        return FindingsFilter(
            date_from=self.date_from,
            date_to=self.date_to,
            communities=None if self.community is None else frozenset({self.community}),
            review_states=self.review_states,
        )


class _Watched:
    """A source that reports progress and stops when asked (a report or a long count)."""

    def __init__(
        self,
        source: SubmissionSource,
        tally: list[int],
        progress: Progress | None,
        total: int,
        cancelled: Cancelled | None,
    ) -> None:
        self.source, self.tally = source, tally
        self.progress, self.total, self.cancelled = progress, total, cancelled

    def count(self) -> int:
        return self.source.count()

    def __iter__(self) -> Iterator[SubmissionRecord]:
        for record in self.source:
            if self.cancelled is not None and self.cancelled():
                raise FindingsCancelled("cancelled")
            self.tally[0] += 1
            if self.progress is not None and self.tally[0] % 50 == 0:
                self.progress(self.tally[0], max(self.total, self.tally[0]))
            yield record


class FindingsBook:
    """What both kinds of laptop share: forms with roles, findings for a query, the export."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- what each kind provides ---------------------------------------------------------------
    def _form_xmls(self) -> list[tuple[str, str, str]]:
        """(form_id, title, XForm) of the newest version of each form on the laptop."""
        raise NotImplementedError

    def _source(self, form_id: str, approved_only: bool) -> SubmissionSource:
        raise NotImplementedError

    # -- shared --------------------------------------------------------------------------------
    def _roles(self, xform: str, language: str | None) -> FormRoles | None:
        try:
            return cached_roles(xform, language)
        except ExportError:
            return None  # a form the findings cannot read is not offered (the export says why)

    def forms(
        self, language: str | None = None, *, focus_groups_only: bool = False
    ) -> list[tuple[str, str]]:
        """(form_id, title) of each form that marks topics (or needs), by title."""
        found = []
        for form_id, title, xform in self._form_xmls():
            roles = self._roles(xform, language)
            if roles is None:
                continue
            if roles.is_focus_group or (roles.need_paths and not focus_groups_only):
                found.append((form_id, roles.title or title))
        return sorted(found, key=lambda item: (item[1].casefold(), item[0]))

    def export_forms(self) -> list[tuple[str, str]]:
        """The forms the export dialog offers (the same as ``forms``)."""
        return self.forms()

    def findings(
        self,
        query: ViewQuery,
        language: str | None = None,
        *,
        cache: SessionCache | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> Findings:
        """The findings of the sessions the query admits (FindingsCancelled when stopped)."""
        wanted = self.forms(language)
        chosen = [f for f, _t in wanted if query.form_id in (None, f)]
        xforms = {form_id: xform for form_id, _t, xform in self._form_xmls()}
        approved_only = query.review_states == APPROVED_ONLY
        sources = [(f, self._source(f, approved_only)) for f in chosen]
        total = sum(s.count() for _f, s in sources) if progress is not None else 0
        if progress is not None:
            progress(0, total)
        tally = [0]
        entries = [
            FormSubmissions(xforms[f], _Watched(s, tally, progress, total, cancelled))
            for f, s in sources
        ]
        found = compute_findings(entries, query.filters(), language=language, cache=cache)
        if progress is not None:
            progress(tally[0], max(total, tally[0]))
        return found

    def export(
        self,
        form_id: str,
        path: Path,
        options: ExportOptions,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ExportSummary:
        """The export of one form's sessions to ``path`` (all or nothing), as the CLI's."""
        xform = next((x for f, _t, x in self._form_xmls() if f == form_id), None)
        if xform is None:
            raise NoFindingsForm(f"the questionnaire {form_id!r} is not on this laptop")
        source = self._source(form_id, options.approved_only)
        return export_to_file(
            Path(path), xform, source, options, progress=progress, cancelled=cancelled
        )


class SupervisorFindings(FindingsBook):
    """Over the supervisor's cache: the newest version of each team session."""

    def _form_xmls(self) -> list[tuple[str, str, str]]:
        cache = self.store.review_cache
        form_ids = dict.fromkeys(form["form_id"] for form in cache.forms())
        out = []
        for form_id in form_ids:
            newest = cache.newest_form(form_id)
            if newest is not None:
                out.append((form_id, str(newest["title"]), str(newest["xform_xml"])))
        return out

    def _source(self, form_id: str, approved_only: bool) -> SubmissionSource:
        return CachedSubmissions(self.store.review_cache, form_id, approved_only=approved_only)


class OwnSubmissions:
    """A facilitator's finalised sessions of one form as a ``SubmissionSource``; a session not
    yet reviewed is "received", as on the server."""

    def __init__(self, store: Store, form_id: str, *, approved_only: bool = False) -> None:
        self.store, self.form_id, self.approved_only = store, form_id, approved_only

    def count(self) -> int:
        return self.store.submissions.count_finished_of(self.form_id)

    def __iter__(self) -> Iterator[SubmissionRecord]:
        for row in self.store.submissions.finished_of(self.form_id):
            state = _OWN_STATES.get(row["status"]) or row["review_state"] or "received"
            if self.approved_only and state != "approved":
                continue
            yield SubmissionRecord(
                instance_id=row["instance_id"],
                xml=row["instance_xml"],
                submitted_at=row["finalized_at"],
                form_version=row["form_version"],
                submitter_id=row["profile_id"],
                review_state=state,
            )


class OwnFindings(FindingsBook):
    """Over a facilitator's own store: the sessions finalised on this laptop."""

    def _form_xmls(self) -> list[tuple[str, str, str]]:
        forms = self.store.forms
        newest = (forms.get(r.form_id) for r in forms.list())  # list() leaves the XML out
        return [(r.form_id, r.title, r.xform_xml) for r in newest]

    def _source(self, form_id: str, approved_only: bool) -> SubmissionSource:
        return OwnSubmissions(self.store, form_id, approved_only=approved_only)
