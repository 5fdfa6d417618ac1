"""A session as findings read it, to and from the compact JSON kept in the store's findings
cache (``app/store/findings_cache.py``). Only values are kept: labels (topics, places) come from
the form's roles when read back, in the language asked for then, and what identifies the
submission (instance, form, review state) from its row, so a new review or another interface
language never rewrites it. Notes are left out (no count reads them, and the store keeps no
second copy of them)."""

from __future__ import annotations

import json
from hashlib import sha256

from app.findings.form_roles import FormRoles, Place
from app.findings.sessions import QuoteEntry, Session, TopicEntry


def roles_key(form_xml: str | bytes) -> str:
    """Which form a kept session was read with (the paths of its roles): its XForm's hash."""
    data = form_xml.encode() if isinstance(form_xml, str) else form_xml
    return sha256(data).hexdigest()[:32]


def dump_session(session: Session) -> str:
    return json.dumps(
        [
            session.date,
            session.group,
            session.community,
            session.participants,
            session.facilitator,
            [
                [t.name, [[q.text, q.speaker] for q in t.quotes], list(t.themes)]
                for t in session.topics
            ],
            list(session.needs),
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def load_session(text: str, roles: FormRoles, *, instance_id: str, review_state: str) -> Session:
    """The kept session, with the labels of ``roles`` (read in the language wanted now)."""
    date, group, community, participants, facilitator, topics, needs = json.loads(text)
    labels = {topic.name: topic.label for topic in roles.topics}
    return Session(
        instance_id=instance_id,
        form_id=roles.form_id,
        date=date,
        review_state=review_state,
        group=group,
        community=community,
        place=roles.places.get(community, Place(community)),
        participants=participants,
        facilitator=facilitator,
        topics=tuple(
            TopicEntry(
                name,
                labels.get(name, name),
                (),
                tuple(map(QuoteEntry._make, quotes)),
                tuple(themes),
            )
            for name, quotes, themes in topics
        ),
        needs=tuple(needs),
    )
