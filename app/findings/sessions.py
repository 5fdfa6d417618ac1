"""One submission read through its form's roles: a focus-group session (topics with notes,
quotes and coded themes) or a needs assessment (needs in rank order), with the details findings
split by (participant group, community, date). Names are never read: speakers are participant
codes and the facilitator is the submitting account's code, not the free-text name field.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from app.export.rows import UnreadableSubmission, parse_instance
from app.export.source import SubmissionRecord
from app.findings.form_roles import FormRoles, Place, TopicRoles
from app.odk_encryption import is_manifest


class QuoteEntry(NamedTuple):
    """A quote and who said it. A named tuple: a view reads tens of thousands back from the
    store at once, and a tuple is made several times faster than a dataclass."""

    text: str
    speaker: str  # participant code


@dataclass(frozen=True, slots=True)
class TopicEntry:
    """What a session recorded under one topic."""

    name: str
    label: str
    notes: tuple[str, ...]
    quotes: tuple[QuoteEntry, ...]
    themes: tuple[str, ...]  # coded theme values, in the order they were ticked


@dataclass(frozen=True, slots=True)
class Session:
    """One submission as findings read it."""

    instance_id: str
    form_id: str
    date: str  # ISO date: the form's first date question, else the day it was received
    review_state: str
    group: str  # participant group value ("" if none)
    community: str  # community value ("" if none)
    place: Place
    participants: int
    facilitator: str  # the submitting account's id: a code, never a name
    topics: tuple[TopicEntry, ...] = ()
    needs: tuple[str, ...] = ()  # need values in rank order (rank 1 first)
    extra: dict[str, str] = field(default_factory=dict)


def read_session(record: SubmissionRecord, roles: FormRoles) -> Session:
    """The session a submission holds; UnreadableSubmission if its XML cannot be read safely,
    or is an ODK-encrypted submission's manifest (its answers need the project's key)."""
    if is_manifest(record.xml):
        raise UnreadableSubmission(f"submission {record.instance_id} is encrypted")
    root = parse_instance(record.xml)
    # Submissions are written without a namespace (Collect, Enketo, ours); one in a default
    # namespace is read the same way, its tags qualified.
    ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    paths = _Paths(roles, ns)
    date = _text(root, paths.absolute(roles.date_path)) or record.submitted_at[:10]
    community = _text(root, paths.absolute(roles.community_path))
    groups = _texts(root, paths.absolute(roles.group_path))
    group = _most_frequent(groups)
    participants = len(groups) if roles.group_in_repeat else 1
    topics = tuple(_topic(root, topic, paths) for topic in roles.topics)
    needs = tuple(v for v in (_text(root, paths.absolute(p)) for p in roles.need_paths) if v)
    return Session(
        instance_id=record.instance_id,
        form_id=roles.form_id,
        date=date[:10],
        review_state=record.review_state,
        group=group,
        community=community,
        place=roles.places.get(community, Place(community)),
        participants=participants,
        facilitator="" if record.submitter_id is None else str(record.submitter_id),
        topics=topics,
        needs=needs,
    )


class _Paths:
    """Role paths as ElementTree paths below the root, qualified with the document's namespace."""

    def __init__(self, roles: FormRoles, ns: str) -> None:
        self.root_name = roles.root_name
        self.ns = ns

    def absolute(self, path: str) -> str:
        if not path:
            return ""
        steps = path.strip("/").split("/")
        if steps and steps[0] == self.root_name:
            steps = steps[1:]
        return self.relative("/".join(steps))

    def relative(self, path: str) -> str:
        if not self.ns or not path:
            return path
        return "/".join(self.ns + step for step in path.split("/"))


def _text(element: ET.Element, path: str) -> str:
    if not path:
        return ""
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""


def _texts(element: ET.Element, path: str) -> list[str]:
    if not path:
        return []
    return [v for v in ((e.text or "").strip() for e in element.iterfind(path)) if v]


def _most_frequent(values: list[str]) -> str:
    """The session's group: the roster's most frequent value; ties go to the one seen first."""
    if not values:
        return ""
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)


def _topic(root: ET.Element, topic: TopicRoles, paths: _Paths) -> TopicEntry:
    element = root.find(paths.absolute(topic.path))
    if element is None:
        return TopicEntry(topic.name, topic.label, (), (), ())
    notes = tuple(t for note in topic.notes for t in _texts(element, paths.relative(note)))
    quotes: list[QuoteEntry] = []
    if topic.quote_repeat and topic.quote:
        quote_path, speaker_path = paths.relative(topic.quote), paths.relative(topic.speaker)
        for entry in element.iterfind(paths.relative(topic.quote_repeat)):
            text = _text(entry, quote_path)
            if text:
                quotes.append(QuoteEntry(text, _text(entry, speaker_path)))
    themes: list[str] = []
    for path in topic.themes:
        for value in " ".join(_texts(element, paths.relative(path))).split():
            if value not in themes:
                themes.append(value)
    return TopicEntry(topic.name, topic.label, notes, tuple(quotes), tuple(themes))


__all__ = ["QuoteEntry", "Session", "TopicEntry", "UnreadableSubmission", "read_session"]
