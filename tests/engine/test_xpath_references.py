"""references(): the main-instance paths an expression reads, and compile-time errors."""

from __future__ import annotations

import pytest

from app.engine.xpath import XPathError, compile_xpath

# (expression, context path, expected generic paths)
REFERENCES = [
    ("/data/a > 3 and /data/b = 'x'", "/data/c", {"/data/a", "/data/b"}),
    ("/data/a + /data/a", "/data/c", {"/data/a"}),
    ("'x' = 1", "/data/c", set()),
    (".", "/data/c", {"/data/c"}),
    (". >= 18", "/data/age", {"/data/age"}),
    ("../b", "/data/c", {"/data/b"}),
    ("../x + 1", "/data/rep/y", {"/data/rep/x"}),
    ("../../a", "/data/rep/y", {"/data/a"}),
    ("../../outer/z", "/data/rep/grp/y", {"/data/rep/outer/z"}),
    ("./z", "/data/rep", {"/data/rep/z"}),
    ("current()", "/data/rep/y", {"/data/rep/y"}),
    ("current()/../x", "/data/rep/y", {"/data/rep/x"}),
    ("count(/data/rep)", "/data/n", {"/data/rep"}),
    ("sum(/data/rep/x)", "/data/total", {"/data/rep/x"}),
    ("indexed-repeat(/data/rep/x, /data/rep, 1)", "/data/f", {"/data/rep/x", "/data/rep"}),
    (
        "indexed-repeat(/data/rep/x, /data/rep, /data/i)",
        "/data/f",
        {"/data/rep/x", "/data/rep", "/data/i"},
    ),
    ("position(..)", "/data/rep/y", {"/data/rep"}),
    ("position(..) = 1", "/data/rep/grp/y", {"/data/rep/grp"}),
    ("/data/rep[2]/x", "/data/f", {"/data/rep/x"}),
    ("/data/rep[x > 3]/y", "/data/f", {"/data/rep/y", "/data/rep/x"}),
    ("/data/rep[position() = /data/i]/y", "/data/f", {"/data/rep/y", "/data/i"}),
    ("/data/rep[../k = 1]/y", "/data/f", {"/data/rep/y", "/data/k"}),
    ("/data/rep[current()/../k = .]/y", "/data/f", {"/data/rep/y", "/data/k", "/data/rep"}),
    # secondary instances are not main-instance reads, but current()-paths inside them are
    (
        "instance('municipalities')/root/item[county = current()/../county]",
        "/data/municipality",
        {"/data/county"},
    ),
    ("instance('m')/root/item[county = /data/county]/name", "/data/x", {"/data/county"}),
    ("count(instance('m')/root/item)", "/data/x", set()),
    ("jr:choice-name(/data/q, '/data/q')", "/data/label", {"/data/q"}),
    ("selected(/data/rep/s, 'a')", "/data/rep/t", {"/data/rep/s"}),
    ("if(/data/a, /data/b, concat(/data/c, 'x'))", "/data/z", {"/data/a", "/data/b", "/data/c"}),
    ("coalesce(/data/a, ../b)", "/data/g/z", {"/data/a", "/data/g/b"}),
    ("-/data/a", "/data/z", {"/data/a"}),
    ("(/data/a | /data/b)[1]", "/data/z", {"/data/a", "/data/b"}),
    ("(/data/rep)[1]/x", "/data/z", {"/data/rep", "/data/rep/x"}),
    ("/data/@version", "/data/z", {"/data/@version"}),
    ("../@id", "/data/rep/y", {"/data/rep/@id"}),
    ("once(concat('P-', /data/code))", "/data/pid", {"/data/code"}),
    # imprecise steps return the path up to them: "anything under this node"
    ("count(/data/grp/*)", "/data/z", {"/data/grp"}),
    ("count(/data/grp//x)", "/data/z", {"/data/grp"}),
    ("count(//x)", "/data/z", {"/"}),
    ("name(/data/a/..)", "/data/z", {"/data"}),
    # indexes in the context path are stripped
    ("../x", "/data/rep[2]/y", {"/data/rep/x"}),
]


@pytest.mark.parametrize(("expr", "context", "expected"), REFERENCES)
def test_references(expr: str, context: str, expected: set[str]) -> None:
    assert compile_xpath(expr).references(context) == expected


# (expression, message pattern, 1-based position named in the message or None)
ERRORS = [
    ("", "empty expression", 1),
    ("/data/a >", "expected an expression, found end of expression", 10),
    ("/data/a + + 1", "expected an expression, found '\\+'", 11),
    ("(1 + 2", "expected '\\)', found end of expression", 7),
    ("1 + 2)", "unexpected token, found '\\)'", 6),
    ("/data/a[1", "expected '\\]'", 10),
    ("'unterminated", "unterminated string literal", 1),
    ("/data/a # 1", "unexpected character '#'", 9),
    ("'a' 'b'", "unexpected token, found 'b'", 5),
    ("$var + 1", "variables \\(\\$name\\) are not supported", 1),
    ("/data/bogus::x", "unknown axis 'bogus'", 7),
    ("/data/a + lenght(/data/b)", "unknown function lenght\\(\\)", 11),
    ("jr:nonsense(1)", "unknown function jr:nonsense\\(\\)", 1),
    ("concat('a', frobnicate())", "unknown function frobnicate\\(\\)", 13),
    ("if(true(), 1)", "if\\(\\) takes 3 arguments, 2 given", 1),
    ("not()", "not\\(\\) takes 1 argument, 0 given", 1),
    ("round(1, 2, 3)", "round\\(\\) takes 1 to 2 arguments, 3 given", 1),
    ("coalesce(1)", "coalesce\\(\\) takes at least 2 arguments, 1 given", 1),
    (
        "indexed-repeat(/a, /b, 1, /c)",
        "indexed-repeat\\(\\) takes 3 or 5 or 7 arguments, 4 given",
        1,
    ),
    ("today(1)", "today\\(\\) takes 0 arguments, 1 given", 1),
]


@pytest.mark.parametrize(("expr", "message", "position"), ERRORS)
def test_errors_name_the_problem_and_position(expr: str, message: str, position: int) -> None:
    with pytest.raises(XPathError, match=message) as info:
        compile_xpath(expr)
    error = info.value
    assert error.position is not None and error.position + 1 == position
    assert f"at position {position}" in str(error)
    assert error.expression == expr
    assert repr(expr) in str(error)


def test_error_is_a_value_error() -> None:
    assert issubclass(XPathError, ValueError)
