"""The built-in questionnaires run in the engine: realistic sessions and their skip logic."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest

from app.engine import Form, Session, load_form
from forms.builder.common import VERSION

from .conftest import ALL_FORMS, FOCUS_GROUPS, FORMS_DIR

ES, EN = "Español (es)", "English (en)"
_FORMS: dict[str, Form] = {}


def form(form_id: str) -> Form:
    if form_id not in _FORMS:
        _FORMS[form_id] = load_form(FORMS_DIR / f"{form_id}.md")
    return _FORMS[form_id]


def choices(session: Session, ref: str) -> list[str]:
    prompt = next(p for p in session.prompts() if p.ref == ref)
    return [c.value for c in prompt.choices]


def problems(session: Session) -> list[tuple[str, str]]:
    return [(p.ref, p.kind) for p in session.validate()]


def fill_session_details(s: Session) -> None:
    for ref, value in {
        "/data/department": "san_miguel",
        "/data/municipality": "chirilagua",
        "/data/community": "chi_tierra_blanca",
        "/data/session_date": (date.today() - timedelta(days=1)).isoformat(),
        "/data/start_time": "09:30:00",
        "/data/venue": "Casa comunal",
        "/data/facilitator": "Marta Rivas",
        "/data/note_taker": "José Hernández",
    }.items():
        s.set(ref, value)


def add_participant(s: Session, code: str, consent: str, **answers: str) -> str:
    ref = (
        "/data/participants[1]"
        if not s.value("/data/participants[1]/participant_code")
        else (s.add_repeat("/data/participants"))
    )
    s.set(f"{ref}/participant_code", code)
    s.set(f"{ref}/consent", consent)
    for name, value in answers.items():
        s.set(f"{ref}/{name}", value)
    return ref


def close_session(s: Session) -> None:
    s.set("/data/closing/agreements", "Reunión con la ADESCO en dos semanas.")
    s.set("/data/closing/referral_requested", "no")
    s.set("/data/closing/end_time", "11:45:00")


@pytest.mark.parametrize("form_id", ALL_FORMS)
def test_loads_in_the_engine_with_both_languages(form_id):
    loaded = form(form_id)
    assert loaded.form_id == form_id and loaded.version == VERSION
    assert loaded.languages == [ES, EN] and loaded.default_language == ES
    session = loaded.new_session()
    assert session.language == ES
    if form_id == "evaluacion_necesidades":  # the place is asked once the person consents
        session.set("/data/is_adult", "si")
        session.set("/data/consent", "si")
    session.language = EN
    labels = {p.ref: p.label for p in session.prompts()}
    assert labels["/data/department"] == "Department"


@pytest.mark.parametrize("form_id", FOCUS_GROUPS)
def test_a_realistic_focus_group_session(form_id):
    group = form_id.removeprefix("grupo_focal_")
    s = form(form_id).new_session()
    fill_session_details(s)
    assert ("/data/consentimiento/consent_script_read", "required") in problems(s)
    s.set("/data/consentimiento/consent_script_read", "OK")
    first = add_participant(s, "P01", "si", sex="mujer", age_band="25_29", status="retornado")
    assert s.value(f"{first}/group_type") == group
    refused = add_participant(s, "P02", "no")
    add_participant(s, "P03", "si", sex="hombre", age_band="18_24", status="familiar")
    # No data is asked of, or kept for, a person without consent.
    for name in ("sex", "age_band", "group_type", "status", "guardian_consent"):
        assert not s.relevant(f"{refused}/{name}")
        assert s.relevant(f"{first}/{name}") == (name != "guardian_consent")
    assert s.value("/data/n_participants") == "2" and s.value("/data/n_not_taking_part") == "1"
    assert s.value(f"{refused}/participation") == "no_participa_sin_consentimiento"
    assert s.value(f"{first}/participation") == "participa"

    quote = "/data/empleo/empleo_quotes[1]"
    s.set(f"{quote}/quote_text", "Aquí el que no tiene familia afuera no come.")
    s.set(f"{quote}/quote_participant", "P02")
    assert s.check(f"{quote}/quote_participant").kind == "constraint"
    s.set(f"{quote}/quote_participant", "P03")
    assert s.check(f"{quote}/quote_participant") is None
    s.set("/data/empleo/empleo_discussion", "Coinciden en que falta trabajo estable.")
    s.set("/data/empleo/empleo_themes", "falta_empleo remesas")

    s.set("/data/notes[1]/note_text", "P01 llega tarde; se repite el consentimiento.")
    s.set("/data/notes[1]/note_elapsed", "95")
    s.set("/data/notes[1]/note_topic", "espacios")
    s.set("/data/notes[1]/note_time", "2026-11-26T09:31:35.000-06:00")
    second = s.add_repeat("/data/notes")
    s.set(f"{second}/note_text", "Silencio largo al hablar de seguridad.")
    s.set(f"{second}/note_elapsed", "2710")
    s.set(f"{second}/note_topic", "seguridad")
    close_session(s)
    assert problems(s) == []

    root = ET.fromstring(s.to_xml())
    people = {p.findtext("participant_code"): p for p in root.iter("participants")}
    assert set(people) == {"P01", "P02", "P03"}
    assert people["P02"].find("sex") is None and people["P02"].find("status") is None
    assert people["P01"].findtext("status") == "retornado"
    assert [n.findtext("note_elapsed") for n in root.iter("notes")] == ["95", "2710"]

    again = form(form_id).open_session(s.to_xml())
    assert again.value(f"{quote}/quote_participant") == "P03"
    assert again.value("/data/notes[2]/note_topic") == "seguridad"


def test_a_participant_code_must_not_be_a_name():
    s = form("grupo_focal_mujeres").new_session()
    s.set("/data/participants[1]/participant_code", "María López")
    assert s.check("/data/participants[1]/participant_code").kind == "constraint"
    s.set("/data/participants[1]/participant_code", "P07")
    assert s.check("/data/participants[1]/participant_code") is None


def test_session_date_cannot_be_in_the_future():
    s = form("grupo_focal_familiares").new_session()
    s.set("/data/session_date", (date.today() + timedelta(days=3)).isoformat())
    problem = s.check("/data/session_date")
    assert problem.kind == "constraint" and "posterior a hoy" in problem.message


def test_minors_need_a_guardians_permission():
    s = form("grupo_focal_jovenes").new_session()
    assert not s.relevant("/data/participants[1]/age_band")  # nothing before consent
    add_participant(s, "J01", "si")
    # The youth guide is for 15-24 year olds (changed from 15-29 with issue 11's wording).
    assert choices(s, "/data/participants[1]/age_band") == ["15_17", "18_24"]
    s.set("/data/participants[1]/age_band", "15_17")
    assert s.relevant("/data/participants[1]/guardian_consent")
    assert s.required("/data/participants[1]/guardian_consent")
    s.set("/data/participants[1]/guardian_consent", "si")
    assert s.value("/data/participants[1]/participation") == "participa"
    s.set("/data/participants[1]/age_band", "18_24")
    assert not s.relevant("/data/participants[1]/guardian_consent")


def test_a_minor_without_permission_is_recorded_as_not_taking_part_and_blocks_nothing():
    s = form("grupo_focal_jovenes").new_session()
    fill_session_details(s)
    s.set("/data/consentimiento/consent_script_read", "OK")
    minor = add_participant(s, "J01", "si", age_band="15_17", guardian_consent="no")
    adult = add_participant(s, "J02", "si", age_band="18_24", sex="mujer", status="ninguno")
    # The row says why, asks nothing more, and nothing in it is required or wrong.
    assert s.value(f"{minor}/participation") == "no_participa_sin_autorizacion"
    assert s.relevant(f"{minor}/no_guardian_permission")
    for name in ("sex", "group_type", "status"):
        assert not s.relevant(f"{minor}/{name}") and s.relevant(f"{adult}/{name}")
    assert s.check(f"{minor}/guardian_consent") is None
    assert not [p for p in s.validate() if p.ref.startswith(minor)]
    # Not counted, and never a speaker of a quote.
    assert s.value("/data/n_participants") == "1" and s.value("/data/n_not_taking_part") == "1"
    quote = "/data/educacion/educacion_quotes[1]"
    s.set(f"{quote}/quote_text", "Yo quiero seguir estudiando.")
    s.set(f"{quote}/quote_participant", "J01")
    assert s.check(f"{quote}/quote_participant").kind == "constraint"
    s.set(f"{quote}/quote_participant", "J02")
    assert s.check(f"{quote}/quote_participant") is None
    close_session(s)
    assert problems(s) == []
    person = next(p for p in ET.fromstring(s.to_xml()).iter("participants"))
    assert not [c.tag for c in person if c.tag in ("sex", "group_type", "status")]
    assert {c.tag: c.text for c in person if c.text} == {
        "participant_code": "J01",
        "consent": "si",
        "age_band": "15_17",
        "guardian_consent": "no",
        "participation": "no_participa_sin_autorizacion",
    }
    # Permission found after all: the same person takes part and is asked the rest again.
    s.set(f"{minor}/guardian_consent", "si")
    assert s.value(f"{minor}/participation") == "participa" and s.required(f"{minor}/sex")
    assert s.value("/data/n_participants") == "2"


def test_places_cascade_to_85_communities():
    s = form("grupo_focal_retornados").new_session()
    departments = choices(s, "/data/department")
    assert departments == ["san_miguel", "usulutan", "la_paz"]
    listed = 0
    for department in departments:
        s.set("/data/department", department)
        municipalities = choices(s, "/data/municipality")
        assert municipalities
        for municipality in municipalities:
            s.set("/data/municipality", municipality)
            communities = choices(s, "/data/community")
            assert communities[-1] == f"{municipality}_otra"
            listed += len(communities) - 1
        # An unlisted municipality is the last choice of every department.
        assert municipalities[-1] == f"{department}_otro_municipio"
    assert listed == 85
    s.set("/data/department", "la_paz")
    assert choices(s, "/data/municipality") == ["zacatecoluca", "la_paz_otro_municipio"]
    s.set("/data/municipality", "la_paz_otro_municipio")
    assert s.relevant("/data/municipality_other") and s.required("/data/municipality_other")
    assert choices(s, "/data/community") == ["la_paz_otro_municipio_otra"]
    s.set("/data/community", "la_paz_otro_municipio_otra")
    assert s.relevant("/data/community_other")
    s.set("/data/municipality", "zacatecoluca")
    s.set("/data/community", "zacatecoluca_otra")
    assert s.relevant("/data/community_other") and s.required("/data/community_other")
    s.set("/data/community", "zac_ulapa")
    assert not s.relevant("/data/community_other")


# ------------------------------------------------------------------------- needs assessment


def needs_session(**answers: str) -> Session:
    """An adult's interview with the details of the visit filled in once they consent (the
    details belong to a conducted interview only)."""
    s = form("evaluacion_necesidades").new_session()
    s.set("/data/is_adult", "si")
    s.set("/data/consent", answers.pop("/data/consent"))
    if s.value("/data/consent") != "si":
        return s
    base = {
        "/data/interviewer": "Ana Portillo",
        "/data/interview_date": date.today().isoformat(),
        "/data/department": "usulutan",
        "/data/municipality": "jiquilisco",
        "/data/community": "jiq_comunidad_ciudad_romero",
        "/data/respondent_code": "E014",
    }
    for ref, value in {**base, **answers}.items():
        s.set(ref, value)
    return s


def test_without_consent_nothing_else_is_asked_or_kept():
    s = needs_session(**{"/data/consent": "no"})
    for group in (
        "perfil",
        "retorno",
        "hogar",
        "empleo",
        "necesidades",
        "servicios",
        "proteccion",
        "cierre",
    ):
        assert not s.relevant(f"/data/{group}"), group
    assert s.relevant("/data/no_consent")
    assert s.value("/data/interview_outcome") == "no_realizada_sin_consentimiento"
    assert problems(s) == []
    root = ET.fromstring(s.to_xml())
    assert root.find("perfil") is None and root.find("hogar") is None


def complete_needs(s: Session) -> None:
    for ref, value in {
        "/data/hogar/household[1]/member_relation": "entrevistada",
        "/data/hogar/household[1]/member_sex": "hombre",
        "/data/hogar/household[1]/member_age": "34",
        "/data/hogar/household[1]/member_income": "250",
        "/data/hogar/remittances": "no",
        "/data/empleo/works_now": "no",
        "/data/empleo/seeking_work": "si",
        "/data/empleo/job_barriers": "estigma documentos",
        "/data/empleo/skills": "construccion ingles",
        "/data/empleo/skills_certified": "no",
        "/data/necesidades/need_1": "empleo",
        "/data/necesidades/need_2": "documentos",
        "/data/necesidades/need_3": "psicosocial",
        "/data/servicios/services_known": "bolsa_empleo rnpn",
        "/data/proteccion/threats": "no",
        "/data/proteccion/displaced": "no",
        "/data/proteccion/trafficking": "ninguna",
        "/data/proteccion/violence": "no_dice",
        "/data/cierre/referral_needed": "no",
    }.items():
        s.set(ref, value)


def test_returnee_section_only_for_returnees():
    s = needs_session(
        **{
            "/data/consent": "si",
            "/data/perfil/sex": "hombre",
            "/data/perfil/age": "34",
            "/data/perfil/status": "familiar",
        }
    )
    assert s.relevant("/data/perfil") and not s.relevant("/data/retorno")
    complete_needs(s)
    assert problems(s) == []
    assert ET.fromstring(s.to_xml()).find("retorno") is None

    s.set("/data/perfil/status", "retornado")
    assert s.relevant("/data/retorno")
    missing = {ref for ref, kind in problems(s) if kind == "required"}
    assert {
        "/data/retorno/return_date",
        "/data/retorno/return_how",
        "/data/retorno/years_abroad",
        "/data/empleo/skills_learned_abroad",
    } <= missing
    s.set("/data/retorno/return_date", (date.today() + timedelta(days=10)).isoformat())
    assert s.check("/data/retorno/return_date").kind == "constraint"
    s.set("/data/retorno/return_date", "2025-03-14")
    s.set("/data/retorno/return_how", "deportado_aereo")
    s.set("/data/retorno/return_country", "estados_unidos")
    s.set("/data/retorno/years_abroad", "40")  # more years abroad than years of age
    assert s.check("/data/retorno/years_abroad").kind == "constraint"
    s.set("/data/retorno/years_abroad", "12")
    s.set("/data/retorno/months_abroad", "6")
    assert s.value("/data/retorno/months_abroad_total") == "150"
    s.set("/data/retorno/reception_attended", "si")
    s.set("/data/empleo/skills_learned_abroad", "si")
    assert problems(s) == []


def test_household_totals():
    s = needs_session(**{"/data/consent": "si"})
    members = [
        ("entrevistada", "mujer", "41", "300"),
        ("hijo_hija", "hombre", "17", "120"),
        ("hijo_hija", "mujer", "9", None),
    ]
    for index, (relation, sex, age, income) in enumerate(members, start=1):
        ref = (
            f"/data/hogar/household[{index}]"
            if index == 1
            else s.add_repeat("/data/hogar/household")
        )
        s.set(f"{ref}/member_relation", relation)
        s.set(f"{ref}/member_sex", sex)
        s.set(f"{ref}/member_age", age)
        if income is not None:
            s.set(f"{ref}/member_income", income)
    assert not s.relevant("/data/hogar/household[3]/member_income")  # a child of 9
    assert s.value("/data/hogar/household_size") == "3"
    assert s.value("/data/hogar/household_minors") == "2"
    assert float(s.value("/data/hogar/household_income")) == 420
    s.set("/data/hogar/household[2]/member_age", "130")
    assert s.check("/data/hogar/household[2]/member_age").kind == "constraint"


def test_employment_skip_logic():
    s = needs_session(**{"/data/consent": "si"})
    s.set("/data/empleo/works_now", "si")
    assert s.relevant("/data/empleo/work_type") and not s.relevant("/data/empleo/seeking_work")
    s.set("/data/empleo/works_now", "no")
    assert not s.relevant("/data/empleo/work_type") and s.relevant("/data/empleo/seeking_work")
    s.set("/data/empleo/seeking_work", "no")
    assert s.relevant("/data/empleo/not_seeking_reason")
    assert not s.relevant("/data/empleo/job_barriers")
    s.set("/data/empleo/skills", "ninguna cocina")
    assert s.check("/data/empleo/skills").kind == "constraint"
    s.set("/data/empleo/skills", "ninguna")
    assert not s.relevant("/data/empleo/skills_certified")


def test_ranked_needs_cannot_repeat():
    s = needs_session(**{"/data/consent": "si"})
    s.set("/data/necesidades/need_1", "vivienda")
    assert "vivienda" not in choices(s, "/data/necesidades/need_2")
    s.set("/data/necesidades/need_2", "salud")
    third = choices(s, "/data/necesidades/need_3")
    assert "vivienda" not in third and "salud" not in third and "empleo" in third
    s.set("/data/necesidades/need_3", "vivienda")
    assert s.check("/data/necesidades/need_3").kind == "constraint"
    s.set("/data/necesidades/need_3", "otra")
    assert s.relevant("/data/necesidades/need_other")


def test_services_used_come_from_services_known():
    s = needs_session(**{"/data/consent": "si"})
    s.set("/data/servicios/services_known", "ciudad_mujer unidad_salud")
    assert choices(s, "/data/servicios/services_used") == ["ciudad_mujer", "unidad_salud"]
    s.set("/data/servicios/services_known", "ninguno")
    assert not s.relevant("/data/servicios/services_used")


@pytest.mark.parametrize("form_id", ALL_FORMS)
def test_runs_clean_in_collect(form_id):
    """No function, axis or path that JavaRosa (ODK Collect) rejects while filling the form."""
    from app.engine.collect_compat import collect_warnings

    assert collect_warnings(form(form_id)) == []


@pytest.mark.parametrize("form_id", FOCUS_GROUPS)
def test_a_quote_speaker_must_be_a_consenting_participant(form_id):
    s = form(form_id).new_session()
    add_participant(s, "P01", "si")
    add_participant(s, "P02", "si")
    add_participant(s, "P03", "no")
    topic = next(
        p.ref.rsplit("/", 1)[0] for p in s.prompts() if p.ref.endswith("/quote_participant")
    )
    speaker = f"{topic}/quote_participant"
    for code, accepted in (("P02", True), ("P01", True), ("P03", False), ("P0", False)):
        s.set(speaker, code)
        assert (s.check(speaker) is None) is accepted, code
