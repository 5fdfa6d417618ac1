# ruff: noqa: E501  (XLSForm tables read best one row per line)
"""Submission XML exactly as ODK servers take it, and the round trip fill -> XML -> resume."""

from __future__ import annotations

import re

import pytest

from app.engine import FormError, load_form

FORM = """
| survey |
|        | type                   | name     | label      | relevant          | calculation      |
|        | text                   | place    | Place      |                   |                  |
|        | select_multiple topics | topics   | Topics     |                   |                  |
|        | integer                | people   | People     |                   |                  |
|        | text                   | why_none | Why none?  | ${people} = 0     |                  |
|        | begin repeat           | quote    | Quote      |                   |                  |
|        | text                   | words    | Words      |                   |                  |
|        | calculate              | length   |            |                   | string-length(${words}) |
|        | end repeat             |          |            |                   |                  |
| choices |
|         | list_name | name   | label  |
|         | topics    | work   | Work   |
|         | topics    | health | Health |
|         | topics    | school | School |
| settings |
|          | form_id   | version    |
|          | encuentro | 2024051501 |
"""


def normalise(xml: str) -> str:
    return re.sub(r">\s+<", "><", xml.strip())


def test_exact_submission_xml(make_form):
    session = make_form(FORM).new_session()
    session.set("/data/place", "Soyapango & <Apopa>")
    session.set("/data/topics", "work  school")
    session.set("/data/people", "12")
    session.set("/data/quote[1]/words", "Queremos trabajo")
    session.add_repeat("/data/quote")
    session.set("/data/quote[2]/words", "Niñez")
    expected = f"""
        <?xml version="1.0" encoding="UTF-8"?>
        <data xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms"
              id="encuentro" version="2024051501">
          <place>Soyapango &amp; &lt;Apopa&gt;</place>
          <topics>work school</topics>
          <people>12</people>
          <quote><words>Queremos trabajo</words><length>16</length></quote>
          <quote><words>Niñez</words><length>5</length></quote>
          <meta><instanceID>{session.instance_id}</instanceID></meta>
        </data>"""
    actual = session.to_xml()
    assert normalise(re.sub(r"\s+xmlns:\w+=\"[^\"]*\"", "", actual)) == normalise(
        re.sub(r"\s+xmlns:\w+=\"[^\"]*\"", "", re.sub(r"\n\s+id=", " id=", expected))
    )
    assert "jr:template" not in actual


def test_round_trip_restores_values_and_repeats(make_form):
    form = make_form(FORM)
    session = form.new_session()
    session.set("/data/place", "Ilopango")
    session.set("/data/people", "0")
    session.set("/data/why_none", "lluvia")
    for i, words in enumerate(["uno", "dos", "tres"], start=1):
        if i > 1:
            session.add_repeat("/data/quote")
        session.set(f"/data/quote[{i}]/words", words)
    xml = session.to_xml()
    again = form.open_session(xml)
    assert again.instance_id == session.instance_id
    assert again.value("/data/why_none") == "lluvia"
    assert [again.value(f"/data/quote[{i}]/length") for i in (1, 2, 3)] == ["3", "3", "4"]
    assert again.to_xml() == xml
    again.remove_repeat("/data/quote[2]")
    assert again.value("/data/quote[2]/words") == "tres"


def test_round_trip_with_no_repeat_instances(make_form):
    form = make_form(FORM)
    session = form.new_session()
    session.remove_repeat("/data/quote[1]")
    again = form.open_session(session.to_xml())
    assert again.node("/data").children_named("quote") == []


def test_open_refuses_answers_of_another_form(make_form):
    form = make_form(FORM)
    with pytest.raises(FormError, match="form 'other'"):
        form.open_session('<data id="other"><place/></data>')
    with pytest.raises(FormError, match="not well-formed"):
        form.open_session("<data id='encuentro'><place></data>")


ORX_FORM = """<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml"
        xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms">
  <h:head><h:title>Old style</h:title>
    <model>
      <instance>
        <data id="old" orx:version="5"><name/><orx:meta><orx:instanceID/></orx:meta></data>
      </instance>
      <bind nodeset="/data/name" type="string"/>
      <bind nodeset="/data/orx:meta/orx:instanceID" type="string" jr:preload="uid"/>
    </model>
  </h:head>
  <h:body><input ref="/data/name"><label>Name</label></input></h:body>
</h:html>"""


def test_namespaced_meta_keeps_its_prefix(tmp_path):
    form = load_form(ORX_FORM)
    session = form.new_session()
    session.set("/data/name", "Rosa")
    xml = session.to_xml()
    assert 'xmlns:orx="http://openrosa.org/xforms"' in xml
    assert f"<orx:meta><orx:instanceID>{session.instance_id}</orx:instanceID></orx:meta>" in xml
    assert 'orx:version="5"' in xml
    again = form.open_session(xml)
    assert again.instance_id == session.instance_id and again.value("/data/name") == "Rosa"


def test_editing_a_submission_deprecates_its_instance_id(make_form):
    form = make_form(FORM)
    sent = form.new_session()
    sent.set("/data/place", "Ilopango")
    edit = form.open_session(sent.to_xml())
    new_id = edit.renew_instance_id()
    assert new_id != sent.instance_id and edit.instance_id == new_id
    xml = edit.to_xml()
    assert (
        f"<meta><instanceID>{new_id}</instanceID>"
        f"<deprecatedID>{sent.instance_id}</deprecatedID></meta>" in xml
    )
    assert form.open_session(xml).instance_id == new_id
