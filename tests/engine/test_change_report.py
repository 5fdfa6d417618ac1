"""Session.set_reporting says what one answer changed, so a screen updates just that."""

from __future__ import annotations

from app.engine import load_form

FORM = """<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml"
  xmlns:jr="http://openrosa.org/javarosa">
<h:head><h:title>Cambios</h:title><model>
<instance><data id="cambios"><a/><b/><twice/><c/><d/><meta><instanceID/></meta></data></instance>
<bind nodeset="/data/a" type="int"/>
<bind nodeset="/data/b" type="int" constraint=". &lt; /data/a"/>
<bind nodeset="/data/twice" type="int" calculate="/data/a * 2"/>
<bind nodeset="/data/c" type="string" relevant="/data/a &gt; 5"/>
<bind nodeset="/data/d" type="string"/>
</model></h:head>
<h:body>
<input ref="/data/a"><label>A</label></input>
<input ref="/data/b"><label>B</label></input>
<input ref="/data/c"><label>C</label></input>
<input ref="/data/d"><label>D is <output value="/data/twice"/></label></input>
</h:body></h:html>"""


def test_an_answer_reports_its_dependents_and_keeps_the_layout() -> None:
    session = load_form(FORM).new_session()
    report = session.set_reporting("/data/a", "2")
    assert not report.layout_changed
    assert {"/data/a", "/data/twice"} <= report.refs
    assert "/data/d" not in report.refs  # its label shows twice: the screen re-reads its page
    prompt = session.prompt_at("/data/d")
    assert prompt is not None and prompt.label == "D is 4"


def test_a_relevance_flip_asks_for_a_rebuild() -> None:
    session = load_form(FORM).new_session()
    assert session.set_reporting("/data/a", "9").layout_changed
    assert session.prompt_at("/data/c") is not None
    assert session.set_reporting("/data/a", "1").layout_changed
    assert session.prompt_at("/data/c") is None  # hidden: not a shown question


def test_a_constraint_result_is_reported_on_its_question() -> None:
    session = load_form(FORM).new_session()
    session.set_reporting("/data/a", "3")
    report = session.set_reporting("/data/b", "7")
    assert "/data/b" in report.refs
    assert session.prompt_at("/data/b").problem
