# ruff: noqa: E501  (XLSForm tables read best one row per line)
"""Skip logic, required/constraint messages, typed answers, cascading selects, languages."""

from __future__ import annotations

import pytest

from app.engine import Problem

SKIP_CHAIN = """
| survey |
|        | type             | name     | label        | relevant                 | required | constraint | constraint_message     | required_message  |
|        | select_one yn    | migrated | Migrated?    |                          | yes      |            |                        | Say yes or no     |
|        | integer          | years    | Years away   | ${migrated} = 'yes'      | yes      | . > 0 and . < 80 | Between 1 and 79 |                   |
|        | text             | where    | Where        | ${years} > 2             |          |            |                        |                   |
|        | begin group      | back     | Return       | ${migrated} = 'yes'      |          |            |                        |                   |
|        | text             | why      | Why back     |                          |          |            |                        |                   |
|        | end group        |          |              |                          |          |            |                        |                   |
| choices |
|         | list_name | name | label |
|         | yn        | yes  | Yes   |
|         | yn        | no   | No    |
| settings |
|          | form_id | version |
|          | chain   | 1       |
"""


def test_skip_logic_chain_hides_and_restores(make_form):
    session = make_form(SKIP_CHAIN).new_session()
    assert not session.relevant("/data/years")
    assert not session.relevant("/data/where")
    assert not session.relevant("/data/back/why")  # a hidden group hides its children
    session.set("/data/migrated", "yes")
    session.set("/data/years", "5")
    assert session.relevant("/data/where")
    session.set("/data/where", "Houston")
    session.set("/data/back/why", "family")
    session.set("/data/migrated", "no")
    # Non-relevant answers read as empty (as in ODK) and leave the chain hidden too.
    assert session.value("/data/years") == ""
    assert not session.relevant("/data/where")
    assert not session.relevant("/data/back/why")
    assert "Houston" not in session.to_xml()
    session.set("/data/migrated", "yes")
    assert session.value("/data/years") == "5"
    assert session.value("/data/where") == "Houston"
    assert session.value("/data/back/why") == "family"


def test_prompts_follow_relevance(make_form):
    session = make_form(SKIP_CHAIN).new_session()
    assert [p.ref for p in session.prompts()] == ["/data/migrated"]
    session.set("/data/migrated", "yes")
    refs = [(p.ref, p.kind, p.depth) for p in session.prompts()]
    assert refs == [
        ("/data/migrated", "select1", 0),
        ("/data/years", "input", 0),
        ("/data/back", "group", 0),
        ("/data/back/why", "input", 1),
    ]


def test_required_and_constraint_messages(make_form):
    session = make_form(SKIP_CHAIN).new_session()
    assert session.validate() == [Problem("/data/migrated", "Say yes or no", "required")]
    session.set("/data/migrated", "yes")
    assert session.required("/data/years")
    assert session.check("/data/years") == Problem(
        "/data/years", "Esta respuesta es obligatoria.", "required"
    )
    session.set("/data/years", "120")  # a broken constraint is stored, not raised
    assert session.value("/data/years") == "120"
    assert session.check("/data/years") == Problem("/data/years", "Between 1 and 79", "constraint")
    prompt = next(p for p in session.prompts() if p.ref == "/data/years")
    assert prompt.problem == "Between 1 and 79" and prompt.required
    session.set("/data/years", "12")
    assert session.check("/data/years") is None
    assert session.validate() == []


def test_invalid_typed_values_raise_a_person_message(make_form):
    session = make_form(SKIP_CHAIN).new_session()
    session.set("/data/migrated", "yes")
    with pytest.raises(ValueError, match="debe ser un número entero, no 'abc'"):
        session.set("/data/years", "abc")
    session.language = "English (en)"  # messages follow the session language
    with pytest.raises(ValueError, match="must be a whole number"):
        session.set("/data/years", "1.5")
    assert session.value("/data/years") == ""
    session.set("/data/years", " 007 ")
    assert session.value("/data/years") == "7"


def test_calculated_fields_are_read_only(make_form):
    form = make_form(
        """
        | survey |
        |        | type      | name  | label | calculation    |
        |        | integer   | a     | A     |                |
        |        | calculate | b     |       | ${a} * 2       |
        |        | calculate | c     |       | ${b} + ${a}    |
        """
    )
    session = form.new_session()
    session.set("/data/a", "4")
    assert session.value("/data/b") == "8"
    assert session.value("/data/c") == "12"
    assert session.readonly("/data/b")
    with pytest.raises(ValueError, match="read-only"):
        session.set("/data/b", "1")


CASCADE = """
| survey |
|        | type                | name  | label      | choice_filter                          |
|        | select_one dept     | dept  | Department |                                        |
|        | select_one muni     | muni  | Municipality | dept=${dept}                         |
|        | select_one canton   | cant  | Canton     | dept=${dept} and muni=${muni}          |
| choices |
|         | list_name | name     | label        | dept | muni |
|         | dept      | ss       | San Salvador |      |      |
|         | dept      | lib      | La Libertad  |      |      |
|         | muni      | soy      | Soyapango    | ss   |      |
|         | muni      | mej      | Mejicanos    | ss   |      |
|         | muni      | tec      | Santa Tecla  | lib  |      |
|         | canton    | c1       | El Limón     | ss   | soy  |
|         | canton    | c2       | Las Cañas    | ss   | soy  |
|         | canton    | c3       | Zacamil      | ss   | mej  |
"""


def _choices(session, ref):
    prompt = next(p for p in session.prompts() if p.ref == ref)
    return [(c.value, c.label) for c in prompt.choices]


def test_cascading_selects_filter_their_choices(make_form):
    session = make_form(CASCADE).new_session()
    assert _choices(session, "/data/dept") == [("ss", "San Salvador"), ("lib", "La Libertad")]
    assert _choices(session, "/data/muni") == []
    session.set("/data/dept", "ss")
    assert _choices(session, "/data/muni") == [("soy", "Soyapango"), ("mej", "Mejicanos")]
    session.set("/data/muni", "soy")
    assert _choices(session, "/data/cant") == [("c1", "El Limón"), ("c2", "Las Cañas")]
    session.set("/data/muni", "mej")
    assert _choices(session, "/data/cant") == [("c3", "Zacamil")]
    session.set("/data/dept", "lib")
    assert _choices(session, "/data/muni") == [("tec", "Santa Tecla")]
    assert _choices(session, "/data/cant") == []


LANGUAGES = """
| survey |
|        | type          | name  | label::English (en)        | label::Español (es)         | hint::English (en) | hint::Español (es) | constraint | constraint_message::English (en) | constraint_message::Español (es) | media::image::English (en) |
|        | text          | name  | Name                       | Nombre                      | Full name          | Nombre completo    |            |                                  |                                  | person.png                 |
|        | integer       | age   | How old is ${name}?        | ¿Qué edad tiene ${name}?    |                    |                    | . < 120    | Too old                          | Demasiado                        |                            |
|        | select_one yn | ok    | Agrees, ${name}?           | ¿Está de acuerdo ${name}?   |                    |                    |            |                                  |                                  |                            |
| choices |
|         | list_name | name | label::English (en) | label::Español (es) |
|         | yn        | yes  | Yes                 | Sí                  |
|         | yn        | no   | No                  | No                  |
| settings |
|          | default_language |
|          | Español (es)     |
"""


def test_languages_and_outputs_in_labels(make_form):
    form = make_form(LANGUAGES)
    assert form.languages == ["English (en)", "Español (es)"]
    assert form.default_language == "Español (es)"
    session = form.new_session()
    session.set("/data/name", "Marta")
    by_ref = {p.ref: p for p in session.prompts()}
    assert by_ref["/data/age"].label == "¿Qué edad tiene Marta?"
    assert by_ref["/data/name"].hint == "Nombre completo"
    assert [c.label for c in by_ref["/data/ok"].choices] == ["Sí", "No"]
    session.set("/data/age", "130")
    assert session.check("/data/age").message == "Demasiado"
    session.language = "English (en)"
    by_ref = {p.ref: p for p in session.prompts()}
    assert by_ref["/data/age"].label == "How old is Marta?"
    assert by_ref["/data/name"].image == "jr://images/person.png"
    assert [c.label for c in by_ref["/data/ok"].choices] == ["Yes", "No"]
    assert session.check("/data/age").message == "Too old"
    with pytest.raises(ValueError, match="no language"):
        session.language = "Français (fr)"


def test_preloads(make_form):
    form = make_form(
        """
        | survey |
        |        | type     | name     | label |
        |        | start    | start    |       |
        |        | end      | end      |       |
        |        | today    | today    |       |
        |        | deviceid | deviceid |       |
        |        | username | username |       |
        |        | text     | x        | X     |
        """
    )
    session = form.new_session(properties={"deviceid": "encuentro:abc", "username": "maria"})
    assert session.instance_id.startswith("uuid:") and len(session.instance_id) == 41
    assert session.value("/data/deviceid") == "encuentro:abc"
    assert session.value("/data/username") == "maria"
    assert len(session.value("/data/today")) == 10
    start = session.value("/data/start")
    assert start[10] == "T" and start[19] == "." and start[-6] in "+-"
    assert session.value("/data/end") == ""
    assert "<end/>" in session.to_xml()  # a pure read: saving a draft stamps nothing
    session.stamp_end()  # finalising does, once
    xml = session.to_xml()
    assert "<end>" in xml and session.value("/data/end") >= start
    assert form.new_session().instance_id != session.instance_id
