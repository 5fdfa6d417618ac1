"""A session as findings read it, to and from the compact JSON kept in the store's findings
cache (``app/store/findings_cache.py``). What identifies the submission (instance, form, review
state) comes from the submission's row when read back, so a new review never rewrites it; notes
are left out (no count reads them, and the store keeps no second copy of them)."""

from __future__ import annotations

import json
from hashlib import sha256

from app.findings.form_roles import Place
from app.findings.sessions import QuoteEntry, Session, TopicEntry


def roles_key(form_xml: str | bytes, language: str | None) -> str:
    """Which reading of a form a kept session belongs to: its XForm and label language."""
    data = form_xml.encode() if isinstance(form_xml, str) else form_xml
    return sha256(data + b"\0" + (language or "").encode()).hexdigest()[:32]


def dump_session(session: Session) -> str:
    place = session.place
    return json.dumps(
        [
            session.date,
            session.group,
            session.community,
            [place.community, place.municipality, place.department],
            session.participants,
            session.facilitator,
            [
                [t.name, t.label, [[q.text, q.speaker] for q in t.quotes], list(t.themes)]
                for t in session.topics
            ],
            list(session.needs),
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def load_session(text: str, *, instance_id: str, form_id: str, review_state: str) -> Session:
    date, group, community, place, participants, facilitator, topics, needs = json.loads(text)
    return Session(
        instance_id=instance_id,
        form_id=form_id,
        date=date,
        review_state=review_state,
        group=group,
        community=community,
        place=Place(*place),
        participants=participants,
        facilitator=facilitator,
        topics=tuple(
            TopicEntry(name, label, (), tuple(QuoteEntry(q, s) for q, s in quotes), tuple(themes))
            for name, label, quotes, themes in topics
        ),
        needs=tuple(needs),
    )
