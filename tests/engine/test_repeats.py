"""Repeats: calculations inside them, nested repeats with sums, jr:count, adding and removing."""

from __future__ import annotations

import pytest

HOUSEHOLDS = """
| survey |
|        | type         | name     | label     | calculation                 | repeat_count |
|        | begin repeat | hh       | Household |                             |              |
|        | text         | head     | Head      |                             |              |
|        | begin repeat | member   | Member    |                             |              |
|        | integer      | age      | Age       |                             |              |
|        | calculate    | age2     |           | ${age} * 2                  |              |
|        | end repeat   |          |           |                             |              |
|        | calculate    | hh_total |           | sum(${age})                 |              |
|        | calculate    | hh_size  |           | count(${member})            |              |
|        | end repeat   |          |           |                             |              |
|        | calculate    | total    |           | sum(${hh_total})            |              |
|        | integer      | n        | How many  |                             |              |
|        | begin repeat | child    | Child     |                             | ${n}         |
|        | text         | cname    | Name      |                             |              |
|        | calculate    | pos      |           | position(..)                |              |
|        | end repeat   |          |           |                             |              |
| settings |
|          | form_id | version |
|          | hh      | 3       |
"""


def test_nested_repeats_with_sums(make_form):
    session = make_form(HOUSEHOLDS).new_session()
    session.set("/data/hh[1]/member[1]/age", "30")
    assert session.value("/data/hh[1]/member[1]/age2") == "60"
    member = session.add_repeat("/data/hh[1]/member")
    assert member == "/data/hh[1]/member[2]"
    session.set(f"{member}/age", "12")
    assert session.value("/data/hh[1]/hh_total") == "42"
    assert session.value("/data/hh[1]/hh_size") == "2"
    household = session.add_repeat("/data/hh")
    assert household == "/data/hh[2]"
    # A new household starts with no members (the template holds none), as in ODK Collect.
    assert session.add_repeat("/data/hh[2]/member") == "/data/hh[2]/member[1]"
    session.set("/data/hh[2]/member[1]/age", "70")
    assert session.value("/data/hh[2]/hh_total") == "70"
    assert session.value("/data/hh[1]/hh_total") == "42"  # the other household is untouched
    assert session.value("/data/total") == "112"
    session.remove_repeat("/data/hh[1]/member[1]")
    assert session.value("/data/hh[1]/hh_total") == "12"
    assert session.value("/data/hh[1]/hh_size") == "1"
    assert session.value("/data/total") == "82"
    session.remove_repeat("/data/hh[1]")
    assert session.value("/data/total") == "70"
    assert session.value("/data/hh[1]/member[1]/age") == "70"


def test_jr_count_drives_the_number_of_instances(make_form):
    session = make_form(HOUSEHOLDS).new_session()
    assert session.node("/data").children_named("child") == []
    session.set("/data/n", "3")
    assert [session.value(f"/data/child[{i}]/pos") for i in (1, 2, 3)] == ["1", "2", "3"]
    session.set("/data/child[2]/cname", "Ana")
    session.set("/data/n", "2")
    assert len(session.node("/data").children_named("child")) == 2
    assert session.value("/data/child[2]/cname") == "Ana"
    header = next(p for p in session.prompts() if p.ref == "/data/child")
    assert header.kind == "repeat" and header.repeat_count == 2
    assert not header.can_add and not header.can_remove
    with pytest.raises(ValueError, match="set by the form"):
        session.add_repeat("/data/child")


def test_repeat_prompts_are_numbered_and_nested(make_form):
    session = make_form(HOUSEHOLDS).new_session()
    session.add_repeat("/data/hh[1]/member")
    kinds = [(p.kind, p.ref, p.depth) for p in session.prompts()][:7]
    assert kinds == [
        ("repeat", "/data/hh", 0),
        ("repeat_instance", "/data/hh[1]", 1),
        ("input", "/data/hh[1]/head", 2),
        ("repeat", "/data/hh[1]/member", 2),
        ("repeat_instance", "/data/hh[1]/member[1]", 3),
        ("input", "/data/hh[1]/member[1]/age", 4),
        ("repeat_instance", "/data/hh[1]/member[2]", 3),
    ]


def test_incremental_recompute_matches_a_full_recompute(make_form):
    """After many changes, re-evaluating everything from scratch must change nothing."""
    form = make_form(HOUSEHOLDS)
    session = form.new_session()
    session.set("/data/hh[1]/member[1]/age", "5")
    for i in range(2, 5):
        session.add_repeat("/data/hh")
        session.add_repeat(f"/data/hh[{i}]/member")
        session.set(f"/data/hh[{i}]/member[1]/age", str(i * 10))
        session.add_repeat(f"/data/hh[{i}]/member")
        session.set(f"/data/hh[{i}]/member[2]/age", str(i))
    session.set("/data/n", "4")
    session.remove_repeat("/data/hh[2]")
    session.set("/data/n", "2")
    incremental = session.to_xml()
    session.recompute_all()
    assert session.to_xml() == incremental
    assert session.value("/data/total") == str(5 + 30 + 3 + 40 + 4)


def test_a_leaf_change_inside_a_repeat_touches_only_its_instance(make_form):
    session = make_form(HOUSEHOLDS).new_session()
    for i in range(2, 11):
        session.add_repeat("/data/hh")
        session.add_repeat(f"/data/hh[{i}]/member")
    before = session.evaluations
    session.set("/data/hh[5]/member[1]/age", "9")
    ran = session.evaluations - before
    # age2 of that member, hh_total of that household, the grand total: nothing in the others.
    assert ran == 3
    assert session.naive_cost() > 10 * ran


def test_dynamic_defaults_run_for_each_new_instance(make_form):
    session = make_form(
        """
        | survey |
        |        | type         | name  | label | default                    |
        |        | begin repeat | p     | P     |                            |
        |        | text         | code  | Code  | concat('P', position(..))  |
        |        | end repeat   |       |       |                            |
        """
    ).new_session()
    session.add_repeat("/data/p")
    session.add_repeat("/data/p")
    assert [session.value(f"/data/p[{i}]/code") for i in (1, 2, 3)] == ["P1", "P2", "P3"]
    session.set("/data/p[2]/code", "X")  # a default is only a start: people may change it
    session.remove_repeat("/data/p[1]")
    assert [session.value(f"/data/p[{i}]/code") for i in (1, 2)] == ["X", "P3"]
