"""The findings view's data over a supervisor's cache and a facilitator's own store: every
number of its tables equals a direct count over the stored XML."""

from __future__ import annotations

import re
import sqlite3
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from app.findings import FindingsFilter, FormSubmissions, compute_findings
from app.findings import book as book_module
from app.findings.book import OwnFindings, SessionMemory, SupervisorFindings, ViewQuery
from app.findings.tables import need_table, quotes_behind, theme_table
from tests.findings.stores import facilitator_store, supervisor_store, synthetic_sources
from tests.findings.synthetic import FOCUS_FORMS, NEEDS_FORM, form_xml, topics_of
from tests.findings.test_findings import PLACES, _session_group

Admit = Callable[[str, ET.Element], bool]


@pytest.fixture(scope="module")
def sources():
    return synthetic_sources(10, 24)


@pytest.fixture(scope="module")
def supervisor(tmp_path_factory, sources):
    store = supervisor_store(tmp_path_factory.mktemp("sup") / "encuentro.sqlite3", sources)
    yield store
    store.close()


@pytest.fixture(scope="module")
def own(tmp_path_factory, sources):
    store = facilitator_store(tmp_path_factory.mktemp("own") / "encuentro.sqlite3", sources)
    yield store
    store.close()


def _stored(path: Path, sql: str) -> list[tuple[str, str, str]]:
    """(form_id, state, xml) straight from the data file."""
    with sqlite3.connect(path) as conn:
        return list(conn.execute(sql))


def _supervisor_rows(store) -> list[tuple[str, str, str]]:
    return _stored(
        store.path,
        "SELECT form_id, review_state, instance_xml FROM review_sessions WHERE is_current = 1",
    )


def _own_rows(store) -> list[tuple[str, str, str]]:
    return _stored(
        store.path,
        "SELECT form_id, CASE WHEN status IN ('finalized', 'queued', 'sent') THEN 'received'"
        " ELSE review_state END, instance_xml FROM submissions WHERE status != 'draft'",
    )


def _direct_themes(rows, admit: Admit, split: str) -> dict[tuple[str, str], Counter]:
    """(topic, theme) -> Counter of sessions per split value, plus "" for the total."""
    out: dict[tuple[str, str], Counter] = {}
    for form_id, state, xml in rows:
        if form_id == NEEDS_FORM:
            continue
        root = ET.fromstring(xml)
        if not admit(state, root):
            continue
        place = PLACES[root.findtext("community")]
        value = {"group": _session_group(root), "community": place[0], "department": place[2]}
        for topic in topics_of(form_id):
            for theme in (root.findtext(f"{topic}/{topic}_themes") or "").split():
                counter = out.setdefault((topic, theme), Counter())
                counter[""] += 1
                counter[value[split]] += 1
    return out


def _check_themes(table, expected) -> None:
    got = {(r.topic, r.theme): r for r in table.rows}
    assert set(got) == set(expected)
    for key, counter in expected.items():
        row = got[key]
        assert row.sessions == counter[""], key
        shown = {k: n for (k, _l), n in zip(table.columns, row.split, strict=True) if n}
        assert shown == {k: n for k, n in counter.items() if k}, key


@pytest.mark.parametrize("split", ["group", "community", "department"])
def test_supervisor_theme_tables_equal_a_direct_count(supervisor, split):
    book = SupervisorFindings(supervisor)
    findings = book.findings(ViewQuery(), "es")  # approved only by default
    expected = _direct_themes(
        _supervisor_rows(supervisor), lambda state, _root: state == "approved", split
    )
    _check_themes(theme_table(findings, split), expected)


def test_filters_form_dates_community_and_every_state(supervisor):
    book = SupervisorFindings(supervisor)
    form_id = FOCUS_FORMS["jovenes"]
    query = ViewQuery(
        form_id=form_id,
        date_from="2026-03-01",
        date_to="2026-08-31",
        community="smg_el_amate",
        review_states=None,
    )

    def admit(_state: str, root: ET.Element) -> bool:
        return (
            root.get("id") == form_id
            and "2026-03-01" <= root.findtext("session_date") <= "2026-08-31"
            and root.findtext("community") == "smg_el_amate"
        )

    expected = _direct_themes(_supervisor_rows(supervisor), admit, "group")
    assert expected  # the filter leaves something to count
    _check_themes(theme_table(book.findings(query, "es"), "group"), expected)


def test_own_sessions_count_received_ones_when_asked(own):
    book = OwnFindings(own)
    states = frozenset({"received", "approved"})
    findings = book.findings(ViewQuery(review_states=states), "es")
    expected = _direct_themes(_own_rows(own), lambda state, _r: state in states, "group")
    _check_themes(theme_table(findings, "group"), expected)
    assert sorted(f for f, _t in book.forms("es")) == sorted([*FOCUS_FORMS.values(), NEEDS_FORM])


def test_needs_weighted_by_rank_split_by_group_and_community(supervisor):
    findings = SupervisorFindings(supervisor).findings(ViewQuery(), "es")
    mentions: Counter = Counter()
    score: Counter = Counter()
    by_community: dict[str, Counter] = {}
    for form_id, state, xml in _supervisor_rows(supervisor):
        if form_id != NEEDS_FORM or state != "approved":
            continue
        root = ET.fromstring(xml)
        for rank in (1, 2, 3):
            need = root.findtext(f"necesidades/need_{rank}")
            mentions[need] += 1
            score[need] += 4 - rank
            by_community.setdefault(need, Counter())[root.findtext("community")] += 4 - rank
    table = need_table(findings, "community")
    assert [r.need for r in table.rows] == sorted(score, key=lambda n: (-score[n], -mentions[n], n))
    for row in table.rows:
        assert (row.mentions, row.score) == (mentions[row.need], score[row.need])
        shown = {k: n for (k, _l), n in zip(table.columns, row.split, strict=True) if n}
        assert shown == dict(by_community[row.need])
        assert sum(row.by_rank) == row.mentions


def test_quotes_behind_a_count_are_that_groups_and_carry_no_name(supervisor):
    findings = SupervisorFindings(supervisor).findings(ViewQuery(), "es")
    row = max(theme_table(findings, "group").rows, key=lambda r: r.quotes)
    table = theme_table(findings, "group", row.topic)
    key = table.columns[0][0]
    quotes = quotes_behind(findings, row.topic, row.theme, "group", key)
    expected = []
    for form_id, state, xml in _supervisor_rows(supervisor):
        root = ET.fromstring(xml)
        if form_id == NEEDS_FORM or state != "approved" or _session_group(root) != key:
            continue
        topic = root.find(row.topic)
        if topic is None or row.theme not in (topic.findtext(f"{row.topic}_themes") or ""):
            continue
        expected += [
            (q.findtext("quote_text"), q.findtext("quote_participant"))
            for q in topic.findall(f"{row.topic}_quotes")
        ]
    assert sorted((q.text, q.participant) for q in quotes) == sorted(expected)
    assert all("Nombre Real" not in (q.text + q.participant) for q in quotes)
    everything = quotes_behind(findings, row.topic, row.theme)
    assert len(everything) == row.quotes >= len(quotes)


def test_a_cache_kept_by_the_view_gives_the_same_numbers(supervisor):
    book = SupervisorFindings(supervisor)
    cache = SessionMemory()
    first = book.findings(ViewQuery(review_states=None), "es", cache=cache)
    again = book.findings(ViewQuery(), "es", cache=cache)
    fresh = book.findings(ViewQuery(), "es")
    assert len(first.sessions) > len(again.sessions) > 0
    assert theme_table(again) == theme_table(fresh)


def _without_notes(topics):
    return tuple(replace(t, notes=()) for t in topics)


class Reads:
    """Counts the XML the findings parse (the real reader runs)."""

    def __init__(self, monkeypatch) -> None:
        self.count = 0
        real = book_module.read_session

        def counted(record, roles):
            self.count += 1
            return real(record, roles)

        monkeypatch.setattr(book_module, "read_session", counted)


def test_sessions_read_once_are_kept_in_the_store_and_go_with_the_cache(tmp_path, monkeypatch):
    sources = synthetic_sources(3, 6)
    store = supervisor_store(tmp_path / "encuentro.sqlite3", sources)
    reads = Reads(monkeypatch)
    try:
        first = SupervisorFindings(store).findings(ViewQuery(review_states=None), "es")
        rows = _supervisor_rows(store)
        assert reads.count == len(rows)
        assert store.findings_cache.count("review") == len(rows)
        # Opened again (a new process: nothing in memory): no XML parsed, the same numbers.
        again = SupervisorFindings(store).findings(ViewQuery(review_states=None), "es")
        assert reads.count == len(rows)
        assert theme_table(again) == theme_table(first)
        assert need_table(again, "community") == need_table(first, "community")
        # In English: nothing parsed again (values are kept, labels come from the form).
        english = SupervisorFindings(store).findings(ViewQuery(review_states=None), "en")
        assert reads.count == len(rows)
        assert [r.sessions for r in theme_table(english).rows] == [
            r.sessions for r in theme_table(first).rows
        ]
        topics_es = {r.topic_label for r in theme_table(first).rows}
        topics_en = {r.topic_label for r in theme_table(english).rows}
        assert topics_es.isdisjoint(topics_en)
        direct = compute_findings(
            [FormSubmissions(form_xml(f), source) for f, source in sources.items()],
            FindingsFilter(review_states=None),
            language="en",
        )
        assert {s.instance_id: (s.place, s.topics) for s in english.sessions} == {
            s.instance_id: (s.place, _without_notes(s.topics)) for s in direct.sessions
        }
        # Another supervisor signs in: the team's sessions and what was read from them go.
        store.review_cache.clear()
        assert store.findings_cache.count("review") == 0
    finally:
        store.close()


def test_an_edited_session_is_read_again(tmp_path, monkeypatch):
    sources = synthetic_sources(2, 2)
    store = supervisor_store(tmp_path / "encuentro.sqlite3", sources)
    reads = Reads(monkeypatch)
    try:
        book = SupervisorFindings(store)
        memory = SessionMemory()
        book.findings(ViewQuery(review_states=None), "es", cache=memory)
        before = reads.count
        form_id = FOCUS_FORMS["mujeres"]
        old = sources[form_id].records[0]
        edited = re.sub(
            r"<community>\w+</community>", "<community>zac_ulapa</community>", str(old.xml)
        )
        assert edited != old.xml
        cache = store.review_cache
        cache.upsert_listed(
            [
                {
                    "instance_id": old.instance_id,
                    "root_id": old.instance_id,
                    "is_current": False,
                    "project_id": 1,
                    "form_id": form_id,
                    "form_version": "v",
                    "received_at": "2026-11-30T10:00:00.000000+00:00",
                    "review_state": old.review_state,
                },
                {
                    "instance_id": "uuid:edited",
                    "root_id": old.instance_id,
                    "is_current": True,
                    "project_id": 1,
                    "form_id": form_id,
                    "form_version": "v",
                    "received_at": "2026-12-01T10:00:00.000000+00:00",
                    "review_state": "approved",
                },
            ]
        )
        cache.put_detail(
            "uuid:edited",
            edited,
            facilitator=None,
            community=None,
            community_label=None,
            attachments=[],
            events=[],
        )
        found = book.findings(ViewQuery(form_id=form_id), "es", cache=memory)
        assert reads.count == before + 1  # only the new version is parsed
        session = next(s for s in found.sessions if s.instance_id == old.instance_id)
        assert session.community == "zac_ulapa"
    finally:
        store.close()


def test_own_sessions_export_for_qda_like_the_cli(own, tmp_path):
    import zipfile

    from app.export import ExportOptions

    form_id = FOCUS_FORMS["familiares"]
    target = tmp_path / "familiares.qdpx"
    summary = OwnFindings(own).export(form_id, target, ExportOptions(format="qdpx"))
    finished = [x for f, _s, x in _own_rows(own) if f == form_id]
    with zipfile.ZipFile(target) as archive:
        sources = [n for n in archive.namelist() if n.startswith("sources/")]
    assert summary.submissions == len(sources) == len(finished)
