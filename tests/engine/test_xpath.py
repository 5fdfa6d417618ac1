"""XPath evaluation: grammar, node-sets, comparisons and conversions, over small real instances."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

import pytest

from app.engine.instance import Node
from app.engine.xpath import EvalEnv, XPathError, compile_xpath, to_number, to_string

FORM = """
<data id="f1" version="3">
  <a>5</a><b>x</b><empty/><name>Ana María</name><neg>-2.5</neg>
  <d>2024-05-01</d><d2>2024-06-15</d2><dt>2024-05-01T10:30:00.000-06:00</dt>
  <multi>a b  c</multi><county>ss</county>
  <rep><x>1</x><y/></rep><rep><x>2</x><y>two</y></rep><rep><x>3</x><y/></rep>
  <outer><inner><v>a</v></inner><inner><v>b</v></inner></outer>
  <outer><inner><v>c</v></inner><inner><v>d</v></inner><inner><v>e</v></inner></outer>
  <meta><instanceID>uuid:1</instanceID></meta>
</data>
"""

MUNICIPALITIES = """
<root>
  <item><name>m1</name><label>San Salvador</label><county>ss</county></item>
  <item><name>m2</name><label>Soyapango</label><county>ss</county></item>
  <item><name>m3</name><label>Santa Ana</label><county>sa</county></item>
</root>
"""

# The nodes a form would type as date/dateTime (their binds set Node.kind "date").
DATE_NODES = {"d": "date", "d2": "date", "dt": "date"}

NOW = datetime(2024, 5, 10, 9, 30, 15, 250000, tzinfo=timezone(timedelta(hours=-6)))


def build(xml: str) -> Node:
    """A document node holding the instance written as XML (whitespace between tags ignored)."""

    def convert(element: ET.Element) -> Node:
        node = Node(element.tag, (element.text or "").strip() if len(element) == 0 else "")
        node.kind = DATE_NODES.get(element.tag, "")
        node.attrs.update(element.attrib)
        for child in element:
            node.append(convert(child))
        return node

    document = Node("#document")
    document.append(convert(ET.fromstring(xml)))
    return document


def make_env(form: str = FORM) -> EvalEnv:
    return EvalEnv(
        main=build(form),
        instances={"municipalities": build(MUNICIPALITIES)},
        now=lambda: NOW,
        choice_label=lambda value, path: f"{path}:{value.upper()}",
    )


def at(env: EvalEnv, path: str) -> Node:
    """The node at a concrete path like /data/rep[2]/y."""
    (node,) = compile_xpath(path).evaluate_nodes(env, env.main)
    return node


def value_of(expr: str, context: str = "/data") -> object:
    env = make_env()
    return compile_xpath(expr).evaluate(env, at(env, context))


def string_of(expr: str, context: str = "/data") -> str:
    return to_string(value_of(expr, context))


# (expression, expected string value), evaluated with /data as context.
CASES = [
    # literals and arithmetic
    ("1 + 2 * 3", "7"),
    ("(1 + 2) * 3", "9"),
    ("10 div 4", "2.5"),
    ("7 mod 3", "1"),
    ("-7 mod 3", "-1"),
    ("5.5 mod 2", "1.5"),
    ("- 3 - -2", "-1"),
    ("--3", "3"),
    ("1 div 0", "Infinity"),
    ("-1 div 0", "-Infinity"),
    ("1 div -0", "-Infinity"),
    ("-1 div -0", "Infinity"),
    ("0 div 0", "NaN"),
    ("1 mod 0", "NaN"),
    ("0.1 + 0.2", "0.30000000000000004"),
    ("1000000 * 1000000 * 1000000 * 1000000", "1000000000000000000000000"),
    (".5 + 1.", "1.5"),
    ('"it\'s"', "it's"),
    ("'a' + 1", "NaN"),
    ("/data/empty + 1", "NaN"),
    ("/data/neg * 2", "-5"),
    ("/data/a*2", "10"),
    ("/data/a div 2", "2.5"),
    ("/data/a mod 2", "1"),
    # location paths
    ("/data/a", "5"),
    ("/data/name", "Ana María"),
    ("/data/rep/x", "1"),
    ("/data/rep[2]/x", "2"),
    ("/data/rep[last()]/x", "3"),
    ("/data/rep[position() = 2]/y", "two"),
    ("/data/rep[x > 1][1]/x", "2"),
    ("/data/rep[x = 3]/x", "3"),
    ("/data/rep[y != '']/x", "2"),
    ("/data/rep[true()][3]/x", "3"),
    ("/data/rep[5]/x", ""),
    ("count(/data/rep)", "3"),
    ("count(/data/rep[x >= 2])", "2"),
    ("count(/data/*)", "16"),
    ("count(//x)", "3"),
    ("count(//v)", "5"),
    ("count(/data//inner)", "5"),
    ("count(//inner[1])", "2"),
    ("count((//inner)[1])", "1"),
    ("(//v)[4]", "d"),
    ("//inner[2]/v", "b"),
    ("/data/outer[2]/inner[last()]/v", "e"),
    ("count(/data/outer/inner/v | /data/rep/x)", "8"),
    ("(/data/rep/x | /data/a)[1]", "5"),
    ("(/data/rep[3]/x | /data/rep[1]/x)[1]", "1"),
    ("count(/data/rep/x/..)", "3"),
    ("name(/data/rep[1]/..)", "data"),
    ("/data/@id", "f1"),
    ("/data/attribute::version + 1", "4"),
    ("count(/data/@*)", "2"),
    ("name(/data/child::*[1])", "a"),
    ("/data/self::data/a", "5"),
    ("count(/data/rep[1]/following-sibling::rep)", "2"),
    ("count(/data/rep[3]/preceding-sibling::*)", "12"),
    ("name(/data/rep[3]/preceding-sibling::*[1])", "rep"),
    ("name(/data/outer[1]/inner[1]/v/ancestor::*[2])", "outer"),
    ("count(/data/outer[1]/inner[1]/v/ancestor-or-self::*)", "4"),
    ("count(/data/outer[2]/descendant::v)", "3"),
    ("count(/data/outer[2]/descendant-or-self::*)", "7"),
    ("/data/outer[1]/inner[2]/v/following::v", "c"),
    ("/data/outer[2]/inner[1]/v/preceding::v[1]", "b"),
    ("/data/a/text()", "5"),
    ("count(/data/rep/node())", "6"),
    ("name(/)", ""),
    ("count(/)", "1"),
    ("/data/meta/instanceID", "uuid:1"),
    # comparisons, XPath 1.0 node-set rules
    ("/data/a > 3", "true"),
    ("/data/a = 5", "true"),
    ("/data/a = '5'", "true"),
    ("/data/a = '5.0'", "false"),
    ("/data/a = 5.0", "true"),
    ("/data/a != 5", "false"),
    ("3 < /data/a", "true"),
    ("'10' > '9'", "true"),
    ("'abc' = 'abc'", "true"),
    ("'abc' < 'abd'", "false"),
    ("/data/rep/x = 2", "true"),
    ("/data/rep/x != 2", "true"),
    ("/data/rep/x > 3", "false"),
    ("/data/rep/x = /data/a", "false"),
    ("/data/rep/x < /data/a", "true"),
    ("/data/rep/x = /data/rep[2]/x", "true"),
    ("/data/missing = ''", "false"),
    ("/data/missing != ''", "false"),
    ("/data/empty = ''", "true"),
    ("/data/missing = false()", "true"),
    ("/data/rep = true()", "true"),
    ("1 = true()", "true"),
    ("0 = false()", "true"),
    ("'' = false()", "true"),
    ("'0' = true()", "true"),
    ("1 < 2 < 3", "true"),
    ("3 > 2 > 1", "false"),
    ("/data/b = 'x' and /data/a >= 5", "true"),
    ("/data/b = 'y' or /data/a <= 4", "false"),
    ("/data/empty or /data/a", "true"),
    # dates compare as days when a side is a date value or a date-typed node; text that only
    # looks like a date is no number (JavaRosa); = compares dates and text as text
    ("/data/d < /data/d2", "true"),
    ("/data/d <= today()", "true"),
    ("/data/d2 <= today()", "false"),
    ("/data/d = date('2024-05-01')", "true"),
    ("date('2024-05-01') = '2024-05-01'", "true"),
    ("today() = '2024-05-10'", "true"),
    ("today() > '2024-05-09'", "false"),
    ("today() > date('2024-05-09')", "true"),
    ("/data/d + 1", "19845"),
    ("/data/d2 - /data/d", "45"),
    ("today() - /data/d", "9"),
    ("number('1970-01-02')", "NaN"),
    ("number('1970-01-01T18:00:00')", "NaN"),
    ("number(date('1970-01-02'))", "1"),
    ("/data/dt >= /data/d", "true"),
    # boolean and string conversions
    ("boolean('')", "false"),
    ("boolean('false')", "true"),
    ("boolean(0 div 0)", "false"),
    ("boolean(/data/rep)", "true"),
    ("boolean(/data/a)", "true"),
    ("boolean(/data/empty)", "false"),
    ("/data/empty = true()", "false"),
    ("/data/a = true()", "true"),
    ("/data/empty or /data/missing", "false"),
    ("count(/data/rep[y])", "1"),
    ("0.1 + 0.2 = 0.3", "true"),
    ("0.1 + 0.2 != 0.3", "false"),
    ("/data/neg = -2.5000000000001", "true"),
    ("/data/neg = -2.50001", "false"),
    ("boolean(/data/missing)", "false"),
    ("string(1 = 1)", "true"),
    ("string(/data/rep)", "1"),
    ("string(2.50)", "2.5"),
    ("string(-0.0)", "0"),
    ("number('  12 ')", "12"),
    ("number('1e3')", "NaN"),
    ("number('inf')", "NaN"),
    ("number('')", "NaN"),
    ("number(true())", "1"),
    ("number('-.5')", "-0.5"),
]


@pytest.mark.parametrize(("expr", "expected"), CASES)
def test_expression_value(expr: str, expected: str) -> None:
    assert string_of(expr) == expected


# operator names and `*` mean operators only where an operand just ended (XPath 1.0, 3.7)
NAME_CASES = [
    ("<data><and>4</and><div>2</div><mod>3</mod></data>", "/data/and div /data/div", "2"),
    ("<data><and>4</and><div>2</div><mod>3</mod></data>", "/data/and mod/data/mod", "1"),
    ("<data><and>4</and><div>2</div><mod>3</mod></data>", "count(/data/*) * 2", "6"),
    ("<data><a-b>7</a-b><a>1</a></data>", "/data/a-b", "7"),
    ("<data><a-b>7</a-b><a>1</a></data>", "/data/a - 1", "0"),
    ("<data><a.b>7</a.b></data>", "/data/a.b", "7"),
    ("<data><señal>sí</señal></data>", "/data/señal", "sí"),
]


@pytest.mark.parametrize(("form", "expr", "expected"), NAME_CASES)
def test_names_that_look_like_operators(form: str, expr: str, expected: str) -> None:
    env = make_env(form)
    assert compile_xpath(expr).evaluate_string(env, env.main) == expected


def test_relative_paths_inside_a_repeat() -> None:
    env = make_env()
    y2 = at(env, "/data/rep[2]/y")
    assert compile_xpath("../x + 1").evaluate_number(env, y2) == 3
    assert compile_xpath("position(..)").evaluate_number(env, y2) == 2
    assert compile_xpath(".").evaluate_string(env, y2) == "two"
    assert compile_xpath("../../a").evaluate_string(env, y2) == "5"
    assert compile_xpath("../../rep[1]/x").evaluate_string(env, y2) == "1"
    assert compile_xpath("current()/../x").evaluate_string(env, y2) == "2"
    assert compile_xpath("count(../preceding-sibling::rep)").evaluate_number(env, y2) == 1
    assert (
        compile_xpath("/data/rep[position() = position(current()/..)]/x").evaluate_string(env, y2)
        == "2"
    )
    v = at(env, "/data/outer[2]/inner[3]/v")
    assert (
        compile_xpath("concat(position(../..), '.', position(..))").evaluate_string(env, v) == "2.3"
    )


def test_current_in_a_cascading_select_predicate() -> None:
    env = make_env()
    expr = compile_xpath("instance('municipalities')/root/item[county = current()/../county]")
    labels = [n.first_named("label").text for n in expr.evaluate_nodes(env, at(env, "/data/b"))]
    assert labels == ["San Salvador", "Soyapango"]
    # An absolute path inside a secondary-instance predicate still reads the main instance.
    expr = compile_xpath("instance('municipalities')/root/item[county = /data/county]/name")
    assert [n.text for n in expr.evaluate_nodes(env, env.main)] == ["m1", "m2"]
    # Inside the predicate `.` is the item, current() is still where evaluation started.
    expr = compile_xpath("count(instance('municipalities')/root/item[name != current()/../b])")
    assert expr.evaluate_number(env, at(env, "/data/a")) == 3
    assert (
        compile_xpath("instance('municipalities')/root/item[3]/label").evaluate_string(
            env, env.main
        )
        == "Santa Ana"
    )


def test_unknown_instance_is_an_error_naming_it() -> None:
    env = make_env()
    with pytest.raises(XPathError, match=r"instance\('nope'\) does not exist.*item"):
        compile_xpath("instance('nope')/root/item").evaluate(env, env.main)


def test_evaluate_kinds_and_node_lists_are_copies() -> None:
    env = make_env()
    expr = compile_xpath("/data/rep")
    nodes = expr.evaluate_nodes(env, env.main)
    nodes.clear()  # must not damage the instance's own child index
    assert len(expr.evaluate_nodes(env, env.main)) == 3
    assert compile_xpath("/data/a").evaluate_number(env, env.main) == 5.0
    assert compile_xpath("/data/a").evaluate_boolean(env, env.main) is True
    assert compile_xpath("/data/a > 1").evaluate(env, env.main) is True
    assert math.isnan(compile_xpath("/data/b").evaluate_number(env, env.main))
    with pytest.raises(XPathError, match="not nodes"):
        compile_xpath("1 + 1").evaluate_nodes(env, env.main)


def test_values_see_changes_to_the_instance() -> None:
    env = make_env()
    expr = compile_xpath("/data/a * 2")
    assert expr.evaluate_number(env, env.main) == 10
    at(env, "/data/a").text = "7"
    assert expr.evaluate_number(env, env.main) == 14
    rep = at(env, "/data").append(Node("rep"))
    rep.append(Node("x", "10"))
    assert compile_xpath("sum(/data/rep/x)").evaluate_number(env, env.main) == 16


def test_conversions_helpers() -> None:
    assert to_string(3.0) == "3"
    assert to_string(float("nan")) == "NaN"
    assert to_string(1e-7) == "0.0000001"
    assert to_string(True) == "true"
    assert math.isnan(to_number("2024-01-01"))
    assert math.isnan(to_number("2024-13-01"))
    assert math.isnan(to_number("abc"))


def test_compile_is_cached() -> None:
    assert compile_xpath("/data/a + 1") is compile_xpath("/data/a + 1")


# Predicates whose parts do not depend on the node being filtered are evaluated once per
# filtering (predicates.py); these check that this never changes a result.
PREDICATE_CASES = [
    ("/data/rep[/data/a - 3]/x", "/data", "2"),
    ("/data/rep[position() = /data/a - 3]/x", "/data", "2"),
    ("/data/rep[x = /data/rep[3]/x]/x", "/data", "3"),
    ("count(/data/rep[x > count(/data/rep[x > 1])])", "/data", "1"),
    ("count(/data/outer[count(inner[v != current()/../b]) = 3])", "/data/a", "1"),
    ("count(/data/outer[inner[v = 'c']])", "/data", "1"),
    ("count(/data/rep[if(x = 9, instance('nope')/root, true())])", "/data", "3"),
    ("count(/data/rep[string-length() = 1])", "/data", "2"),
    ("count(/data/rep[last() = 3])", "/data", "3"),
    ("count(/data/rep[random() < 2])", "/data", "3"),
    ("(/data/rep[x > 1])[2]/x", "/data", "3"),
    ("/data/rep[2.5]/x", "/data", ""),
    ("/data/rep[0]/x", "/data", ""),
    ("count(/data/@id | /data/@id | /data/@version)", "/data", "2"),
]


@pytest.mark.parametrize(("expr", "context", "expected"), PREDICATE_CASES)
def test_predicates(expr: str, context: str, expected: str) -> None:
    assert string_of(expr, context) == expected
