"""Issue 7 item 15: a form's regex() cannot hang a save (ReDoS); a timeout is a constraint error."""

from __future__ import annotations

import pytest

from app.engine import load_form
from app.engine.xpath import RegexTimeout, XPathError
from app.engine.xpath.core_functions import REGEX_SECONDS
from tests.engine.test_xpath import string_of

# Catastrophic backtracking even for the `regex` package (re hangs on `^(a+)+$` as well).
EVIL = "^(a|a)+$"
ATTACK = "a" * 28 + "!"

# Written as XForm XML: the pattern's `|` cannot live in a markdown table.
FORM = f"""<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns:jr="http://openrosa.org/javarosa">
  <h:head>
    <h:title>evil</h:title>
    <model>
      <itext>
        <translation lang="Español (es)" default="true()">
          <text id="/data/code:label"><value>Código</value></text>
          <text id="/data/code:jr:constraintMsg"><value>Solo letras a</value></text>
        </translation>
        <translation lang="English (en)">
          <text id="/data/code:label"><value>Code</value></text>
          <text id="/data/code:jr:constraintMsg"><value>Only letters a</value></text>
        </translation>
      </itext>
      <instance><data id="evil" version="1"><code/><other/></data></instance>
      <bind nodeset="/data/code" type="string" constraint="regex(., '{EVIL}')"
          jr:constraintMsg="jr:itext('/data/code:jr:constraintMsg')"/>
      <bind nodeset="/data/other" type="string" constraint="regex(., '^[0-9]+$')"
          jr:constraintMsg="Solo números"/>
    </model>
  </h:head>
  <h:body>
    <input ref="/data/code"><label ref="jr:itext('/data/code:label')"/></input>
    <input ref="/data/other"><label>Otra</label></input>
  </h:body>
</h:html>
"""


def test_a_catastrophic_pattern_stops_with_a_timeout_error_not_after_minutes() -> None:
    with pytest.raises(RegexTimeout, match="takes too long on this answer") as caught:
        string_of(f"regex('{ATTACK}', '{EVIL}')")
    assert isinstance(caught.value, XPathError)  # callers that know XPathError still catch it
    assert EVIL in str(caught.value)


def test_ordinary_patterns_still_answer_and_are_compiled_once() -> None:
    from app.engine.xpath.core_functions import _pattern

    assert string_of("regex('abc123', '[0-9]{3}$')") == "true"
    before = _pattern.cache_info().hits
    assert string_of("regex('abc', '[0-9]{3}$')") == "false"
    assert _pattern.cache_info().hits > before
    assert REGEX_SECONDS < 1


def test_an_answer_the_regex_cannot_check_in_time_is_a_constraint_error() -> None:
    session = load_form(FORM).new_session()

    session.set("/data/code", ATTACK)  # saved like any answer: nothing typed is lost

    problem = session.check("/data/code")
    assert problem is not None and problem.kind == "constraint"
    assert problem.message.startswith("No se pudo comprobar esta respuesta")
    assert [p.ref for p in session.validate()] == ["/data/code"]
    assert session.value("/data/code") == ATTACK
    session.language = "English (en)"
    assert session.check("/data/code").message.startswith("This answer could not be checked")
    prompt = next(p for p in session.prompts() if p.ref == "/data/code")
    assert prompt.problem.startswith("This answer could not be checked")

    session.set("/data/code", "aaaa")  # a checkable answer clears it
    assert session.check("/data/code") is None
    session.set("/data/code", "aab")
    assert session.check("/data/code").message == "Only letters a"  # the form's own message
    session.set("/data/other", "x")
    assert session.check("/data/other").message == "Solo números"
