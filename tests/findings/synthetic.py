"""Focus-group and needs-assessment submissions of the built-in forms, made up at random (with a
seed) for the findings, REFI-QDA and report tests and benchmarks."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from app.engine import load_form
from app.export.source import SubmissionRecord
from forms.builder.common import VERSION

ROOT = Path(__file__).resolve().parents[2]
FOCUS_FORMS = {
    "mujeres": "grupo_focal_mujeres",
    "familiares": "grupo_focal_familiares",
    "retornados": "grupo_focal_retornados",
    "jovenes": "grupo_focal_jovenes",
}
NEEDS_FORM = "evaluacion_necesidades"
COMMUNITIES = ["smg_el_amate", "smg_el_brazo", "chi_chilanguera", "usu_puerto_parada", "zac_ulapa"]
THEMES = ["falta_empleo", "separacion_familiar", "estigma_retorno", "inseguridad", "redes_apoyo"]
NEEDS = ["empleo", "capacitacion", "capital", "salud", "vivienda"]
STATES = ["approved", "approved", "approved", "received", "has_issues", "rejected"]


@cache
def form_xml(form_id: str) -> str:
    return load_form(ROOT / "forms" / f"{form_id}.md").xform_xml


@cache
def topics_of(form_id: str) -> list[str]:
    roles = load_form(ROOT / "forms" / f"{form_id}.md").definition.roles()
    return [p.rsplit("/", 1)[1] for p, r in roles.items() if r == "topic"]


def focus_group_xml(
    form_id: str,
    *,
    instance: str,
    date: str,
    community: str,
    roster: list[tuple[str, str]],  # (participant code, group value)
    topics: dict[str, tuple[str, list[tuple[str, str]], list[str]]],  # notes, quotes, themes
) -> str:
    parts = [
        f'<data id="{form_id}" version="{VERSION}"><community>{community}</community>',
        f"<session_date>{date}</session_date><facilitator>Nombre Real</facilitator>",
    ]
    for code, group in roster:
        parts.append(
            f"<participants><participant_code>{code}</participant_code><consent>si</consent>"
            f"<group_type>{group}</group_type></participants>"
        )
    for topic, (notes, quotes, themes) in topics.items():
        parts.append(f"<{topic}><{topic}_discussion>{escape(notes)}</{topic}_discussion>")
        for text, speaker in quotes:
            parts.append(
                f"<{topic}_quotes><quote_text>{escape(text)}</quote_text>"
                f"<quote_participant>{speaker}</quote_participant></{topic}_quotes>"
            )
        parts.append(f"<{topic}_themes>{' '.join(themes)}</{topic}_themes></{topic}>")
    parts.append(f"<meta><instanceID>{instance}</instanceID></meta></data>")
    return "".join(parts)


def needs_xml(*, instance: str, date: str, community: str, status: str, needs: list[str]) -> str:
    ranked = "".join(f"<need_{i}>{n}</need_{i}>" for i, n in enumerate(needs, start=1))
    return (
        f'<data id="{NEEDS_FORM}" version="{VERSION}"><interview_date>{date}</interview_date>'
        f"<community>{community}</community><perfil><status>{status}</status></perfil>"
        f"<necesidades>{ranked}</necesidades><meta><instanceID>{instance}</instanceID></meta>"
        "</data>"
    )


@dataclass
class ListSource:
    """A SubmissionSource over records in memory."""

    records: list[SubmissionRecord] = field(default_factory=list)

    def count(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[SubmissionRecord]:
        return iter(self.records)


def random_focus_groups(
    group: str, n: int, seed: int = 1, *, note_chars: int = 0, states: list[str] | None = None
) -> ListSource:
    """``n`` sessions of the group's form; ``note_chars`` pads each topic's notes to a real
    session's length; ``states`` the review states drawn from (default: a mix)."""
    rng = random.Random(seed)
    form_id = FOCUS_FORMS[group]
    topics = topics_of(form_id)
    source = ListSource()
    for i in range(n):
        codes = [f"P{k:02d}" for k in range(1, rng.randint(3, 9))]
        roster = [
            (c, group if rng.random() < 0.8 else rng.choice(list(FOCUS_FORMS))) for c in codes
        ]
        chosen = {}
        for topic in topics:
            quotes = [
                (
                    f"Cita {i}-{topic}-{k}: «{rng.choice(['sí', 'no', 'a veces'])} & más»",
                    rng.choice(codes),
                )
                for k in range(rng.randint(0, 3))
            ]
            themes = rng.sample(THEMES, rng.randint(0, 3))
            notes = f"Notas de {topic} en la sesión {i} <ok>. "
            notes += "La gente del cantón comenta la situación. " * (note_chars // 42)
            chosen[topic] = (notes.strip(), quotes, themes)
        xml = focus_group_xml(
            form_id,
            instance=f"uuid:{group}-{i}",
            date=f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
            community=rng.choice(COMMUNITIES),
            roster=roster,
            topics=chosen,
        )
        source.records.append(
            SubmissionRecord(
                instance_id=f"uuid:{group}-{i}",
                xml=xml,
                submitted_at="2026-11-30T10:00:00Z",
                submitter_id=rng.randint(1, 4),
                review_state=rng.choice(states or STATES),
            )
        )
    return source


def random_needs(n: int, seed: int = 2, *, states: list[str] | None = None) -> ListSource:
    rng = random.Random(seed)
    source = ListSource()
    for i in range(n):
        xml = needs_xml(
            instance=f"uuid:needs-{i}",
            date=f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
            community=rng.choice(COMMUNITIES),
            status=rng.choice(["retornado", "familiar", "ninguno"]),
            needs=rng.sample(NEEDS, 3),
        )
        source.records.append(
            SubmissionRecord(
                instance_id=f"uuid:needs-{i}",
                xml=xml,
                submitted_at="2026-11-30T10:00:00Z",
                review_state=rng.choice(states or STATES),
            )
        )
    return source
