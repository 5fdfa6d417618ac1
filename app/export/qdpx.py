"""REFI-QDA project export (``.qdpx``), the exchange format NVivo, ATLAS.ti, MAXQDA and
QualCoder read: a zip holding ``project.qde`` (XML, namespace ``urn:QDA-XML:project:1.0``) and
one plain-text file per focus-group session under ``sources/``.

Each session becomes a text source: a short header, then per topic its notes and its quotes
(with the speaker's participant code, never a name); its details are variables (community,
municipality, department, group, date, facilitator code, form). The form's coded themes are the
codebook, and every note or quote of a topic is a coded selection for each theme the session
coded under that topic, at its character offsets in the text (Unicode code points, zero-based,
end exclusive). GUIDs are derived from the instance ids and theme names, so exporting the same
sessions twice gives the same GUIDs (a QDA project can be updated by re-importing).
"""

from __future__ import annotations

import uuid
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import BinaryIO
from xml.sax.saxutils import escape, quoteattr

from app.findings.compute import FindingsFilter, FormSubmissions
from app.findings.form_roles import FormRoles, read_form_roles
from app.findings.sessions import Session, UnreadableSubmission, read_session

NAMESPACE = "urn:QDA-XML:project:1.0"
_GUIDS = uuid.UUID("8d4c3f5e-6a51-4c38-9a0e-2f1b7c9d0e11")  # namespace of our uuid5 GUIDs
PROGRESS_EVERY = 50

_WORDS = {
    "es": {
        "session": "Sesión",
        "community": "Comunidad",
        "group": "Grupo",
        "date": "Fecha",
        "facilitator": "Código de facilitación",
        "notes": "Notas",
        "quotes": "Citas",
        "export": "Exportación de Encuentro",
    },
    "en": {
        "session": "Session",
        "community": "Community",
        "group": "Group",
        "date": "Date",
        "facilitator": "Facilitator code",
        "notes": "Notes",
        "quotes": "Quotes",
        "export": "Encuentro export",
    },
}
# (variable name, REFI type, how to read it from a session)
_VARIABLES: tuple[tuple[str, str, Callable[[Session, FormRoles], str]], ...] = (
    ("community", "Text", lambda s, r: s.place.community),
    ("municipality", "Text", lambda s, r: s.place.municipality),
    ("department", "Text", lambda s, r: s.place.department),
    ("group", "Text", lambda s, r: r.group_labels.get(s.group, s.group)),
    ("date", "Date", lambda s, r: s.date),
    ("facilitator_code", "Text", lambda s, r: s.facilitator),
    ("form", "Text", lambda s, r: s.form_id),
)


@dataclass
class QdpxSummary:
    """What the project holds."""

    sources: int = 0
    codes: int = 0
    selections: int = 0
    skipped_unreadable: int = 0
    per_form: dict[str, int] = field(default_factory=dict)


class QdpxCancelled(Exception):
    """The caller asked to stop; the partial file must be dropped."""


def guid(kind: str, key: str) -> str:
    """A stable GUID for one object of the project (the same on every export)."""
    return str(uuid.uuid5(_GUIDS, f"{kind}:{key}"))


def write_qdpx(
    out: BinaryIO,
    forms: Iterable[FormSubmissions],
    filters: FindingsFilter | None = None,
    *,
    language: str | None = None,
    project_name: str = "Encuentro",
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> QdpxSummary:
    """Write a REFI-QDA project of the focus-group sessions of ``forms`` the filter admits
    (default: approved only) to ``out``. Forms without topic roles add nothing."""
    filters = filters or FindingsFilter()
    forms = list(forms)
    words = _WORDS["en" if (language or "es").lower().startswith("en") else "es"]
    user = guid("user", "encuentro-export")
    codes: dict[str, tuple[str, str]] = {}  # theme value -> (guid, label)
    sources_xml: list[str] = []
    summary = QdpxSummary()
    total = sum(f.source.count() for f in forms) if progress is not None else 0
    seen = 0
    if progress is not None:
        progress(0, total)  # the bar knows its length at once (and a caller may stop here)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in forms:
            roles = read_form_roles(entry.form_xml, language)
            if not roles.is_focus_group:
                continue
            for value, label in roles.theme_labels.items():
                codes.setdefault(value, (guid("code", value), label))
            summary.per_form.setdefault(roles.form_id, 0)
            for record in entry.source:
                if cancelled is not None and cancelled():
                    raise QdpxCancelled("the export was cancelled")
                seen += 1
                if progress is not None and seen % PROGRESS_EVERY == 0:
                    progress(seen, max(total, seen))
                if filters.review_states is not None and (
                    record.review_state not in filters.review_states
                ):
                    continue
                try:
                    session = read_session(record, roles)
                except UnreadableSubmission:
                    summary.skipped_unreadable += 1
                    continue
                if not filters.admits(session):
                    continue
                text, spans = session_text(session, roles, words)
                source_guid = guid("source", f"{roles.form_id}/{session.instance_id}")
                archive.writestr(f"sources/{source_guid}.txt", text.encode("utf-8"))
                sources_xml.append(
                    _source_xml(session, roles, source_guid, spans, codes, user, summary)
                )
                summary.sources += 1
                summary.per_form[roles.form_id] += 1
        summary.codes = len(codes)
        archive.writestr("project.qde", _project_xml(project_name, words, user, codes, sources_xml))
    if progress is not None:
        progress(seen, max(total, seen))
    return summary


@dataclass(frozen=True, slots=True)
class Span:
    """A note or quote in a source's text: [start, end) and the themes it is coded with."""

    start: int
    end: int
    themes: tuple[str, ...]
    name: str  # "P03" for a quote (its speaker's code), the topic for a note


def session_text(
    session: Session, roles: FormRoles, words: dict[str, str] | None = None
) -> tuple[str, list[Span]]:
    """The plain text of a session's source and where its notes and quotes are in it."""
    words = words or _WORDS["es"]
    place = ", ".join(p for p in (session.place.municipality, session.place.department) if p)
    group = roles.group_labels.get(session.group, session.group)
    lines = [
        f"{roles.title}",
        f"{words['session']}: {session.instance_id}",
        f"{words['community']}: {session.place.community}" + (f" ({place})" if place else ""),
        f"{words['group']}: {group}",
        f"{words['date']}: {session.date}",
        f"{words['facilitator']}: {session.facilitator}",
    ]
    text = "\n".join(lines) + "\n"
    spans: list[Span] = []
    for topic in session.topics:
        if not (topic.notes or topic.quotes):
            continue
        text += f"\n== {topic.label} ==\n"
        if topic.notes:
            text += f"{words['notes']}:\n"
            for note in topic.notes:
                spans.append(Span(len(text), len(text) + len(note), topic.themes, topic.name))
                text += note + "\n"
        if topic.quotes:
            text += f"{words['quotes']}:\n"
            for quote in topic.quotes:
                text += "- «"
                spans.append(
                    Span(len(text), len(text) + len(quote.text), topic.themes, quote.speaker)
                )
                text += f"{quote.text}» ({quote.speaker})\n"
    return text, spans


def _source_xml(
    session: Session,
    roles: FormRoles,
    source_guid: str,
    spans: list[Span],
    codes: dict[str, tuple[str, str]],
    user: str,
    summary: QdpxSummary,
) -> str:
    group = roles.group_labels.get(session.group, session.group)
    name = f"{session.date} {session.place.community} {group} {session.instance_id}"
    parts = [
        f"<TextSource guid={quoteattr(source_guid)} name={quoteattr(name)} "
        f'plainTextPath="internal://{source_guid}.txt" creatingUser="{user}">'
    ]
    for index, span in enumerate(spans):
        for theme in span.themes:
            code = codes.get(theme)
            if code is None:  # a value the form does not list: still a code, named by value
                code = codes[theme] = (guid("code", theme), theme)
            key = f"{source_guid}/{index}/{theme}"
            parts.append(
                f'<PlainTextSelection guid="{guid("selection", key)}" '
                f'name={quoteattr(span.name)} startPosition="{span.start}" '
                f'endPosition="{span.end}" creatingUser="{user}">'
                f'<Coding guid="{guid("coding", key)}" creatingUser="{user}">'
                f'<CodeRef targetGUID="{code[0]}"/></Coding></PlainTextSelection>'
            )
            summary.selections += 1
    for variable, kind, read in _VARIABLES:
        value = read(session, roles)
        if not value:
            continue
        element = "DateValue" if kind == "Date" else "TextValue"
        if kind == "Date" and not _is_date(value):
            continue
        parts.append(
            f'<VariableValue><VariableRef targetGUID="{guid("variable", variable)}"/>'
            f"<{element}>{escape(value)}</{element}></VariableValue>"
        )
    parts.append("</TextSource>")
    return "".join(parts)


def _is_date(value: str) -> bool:
    try:
        datetime.strptime(value, "%Y-%m-%d")
    except ValueError:
        return False
    return True


def _project_xml(
    name: str,
    words: dict[str, str],
    user: str,
    codes: dict[str, tuple[str, str]],
    sources: list[str],
) -> bytes:
    now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    head = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<Project xmlns="{NAMESPACE}" name={quoteattr(name)} origin="Encuentro" '
        f'creatingUserGUID="{user}" creationDateTime="{now}">'
        f'<Users><User guid="{user}" name={quoteattr(words["export"])}/></Users>'
    )
    body = [head]
    if codes:
        body.append("<CodeBook><Codes>")
        body.extend(
            f'<Code guid="{g}" name={quoteattr(label)} isCodable="true">'
            f"<Description>{escape(value)}</Description></Code>"
            for value, (g, label) in codes.items()
        )
        body.append("</Codes></CodeBook>")
    body.append("<Variables>")
    body.extend(
        f'<Variable guid="{guid("variable", variable)}" name="{variable}" typeOfVariable="{kind}"/>'
        for variable, kind, _ in _VARIABLES
    )
    body.append("</Variables>")
    if sources:
        body.append("<Sources>")
        body.extend(sources)
        body.append("</Sources>")
    body.append("</Project>")
    return "".join(body).encode("utf-8")
