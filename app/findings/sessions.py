"""One submission read through its form's roles: a focus-group session (topics with notes,
quotes and coded themes) or a needs assessment (needs in rank order), with the details findings
split by (participant group, community, date). Names are never read: speakers are participant
codes and the facilitator is the submitting account's code, not the free-text name field.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field

from app.export.rows import UnreadableSubmission, parse_instance
from app.export.source import SubmissionRecord
from app.findings.form_roles import FormRoles, Place, TopicRoles


@dataclass(frozen=True, slots=True)
class QuoteEntry:
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
    """The session a submission holds; UnreadableSubmission if its XML cannot be read safely."""
    root = parse_instance(record.xml)
    date = _text(root, roles.date_path, roles) or record.submitted_at[:10]
    community = _text(root, roles.community_path, roles)
    groups = _texts(root, roles.group_path, roles)
    group = _most_frequent(groups)
    participants = len(groups) if roles.group_in_repeat else 1
    topics = tuple(_topic(root, topic, roles) for topic in roles.topics)
    needs = tuple(v for v in (_text(root, p, roles) for p in roles.need_paths) if v)
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


def _steps(path: str, roles: FormRoles) -> list[str]:
    parts = path.strip("/").split("/")
    if parts and parts[0] == roles.root_name:
        parts = parts[1:]
    return parts


def _elements(root: ET.Element, path: str, roles: FormRoles) -> list[ET.Element]:
    if not path:
        return []
    found = [root]
    for step in _steps(path, roles):
        found = [child for element in found for child in element if _local(child.tag) == step]
    return found


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(root: ET.Element, path: str, roles: FormRoles) -> str:
    found = _elements(root, path, roles)
    return (found[0].text or "").strip() if found else ""


def _texts(root: ET.Element, path: str, roles: FormRoles) -> list[str]:
    return [v for v in ((e.text or "").strip() for e in _elements(root, path, roles)) if v]


def _most_frequent(values: list[str]) -> str:
    """The session's group: the roster's most frequent value; ties go to the one seen first."""
    if not values:
        return ""
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)


def _children(element: ET.Element, relative: str) -> list[ET.Element]:
    found = [element]
    for step in relative.split("/"):
        found = [child for parent in found for child in parent if _local(child.tag) == step]
    return found


def _topic(root: ET.Element, topic: TopicRoles, roles: FormRoles) -> TopicEntry:
    elements = _elements(root, topic.path, roles)
    if not elements:
        return TopicEntry(topic.name, topic.label, (), (), ())
    element = elements[0]
    notes = tuple(
        text
        for note in topic.notes
        for text in ((e.text or "").strip() for e in _children(element, note))
        if text
    )
    quotes: list[QuoteEntry] = []
    if topic.quote_repeat and topic.quote:
        for entry in _children(element, topic.quote_repeat):
            text = "".join("".join(e.itertext()) for e in _children(entry, topic.quote)).strip()
            if not text:
                continue
            speaker = ""
            if topic.speaker:
                speaker = "".join(e.text or "" for e in _children(entry, topic.speaker)).strip()
            quotes.append(QuoteEntry(text, speaker))
    themes: list[str] = []
    for path in topic.themes:
        for e in _children(element, path):
            for value in (e.text or "").split():
                if value not in themes:
                    themes.append(value)
    return TopicEntry(topic.name, topic.label, notes, tuple(quotes), tuple(themes))


__all__ = ["QuoteEntry", "Session", "TopicEntry", "UnreadableSubmission", "read_session"]
