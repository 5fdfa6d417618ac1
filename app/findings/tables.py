"""The findings view's tables as plain rows (no Qt): themes per topic split by participant group,
department, municipality or community, with the quotes behind each count; needs counted and
weighted by rank with the same split. The Qt models only show these rows, so a benchmark times
the view's data without a display and a test compares each number with a direct count.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Generic, TypeVar

from app.findings.compute import Findings, NeedCount, QuoteRef, ThemeCount

SPLITS = ("group", "department", "municipality", "community")


@dataclass(frozen=True, slots=True)
class ThemeRow:
    topic: str
    topic_label: str
    theme: str
    theme_label: str
    sessions: int  # sessions that raised the theme under the topic
    split: tuple[int, ...]  # sessions per split column, in ``columns`` order
    quotes: int


@dataclass(frozen=True, slots=True)
class NeedRow:
    need: str
    label: str
    mentions: int
    score: int  # weighted by rank: rank 1 of n counts n, rank n counts 1
    by_rank: tuple[int, ...]  # people who put it at rank 1, 2, ...
    split: tuple[int, ...]  # score per split column


Row = TypeVar("Row", ThemeRow, NeedRow)


@dataclass(frozen=True)
class SplitTable(Generic[Row]):
    """Rows with one column per value of the split (key, shown label), largest first."""

    split: str
    columns: list[tuple[str, str]]
    rows: list[Row]


def _theme_split(count: ThemeCount, split: str) -> Counter[str]:
    return {
        "group": count.by_group,
        "department": count.by_department,
        "municipality": count.by_municipality,
        "community": count.by_community,
    }[split]


def _columns(totals: Counter[str], labels: dict[str, str]) -> list[tuple[str, str]]:
    ordered = sorted(totals.items(), key=lambda kv: (-kv[1], labels.get(kv[0], kv[0]), kv[0]))
    return [(key, labels.get(key, key)) for key, _n in ordered]


def topics(findings: Findings) -> list[tuple[str, str]]:
    """(topic, label) of the topics with a coded theme, by topic name."""
    seen: dict[str, str] = {}
    for count in findings.themes:
        seen.setdefault(count.topic, count.topic_label)
    return list(seen.items())


def theme_table(
    findings: Findings, split: str = "group", topic: str | None = None
) -> SplitTable[ThemeRow]:
    """Per topic (one, or all), each coded theme: sessions that raised it, split."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    counts = [c for c in findings.themes if topic in (None, c.topic)]
    totals: Counter[str] = Counter()
    for count in counts:
        totals.update(_theme_split(count, split))
    labels = findings.group_labels if split == "group" else {}
    columns = _columns(totals, labels)
    rows = [
        ThemeRow(
            c.topic,
            c.topic_label,
            c.theme,
            c.theme_label,
            c.sessions,
            tuple(_theme_split(c, split)[key] for key, _l in columns),
            c.quote_count,
        )
        for c in counts
    ]
    return SplitTable(split, columns, rows)


def need_table(findings: Findings, split: str = "group") -> SplitTable[NeedRow]:
    """Each need, highest score first, with its score per group or per community (a needs
    assessment names its community only: a split by department or municipality shows
    communities)."""
    by_group = split == "group"
    totals: Counter[str] = Counter()
    for need in findings.needs:
        totals.update(need.score_by_group if by_group else need.score_by_community)
    labels = findings.group_labels if by_group else findings.community_labels
    columns = _columns(totals, labels)
    ranks = max((max(n.by_rank, default=0) for n in findings.needs), default=0)
    return SplitTable(
        "group" if by_group else "community",
        columns,
        [_need_row(n, columns, ranks, by_group) for n in findings.needs],
    )


def _need_row(
    need: NeedCount, columns: list[tuple[str, str]], ranks: int, by_group: bool
) -> NeedRow:
    scores = need.score_by_group if by_group else need.score_by_community
    return NeedRow(
        need.need,
        need.label,
        need.mentions,
        need.score,
        tuple(need.by_rank[r] for r in range(1, ranks + 1)),
        tuple(scores[key] for key, _l in columns),
    )


def quotes_behind(
    findings: Findings,
    topic: str,
    theme: str,
    split: str | None = None,
    key: str | None = None,
) -> list[QuoteRef]:
    """The quotes behind one count: the topic's quotes in the sessions that raised the theme,
    only those of one split value when ``split``/``key`` are given; oldest session first."""
    count = next((c for c in findings.themes if c.topic == topic and c.theme == theme), None)
    if count is None:
        return []
    quotes = count.quotes
    if split is not None and key is not None:
        sessions = {s.instance_id: s for s in findings.sessions}

        def value(quote: QuoteRef) -> str:
            s = sessions[quote.session]
            return {
                "group": s.group,
                "department": s.place.department,
                "municipality": s.place.municipality,
                "community": s.place.community,
            }[split]

        quotes = [q for q in quotes if value(q) == key]
    return sorted(quotes, key=lambda q: (q.date, q.session))
