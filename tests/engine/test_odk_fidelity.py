"""Where our engine gave different data from ODK Collect (JavaRosa): issue 10, items 1-8.

Expected values are JavaRosa's (measured against ODK Validate's copy, and read from JavaRosa's own
sources: XPathFuncExpr.toNumeric, IAnswerData.wrapData, TreeReference.contextualize).
"""

from __future__ import annotations

import time

import pytest

from app.engine import load_form

XF = (
    '<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml" '
    'xmlns:jr="http://openrosa.org/javarosa"><h:head><h:title>T</h:title><model>'
    "<instance>{instance}</instance>{binds}</model></h:head><h:body>{body}</h:body></h:html>"
)


def xform(instance: str, binds: str = "", body: str = "") -> str:
    return XF.format(instance=instance, binds=binds, body=body)


@pytest.fixture
def utc(monkeypatch):
    """Pin the machine's time zone: JavaRosa counts days on the device's calendar."""

    def use(zone: str) -> None:
        monkeypatch.setenv("TZ", zone)
        time.tzset()

    use("UTC")
    yield use
    monkeypatch.undo()
    time.tzset()


# -- 1. an absolute path inside a repeat means the current instance
REPEAT = """
| survey |
|        | type         | name | label | calculation    | relevant        | constraint       |
|        | begin repeat | rep  | Rep   |                |                 |                  |
|        | integer      | x    | X     |                |                 |                  |
|        | calculate    | y    |       | /data/rep/x * 2 |                |                  |
|        | integer      | z    | Z     |                | /data/rep/x > 5 | . < /data/rep/x  |
|        | end repeat   |      |       |                |                 |                  |
|        | calculate    | total |      | sum(/data/rep/x) |               |                  |
"""


def test_absolute_path_in_a_repeat_reads_its_own_instance(make_form):
    session = make_form(REPEAT).new_session()
    session.set("/data/rep[1]/x", "3")
    session.add_repeat("/data/rep")
    session.set("/data/rep[2]/x", "10")
    assert session.value("/data/rep[1]/y") == "6"
    assert session.value("/data/rep[2]/y") == "20"  # we gave 6 (the first instance's x)
    assert session.value("/data/total") == "13"  # outside the repeat: every instance
    assert not session.relevant("/data/rep[1]/z")
    assert session.relevant("/data/rep[2]/z")
    session.set("/data/rep[2]/z", "9")
    assert session.check("/data/rep[2]/z") is None  # 9 < 10, its own x
    session.set("/data/rep[2]/z", "11")
    assert session.check("/data/rep[2]/z") is not None


def test_jr_count_of_a_nested_repeat_reads_its_own_outer_instance():
    form = load_form(
        xform(
            "<data id='n'><hh jr:template=''><n/><m jr:template=''><a/></m></hh>"
            "<meta><instanceID/></meta></data>",
            "<bind nodeset='/data/hh/n' type='int'/><bind nodeset='/data/hh/m/a' type='string'/>",
            "<group ref='/data/hh'><label>HH</label><repeat nodeset='/data/hh'>"
            "<input ref='/data/hh/n'><label>n</label></input>"
            "<repeat nodeset='/data/hh/m' jr:count='/data/hh/n'>"
            "<input ref='/data/hh/m/a'><label>a</label></input></repeat></repeat></group>",
        )
    )
    session = form.new_session()
    session.add_repeat("/data/hh")
    session.add_repeat("/data/hh")
    session.set("/data/hh[1]/n", "1")
    session.set("/data/hh[2]/n", "3")
    assert len(session.node("/data/hh[1]").children_named("m")) == 1
    assert len(session.node("/data/hh[2]").children_named("m")) == 3


# -- 2. sum, min, max skip empty nodes
def test_sum_min_max_skip_empty_nodes(make_form):
    session = make_form(
        """
        | survey |
        |        | type         | name | label | calculation      |
        |        | begin repeat | rep  | Rep   |                  |
        |        | integer      | x    | X     |                  |
        |        | end repeat   |      |       |                  |
        |        | calculate    | s    |       | sum(/data/rep/x) |
        |        | calculate    | lo   |       | min(/data/rep/x) |
        |        | calculate    | hi   |       | max(/data/rep/x) |
        |        | calculate    | none |       | sum(/data/rep[x > 100]/x) |
        """
    ).new_session()
    session.set("/data/rep[1]/x", "3")
    session.add_repeat("/data/rep")
    session.add_repeat("/data/rep")
    session.set("/data/rep[3]/x", "4")
    assert [session.value(f"/data/{n}") for n in ("s", "lo", "hi", "none")] == ["7", "3", "4", "0"]


# -- 3. NaN is stored empty
@pytest.mark.parametrize("expression", ["'' + 1", "0 div 0", "number('abc')"])
def test_nan_is_stored_empty(make_form, expression):
    session = make_form(
        f"""
        | survey |
        |        | type      | name | label | calculation   |
        |        | calculate | c    |       | {expression}  |
        """
    ).new_session()
    assert session.value("/data/c") == ""
    assert "NaN" not in session.to_xml()


def test_needs_assessment_months_abroad_total_is_empty_when_a_part_is_blank():
    form = load_form("forms/evaluacion_necesidades.md")
    session = form.new_session()
    session.set("/data/is_adult", "si")  # the built-in form asks who consents first
    session.set("/data/consent", "si")
    session.set("/data/perfil/status", "retornado")
    session.set("/data/retorno/years_abroad", "2")
    assert session.value("/data/retorno/months_abroad_total") == ""
    assert "NaN" not in session.to_xml()
    session.set("/data/retorno/months_abroad", "3")
    assert session.value("/data/retorno/months_abroad_total") == "27"


# -- 4 and 7. stored calculate values: booleans 1/0, int cast
def test_boolean_calculate_is_written_1_or_0_and_int_calculate_is_cast():
    form = load_form(
        xform(
            "<data id='b'><age/><adult/><flag/><half/><whole/><meta><instanceID/></meta></data>",
            "<bind nodeset='/data/age' type='int'/>"
            "<bind nodeset='/data/adult' type='string' calculate='/data/age &gt;= 18'/>"
            "<bind nodeset='/data/flag' type='boolean' calculate='/data/age'/>"
            "<bind nodeset='/data/half' type='int' calculate='5 div 2'/>"
            "<bind nodeset='/data/whole' type='int' calculate='-7 div 2'/>",
            "<input ref='/data/age'><label>Age</label></input>",
        )
    )
    session = form.new_session()
    session.set("/data/age", "20")
    assert session.value("/data/adult") == "1"
    assert session.value("/data/flag") == "1"
    assert session.value("/data/half") == "2"
    assert session.value("/data/whole") == "-3"
    session.set("/data/age", "0")
    assert session.value("/data/adult") == "0"
    assert session.value("/data/flag") == "0"
    assert "<adult>0</adult>" in session.to_xml()


def test_a_stored_boolean_and_a_zero_number_read_as_false(make_form):
    session = make_form(
        """
        | survey |
        |        | type      | name  | label | calculation   | relevant |
        |        | integer   | age   | Age   |               |          |
        |        | calculate | adult |       | ${age} >= 18  |          |
        |        | note      | show  | Adult |               | ${adult} |
        |        | note      | some  | Some  |               | ${age}   |
        """
    ).new_session()
    session.set("/data/age", "12")
    assert not session.relevant("/data/show")  # adult is 0: false, as in Collect
    session.set("/data/age", "0")
    assert not session.relevant("/data/some")  # an int answer 0 is false in JavaRosa
    session.set("/data/age", "30")
    assert session.relevant("/data/show") and session.relevant("/data/some")


# -- 5. a new outer instance gets no inner instance
def test_new_outer_instance_has_no_inner_instance_until_added():
    form = load_form(
        xform(
            "<data id='o'><hh><head/><member><age/></member></hh><meta><instanceID/></meta></data>",
            "<bind nodeset='/data/hh/member/age' type='int'/>",
            "<group ref='/data/hh'><label>HH</label><repeat nodeset='/data/hh'>"
            "<input ref='/data/hh/head'><label>Head</label></input>"
            "<repeat nodeset='/data/hh/member'><input ref='/data/hh/member/age'><label>A</label>"
            "</input></repeat></repeat></group>",
        )
    )
    session = form.new_session()
    assert len(session.node("/data/hh[1]").children_named("member")) == 1  # as written
    added = session.add_repeat("/data/hh")
    assert session.node(added).children_named("member") == []
    assert session.add_repeat(f"{added}/member") == "/data/hh[2]/member[1]"


# -- 6. text that looks like a date is no number
def test_date_text_is_not_a_number_and_string_answers_do_not_compare_as_dates(make_form):
    session = make_form(
        """
        | survey |
        |        | type      | name   | label | calculation                       |
        |        | text      | txt    | Text  |                                   |
        |        | date      | d      | Date  |                                   |
        |        | calculate | n      |       | number('2020-01-01')              |
        |        | calculate | txt_lt |       | if(${txt} < today(), 'y', 'n')    |
        |        | calculate | d_lt   |       | if(${d} < today(), 'y', 'n')      |
        |        | calculate | wrap   |       | if(date(${txt}) < today(), 'y', 'n') |
        """
    ).new_session()
    session.set("/data/txt", "2020-01-01")
    session.set("/data/d", "2020-01-01")
    assert session.value("/data/n") == ""  # NaN, stored empty
    assert session.value("/data/txt_lt") == "n"
    assert session.value("/data/d_lt") == "y"
    assert session.value("/data/wrap") == "y"


# -- 8. time-zone offsets count
def _value(expression: str) -> str:
    form = load_form(
        xform(
            "<data id='t'><c/><meta><instanceID/></meta></data>",
            f"<bind nodeset='/data/c' type='string' calculate=\"{expression}\"/>",
        )
    )
    return form.new_session().value("/data/c")


def test_decimal_date_time_counts_the_offset(utc):
    value = float(_value("decimal-date-time('2020-01-01T12:00:00.000+02:00')"))
    assert round(value, 5) == 18262.41667
    utc("America/El_Salvador")  # the device's calendar: 04:00 local
    value = float(_value("decimal-date-time('2020-01-01T12:00:00.000+02:00')"))
    assert round(value, 5) == 18262.16667


def test_format_date_on_a_date_time_keeps_the_time(utc):
    assert _value("format-date(date-time('2020-03-04T15:30:00.000Z'), '%Y-%m-%d %H:%M')") == (
        "2020-03-04 15:30"
    )


def test_date_time_minus_date_counts_calendar_days(utc):
    # JavaRosa converts both to whole days on the device's calendar (dateDiff), so the time of day
    # does not make a fraction.
    expression = "date-time('2020-01-02T18:00:00.000Z') - date('2020-01-01')"
    assert _value(expression) == "1"
    utc("Asia/Tokyo")  # 03:00 on January 3rd there
    assert _value(expression) == "2"


# -- 12. month and day names follow the form language
def test_format_date_names_follow_the_form_language(make_form):
    form = make_form(
        """
        | survey |
        |        | type      | name | label::Español (es) | label::English (en) | calculation |
        |        | date      | d    | Fecha               | Date                |             |
        |        | calculate | f    |                     |                     | {FORMAT}    |
        """.replace("{FORMAT}", "format-date(${d}, '%a %e %b')")
    )
    spanish = form.new_session(language="Español (es)")
    spanish.set("/data/d", "2024-01-03")
    assert spanish.value("/data/f") == "mié 3 ene"
    english = form.new_session(language="English (en)")
    english.set("/data/d", "2024-01-03")
    assert english.value("/data/f") == "Wed 3 Jan"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("label", "Wed 3 Jan"),  # no languages: Collect on an English device (JavaRosa's 'Jan')
        ("label::English (en)", "Wed 3 Jan"),
        ("label::Français (fr)", "Wed 3 Jan"),  # no names of its own: English, not Spanish
        ("label::Español (es)", "mié 3 ene"),  # a Spanish-only form: Spanish on purpose
        ("label::Spanish", "mié 3 ene"),
    ],
)
def test_format_date_names_are_english_unless_the_form_language_is_spanish(
    make_form, header, expected
):
    form = make_form(
        """
        | survey |
        |        | type      | name | {HEADER} | calculation |
        |        | date      | d    | Fecha    |             |
        |        | calculate | f    |          | {FORMAT}    |
        """.replace("{HEADER}", header).replace("{FORMAT}", "format-date(${d}, '%a %e %b')")
    )
    session = form.new_session()
    session.set("/data/d", "2024-01-03")
    assert session.value("/data/f") == expected  # we gave "mié 3 ene" to every form


# -- 9. a first-load setvalue inside a control fires once
def test_first_load_setvalue_inside_a_control_fires_only_at_load():
    form = load_form(
        xform(
            "<data id='s'><q/><stamp/><meta><instanceID/></meta></data>",
            "<bind nodeset='/data/q' type='string'/><bind nodeset='/data/stamp' type='string'/>",
            "<input ref='/data/q'><label>Q</label>"
            "<setvalue event='odk-instance-first-load' ref='/data/stamp' "
            "value=\"concat('at load ', /data/q)\"/></input>",
        )
    )
    session = form.new_session()
    assert session.value("/data/stamp") == "at load "
    session.set("/data/q", "changed")
    assert session.value("/data/stamp") == "at load "  # we re-ran it on every change


# -- 10. jr:choice-name follows a choice label's output
def test_choice_name_follows_a_label_output_when_its_answer_changes(make_form):
    session = make_form(
        """
        | survey |
        |        | type            | name  | label   | calculation                     |
        |        | text            | name  | Name    |                                 |
        |        | select_one who  | sel   | Who     |                                 |
        |        | calculate       | shown |         | jr:choice-name(${sel}, '${sel}') |
        | choices |
        |         | list_name | name | label              |
        |         | who       | mom  | Mother of ${name}  |
        |         | who       | dad  | Father             |
        """
    ).new_session()
    session.set("/data/name", "Ana")
    session.set("/data/sel", "mom")
    assert session.value("/data/shown") == "Mother of Ana"
    session.set("/data/name", "Eva")
    assert session.value("/data/shown") == "Mother of Eva"


# -- 11. a repeat that does not apply gets no new instances
def test_a_repeat_that_is_not_relevant_cannot_get_new_instances(make_form):
    session = make_form(
        """
        | survey |
        |        | type         | name | label | relevant      |
        |        | integer      | n    | N     |               |
        |        | begin repeat | rep  | Rep   | ${n} > 0      |
        |        | text         | x    | X     |               |
        |        | end repeat   |      |       |               |
        """
    ).new_session()
    session.set("/data/n", "0")
    header = next(p for p in session.prompts() if p.ref == "/data/rep")
    assert not header.can_add
    with pytest.raises(ValueError, match="does not apply"):
        session.add_repeat("/data/rep")
    session.set("/data/n", "2")
    assert next(p for p in session.prompts() if p.ref == "/data/rep").can_add
    assert session.add_repeat("/data/rep") == "/data/rep[2]"


# -- jr:count: a count that depends on its own repeat; a count that goes down
LAST_FINAL = "/data/household[position() = /data/flatcount]/final"
HOUSEHOLD_COUNT = "if(${last_final} = 'si', ${flatcount}, ${flatcount} + 1)"
FLATS = """
| survey |
|        | type          | name            | label | calculation         | repeat_count       |
|        | calculate     | flatcount       |       | count(${household}) |                    |
|        | calculate     | last_final      |       | LAST_FINAL          |                    |
|        | calculate     | household_count |       | HOUSEHOLD_COUNT     |                    |
|        | begin repeat  | household       | Flat  |                     | ${household_count} |
|        | text          | name            | Name  |                     |                    |
|        | select_one yn | final           | Last? |                     |                    |
|        | end repeat    |                 |       |                     |                    |
| choices |
|         | list_name | name | label |
|         | yn        | si   | Sí    |
|         | yn        | no   | No    |
""".replace("LAST_FINAL", LAST_FINAL).replace("HOUSEHOLD_COUNT", HOUSEHOLD_COUNT)


def test_a_count_that_depends_on_its_own_repeat_opens_and_grows_one_at_a_time(make_form):
    form = make_form(FLATS)  # a graph with jr:count as an edge refused this as a loop
    session = form.new_session()

    def flats() -> int:
        return len(session.node("/data").children_named("household"))

    assert flats() == 1
    session.set("/data/household[1]/name", "A")
    assert flats() == 2  # the next flat to fill (Collect adds it as the person moves on)
    session.set("/data/household[1]/final", "no")
    assert flats() == 2
    session.set("/data/household[2]/name", "B")
    assert flats() == 3
    session.set("/data/household[2]/final", "si")
    assert flats() == 2  # the empty offer goes: the data Collect would have
    assert session.value("/data/household_count") == "2"
    again = form.open_session(session.to_xml(include_non_relevant=True))
    assert len(again.node("/data").children_named("household")) == 2
    assert again.value("/data/household[2]/name") == "B"


def test_a_lower_count_reports_the_instances_with_answers_it_would_remove(make_form):
    session = make_form(
        """
        | survey |
        |        | type         | name  | label | repeat_count |
        |        | integer      | n     | N     |              |
        |        | begin repeat | child | Child | ${n}         |
        |        | text         | cname | Name  |              |
        |        | end repeat   |       |       |              |
        """
    ).new_session()
    session.set("/data/n", "3")
    session.set("/data/child[3]/cname", "Ana")
    assert session.instances_removed_by("/data/n", "2") == ["/data/child[3]"]
    assert session.instances_removed_by("/data/n", "1") == ["/data/child[3]"]  # [2] is empty
    assert session.instances_removed_by("/data/n", "4") == []
    assert session.instances_removed_by("/data/child[1]/cname", "x") == []  # feeds no count
    assert session.value("/data/child[3]/cname") == "Ana"  # asking changed nothing
    assert session.value("/data/n") == "3"
    session.set("/data/n", "2")
    assert len(session.node("/data").children_named("child")) == 2
