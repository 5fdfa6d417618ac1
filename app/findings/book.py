"""The findings of the sessions on this laptop, for the desktop's findings view, its report and
its REFI-QDA export: a supervisor's cache of the team's sessions (``SupervisorFindings``) or a
facilitator's own finalised sessions (``OwnFindings``). Plain Python over the store; the view
calls it off the GUI thread.

    book = SupervisorFindings(store)             # or OwnFindings(store)
    book.forms(language) -> [(form_id, title)]   # forms that mark topics or needs
    book.findings(ViewQuery(form_id=None, date_from="2026-01-01"), "es", cache=SessionMemory())
        -> Findings: each session read from memory, else from the store's findings cache
        (``store.findings_cache``), else from its XML (then kept in the store)
    book.export(form_id, path, ExportOptions(format="qdpx"), progress=, cancelled=)
"""

from __future__ import annotations

import gc
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
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
from app.findings.sessions import Session, UnreadableSubmission, read_session
from app.findings.stored import dump_session, load_session, roles_key
from app.store import Store
from app.supervisor.export_source import CachedSubmissions, central_time

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

# A facilitator's statuses before a supervisor's decision count as "received" (Central's null).
_OWN_STATES = {"finalized": "received", "queued": "received", "sent": "received"}


def own_state(row: dict[str, object]) -> str:
    """A facilitator's session's review state as the server names it."""
    return _OWN_STATES.get(str(row["status"])) or str(row["review_state"] or "received")


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


@dataclass(frozen=True, slots=True)
class Listed:
    """One submission as the findings view lists it: its version's own instanceID (whose XML
    never changes) and the record the counts read (its XML left out until needed)."""

    version: str
    record: SubmissionRecord


class SessionMemory:
    """Sessions the view has read, in memory across its counts (another filter, the view opened
    again): by scope, reading of the form and version. Kept by the caller (the view)."""

    def __init__(self) -> None:
        self.sessions: dict[tuple[str, str, str], Session] = {}

    def __len__(self) -> int:
        return len(self.sessions)


class _Prepared(SessionCache):
    """The sessions of this count, read beforehand; compute_findings takes them from here."""

    def __init__(self, sessions: dict[str, Session | None]) -> None:
        super().__init__()
        self.prepared = sessions

    def keep(self, record: SubmissionRecord, roles: FormRoles) -> None:
        return None

    def session(self, record: SubmissionRecord, roles: FormRoles) -> Session:
        found = self.prepared.get(record.instance_id)
        if found is None:
            raise UnreadableSubmission("unreadable")
        if found.review_state != record.review_state:
            found = replace(found, review_state=record.review_state)
        return found

    def finish_run(self) -> None:
        return None


class _ListSource:
    def __init__(self, listed: list[Listed]) -> None:
        self.records = [item.record for item in listed]

    def count(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[SubmissionRecord]:
        return iter(self.records)


class _Steps:
    """Progress and Cancel over the sessions read (a report, a long first count)."""

    def __init__(self, total: int, progress: Progress | None, cancelled: Cancelled | None):
        self.total, self.done = total, 0
        self.progress, self.cancelled = progress, cancelled
        if progress is not None:
            progress(0, total)

    def step(self, n: int = 1) -> None:
        if self.cancelled is not None and self.cancelled():
            raise FindingsCancelled("cancelled")
        before, self.done = self.done, self.done + n
        if self.progress is not None and (before // 50 != self.done // 50):
            self.progress(self.done, max(self.total, self.done))

    def end(self) -> None:
        if self.progress is not None:
            self.progress(self.done, max(self.total, self.done))


@contextmanager
def _few_pauses() -> Iterator[None]:
    """The garbage collector held back while tens of thousands of small, acyclic objects are
    built (sessions, topics, quotes): its repeated passes over them doubled the time the view
    takes to open. Switched back on after, as it was."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


class FindingsBook(ABC):
    """What both kinds of laptop share: forms with roles, findings for a query, the export.
    SupervisorFindings reads the team's cache, OwnFindings the facilitator's own sessions."""

    def __init__(self, store: Store) -> None:
        self.store = store

    scope = ""  # which sessions the store's findings cache keeps for this kind

    # -- what each kind provides ---------------------------------------------------------------
    @abstractmethod
    def _listed(self, form_id: str, approved_only: bool) -> list[Listed]:
        """The form's sessions, without their XML."""

    @abstractmethod
    def _xml_of(self, versions: list[str]) -> dict[str, str]:
        """instance XML of these session versions."""

    @abstractmethod
    def _form_xmls(self) -> list[tuple[str, str, str]]:
        """(form_id, title, XForm) of the newest version of each form on the laptop."""

    @abstractmethod
    def _source(self, form_id: str, approved_only: bool) -> SubmissionSource:
        """The form's submissions for the exports (.qdpx, report)."""

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
        cache: SessionMemory | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> Findings:
        """The findings of the sessions the query admits (FindingsCancelled when stopped).

        Each session is read from memory (``cache``, kept by the view), else from the store's
        findings cache, else from its XML, which is then kept in the store for the next time."""
        with _few_pauses():
            return self._findings(query, language, cache, progress, cancelled)

    def _findings(
        self,
        query: ViewQuery,
        language: str | None,
        cache: SessionMemory | None,
        progress: Progress | None,
        cancelled: Cancelled | None,
    ) -> Findings:
        xforms = {form_id: xform for form_id, _t, xform in self._form_xmls()}
        chosen = [f for f, _t in self.forms(language) if query.form_id in (None, f)]
        approved_only = query.review_states == APPROVED_ONLY
        listed = {f: self._listed(f, approved_only) for f in chosen}
        states = query.review_states
        steps = _Steps(
            sum(
                1
                for f in chosen
                for i in listed[f]
                if states is None or i.record.review_state in states
            ),
            progress,
            cancelled,
        )
        prepared: dict[str, Session | None] = {}
        entries = []
        for form_id in chosen:
            roles = cached_roles(xforms[form_id], language)
            wanted = [
                i for i in listed[form_id] if states is None or i.record.review_state in states
            ]
            key = roles_key(xforms[form_id])
            prepared.update(self._read(wanted, roles, key, cache, steps))
            entries.append(FormSubmissions(xforms[form_id], _ListSource(listed[form_id])))
        steps.end()
        return compute_findings(
            entries, query.filters(), language=language, cache=_Prepared(prepared)
        )

    def read_ahead(self, *, cancelled: Cancelled | None = None) -> int:
        """Read every session not kept yet and keep it in the store (after a pull, so the view
        opens without parsing them); how many were read."""
        read = 0
        for form_id, _title, xform in self._form_xmls():
            roles = self._roles(xform, None)
            if roles is None or not (roles.is_focus_group or roles.need_paths):
                continue
            listed = self._listed(form_id, False)
            steps = _Steps(len(listed), None, cancelled)
            with _few_pauses():
                read += len(self._read(listed, roles, roles_key(xform), None, steps, decode=False))
        return read

    def _read(
        self,
        wanted: list[Listed],
        roles: FormRoles,
        key: str,
        memory: SessionMemory | None,
        steps: _Steps,
        *,
        decode: bool = True,
    ) -> dict[str, Session | None]:
        """record key -> its session (None: unreadable), by the cheapest way there is; with
        ``decode`` False, sessions already kept are left in the store (a read-ahead)."""
        out: dict[str, Session | None] = {}
        remembered = memory.sessions if memory is not None else {}
        # Labels differ by language: a session in memory is one reading of its form's roles.
        mind = f"{key}:{roles.language}"
        rest: list[Listed] = []
        for item in wanted:
            found = remembered.get((self.scope, mind, item.version))
            if found is None:
                rest.append(item)
            else:
                out[item.record.instance_id] = found
        steps.step(len(out))
        if not rest:
            return out
        kept = self.store.findings_cache.load(self.scope, key)
        missing: list[Listed] = []
        for item in rest:
            text = kept.get(item.version)
            if text is None:
                missing.append(item)
                continue
            if not decode:
                continue
            record = item.record
            session = load_session(
                text, roles, instance_id=record.instance_id, review_state=record.review_state
            )
            out[record.instance_id] = remembered[(self.scope, mind, item.version)] = session
            steps.step()
        fresh: list[tuple[str, str]] = []
        for start in range(0, len(missing), 200):
            chunk = missing[start : start + 200]
            xml = self._xml_of([item.version for item in chunk])
            for item in chunk:
                steps.step()
                record = replace(item.record, xml=xml.get(item.version, ""))
                try:
                    session = read_session(record, roles)
                except UnreadableSubmission:
                    out[record.instance_id] = None
                    continue
                out[record.instance_id] = remembered[(self.scope, mind, item.version)] = session
                fresh.append((item.version, dump_session(session)))
        if fresh:
            self.store.findings_cache.put(self.scope, key, fresh)
        return out

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

    scope = "review"

    def _listed(self, form_id: str, approved_only: bool) -> list[Listed]:
        rows = self.store.review_cache.findings_rows(form_id, approved_only=approved_only)
        return [
            Listed(
                row["instance_id"],
                SubmissionRecord(
                    instance_id=row["root_id"],
                    xml="",
                    submitted_at=central_time(row["first_submitted_at"]),
                    form_version=row["form_version"],
                    submitter_id=row["device_id"],
                    review_state=row["review_state"],
                    edits=int(row["edits"] or 0),
                ),
            )
            for row in rows
        ]

    def _xml_of(self, versions: list[str]) -> dict[str, str]:
        return self.store.review_cache.xml_of(versions)

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
            state = own_state(row)
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

    scope = "own"

    def _listed(self, form_id: str, approved_only: bool) -> list[Listed]:
        out = []
        for row in self.store.submissions.finished_rows(form_id):
            state = own_state(row)
            if approved_only and state != "approved":
                continue
            record = SubmissionRecord(
                instance_id=row["instance_id"],
                xml="",
                submitted_at=row["finalized_at"],
                form_version=row["form_version"],
                submitter_id=row["profile_id"],
                review_state=state,
            )
            out.append(Listed(row["instance_id"], record))
        return out

    def _xml_of(self, versions: list[str]) -> dict[str, str]:
        return self.store.submissions.xml_of(versions)

    def _form_xmls(self) -> list[tuple[str, str, str]]:
        forms = self.store.forms
        newest = (forms.get(r.form_id) for r in forms.list())  # list() leaves the XML out
        return [(r.form_id, r.title, r.xform_xml) for r in newest]

    def _source(self, form_id: str, approved_only: bool) -> SubmissionSource:
        return OwnSubmissions(self.store, form_id, approved_only=approved_only)
