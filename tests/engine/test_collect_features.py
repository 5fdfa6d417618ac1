"""Forms ODK Collect opens that pyxform writes: each feature loads, fills and submits.

Issue 10 ("Forms Collect opens that we refuse"); tests/reference/ compares the same features
with JavaRosa itself.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.engine import FormError, load_form
from tests.engine.conftest import xform_from_markdown

XFORM = """<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml"
 xmlns:jr="http://openrosa.org/javarosa" xmlns:odk="http://www.opendatakit.org/xforms">
<h:head><h:title>t</h:title><model>
<instance><data id="t" version="7">{instance}<meta><instanceID/></meta></data></instance>
{model}
</model></h:head><h:body>{body}</h:body></h:html>"""


def xform(instance: str, model: str = "", body: str = "") -> str:
    return XFORM.format(instance=instance, model=model, body=body)


def test_one_setvalue_with_two_events_fills_the_first_and_every_new_instance():
    form = load_form(
        xform(
            "<visit><when/><n/></visit>",
            '<bind nodeset="/data/visit/when" type="date"/>',
            '<repeat nodeset="/data/visit"><setvalue event="odk-instance-first-load odk-new-repeat"'
            ' ref="/data/visit/when" value="\'2024-05-01\'"/>'
            '<input ref="/data/visit/n"><label>n</label></input></repeat>',
        )
    )
    session = form.new_session()
    assert session.value("/data/visit[1]/when") == "2024-05-01"
    session.set("/data/visit[1]/when", "2024-06-01")
    added = session.add_repeat("/data/visit")
    assert session.value(f"{added}/when") == "2024-05-01"
    assert session.value("/data/visit[1]/when") == "2024-06-01"  # the first is not reset


def test_an_unknown_event_is_still_refused_by_name():
    with pytest.raises(FormError, match="event 'xforms-ready' is not supported"):
        load_form(xform("<a/>", '<setvalue event="xforms-ready" ref="/data/a" value="1"/>'))


def test_start_geopoint_is_empty_without_a_position_and_filled_with_one(tmp_path: Path):
    form = load_form(
        xform_from_markdown(
            """
            | survey |
            |        | type           | name  | label |
            |        | start-geopoint | where |       |
            |        | text           | note  | Note  |
            """,
            tmp_path,
        )
    )
    assert form.new_session().value("/data/where") == ""
    placed = form.new_session(position_source=lambda: "13.69 -89.19 650 8")
    assert placed.value("/data/where") == "13.69 -89.19 650 8"
    nowhere = form.new_session(position_source=lambda: None)
    assert nowhere.value("/data/where") == ""


def test_rank_keeps_the_order_and_offers_its_choices(tmp_path: Path):
    form = load_form(
        xform_from_markdown(
            """
            | survey |
            |        | type         | name  | label     | calculation                |
            |        | rank animals | order | Rank them |                            |
            |        | calculate    | top   |           | selected-at(${order}, 0)   |
            | choices |
            |         | list_name | name | label |
            |         | animals   | cat  | Cat   |
            |         | animals   | dog  | Dog   |
            |         | animals   | cow  | Cow   |
            """,
            tmp_path,
        )
    )
    session = form.new_session()
    prompt = next(p for p in session.prompts() if p.ref == "/data/order")
    assert prompt.kind == "rank"
    assert [c.value for c in prompt.choices] == ["cat", "dog", "cow"]
    session.set("/data/order", " cow  cat dog ")
    assert session.value("/data/order") == "cow cat dog"
    assert session.value("/data/top") == "cow"


def test_pulldata_reads_the_media_csv(tmp_path: Path):
    media = tmp_path / "media"
    media.mkdir()
    (media / "fruits.csv").write_text("code,name\n1,apple\n2,banana\n", encoding="utf-8")
    xml = xform_from_markdown(
        """
        | survey |
        |        | type      | name  | label | calculation                                |
        |        | integer   | code  | Code  |                                            |
        |        | calculate | fruit |       | pulldata('fruits', 'name', 'code', ${code}) |
        """,
        tmp_path,
    )
    session = load_form(xml, media_dir=media).new_session()
    assert session.value("/data/fruit") == ""
    session.set("/data/code", "2")
    assert session.value("/data/fruit") == "banana"
    session.set("/data/code", "9")
    assert session.value("/data/fruit") == ""


def test_version_property_is_selected_and_enclosed_area(tmp_path: Path):
    xml = xform_from_markdown(
        """
        | survey |
        |        | type            | name   | label  | calculation                          |
        |        | select_multiple c | pick | Pick   |                                      |
        |        | calculate       | v      |        | version()                            |
        |        | calculate       | device |        | property('deviceid')                 |
        |        | calculate       | email  |        | property('email')                    |
        |        | calculate       | has_a  |        | if(is-selected(${pick}, 'a'), 'y', 'n') |
        |        | geoshape        | plot   | Plot   |                                      |
        |        | calculate       | size   |        | round(enclosed-area(${plot}), 0)     |
        | choices |
        |         | list_name | name | label |
        |         | c         | a    | A     |
        |         | c         | b    | B     |
        | settings |
        |          | version |
        |          | 2024.1  |
        """,
        tmp_path,
    )
    session = load_form(xml).new_session(properties={"deviceid": "laptop-7"})
    assert session.value("/data/v") == "2024.1"
    assert session.value("/data/device") == "laptop-7"
    assert session.value("/data/email") == ""
    session.set("/data/pick", "b a")
    assert session.value("/data/has_a") == "y"
    session.set("/data/plot", "0 0 0 0;0 0.001 0 0;0.001 0.001 0 0;0.001 0 0 0;0 0 0 0")
    assert 12_000 < float(session.value("/data/size")) < 12_500  # ~111 m x 111 m


def test_last_saved_defaults_come_from_the_given_filling(tmp_path: Path):
    form = load_form(
        xform_from_markdown(
            """
            | survey |
            |        | type    | name    | label   | default                |
            |        | text    | village | Village | ${last-saved#village}  |
            |        | integer | visits  | Visits  |                        |
            """,
            tmp_path,
        )
    )
    assert form.new_session().value("/data/village") == ""
    last = '<data id="form"><village>San Miguel</village><visits>3</visits></data>'
    session = form.new_session(last_saved=last)
    assert session.value("/data/village") == "San Miguel"
    assert session.value("/data/visits") == ""  # only what the form asks for


def entity_form(tmp_path: Path):
    return load_form(
        xform_from_markdown(
            """
            | survey |
            |        | type              | name     | label        | save_to |
            |        | text              | tree     | Tree species | species |
            |        | select_one yes_no | register | Register it? |         |
            | choices |
            |         | list_name | name | label |
            |         | yes_no    | yes  | Yes   |
            |         | yes_no    | no   | No    |
            | entities |
            |          | dataset | label   | create_if           |
            |          | trees   | ${tree} | ${register} = 'yes' |
            """,
            tmp_path,
        )
    )


def test_an_entity_block_is_filled_and_submitted_as_collect_does(tmp_path: Path):
    form = entity_form(tmp_path)
    session = form.new_session()
    session.set("/data/tree", "ceiba")
    session.set("/data/register", "yes")
    entity = ET.fromstring(session.to_xml()).find("meta/entity")
    assert entity is not None
    assert entity.get("dataset") == "trees"
    assert entity.get("create") == "1"
    assert len(entity.get("id", "")) == 36  # a uuid, made once at load
    assert entity.findtext("label") == "ceiba"
    first_id = entity.get("id")
    session.set("/data/register", "no")
    entity = ET.fromstring(session.to_xml()).find("meta/entity")
    assert entity.get("create") == "0"
    assert entity.get("id") == first_id
    again = form.open_session(session.to_xml(include_non_relevant=True))
    assert ET.fromstring(again.to_xml()).find("meta/entity").get("id") == first_id


def test_a_bind_naming_no_node_is_ignored_with_a_warning():
    form = load_form(
        xform(
            "<a/>",
            '<bind nodeset="/data/a" type="int"/><bind nodeset="/data/gone" calculate="1"/>'
            '<bind nodeset="/data/a/@nope" calculate="2"/>',
            '<input ref="/data/a"><label>a</label></input>',
        )
    )
    assert form.definition.warnings == [
        "The bind for /data/gone names no node in the main instance; ignored.",
        "The bind for /data/a/@nope names no node in the main instance; ignored.",
    ]
    session = form.new_session()
    session.set("/data/a", "4")
    assert "<gone" not in session.to_xml() and "nope" not in session.to_xml()


def test_a_bind_naming_no_node_that_a_question_shows_is_an_error():
    with pytest.raises(FormError, match="/data/zz names no node"):
        load_form(
            xform(
                "<a/>",
                '<bind nodeset="/data/zz" type="int"/>',
                '<input ref="/data/zz"><label>z</label></input>',
            )
        )


def test_start_and_background_geopoint_need_no_label_and_fill_from_the_position(tmp_path: Path):
    from app.xlsform import xlsform_to_xform

    source = tmp_path / "geo.md"
    source.write_text(
        "| survey |\n"
        "| | type | name | label | trigger |\n"
        "| | start-geopoint | start_at | | |\n"
        "| | text | q | Q | |\n"
        "| | background-geopoint | at_q | | ${q} |\n",
        encoding="utf-8",
    )
    form = load_form(xlsform_to_xform(source))  # our XLSForm checks ask no label of them
    session = form.new_session(position_source=lambda: "13.69 -89.19 650 8")
    assert session.value("/data/start_at") == "13.69 -89.19 650 8"
    assert session.value("/data/at_q") == ""
    session.set("/data/q", "hola")
    assert session.value("/data/at_q") == "13.69 -89.19 650 8"
    assert [p.ref for p in session.prompts()] == ["/data/q"]  # neither is shown


def test_an_entity_update_takes_its_id_and_base_version_from_the_entity_list(tmp_path: Path):
    media = tmp_path / "media"
    media.mkdir()
    (media / "trees.csv").write_text(
        "name,label,species,__version\nt1,Ceiba 1,ceiba,3\nt2,Conacaste 2,conacaste,1\n",
        encoding="utf-8",
    )
    xml = xform_from_markdown(
        """
        | survey |
        |        | type                           | name   | label      | save_to |
        |        | select_one_from_file trees.csv | tree   | Which tree |         |
        |        | integer                        | height | Height (m) | height  |
        | entities |
        |          | dataset | entity_id | label                   |
        |          | trees   | ${tree}   | concat(${tree}, ${height}) |
        """,
        tmp_path,
    )
    session = load_form(xml, media_dir=media).new_session()
    session.set("/data/tree", "t2")
    session.set("/data/height", "9")
    entity = ET.fromstring(session.to_xml()).find("meta/entity")
    assert entity is not None
    assert (entity.get("id"), entity.get("update"), entity.get("baseVersion")) == ("t2", "1", "1")
    assert entity.findtext("label") == "t29"
