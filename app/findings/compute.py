"""Findings over many sessions: per topic, how many sessions raised each coded theme (split by
participant group, department, municipality and community, with the quotes behind each count);
needs counted and weighted by rank (split by group and community); coverage.

    findings = compute_findings(
        [FormSubmissions(form_xml, source), ...],
        FindingsFilter(date_from="2026-01-01", communities={"sm_el_amate"}),
    )
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from app.export.source import SubmissionRecord, SubmissionSource
from app.findings.form_roles import FormRoles, read_form_roles
from app.findings.sessions import Session, TopicEntry, UnreadableSubmission, read_session

APPROVED_ONLY = frozenset({"approved"})


@dataclass(frozen=True)
class FindingsFilter:
    """Which sessions count. Dates are ISO (YYYY-MM-DD), both ends included; ``communities``
    are community values (None: all); ``review_states`` approved only by default."""

    date_from: str | None = None
    date_to: str | None = None
    communities: frozenset[str] | None = None
    review_states: frozenset[str] | None = APPROVED_ONLY  # None: every state

    def admits(self, session: Session) -> bool:
        if self.review_states is not None and session.review_state not in self.review_states:
            return False
        if self.date_from and session.date < self.date_from:
            return False
        if self.date_to and session.date > self.date_to:
            return False
        return self.communities is None or session.community in self.communities


@dataclass(frozen=True)
class FormSubmissions:
    """One form's XForm and where its submissions come from."""

    form_xml: str | bytes
    source: SubmissionSource


@dataclass(frozen=True, slots=True)
class QuoteRef:
    """A quote behind a count: never a name, only the participant code."""

    text: str
    participant: str
    community: str  # label
    date: str
    session: str  # instance id
    topic: str


@dataclass
class ThemeCount:
    """How many sessions raised one coded theme under one topic, and the quotes behind it
    (built when first asked for: a view shows those of one count at a time)."""

    topic: str
    topic_label: str
    theme: str
    theme_label: str
    sessions: int = 0
    by_group: Counter[str] = field(default_factory=Counter)
    by_department: Counter[str] = field(default_factory=Counter)
    by_municipality: Counter[str] = field(default_factory=Counter)
    by_community: Counter[str] = field(default_factory=Counter)
    quote_count: int = 0
    raised_in: list[tuple[Session, TopicEntry]] = field(default_factory=list, repr=False)

    @property
    def quotes(self) -> list[QuoteRef]:
        """Every quote of the topic in the sessions that raised the theme, in session order."""
        return [
            QuoteRef(q.text, q.speaker, s.place.community, s.date, s.instance_id, topic.name)
            for s, topic in self.raised_in
            for q in topic.quotes
        ]


@dataclass
class NeedCount:
    """A need: how many people named it, at which rank, and its weighted score (rank 1 of n
    counts n, rank n counts 1)."""

    need: str
    label: str
    mentions: int = 0
    score: int = 0
    by_rank: Counter[int] = field(default_factory=Counter)
    by_group: Counter[str] = field(default_factory=Counter)  # mentions
    score_by_group: Counter[str] = field(default_factory=Counter)
    by_community: Counter[str] = field(default_factory=Counter)
    score_by_community: Counter[str] = field(default_factory=Counter)


@dataclass
class Findings:
    """Everything the findings view and the report show, for the sessions the filter admits."""

    filters: FindingsFilter
    forms: list[str] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)  # focus-group sessions admitted
    assessments: int = 0  # needs assessments admitted
    skipped_unreadable: int = 0
    themes: list[ThemeCount] = field(default_factory=list)  # by topic, most sessions first
    needs: list[NeedCount] = field(default_factory=list)  # highest score first
    group_labels: dict[str, str] = field(default_factory=dict)
    community_labels: dict[str, str] = field(default_factory=dict)
    sessions_by_group: Counter[str] = field(default_factory=Counter)
    sessions_by_community: Counter[str] = field(default_factory=Counter)
    participants_by_group: Counter[str] = field(default_factory=Counter)
    participants_by_community: Counter[str] = field(default_factory=Counter)

    def top_themes(self, group: str | None = None, limit: int = 5) -> list[tuple[str, str, int]]:
        """(theme, label, sessions) over all topics, most sessions first; ``group`` splits."""
        labels = {count.theme: count.theme_label for count in self.themes}
        raised: dict[str, set[str]] = defaultdict(set)
        for session in self.sessions:
            if group is not None and session.group != group:
                continue
            for topic in session.topics:
                for theme in topic.themes:
                    raised[theme].add(session.instance_id)
        ranked = sorted(raised.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        return [(t, labels.get(t, t), len(s)) for t, s in ranked[:limit]]


class SessionCache:
    """Sessions already read, by form, instance and version: a findings view that re-counts for
    another filter, or opens again, reads no XML twice. An edit (a new ``edits`` count or form
    version) reads the submission again; a new review state is taken from the record. Entries
    of submissions no longer listed are dropped after each run."""

    def __init__(self) -> None:
        self._sessions: dict[tuple[object, ...], Session] = {}
        self._seen: set[tuple[object, ...]] = set()

    @staticmethod
    def _key(record: SubmissionRecord, roles: FormRoles) -> tuple[object, ...]:
        return (
            roles.form_id,
            roles.language,
            record.instance_id,
            record.edits,
            record.form_version,
            len(record.xml),
        )

    def keep(self, record: SubmissionRecord, roles: FormRoles) -> None:
        """The submission is still listed (left out by this run's filter): keep its session."""
        self._seen.add(self._key(record, roles))

    def session(self, record: SubmissionRecord, roles: FormRoles) -> Session:
        key = self._key(record, roles)
        self._seen.add(key)
        found = self._sessions.get(key)
        if found is None:
            found = self._sessions[key] = read_session(record, roles)
        elif found.review_state != record.review_state:
            found = self._sessions[key] = replace(found, review_state=record.review_state)
        return found

    def finish_run(self) -> None:
        """Forget sessions the last run did not list (deleted, or their old versions)."""
        self._sessions = {k: v for k, v in self._sessions.items() if k in self._seen}
        self._seen = set()

    def __len__(self) -> int:
        return len(self._sessions)


@lru_cache(maxsize=32)
def cached_roles(form_xml: str | bytes, language: str | None) -> FormRoles:
    """``read_form_roles``, remembered: a view that re-counts parses each form once."""
    return read_form_roles(form_xml, language)


def compute_findings(
    forms: Iterable[FormSubmissions],
    filters: FindingsFilter | None = None,
    *,
    language: str | None = None,
    cache: SessionCache | None = None,
) -> Findings:
    """Findings over the submissions of ``forms`` the filter admits (approved only by default).
    A submission whose XML cannot be read is counted in ``skipped_unreadable``, not lost.
    With a ``cache`` (kept by the caller, e.g. the findings view), sessions read on an earlier
    call are not read again."""
    filters = filters or FindingsFilter()
    out = Findings(filters=filters)
    themes: dict[tuple[str, str], ThemeCount] = {}
    needs: dict[str, NeedCount] = {}
    for entry in forms:
        roles = cached_roles(entry.form_xml, language)
        out.forms.append(roles.form_id)
        out.group_labels.update(roles.group_labels)
        out.community_labels.update({k: p.community for k, p in roles.places.items()})
        for record in entry.source:
            if filters.review_states is not None and record.review_state not in (
                filters.review_states
            ):
                if cache is not None:
                    cache.keep(record, roles)
                continue
            try:
                session = (
                    cache.session(record, roles)
                    if cache is not None
                    else read_session(record, roles)
                )
            except UnreadableSubmission:
                out.skipped_unreadable += 1
                continue
            if not filters.admits(session):
                continue
            if roles.is_focus_group:
                _add_session(out, themes, roles, session)
            if roles.need_paths:
                out.assessments += 1
                _add_needs(needs, roles, session)
    if cache is not None:
        cache.finish_run()
    out.themes = sorted(themes.values(), key=lambda c: (c.topic, -c.sessions, c.theme))
    out.needs = sorted(needs.values(), key=lambda n: (-n.score, -n.mentions, n.need))
    return out


def _add_session(
    out: Findings, themes: dict[tuple[str, str], ThemeCount], roles: FormRoles, s: Session
) -> None:
    out.sessions.append(s)
    out.sessions_by_group[s.group] += 1
    out.sessions_by_community[s.community] += 1
    out.participants_by_group[s.group] += s.participants
    out.participants_by_community[s.community] += s.participants
    for topic in s.topics:
        for theme in topic.themes:
            count = themes.get((topic.name, theme))
            if count is None:
                label = roles.theme_labels.get(theme, theme)
                count = themes[(topic.name, theme)] = ThemeCount(
                    topic.name, topic.label, theme, label
                )
            count.sessions += 1
            count.by_group[s.group] += 1
            count.by_department[s.place.department] += 1
            count.by_municipality[s.place.municipality] += 1
            count.by_community[s.place.community] += 1
            count.quote_count += len(topic.quotes)
            count.raised_in.append((s, topic))


def _add_needs(needs: dict[str, NeedCount], roles: FormRoles, s: Session) -> None:
    ranks = len(roles.need_paths)
    for rank, need in enumerate(s.needs, start=1):
        count = needs.get(need)
        if count is None:
            count = needs[need] = NeedCount(need, roles.need_labels.get(need, need))
        weight = ranks - rank + 1
        count.mentions += 1
        count.score += weight
        count.by_rank[rank] += 1
        count.by_group[s.group] += 1
        count.score_by_group[s.group] += weight
        count.by_community[s.community] += 1
        count.score_by_community[s.community] += weight
