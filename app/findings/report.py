"""The programme staff's report, as content: headings, tables, quotes and a footer that says
what it covers, in Spanish or English. Plain Python; ``reports/pdf.py`` (Qt) lays it out as a
PDF. Participant codes only: the findings never carry a name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from html import escape

from app.findings.compute import Findings, QuoteRef

TOP_THEMES = 5
QUOTES_PER_GROUP = 3
TOP_NEEDS = 8

TEXTS = {
    "es": {
        "title": "Hallazgos: grupos focales y evaluación de necesidades",
        "coverage": "Cobertura",
        "community": "Comunidad",
        "municipality": "Municipio",
        "group": "Grupo",
        "sessions": "Sesiones",
        "participants": "Participantes",
        "assessments": "Entrevistas de necesidades",
        "themes": "Temas principales por grupo",
        "theme": "Tema",
        "no_themes": "Ninguna sesión codificó temas.",
        "needs": "Necesidades principales",
        "need": "Necesidad",
        "mentions": "Menciones",
        "score": "Puntaje (ponderado por prioridad)",
        "first": "Primera prioridad",
        "no_needs": "No hay evaluaciones de necesidades en este periodo.",
        "all_time": "todo el periodo",
        "from_to": "del {start} al {end}",
        "covers": (
            "Cubre: proyecto {project}; formularios {forms}; {period}; solo envíos aprobados; "
            "{sessions} sesiones, {assessments} entrevistas. Solo códigos de participante. "
            "Generado el {today}."
        ),
        "chart": "Sesiones por grupo",
        "unknown": "(sin dato)",
    },
    "en": {
        "title": "Findings: focus groups and needs assessments",
        "coverage": "Coverage",
        "community": "Community",
        "municipality": "Municipality",
        "group": "Group",
        "sessions": "Sessions",
        "participants": "Participants",
        "assessments": "Needs interviews",
        "themes": "Top themes by group",
        "theme": "Theme",
        "no_themes": "No session coded any theme.",
        "needs": "Top needs",
        "need": "Need",
        "mentions": "Mentions",
        "score": "Score (weighted by rank)",
        "first": "First priority",
        "no_needs": "No needs assessments in this period.",
        "all_time": "all dates",
        "from_to": "from {start} to {end}",
        "covers": (
            "Covers: project {project}; forms {forms}; {period}; approved submissions only; "
            "{sessions} sessions, {assessments} interviews. Participant codes only. "
            "Generated on {today}."
        ),
        "chart": "Sessions by group",
        "unknown": "(not given)",
    },
}


@dataclass
class ReportContent:
    """What the PDF shows: an HTML body (the subset Qt's QTextDocument reads), bar charts
    (title -> [(label, value)]) referenced as ``<img src="chart:N">``, and the footer."""

    title: str
    html: str
    footer: str
    charts: list[tuple[str, list[tuple[str, int]]]] = field(default_factory=list)


def build_report(
    findings: Findings,
    *,
    project: str,
    language: str = "es",
    today: date | None = None,
) -> ReportContent:
    """The report of ``findings`` (computed with the filter it names) in ``language``."""
    t = TEXTS["en" if language == "en" else "es"]
    f = findings.filters
    period = (
        t["from_to"].format(start=f.date_from or "…", end=f.date_to or "…")
        if (f.date_from or f.date_to)
        else t["all_time"]
    )
    footer = t["covers"].format(
        project=project,
        forms=", ".join(findings.forms) or "-",
        period=period,
        sessions=len(findings.sessions),
        assessments=findings.assessments,
        today=(today or date.today()).isoformat(),
    )
    group_name = _namer(findings.group_labels, t)
    community_name = _namer(findings.community_labels, t)
    parts = [f"<h1>{escape(t['title'])}</h1>", f"<p>{escape(footer)}</p>"]
    parts.append(f"<h2>{escape(t['coverage'])}</h2>")
    by_group = sorted(findings.sessions_by_group.items(), key=lambda kv: (-kv[1], kv[0]))
    parts.append(
        _table(
            [t["group"], t["sessions"], t["participants"]],
            [[group_name(g), str(n), str(findings.participants_by_group[g])] for g, n in by_group],
        )
    )
    charts = [(t["chart"], [(group_name(g), n) for g, n in by_group])]
    if by_group:
        parts.append('<p><img src="chart:0"/></p>')
    municipality = {s.community: s.place.municipality for s in findings.sessions}
    by_community = sorted(findings.sessions_by_community.items(), key=lambda kv: (-kv[1], kv[0]))
    parts.append(
        _table(
            [t["community"], t["municipality"], t["sessions"], t["participants"]],
            [
                [
                    community_name(c),
                    municipality.get(c, ""),
                    str(n),
                    str(findings.participants_by_community[c]),
                ]
                for c, n in by_community
            ],
        )
    )
    parts.append(f"<p>{escape(t['assessments'])}: {findings.assessments}</p>")
    parts.append(f"<h2>{escape(t['themes'])}</h2>")
    if not any(topic.themes for s in findings.sessions for topic in s.topics):
        parts.append(f"<p>{escape(t['no_themes'])}</p>")
    for group, _ in by_group:
        top = findings.top_themes(group, TOP_THEMES)
        if not top:
            continue
        parts.append(f"<h3>{escape(group_name(group))}</h3>")
        parts.append(_table([t["theme"], t["sessions"]], [[label, str(n)] for _, label, n in top]))
        for quote in _quotes_for(findings, group, [theme for theme, _, _ in top]):
            parts.append(
                f"<p><i>«{escape(quote.text)}»</i> ({escape(quote.participant)}, "
                f"{escape(quote.community)}, {escape(quote.date)})</p>"
            )
    parts.append(f"<h2>{escape(t['needs'])}</h2>")
    if not findings.needs:
        parts.append(f"<p>{escape(t['no_needs'])}</p>")
    else:
        parts.append(
            _table(
                [t["need"], t["mentions"], t["score"], t["first"]],
                [
                    [n.label, str(n.mentions), str(n.score), str(n.by_rank[1])]
                    for n in findings.needs[:TOP_NEEDS]
                ],
            )
        )
    return ReportContent(title=t["title"], html="".join(parts), footer=footer, charts=charts)


def _namer(labels: dict[str, str], t: dict[str, str]) -> Callable[[str], str]:
    return lambda value: labels.get(value, value) if value else t["unknown"]


def _quotes_for(findings: Findings, group: str, themes: list[str]) -> list[QuoteRef]:
    """Up to three quotes of the group's sessions behind its top themes: the first quote of
    each theme in turn, then the next ones, so several themes speak before one repeats."""
    sessions = {s.instance_id for s in findings.sessions if s.group == group}
    pools = [
        [q for count in findings.themes if count.theme == theme for q in count.quotes]
        for theme in themes
    ]
    pools = [[q for q in pool if q.session in sessions] for pool in pools]
    chosen: list[QuoteRef] = []
    seen: set[tuple[str, str]] = set()
    depth = 0
    while len(chosen) < QUOTES_PER_GROUP and any(depth < len(pool) for pool in pools):
        for pool in pools:
            if depth < len(pool) and len(chosen) < QUOTES_PER_GROUP:
                quote = pool[depth]
                if (quote.session, quote.text) not in seen:
                    seen.add((quote.session, quote.text))
                    chosen.append(quote)
        depth += 1
    return chosen


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th align='left'>{escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return (
        "<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
        f"<tr>{head}</tr>{body}</table>"
    )
