# ruff: noqa: E501  (XLSForm tables read best one row per line)
"""Loading forms: metadata, question kinds, and errors that name what is wrong."""

from __future__ import annotations

import pytest

from app.engine import FormError, load_form

KINDS = """
| survey |
|        | type                 | name    | label    | hint       | guidance_hint   | appearance | parameters                 | calculation | default        | media::image | media::audio |
|        | begin group          | page    | Page     |            |                 | field-list |                            |             |                |              |              |
|        | note                 | hello   | Hi ${who} |           |                 |            |                            |             |                |              | hello.mp3    |
|        | text                 | who     | Who      | A name     | Ask gently      |            |                            |             | Ana            | who.png      |              |
|        | end group            |         |          |            |                 |            |                            |             |                |              |              |
|        | range                | mood    | Mood     |            |                 |            | start=1 end=5 step=1       |             |                |              |              |
|        | image                | photo   | Photo    |            |                 |            |                            |             |                |              |              |
|        | acknowledge          | ack     | OK?      |            |                 |            |                            |             |                |              |              |
|        | date                 | when    | When     |            |                 |            |                            |             | today()        |              |              |
|        | geopoint             | where   | Where    |            |                 |            |                            |             |                |              |              |
| settings |
|          | form_title  | form_id | version |
|          | Tipos       | kinds   | 9       |
"""


def test_question_kinds_and_texts(make_form):
    form = make_form(KINDS)
    assert (form.title, form.form_id, form.version) == ("Tipos", "kinds", "9")
    session = form.new_session()
    prompts = {p.ref: p for p in session.prompts()}
    assert prompts["/data/page"].kind == "group" and prompts["/data/page"].field_list
    assert prompts["/data/page/hello"].kind == "note"
    assert prompts["/data/page/hello"].label == "Hi Ana"  # default value, output substituted
    assert prompts["/data/page/hello"].audio == "jr://audio/hello.mp3"
    who = prompts["/data/page/who"]
    assert (who.hint, who.guidance_hint, who.image) == (
        "A name",
        "Ask gently",
        "jr://images/who.png",
    )
    assert who.depth == 1
    mood = prompts["/data/mood"]
    assert (mood.kind, mood.range_start, mood.range_end, mood.range_step) == ("range", 1, 5, 1)
    assert (prompts["/data/photo"].kind, prompts["/data/photo"].mediatype) == ("upload", "image/*")
    assert prompts["/data/ack"].kind == "trigger"
    assert prompts["/data/where"].datatype == "geopoint"
    assert len(session.value("/data/when")) == 10  # dynamic default run at first load
    with pytest.raises(ValueError, match="ubicación"):
        session.set("/data/where", "north")
    session.set("/data/where", "13.7 -89.2")


def test_a_calculation_loop_names_the_fields(make_form):
    with pytest.raises(FormError, match=r"loop: .*/data/a .*/data/b .*/data/a"):
        make_form(
            """
            | survey |
            |        | type      | name | label | calculation |
            |        | calculate | a    |       | ${b} + 1    |
            |        | calculate | b    |       | ${a} + 1    |
            """
        )


XFORM = """<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml"
 xmlns:jr="http://openrosa.org/javarosa" xmlns:odk="http://www.opendatakit.org/xforms">
<h:head><h:title>t</h:title><model>
<instance><data id="t"><a/><b/></data></instance>{model}
</model></h:head><h:body>{body}</h:body></h:html>"""


@pytest.mark.parametrize(
    ("model", "body", "message"),
    [
        ('<bind nodeset="/data/a" relevant="frob(1)"/>', "", r"/data/a .*relevant.*frob"),
        (
            '<bind nodeset="/data/zz" type="int"/>',
            '<input ref="/data/zz"><label>x</label></input>',
            r"/data/zz names no node",
        ),
        ('<bind nodeset="/data/a" constraint=". &gt;"/>', "", r"/data/a .*constraint"),
        (
            '<instance id="places" src="jr://file-csv/places.csv"/>',
            "",
            r"external instance 'places' \(jr://file-csv/places.csv\)",
        ),
        (
            "",
            '<odk:rank ref="/data/a"><label>x</label></odk:rank>',
            r"rank ref='/data/a'.*no choices",
        ),
        (
            "",
            '<select1 ref="/data/a"><label>x</label></select1>',
            r"select1 ref='/data/a'.*no choices",
        ),
        ("", '<input ref="/data/a"><label>Hi <output/></label></input>', r"<output> without"),
        (
            '<bind nodeset="/data/a" jr:preload="patient" jr:preloadParams="name"/>',
            "",
            r"jr:preload='patient'",
        ),
        (
            '<odk:setgeopoint event="odk-instance-first-load xforms-ready" ref="/data/a"/>',
            "",
            "setgeopoint ref='/data/a'>: the event 'xforms-ready' is not supported",
        ),
    ],
)
def test_errors_name_the_element_at_fault(model, body, message):
    with pytest.raises(FormError, match=message):
        load_form(XFORM.format(model=model, body=body))


def test_not_an_xform_and_broken_xml():
    with pytest.raises(FormError, match="not <h:html>"):
        load_form("<data id='x'/>")
    with pytest.raises(FormError, match="line 1"):
        load_form("<h:html xmlns:h='x'><oops></h:html>")
    with pytest.raises(FormError, match="entities or a DTD"):
        load_form('<!DOCTYPE x [<!ENTITY e "boom">]><h:html xmlns:h="x">&e;</h:html>')


def test_load_form_reads_xlsform_files_through_app_xlsform(tmp_path):
    source = tmp_path / "mini.md"
    source.write_text(
        "| survey |\n| | type | name | label |\n| | text | a | A |\n"
        "| settings |\n| | form_id |\n| | mini |\n",
        encoding="utf-8",
    )
    assert load_form(source).form_id == "mini"
    missing = tmp_path / "nope.xlsx"
    with pytest.raises(FormError, match="does not exist"):
        load_form(missing)


def test_value_changed_trigger_sets_a_timestamp(make_form):
    form = make_form(
        """
        | survey |
        |        | type     | name    | label | trigger  | calculation |
        |        | text     | answer  | A     |          |             |
        |        | dateTime | changed |       | ${answer} | now()      |
        """
    )
    session = form.new_session()
    assert session.value("/data/changed") == ""
    session.set("/data/answer", "sí")
    assert session.value("/data/changed").startswith(session.value("/data/changed")[:4])
    assert "T" in session.value("/data/changed")


CHOICES_FROM_FILE = """
| survey |
|        | type                                  | name  | label     | choice_filter |
|        | select_one dept                       | dept  | Dept      |               |
|        | select_one_from_file comunidades.csv  | com   | Community | dept=${dept}  |
| choices |
|         | list_name | name | label     |
|         | dept      | ss   | San Salvador |
|         | dept      | lp   | La Paz    |
"""


def test_choices_from_a_csv_media_file(tmp_path):
    source = tmp_path / "communities.md"
    source.write_text(CHOICES_FROM_FILE, encoding="utf-8")
    with pytest.raises(FormError, match="comunidades.csv"):
        load_form(source)
    (tmp_path / "comunidades.csv").write_text(
        "name,label,dept\nc1,El Zapote,ss\nc2,Las Flores,lp\nc3,San José,ss\n", encoding="utf-8"
    )
    session = load_form(source).new_session()
    session.set("/data/dept", "ss")
    prompt = next(p for p in session.prompts() if p.ref == "/data/com")
    assert [(c.value, c.label) for c in prompt.choices] == [("c1", "El Zapote"), ("c3", "San José")]


def test_an_expression_failing_at_run_time_names_its_field():
    model = '<bind nodeset="/data/b" calculate="count(instance(\'nope\')/root/item)"/>'
    form = load_form(XFORM.format(model=model, body=""))
    with pytest.raises(FormError, match=r"calculate for /data/b failed: .*nope"):
        form.new_session()


def test_choice_images_and_fixed_repeats(make_form):
    form = make_form(
        """
        | survey |
        |        | type          | name | label |
        |        | select_one em | mood | Mood  |
        | choices |
        |         | list_name | name  | label | media::image |
        |         | em        | happy | Happy | happy.png    |
        |         | em        | sad   | Sad   | sad.png      |
        """
    )
    prompt = form.new_session().prompts()[0]
    assert [(c.value, c.label, c.image) for c in prompt.choices] == [
        ("happy", "Happy", "jr://images/happy.png"),
        ("sad", "Sad", "jr://images/sad.png"),
    ]
    model = '<bind nodeset="/data/a" type="int"/>'
    body = '<repeat nodeset="/data/a" jr:noAddRemove="true()"><input ref="/data/a"/></repeat>'
    session = load_form(XFORM.format(model=model, body=body)).new_session()
    header = session.prompts()[0]
    assert (header.kind, header.can_add, header.can_remove) == ("repeat", False, False)
    with pytest.raises(ValueError, match="set by the form"):
        session.remove_repeat("/data/a[1]")
