"""Progress at a glance: the figures of the supervisor's dashboard, from the cache.

Counted over the current version of every cached session (an edited session counts once, as its
newest version), so each figure is what a query of the cache gives:

- sessions per community (the ``community`` answer, as its choice label) and per participant
  group (a session counts once for each distinct ``group_type`` in its roster);
- participants by sex, age band and group, summed from the rosters (the ``participants``
  repeat): a roster row counts when the person consented (``consent`` = ``si``) or the form
  asks no consent, unless the row records that the person does not take part
  (``participation``, e.g. a minor without a guardian's permission); an unanswered field counts
  as "not recorded" (the empty key);
- review states (a review waiting in the outbox counts as "queued");
- sessions per week (Monday of the ISO week of the session date answer, ``session_date`` or
  ``interview_date``, else of the day the server received it);
- communities of the forms' community choice lists with no session yet ("other" excluded).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from xml.etree import ElementTree as ET

from app.engine.xmlread import parse_xml
from app.store import Store

NOT_RECORDED = ""
ROSTER = "participants"
GROUP_FIELD = "group_type"
COMMUNITY_FIELD = "community"
DATE_FIELDS = ("session_date", "interview_date")
CONSENTED = "si"
PARTICIPATION = "participation"
TAKES_PART = "participa"
XF = "{http://www.w3.org/2002/xforms}"


@dataclass
class Figures:
    """Each figure as (key, label, count) rows, in a stable order (largest first, then label)."""

    sessions: int = 0
    by_community: list[tuple[str, str, int]] = field(default_factory=list)
    by_group: list[tuple[str, str, int]] = field(default_factory=list)
    participants_by_sex: list[tuple[str, str, int]] = field(default_factory=list)
    participants_by_age: list[tuple[str, str, int]] = field(default_factory=list)
    participants_by_group: list[tuple[str, str, int]] = field(default_factory=list)
    review_states: list[tuple[str, str, int]] = field(default_factory=list)
    per_week: list[tuple[str, str, int]] = field(default_factory=list)  # oldest week first
    without_session: list[tuple[str, str]] = field(default_factory=list)  # (value, label)


@lru_cache(maxsize=32)
def choice_labels(xform_xml: str, language: str | None) -> dict[str, dict[str, str]]:
    """Field name -> {choice value: label} for every select of a form, in ``language``
    ("es"/"en"/a form language; None or unknown: the default), from its choice instances."""
    root = parse_xml(xform_xml, "The questionnaire").root
    model = next(root.iter(f"{XF}model"), None)
    if model is None:
        return {}
    texts = _itext(model, language)
    instances = {i.get("id"): i for i in model.findall(f"{XF}instance") if i.get("id")}
    out: dict[str, dict[str, str]] = {}
    for control in root.iter():
        if control.tag not in (f"{XF}select1", f"{XF}select") or not control.get("ref"):
            continue
        name = control.get("ref", "").rstrip("/").rsplit("/", 1)[-1]
        labels: dict[str, str] = {}
        itemset = control.find(f"{XF}itemset")
        if itemset is not None and "instance('" in itemset.get("nodeset", ""):
            source = itemset.get("nodeset", "").split("instance('", 1)[1].split("'", 1)[0]
            for item in instances.get(source, model).iter():
                value = item.findtext(f"{XF}name")
                if value is None:
                    continue
                text_id = item.findtext(f"{XF}itextId")
                labels[value] = texts.get(text_id or "", item.findtext(f"{XF}label") or value)
        for item in control.findall(f"{XF}item"):
            value = item.findtext(f"{XF}value") or ""
            label = item.find(f"{XF}label")
            ref = label.get("ref", "") if label is not None else ""
            text_id = ref.split("'")[1] if "jr:itext('" in ref else ""
            labels[value] = texts.get(text_id, (label.text if label is not None else "") or value)
        out.setdefault(name, {}).update(labels)
    return out


def _itext(model: ET.Element, language: str | None) -> dict[str, str]:
    translations = list(model.iter(f"{XF}translation"))
    if not translations:
        return {}
    chosen = next(
        (
            t
            for t in translations
            if language
            and (t.get("lang") == language or t.get("lang", "").endswith(f"({language})"))
        ),
        None,
    ) or next((t for t in translations if t.get("default")), translations[0])
    texts = {}
    for text in chosen.findall(f"{XF}text"):
        value = text.find(f"{XF}value")
        if text.get("id") and value is not None:
            texts[text.get("id", "")] = "".join(value.itertext()).strip()
    return texts


def week_of(day: date) -> str:
    """The Monday starting the ISO week of ``day`` (ISO date text)."""
    return (day - timedelta(days=day.weekday())).isoformat()


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _session_day(answers: dict[str, str], submitted_at: str) -> date:
    for name in DATE_FIELDS:
        text = answers.get(name, "")
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            continue
    return datetime.fromisoformat(submitted_at).astimezone().date()


def _ranked(counter: Counter[str], labels: dict[str, str]) -> list[tuple[str, str, int]]:
    rows = [(key, labels.get(key, key), n) for key, n in counter.items()]
    return sorted(rows, key=lambda r: (-r[2], r[1]))


def figures(store: Store, language: str | None = None) -> Figures:
    """Every figure of the dashboard (see the module docstring)."""
    cache = store.review_cache
    out = Figures()
    communities: Counter[str] = Counter()
    community_labels: dict[str, str] = {}
    groups: Counter[str] = Counter()
    sexes: Counter[str] = Counter()
    ages: Counter[str] = Counter()
    people_groups: Counter[str] = Counter()
    weeks: Counter[str] = Counter()
    labels_of: dict[str, dict[str, str]] = {}
    seen_forms: set[tuple[str, str]] = set()
    for row in cache.current_with_xml():
        out.sessions += 1
        form_key = (row["form_id"], row["form_version"])
        if form_key not in seen_forms:  # each form's labels once, not its XForm per session
            seen_forms.add(form_key)
            xform = cache.form_xml(*form_key)
            for name, values in (choice_labels(xform, language) if xform else {}).items():
                labels_of.setdefault(name, {}).update(values)
        answers, roster = _read(row["instance_xml"])
        community = row["community"] or NOT_RECORDED
        communities[community] += 1
        if community != answers.get(COMMUNITY_FIELD):
            community_labels[community] = row["community_label"] or community  # typed "other"
        weeks[week_of(_session_day(answers, row["submitted_at"]))] += 1
        seen_groups = set()
        for person in roster:
            if "consent" in person and person["consent"] != CONSENTED:
                continue
            if person.get(PARTICIPATION, TAKES_PART) != TAKES_PART:
                continue  # recorded as not taking part (a minor without permission)
            sexes[person.get("sex", NOT_RECORDED)] += 1
            ages[person.get("age_band", NOT_RECORDED)] += 1
            group = person.get(GROUP_FIELD, NOT_RECORDED)
            people_groups[group] += 1
            seen_groups.add(group)
        for group in seen_groups:
            groups[group] += 1
    community_labels = {**labels_of.get(COMMUNITY_FIELD, {}), **community_labels}
    out.by_community = _ranked(communities, community_labels)
    out.by_group = _ranked(groups, labels_of.get(GROUP_FIELD, {}))
    out.participants_by_sex = _ranked(sexes, labels_of.get("sex", {}))
    out.participants_by_age = sorted(
        _ranked(ages, labels_of.get("age_band", {})), key=lambda r: (r[0] == "", r[0])
    )
    out.participants_by_group = _ranked(people_groups, labels_of.get(GROUP_FIELD, {}))
    out.review_states = _ranked(Counter(cache.shown_states()), {})
    out.per_week = sorted((w, w, n) for w, n in weeks.items())
    listed: dict[str, str] = {}
    for form in cache.forms():
        xform = cache.form_xml(form["form_id"], form["version"])
        if xform:
            listed.update(choice_labels(xform, language).get(COMMUNITY_FIELD, {}))
    out.without_session = sorted(
        ((value, label) for value, label in listed.items() if value not in communities),
        key=lambda item: item[1],
    )
    out.without_session = [(v, lbl) for v, lbl in out.without_session if not v.endswith("_otra")]
    return out


def _read(instance_xml: str) -> tuple[dict[str, str], list[dict[str, str]]]:
    """Top-level answers by field name (first found) and the roster rows."""
    root = parse_xml(instance_xml, "The session").root
    answers: dict[str, str] = {}
    roster: list[dict[str, str]] = []
    for element in root.iter():
        name = _local(element.tag)
        if name == ROSTER and len(element):
            roster.append(
                {_local(c.tag): (c.text or "").strip() for c in element if (c.text or "").strip()}
            )
            continue
        text = (element.text or "").strip()
        if text and not len(element):
            answers.setdefault(name, text)
    return answers, roster
