"""The ODK XForms function library, table-driven against a small instance (see test_xpath.FORM)."""

from __future__ import annotations

import math
import random
import re
import time

import pytest

from app.engine.instance import Node
from app.engine.xpath import EvalEnv, compile_xpath, known_functions
from tests.engine.test_xpath import at, make_env, string_of


@pytest.fixture(autouse=True)
def el_salvador_clock(monkeypatch):
    """Date-times show on the device's clock (as in Collect): here a device in El Salvador."""
    monkeypatch.setenv("TZ", "America/El_Salvador")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# (expression, expected string value), context /data; now() is 2024-05-10T09:30:15.250-06:00.
CASES = [
    # choices
    ("if(/data/a > 3, 'big', 'small')", "big"),
    # as in Collect, one node is true when its value is non-empty ("answered")
    ("if(/data/empty, 'yes', 'no')", "no"),
    ("if(/data/a, 'yes', 'no')", "yes"),
    ("if(/data/empty != '', 'yes', 'no')", "no"),
    ("if(/data/missing, 'yes', 'no')", "no"),
    ("if(true(), 1, 1 div 0)", "1"),
    ("coalesce(/data/empty, /data/b)", "x"),
    ("coalesce(/data/missing, /data/empty)", ""),
    ("coalesce(/data/a, /data/b, 'z')", "5"),
    ("selected(/data/multi, 'b')", "true"),
    ("selected(/data/multi, ' c ')", "true"),
    ("selected(/data/multi, 'a b')", "false"),
    ("selected(/data/multi, 'd')", "false"),
    ("selected(/data/empty, '')", "false"),
    ("selected-at(/data/multi, 0)", "a"),
    ("selected-at(/data/multi, 2)", "c"),
    ("selected-at(/data/multi, 3)", ""),
    ("count-selected(/data/multi)", "3"),
    ("count-selected(/data/empty)", "0"),
    ("jr:choice-name(/data/county, '/data/county')", "/data/county:SS"),
    ("jr:choice-name(/data/county, ' /data/county ')", "/data/county:SS"),
    ("jr:choice-name(/data/empty, '/data/empty')", ""),
    ("jr:choice-name('m2', '/data/rep[2]/y')", "/data/rep/y:M2"),
    # strings
    ("concat('a', /data/a, 1.5, true())", "a51.5true"),
    ("concat(/data/rep/x)", "123"),
    ("concat()", ""),
    ("join(', ', /data/rep/x)", "1, 2, 3"),
    ("join('-', 'a', /data/b)", "a-x"),
    ("string-length(/data/name)", "9"),
    ("string-length('')", "0"),
    ("substr('abcdef', 2)", "cdef"),
    ("substr('abcdef', 1, 3)", "bc"),
    ("substr('abcdef', 4, 99)", "ef"),
    ("substring('12345', 2, 3)", "234"),
    ("substring('12345', 2)", "2345"),
    ("substring('12345', 1.5, 2.6)", "234"),
    ("substring('12345', 0, 3)", "12"),
    ("substring('12345', 0 div 0, 3)", ""),
    ("substring('12345', -42, 1 div 0)", "12345"),
    ("substring-before('1999/04/01', '/')", "1999"),
    ("substring-before('abc', 'z')", ""),
    ("substring-after('1999/04/01', '/')", "04/01"),
    ("substring-after('abc', 'z')", ""),
    ("contains(/data/name, 'María')", "true"),
    ("contains('abc', '')", "true"),
    ("starts-with(/data/name, 'Ana')", "true"),
    ("ends-with(/data/name, 'Ana')", "false"),
    ("translate('bar', 'abc', 'ABC')", "BAr"),
    ("translate('--aaa--', 'abc-', 'ABC')", "AAA"),
    ("normalize-space('  a   b \t c ')", "a b c"),
    ("string(/data/a)", "5"),
    ("regex(/data/name, '^[A-Z][a-zí ]+Mar')", "true"),
    ("regex('abc123', '[0-9]{4}')", "false"),
    ("regex('x', '')", "true"),
    ("uuid(0)", ""),
    ("string-length(uuid(12))", "12"),
    ("string-length(uuid())", "36"),
    (
        "digest('abc', 'SHA-256', 'hex')",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    ),
    ("digest('abc', 'MD5')", "kAFQmDzST7DWlj99KOF/cg=="),
    # booleans
    ("true()", "true"),
    ("false()", "false"),
    ("not(/data/missing)", "true"),
    ("not(/data/a)", "false"),
    ("boolean(/data/a)", "true"),
    ("boolean-from-string('true')", "true"),
    ("boolean-from-string('1')", "true"),
    ("boolean-from-string('yes')", "false"),
    ("boolean-from-string(/data/empty)", "false"),
    ("checklist(2, -1, /data/rep/y, true(), 'x')", "true"),
    ("checklist(-1, 1, /data/rep/y, true(), 'x')", "false"),
    ("checklist(1, 1, /data/empty, /data/a)", "true"),
    # weighted-checklist bounds are plain numbers (JavaRosa: -1 is not "no bound" here)
    ("weighted-checklist(5, 5, true(), 3, /data/a, 2)", "true"),
    ("weighted-checklist(6, 9, true(), 3, /data/a, 2)", "false"),
    ("weighted-checklist(-1, 4, true(), 3, /data/a, 2)", "false"),
    ("weighted-checklist(1, 2, /data/rep/y, /data/rep/x)", "true"),
    # numbers
    ("sum(/data/rep/x)", "6"),
    ("sum(/data/rep/y)", "NaN"),
    ("sum(/data/missing)", "0"),
    ("min(/data/rep/x)", "1"),
    ("max(/data/rep/x)", "3"),
    ("max(/data/rep/x, 7, /data/a)", "7"),
    ("min(4, /data/neg)", "-2.5"),
    ("min(/data/missing)", "NaN"),
    ("max(/data/rep/x, 'a')", "NaN"),
    ("round(2.5)", "3"),
    ("round(-2.5)", "-2"),
    ("round(2.4)", "2"),
    ("round(1.2345, 2)", "1.23"),
    ("round(1.235, 2)", "1.24"),
    ("round(-1.235, 2)", "-1.24"),
    ("round(1250, -2)", "1300"),
    ("round(0 div 0)", "NaN"),
    ("int(-2.7)", "-2"),
    ("int('12.9')", "12"),
    ("int(/data/empty)", "NaN"),
    ("number(/data/neg)", "-2.5"),
    ("number('x')", "NaN"),
    ("floor(-1.5)", "-2"),
    ("ceiling(-1.5)", "-1"),
    ("ceiling(1.2)", "2"),
    ("abs(/data/neg)", "2.5"),
    ("pow(2, 10)", "1024"),
    ("pow(/data/a, 0.5) = sqrt(5)", "true"),
    ("pow(-8, 1 div 3)", "NaN"),
    ("sqrt(16)", "4"),
    ("sqrt(-1)", "NaN"),
    ("exp(0)", "1"),
    ("exp10(3)", "1000"),
    ("log10(1000)", "3"),
    ("log(1)", "0"),
    ("log(0)", "-Infinity"),
    ("round(pi(), 5)", "3.14159"),
    ("round(sin(pi() div 2), 6)", "1"),
    ("cos(0)", "1"),
    ("tan(0)", "0"),
    ("round(asin(1) * 2, 6) = round(pi(), 6)", "true"),
    ("acos(1)", "0"),
    ("round(atan(1) * 4, 6) = round(pi(), 6)", "true"),
    ("round(atan2(1, 1) * 4, 6) = round(pi(), 6)", "true"),
    ("count(/data/rep)", "3"),
    ("count-non-empty(/data/rep/y)", "1"),
    ("count-non-empty(/data/rep/x)", "3"),
    ("base64-decode('QW5hIE1hcsOtYQ==')", "Ana María"),
    ("base64-decode('not base64!')", ""),
    ("substring-after('abc', '')", "abc"),
    ("substring-before('abc', '')", ""),
    ("exp(1000)", "Infinity"),
    ("pow(10, 400)", "Infinity"),
    ("pow(-10, 401)", "-Infinity"),
    ("round(100000000 * 100000000 * 100000000, 2)", "1000000000000000000000000"),
    ("substr('abc', 1 div 0)", ""),
    ("substr('abc', -1 div 0, 2)", "ab"),
    ("date(1 div 0)", ""),
    ("date(100000000)", ""),
    ("format-date(1 div 0, '%Y')", ""),
    ("position(/data/rep[3]/x/..)", "3"),
    ("last()", "1"),
    ("name(/data/*[3])", "empty"),
    ("local-name(/data/meta)", "meta"),
    # repeats
    ("indexed-repeat(/data/rep/x, /data/rep, 2)", "2"),
    ("indexed-repeat(/data/rep/x, /data/rep, /data/rep[3]/x)", "3"),
    ("indexed-repeat(/data/rep/x, /data/rep, 4)", ""),
    ("indexed-repeat(/data/outer/inner/v, /data/outer, 2, /data/outer/inner, 3)", "e"),
    ("indexed-repeat(/data/outer/inner/v, /data/outer, 1, /data/outer/inner, 3)", ""),
    ("count(randomize(/data/rep))", "3"),
    ("join('', randomize(/data/rep/x, 42)) = join('', randomize(/data/rep/x, 42))", "true"),
    # dates and times
    ("today()", "2024-05-10"),
    ("now()", "2024-05-10T09:30:15.250-06:00"),
    ("date('2024-02-29')", "2024-02-29"),
    ("date(19723)", "2024-01-01"),
    ("date(19723.9)", "2024-01-01"),
    ("date(/data/d + 30)", "2024-05-31"),
    ("date(today() - 10)", "2024-04-30"),
    ("date('2024-02-30')", ""),
    ("date('nonsense')", ""),
    ("date(/data/dt)", "2024-05-01"),
    ("date('2024-05-01T23:59:59Z') = '2024-05-01'", "true"),
    ("date-time('2024-05-01T10:30:00.000-06:00')", "2024-05-01T10:30:00.000-06:00"),
    ("date-time(/data/dt)", "2024-05-01T10:30:00.000-06:00"),
    ("decimal-date-time('1970-01-02T12:00:00Z')", "1.25"),  # 06:00 in El Salvador
    ("decimal-date-time('2024-05-01T10:30:00') - /data/d", "0.4375"),
    ("decimal-time('06:00:00.000-06:00')", "0.25"),
    ("decimal-time('18:00')", "0.75"),
    ("decimal-time('late')", "NaN"),
    ("format-date(/data/d, '%Y/%m/%d')", "2024/05/01"),
    ("format-date(/data/d, '%e %b %y, %a')", "1 May 24, Wed"),
    ("format-date(/data/d, '%n')", "5"),
    ("format-date(today(), '%d-%m-%Y')", "10-05-2024"),
    ("format-date(19723, '%Y-%m-%d')", "2024-01-01"),
    ("format-date(/data/empty, '%Y')", ""),
    ("format-date('junk', '%Y')", ""),
    ("format-date-time(/data/dt, '%Y-%m-%d %H:%M:%S.%3')", "2024-05-01 10:30:00.000"),
    ("format-date-time(now(), '%h:%M %%')", "9:30 %"),
    ("format-date-time('2024-05-01T07:05:09', '%H %h %M %S')", "07 7 05 09"),
    ("format-date-time('14:05:00.000-06:00', '%H:%M')", "14:05"),
    # geo
    ("round(distance('13.7 -89.2 0 0; 13.7 -89.1 0 0'), 0)", "10815"),
    ("distance('13.7 -89.2 0 0')", "0"),
    ("distance(/data/empty)", "0"),  # JavaRosa: an empty trace has length 0 (we gave NaN)
    ("round(area('0 0 0 0; 0 0.001 0 0; 0.001 0.001 0 0; 0.001 0 0 0; 0 0 0 0'), 0)", "12392"),
    # JavaRosa's own numbers (ODK Validate's jar, tests/reference): its GeoUtils projects the
    # shape onto a plane; the spherical formula we had gave 601960.44.
    (
        "round(area('13.7 -89.2 0 0;13.71 -89.2 0 0;13.71 -89.21 0 0;13.7 -89.2 0 0'), 2)",
        "601940.64",
    ),
]


@pytest.mark.parametrize(("expr", "expected"), CASES)
def test_function_value(expr: str, expected: str) -> None:
    assert string_of(expr) == expected


def test_prefixed_spellings_resolve() -> None:
    assert string_of("jr:choice-name(/data/b, '/data/b')") == "/data/b:X"
    assert string_of("odk:if(true(), 'a', 'b')") == "a"
    assert string_of("jr:count-selected(/data/multi)") == "3"


def test_choice_name_resolves_relative_select_paths() -> None:
    assert string_of("jr:choice-name('v', '../y')", "/data/rep[2]/x") == "/data/rep/y:V"
    assert string_of("jr:choice-name('v', '../../../../y')", "/data/rep[2]/x") == "/y:V"


def test_choice_name_without_labels_gives_the_value() -> None:
    env = make_env()
    env.choice_label = None
    expr = compile_xpath("jr:choice-name(/data/county, '/data/county')")
    assert expr.evaluate_string(env, env.main) == "ss"


def test_once_keeps_an_existing_value() -> None:
    env = make_env()
    expr = compile_xpath("once(concat('id-', /data/a))")
    empty = at(env, "/data/empty")
    assert expr.evaluate_string(env, empty) == "id-5"
    empty.text = "id-5"
    at(env, "/data/a").text = "9"
    assert expr.evaluate_string(env, empty) == "id-5"
    # uuid through once(): stable once stored
    uid = compile_xpath("once(uuid())")
    first = uid.evaluate_string(env, at(env, "/data/rep[1]/y"))
    assert re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", first
    )
    assert uid.evaluate_string(env, at(env, "/data/rep[2]/y")) == "two"


def test_random_uses_the_environment_generator() -> None:
    env = make_env()
    env.rng = random.Random(7)
    first = compile_xpath("random()").evaluate_number(env, env.main)
    env.rng = random.Random(7)
    assert compile_xpath("random()").evaluate_number(env, env.main) == first
    assert 0 <= first < 1


def test_uuid_strings_are_alphanumeric_and_differ() -> None:
    env = make_env()
    expr = compile_xpath("uuid(20)")
    a, b = expr.evaluate_string(env, env.main), expr.evaluate_string(env, env.main)
    assert re.fullmatch(r"[A-Za-z0-9]{20}", a) and a != b


def test_now_is_an_aware_datetime_and_today_a_date() -> None:
    env = make_env()
    now = compile_xpath("now()").evaluate(env, env.main)
    assert getattr(now, "tzinfo", None) is not None
    assert type(compile_xpath("today()").evaluate(env, env.main)).__name__ == "date"


def test_default_environment_clock_is_aware_local_time() -> None:
    env = EvalEnv(main=Node("#document"))
    text = compile_xpath("now()").evaluate_string(env, env.main)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d", text)


def test_digest_rejects_unknown_algorithm() -> None:
    from app.engine.xpath import XPathError

    with pytest.raises(XPathError, match="unknown algorithm 'SHA-3'"):
        string_of("digest('a', 'SHA-3')")


def test_regex_rejects_invalid_pattern_with_its_text() -> None:
    from app.engine.xpath import XPathError

    with pytest.raises(XPathError, match=r"invalid regular expression '\[a'"):
        string_of("regex('a', '[a')")


def test_the_library_is_complete() -> None:
    wanted = """if coalesce concat selected selected-at count-selected choice-name position last
    count     sum min max round int number string string-length substr substring substring-before
    substring-after contains starts-with ends-with translate normalize-space regex true false not
    boolean boolean-from-string floor ceiling today now date date-time decimal-date-time
    decimal-time format-date format-date-time once uuid random pow abs log log10 exp exp10 sqrt
    sin cos tan asin acos atan atan2 pi indexed-repeat join checklist weighted-checklist instance
    current area distance digest""".split()
    assert set(wanted) - set(known_functions()) == set()
    assert not math.isnan(float(len(wanted)))


def test_functions_inside_a_predicate_with_hoisted_parts_see_the_whole_environment() -> None:
    # /data/year is context-free, so the predicate runs with a ScopedEnv: format-date reads its
    # locale, property() its properties and version() its form_version (they were missing).
    doc = Node("#document")
    data = doc.append(Node("data"))
    data.append(Node("year", "2020"))
    for day in ("2020-01-01", "2021-01-02"):
        row = data.append(Node("r"))
        row.append(Node("d", day))
        row.append(Node("who", "tablet-7"))
    env = EvalEnv(main=doc, properties={"deviceid": "tablet-7"}, form_version="3", locale="es")
    cases = {
        "count(/data/r[format-date(d, '%Y') = /data/year])": 1.0,
        "count(/data/r[property('deviceid') = who and /data/year != ''])": 2.0,
        "count(/data/r[concat(version(), d) = concat('3', /data/year, '-01-01')])": 1.0,
    }
    for source, expected in cases.items():
        assert compile_xpath(source).evaluate(env, data) == expected, source
    from app.engine.xpath.predicates import ScopedEnv

    assert set(EvalEnv.__dataclass_fields__) <= set(ScopedEnv.__slots__)
