"""What programme staff would check in the built-in questionnaires (issue 11, "Content of the
built-in forms"): consent first, topics for each audience, a clean end for a minor without
permission, room to decline sensitive questions, and the referral card on disclosure."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from app.engine import Session
from forms.builder.topics import GUIDE_TOPICS
from ui.runner.paging import build_pages

from .conftest import FOCUS_GROUPS, load_built
from .test_forms_engine import EN, ES, form, needs_session, problems

# ------------------------------------------------------------------------------- consent


@pytest.mark.parametrize("form_id", FOCUS_GROUPS)
def test_focus_group_consent_script_opens_the_page_right_above_the_participants(form_id):
    pages = build_pages(form(form_id).new_session().prompts())
    refs = [page.key for page in pages]
    consent = refs.index("/data/consentimiento")
    # The first page holds the session details only; the next is consent, then the roster.
    assert refs[consent + 1] == "/data/participants"
    assert all(page.key != "/data/participants" for page in pages[:consent])
    body = [p for p in pages[consent].prompts if p.kind != "group"]
    assert body[0].ref == "/data/consentimiento/consent_script"
    assert "/data/consentimiento/consent_script_read" in pages[consent].refs()
    assert not any("consent" in ref for page in pages[:consent] for ref in page.refs())


def test_needs_assessment_consent_is_the_first_control_of_the_first_page():
    session = form("evaluacion_necesidades").new_session()
    first = build_pages(session.prompts())[0]
    assert [p.ref for p in first.prompts[:2]] == ["/data/consent_script", "/data/is_adult"]
    # Nothing about the visit or the person is asked before consent.
    assert [p.ref for p in first.questions()] == ["/data/is_adult"]
    session.set("/data/is_adult", "si")
    assert [p.ref for p in build_pages(session.prompts())[0].questions()] == [
        "/data/is_adult",
        "/data/consent",
    ]


@pytest.mark.parametrize("form_id", [*FOCUS_GROUPS, "evaluacion_necesidades"])
def test_consent_scripts_say_where_the_data_goes_and_who_sees_it(form_id):
    script = load_built(form_id).survey_row("consent_script")
    spanish, english = script[f"label::{ES}"], script[f"label::{EN}"]
    assert "servidor central del programa" in spanish and "equipo del programa" in spanish
    assert "programme's central server" in english and "programme team" in english
    assert "supervisores" in spanish and "supervisors" in english
    if form_id in FOCUS_GROUPS:  # what others say stays in the group
        assert "no lo comenten fuera del grupo" in spanish
        assert "keep what others say here confidential" in english


# ------------------------------------------------------------------------------- topics


def topics_of(form_id: str) -> set[str]:
    """The discussion topics of a guide: its groups with discussion notes."""
    survey = load_built(form_id).sheets["survey"]
    names = {row.get("name", "") for row in survey}
    return {
        row["name"]
        for row in survey
        if row["type"] == "begin_group" and f"{row['name']}_discussion" in names
    }


def test_each_guide_discusses_what_concerns_its_audience():
    mujeres = topics_of("grupo_focal_mujeres")
    familiares = topics_of("grupo_focal_familiares")
    retornados = topics_of("grupo_focal_retornados")
    jovenes = topics_of("grupo_focal_jovenes")
    for adults in (mujeres, familiares, retornados):
        assert "participacion" not in adults  # youth participation: young people only
        assert "aspiraciones" not in adults
    assert {"reintegracion", "discriminacion", "documentos"} <= retornados
    assert {"remesas", "comunicacion", "cuidados"} <= familiares
    assert "cuidados" in mujeres
    assert {"educacion", "seguridad", "aspiraciones", "participacion"} <= jovenes
    assert "reintegracion" not in mujeres | familiares | jovenes
    assert "remesas" not in mujeres | retornados | jovenes
    for group, form_id in zip(GUIDE_TOPICS, FOCUS_GROUPS, strict=True):
        assert topics_of(form_id) == set(GUIDE_TOPICS[group])


def test_migrate_again_is_asked_only_of_people_who_migrated():
    for form_id in FOCUS_GROUPS:
        title = load_built(form_id).survey_row("migracion")
        again = "de nuevo" in title[f"label::{ES}"] or "again" in title[f"label::{EN}"]
        assert again == (form_id == "grupo_focal_retornados"), form_id


def test_youth_guide_speaks_to_15_to_24_year_olds():
    form_ = load_built("grupo_focal_jovenes")
    assert "15 a 24 años" in form_.survey_row("intro")[f"label::{ES}"]
    assert "15 to 24" in form_.survey_row("intro")[f"label::{EN}"]
    assert form_.survey_row("age_band")["choice_filter"] == "name = '15_17' or name = '18_24'"
    aspirations = form_.survey_row("aspiraciones_prompt")
    assert "¿Cómo se imaginan su vida" in aspirations[f"label::{ES}"]


def test_salvadoran_spanish_not_spains():
    spain_only = ("coches de bebé", "ordenador", "vosotros", "móvil", "conducción", "vale,")
    for form_id in [*FOCUS_GROUPS, "evaluacion_necesidades"]:
        text = (load_built(form_id).path).read_text(encoding="utf-8").lower()
        for word in spain_only:
            assert word not in text, (form_id, word)


# ----------------------------------------------------------------- minor without permission


def answered(session: Session) -> set[str]:
    """Names of the leaves holding an answer in the submission (metadata left out)."""
    root = ET.fromstring(session.to_xml())
    skip = {"start", "end", "instanceID", "interview_outcome", "guardian_consent"}
    return {e.tag for e in root.iter() if len(e) == 0 and (e.text or "").strip()} - skip


def test_a_minor_without_permission_finalizes_as_not_conducted_with_no_other_answers():
    s = form("evaluacion_necesidades").new_session()
    s.set("/data/is_adult", "no")
    assert s.required("/data/guardian_authorization")
    s.set("/data/guardian_authorization", "no")
    assert not s.relevant("/data/consent")
    assert s.relevant("/data/no_consent")
    assert problems(s) == []  # nothing else is required: the session can be finalized
    assert s.value("/data/interview_outcome") == "no_realizada_sin_consentimiento"
    assert answered(s) == {"is_adult", "guardian_authorization"}
    for ref in ("/data/interviewer", "/data/department", "/data/respondent_code", "/data/perfil"):
        assert not s.relevant(ref), ref


def test_a_minor_with_permission_is_interviewed_and_the_age_must_agree():
    s = form("evaluacion_necesidades").new_session()
    s.set("/data/is_adult", "no")
    s.set("/data/guardian_authorization", "si")
    assert s.relevant("/data/consent")
    s.set("/data/consent", "si")
    assert s.value("/data/interview_outcome") == "realizada"
    s.set("/data/perfil/age", "34")
    assert s.check("/data/perfil/age").kind == "constraint"
    s.set("/data/perfil/age", "16")
    assert s.check("/data/perfil/age") is None
    assert s.value("/data/perfil/guardian_consent") == "si"


def test_an_adult_who_declines_leaves_only_the_consent_answers():
    s = needs_session(**{"/data/consent": "no"})
    assert problems(s) == []
    assert answered(s) == {"is_adult", "consent"}


# ----------------------------------------------------------------- sensitive questions


def choice_values(form_id: str, question: str) -> list[str]:
    built = load_built(form_id)
    list_name = built.survey_row(question)["type"].split()[-1]
    return [r["name"] for r in built.sheets["choices"] if r["list_name"] == list_name]


@pytest.mark.parametrize(
    ("form_id", "question"),
    [
        *((f, "status") for f in FOCUS_GROUPS),
        ("evaluacion_necesidades", "status"),
        ("evaluacion_necesidades", "work_income"),
        ("evaluacion_necesidades", "remittances"),
        ("evaluacion_necesidades", "threats"),
        ("evaluacion_necesidades", "displaced"),
        ("evaluacion_necesidades", "trafficking"),
        ("evaluacion_necesidades", "violence"),
    ],
)
def test_sensitive_required_questions_can_be_declined(form_id, question):
    assert load_built(form_id).survey_row(question)["required"] == "yes"
    assert "no_dice" in choice_values(form_id, question)


# ----------------------------------------------------------------- protection screening


def screened(**answers: str) -> Session:
    s = needs_session(**{"/data/consent": "si"})
    defaults = {"threats": "no", "displaced": "no", "trafficking": "ninguna", "violence": "no"}
    for name, value in {**defaults, **answers}.items():
        s.set(f"/data/proteccion/{name}", value)
    return s


@pytest.mark.parametrize(
    "disclosure",
    [
        {"threats": "si"},
        {"displaced": "si"},
        {"violence": "si"},
        {"trafficking": "deuda"},
        {"trafficking": "documentos_retenidos encierro"},
    ],
)
def test_a_protection_disclosure_shows_the_referral_card_in_both_languages(disclosure):
    s = screened(**disclosure)
    card = "/data/proteccion/referral_card"
    assert s.relevant(card)
    labels = {}
    for language in (ES, EN):
        s.language = language
        labels[language] = next(p.label for p in s.prompts() if p.ref == card)
    assert "911" in labels[ES] and "911" in labels[EN]
    assert labels[ES].startswith("Tarjeta de referencia") and "El Salvador" in labels[ES]
    assert labels[EN].startswith("Referral card") and "El Salvador" in labels[EN]


@pytest.mark.parametrize(
    "answers",
    [{}, {"threats": "no_dice", "violence": "no_dice", "trafficking": "no_dice"}],
)
def test_no_disclosure_no_card(answers):
    s = screened(**answers)
    assert not s.relevant("/data/proteccion/referral_card")
    assert s.value("/data/proteccion/protection_risk") == "no"


def test_none_or_declined_cannot_be_ticked_with_an_indicator():
    s = screened(trafficking="ninguna deuda")
    assert s.check("/data/proteccion/trafficking").kind == "constraint"
    s.set("/data/proteccion/trafficking", "no_dice engano")
    assert s.check("/data/proteccion/trafficking").kind == "constraint"
