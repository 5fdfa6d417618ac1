"""Findings: every number equals a direct computation over the submissions' XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from app.export.source import SubmissionRecord
from app.findings import FindingsFilter, FormSubmissions, compute_findings, read_form_roles
from tests.findings.synthetic import (
    FOCUS_FORMS,
    NEEDS_FORM,
    ListSource,
    form_xml,
    random_focus_groups,
    random_needs,
    topics_of,
)

PLACES = {
    "smg_el_amate": ("Cantón El Amate", "San Miguel", "San Miguel"),
    "smg_el_brazo": ("Cantón El Brazo", "San Miguel", "San Miguel"),
    "chi_chilanguera": ("Cantón Chilanguera", "Chirilagua", "San Miguel"),
    "usu_puerto_parada": ("Cantón Puerto Parada", "Usulután", "Usulután"),
    "zac_ulapa": ("Cantón Ulapa", "Zacatecoluca", "La Paz"),
}


@pytest.fixture(scope="module")
def sources() -> dict[str, ListSource]:
    out = {g: random_focus_groups(g, 30, seed=i) for i, g in enumerate(FOCUS_FORMS)}
    out["needs"] = random_needs(60)
    return out


def _all_forms(sources: dict[str, ListSource]) -> list[FormSubmissions]:
    forms = [FormSubmissions(form_xml(f), sources[g]) for g, f in FOCUS_FORMS.items()]
    return [*forms, FormSubmissions(form_xml(NEEDS_FORM), sources["needs"])]


def _session_group(root: ET.Element) -> str:
    values = [e.text for e in root.findall("participants/group_type")]
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)


def _expected_themes(sources, admit) -> dict[tuple[str, str], dict]:
    expected: dict[tuple[str, str], dict] = {}
    for group, form_id in FOCUS_FORMS.items():
        for record in sources[group]:
            root = ET.fromstring(record.xml)
            if not admit(record, root):
                continue
            for topic in topics_of(form_id):
                themes = (root.findtext(f"{topic}/{topic}_themes") or "").split()
                quotes = root.findall(f"{topic}/{topic}_quotes")
                for theme in themes:
                    entry = expected.setdefault(
                        (topic, theme),
                        {"sessions": 0, "group": Counter(), "dept": Counter(), "quotes": []},
                    )
                    entry["sessions"] += 1
                    entry["group"][_session_group(root)] += 1
                    entry["dept"][PLACES[root.findtext("community")][2]] += 1
                    entry["quotes"] += [
                        (q.findtext("quote_text"), q.findtext("quote_participant")) for q in quotes
                    ]
    return expected


def test_theme_counts_by_group_and_department_equal_a_direct_count(sources):
    findings = compute_findings(_all_forms(sources))

    def approved(record: SubmissionRecord, root: ET.Element) -> bool:
        return record.review_state == "approved"

    expected = _expected_themes(sources, approved)
    got = {(c.topic, c.theme): c for c in findings.themes}
    assert set(got) == set(expected)
    for key, entry in expected.items():
        count = got[key]
        assert count.sessions == entry["sessions"], key
        assert dict(count.by_group) == dict(entry["group"]), key
        assert dict(count.by_department) == dict(entry["dept"]), key
        assert sum(count.by_municipality.values()) == entry["sessions"]
        assert [(q.text, q.participant) for q in count.quotes] == entry["quotes"], key
    n_approved = sum(r.review_state == "approved" for g in FOCUS_FORMS for r in sources[g].records)
    assert len(findings.sessions) == n_approved
    participants = sum(
        len(ET.fromstring(r.xml).findall("participants"))
        for g in FOCUS_FORMS
        for r in sources[g].records
        if r.review_state == "approved"
    )
    assert sum(findings.participants_by_group.values()) == participants


def test_quotes_carry_code_community_and_date_never_the_facilitator_name(sources):
    findings = compute_findings(_all_forms(sources))
    quote = next(q for c in findings.themes for q in c.quotes)
    assert quote.participant.startswith("P")
    assert quote.community in {p[0] for p in PLACES.values()}
    assert len(quote.date) == 10 and quote.date.startswith("2026-")
    assert all("Nombre Real" not in str(s) for s in findings.sessions)


def test_filters_date_range_community_and_review_state(sources):
    filters = FindingsFilter(
        date_from="2026-03-01",
        date_to="2026-08-31",
        communities=frozenset({"smg_el_amate", "zac_ulapa"}),
        review_states=frozenset({"approved", "received"}),
    )
    findings = compute_findings(_all_forms(sources), filters)

    def admit(record: SubmissionRecord, root: ET.Element) -> bool:
        date = root.findtext("session_date")
        return (
            record.review_state in {"approved", "received"}
            and "2026-03-01" <= date <= "2026-08-31"
            and root.findtext("community") in {"smg_el_amate", "zac_ulapa"}
        )

    expected = _expected_themes(sources, admit)
    got = {(c.topic, c.theme): c.sessions for c in findings.themes}
    assert got == {k: v["sessions"] for k, v in expected.items()}
    assert expected  # the filter leaves something to count
    assert {s.community for s in findings.sessions} <= {"smg_el_amate", "zac_ulapa"}


def test_needs_counted_and_weighted_by_rank_split_by_group_and_community(sources):
    findings = compute_findings(_all_forms(sources))
    mentions: Counter[str] = Counter()
    score: Counter[str] = Counter()
    by_group: Counter[tuple[str, str]] = Counter()
    score_by_community: Counter[tuple[str, str]] = Counter()
    people = 0
    for record in sources["needs"]:
        if record.review_state != "approved":
            continue
        people += 1
        root = ET.fromstring(record.xml)
        for rank in (1, 2, 3):
            need = root.findtext(f"necesidades/need_{rank}")
            mentions[need] += 1
            score[need] += 4 - rank
            by_group[(need, root.findtext("perfil/status"))] += 1
            score_by_community[(need, root.findtext("community"))] += 4 - rank
    assert findings.assessments == people
    assert {n.need: n.mentions for n in findings.needs} == dict(mentions)
    assert {n.need: n.score for n in findings.needs} == dict(score)
    assert [n.score for n in findings.needs] == sorted(score.values(), reverse=True)
    for n in findings.needs:
        for (need, group), value in by_group.items():
            if need == n.need:
                assert n.by_group[group] == value
        for (need, community), value in score_by_community.items():
            if need == n.need:
                assert n.score_by_community[community] == value
    assert findings.needs[0].label in {
        "Empleo",
        "Capacitación o certificación",
        "Capital para un negocio",
        "Atención de salud",
        "Vivienda",
    }


def test_unreadable_submission_is_counted_not_lost_and_not_fatal():
    source = ListSource(
        [
            SubmissionRecord("uuid:bad", "<data><unclosed>", "2026-01-01", review_state="approved"),
            SubmissionRecord(
                "uuid:dtd",
                '<!DOCTYPE x [<!ENTITY a "b">]><data/>',
                "2026-01-01",
                review_state="approved",
            ),
        ]
    )
    findings = compute_findings([FormSubmissions(form_xml(FOCUS_FORMS["mujeres"]), source)])
    assert findings.skipped_unreadable == 2
    assert findings.sessions == []


def test_any_form_with_roles_works_group_outside_a_roster(tmp_path):
    from app.engine import load_form

    source_md = tmp_path / "custom.md"
    source_md.write_text(
        """
| survey |
|        | type               | name   | label  | bind::encuentro:role |
|        | select_one grp     | grp    | Group  | group                |
|        | text               | place  | Place  | community            |
|        | begin_group        | t      | Topic  | topic                |
|        | text               | notes  | Notes  | note                 |
|        | select_multiple th | th     | Themes | themes               |
|        | end_group          |        |        |                      |
| choices |
|         | list_name | name | label    |
|         | grp       | a    | Alpha    |
|         | grp       | b    | Beta     |
|         | th        | x    | Theme X  |
| settings |
|          | form_id | namespaces                       |
|          | custom  | encuentro="urn:encuentro:xforms" |
""",
        encoding="utf-8",
    )
    xml = load_form(source_md).xform_xml
    roles = read_form_roles(xml)
    assert roles.group_labels == {"a": "Alpha", "b": "Beta"} and not roles.group_in_repeat

    def record(i: int, group: str, themes: str) -> SubmissionRecord:
        topic = f"<t><notes>n</notes><th>{themes}</th></t>"
        body = f"<data><grp>{group}</grp><place>Here</place>{topic}</data>"
        return SubmissionRecord(
            f"uuid:{i}", body, f"2026-05-0{i}T00:00:00Z", review_state="approved"
        )

    source = ListSource([record(1, "a", "x"), record(2, "b", "x"), record(3, "a", "")])
    findings = compute_findings([FormSubmissions(xml, source)])
    (count,) = findings.themes
    assert (count.theme_label, count.sessions, dict(count.by_group)) == (
        "Theme X",
        2,
        {"a": 1, "b": 1},
    )
    assert findings.sessions[0].date == "2026-05-01"  # no date question: the day received


def test_a_session_cache_reads_each_version_once_and_follows_review_and_edits(sources):
    from dataclasses import replace

    from app.findings import SessionCache

    source = ListSource(list(sources["mujeres"].records))
    form = [FormSubmissions(form_xml(FOCUS_FORMS["mujeres"]), source)]
    cache = SessionCache()
    every_state = FindingsFilter(review_states=None)
    cold = compute_findings(form, every_state, cache=cache)
    assert len(cache) == len(source.records)
    warm = compute_findings(form, every_state, cache=cache)
    assert [(c.topic, c.theme, c.sessions) for c in warm.themes] == [
        (c.topic, c.theme, c.sessions) for c in cold.themes
    ]
    # Approve one more, edit one (its themes change), drop one: the cache follows each.
    first, second, *rest = source.records
    topic = topics_of(FOCUS_FORMS["mujeres"])[0]
    edited_xml = ET.fromstring(second.xml)
    edited_xml.find(f"{topic}/{topic}_themes").text = "tema_nuevo"
    source.records = [
        replace(first, review_state="approved"),
        replace(second, xml=ET.tostring(edited_xml, encoding="unicode"), edits=second.edits + 1),
        *rest[1:],
    ]
    approved = compute_findings(form, cache=cache)
    direct = compute_findings(form)
    assert len(approved.sessions) == len(direct.sessions)
    assert {(c.topic, c.theme): c.sessions for c in approved.themes} == {
        (c.topic, c.theme): c.sessions for c in direct.themes
    }
    every = compute_findings(form, every_state, cache=cache)
    assert any(c.theme == "tema_nuevo" for c in every.themes)
    assert len(cache) == len(source.records)
