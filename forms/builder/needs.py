"""Individual reintegration needs assessment: consent first, returnee section only for returnees."""

from __future__ import annotations

from . import common
from .common import CODE_PATTERN, NOT_FUTURE, VERSION
from .geography import place_choices
from .needs_consent import ADULT, CONSENTED, INTRO, consent_gate_rows
from .needs_lists import LISTS
from .needs_protection import protection_rows
from .table import ES, SURVEY_COLUMNS, Sheet, Text, choice, exclusive, q

FORM_ID = "evaluacion_necesidades"
TITLE: Text = (
    "Evaluación individual de necesidades de reintegración",
    "Individual reintegration needs assessment",
)
RETURNEE = "${status} = 'retornado'"


def _list(name: str, items: list[tuple[str, Text]]) -> list[dict[str, str]]:
    return [choice(name, value, label) for value, label in items]


def _survey_rows() -> list[dict[str, str]]:
    skills_none = exclusive("ninguna", ("Ninguna de estas", "None of these"))
    services_none = exclusive("ninguno", ("No conoce ninguno", "Knows none"))
    barriers_none = exclusive("ninguna", ("Ninguna dificultad", "No difficulty"))
    has_skills = "count-selected(${skills}) > 0 and not(selected(${skills}, 'ninguna'))"
    knows = "count-selected(${services_known}) > 0 and not(selected(${services_known}, 'ninguno'))"
    income = "/data/hogar/household[member_income != '']/member_income"
    return [
        q("start", "start"),
        q("end", "end"),
        *consent_gate_rows(),
        q("note", "intro", INTRO, relevant=CONSENTED),
        q(
            "text",
            "interviewer",
            ("Persona entrevistadora", "Interviewer"),
            required=True,
            relevant=CONSENTED,
        ),
        q(
            "date",
            "interview_date",
            ("Fecha de la entrevista", "Date of the interview"),
            required=True,
            relevant=CONSENTED,
            constraint=". <= today()",
            constraint_message=NOT_FUTURE,
        ),
        *common.place_rows(relevant=CONSENTED),
        q(
            "text",
            "respondent_code",
            ("Código de la persona entrevistada", "Respondent code"),
            hint=("Nunca el nombre. Por ejemplo: E014.", "Never the name. For example: E014."),
            required=True,
            relevant=CONSENTED,
            constraint=CODE_PATTERN,
            constraint_message=(
                "Use un código como E014 (letras y números), nunca un nombre.",
                "Use a code like E014 (letters and digits), never a name.",
            ),
        ),
        # ---- profile
        q("begin_group", "perfil", ("Datos generales", "About the person"), relevant=CONSENTED),
        q("select_one sex", "sex", ("Sexo", "Sex"), required=True),
        q(
            "integer",
            "age",
            ("Edad en años cumplidos", "Age in completed years"),
            required=True,
            # Must agree with the answer that decided who consents (adult or guardian).
            constraint=f". >= 15 and . <= 100 and (({ADULT} and . >= 18) or "
            "(${is_adult} = 'no' and . < 18))",
            constraint_message=(
                "La edad debe estar entre 15 y 100 años y coincidir con lo respondido al inicio "
                "(18 años o más).",
                "Age must be between 15 and 100 and agree with the answer at the start "
                "(18 or older).",
            ),
            required_message=(
                "Anote la edad; si no la sabe con certeza, una aproximada.",
                "Write the age; an estimate if unsure.",
            ),
        ),
        # Kept for analysis (same column as before): the permission asked at the start.
        q(
            "calculate",
            "guardian_consent",
            calculation="${guardian_authorization}",
        ),
        q(
            "select_one status",
            "status",
            ("Situación migratoria", "Migration situation"),
            hint=("Según lo que la persona quiera decir.", "As the person chooses to say."),
            required=True,
            role="group",
        ),
        q("end_group", ""),
        # ---- returnees only
        q("begin_group", "retorno", ("Retorno", "Return"), relevant=f"{CONSENTED} and {RETURNEE}"),
        q(
            "date",
            "return_date",
            ("Fecha del último regreso al país", "Date of last return"),
            hint=(
                "Si no recuerda el día, use el primero del mes.",
                "If the day is not remembered, use the first of the month.",
            ),
            required=True,
            constraint=". <= today() and . >= date('1980-01-01')",
            constraint_message=(
                "La fecha no puede ser posterior a hoy ni anterior a 1980.",
                "The date cannot be after today or before 1980.",
            ),
        ),
        q(
            "select_one return_how",
            "return_how",
            ("¿Cómo regresó?", "How did they return?"),
            required=True,
        ),
        q(
            "text",
            "return_how_other",
            ("¿De qué otra forma?", "What other way?"),
            relevant="${return_how} = 'otro'",
            required=True,
        ),
        q(
            "select_one country",
            "return_country",
            ("¿Desde qué país regresó?", "Which country did they return from?"),
            required=True,
        ),
        q(
            "integer",
            "years_abroad",
            ("Tiempo fuera del país: años", "Time abroad: years"),
            required=True,
            constraint=". >= 0 and . <= ${age}",
            constraint_message=(
                "No puede ser negativo ni mayor que la edad de la persona.",
                "Cannot be negative or more than the person's age.",
            ),
        ),
        q(
            "integer",
            "months_abroad",
            ("Tiempo fuera del país: meses adicionales", "Time abroad: additional months"),
            required=True,
            constraint=". >= 0 and . <= 11",
            constraint_message=("Entre 0 y 11 meses.", "Between 0 and 11 months."),
        ),
        q(
            "calculate",
            "months_abroad_total",
            calculation="${years_abroad} * 12 + ${months_abroad}",
        ),
        q(
            "select_one yes_no",
            "reception_attended",
            (
                "¿Recibió atención al llegar al país (centro de recepción)?",
                "Were they received by a reception centre on arrival?",
            ),
            required=True,
        ),
        q("end_group", ""),
        # ---- household
        q("begin_group", "hogar", ("Hogar", "Household"), relevant=CONSENTED),
        q(
            "note",
            "household_intro",
            (
                "Registre a cada persona que vive en el hogar, incluida la "
                "persona entrevistada. Sin nombres.",
                "Record everyone who lives in the household, including "
                "the person interviewed. No names.",
            ),
        ),
        q("begin_repeat", "household", ("Integrante del hogar", "Household member")),
        q(
            "select_one relation",
            "member_relation",
            ("Relación con la persona entrevistada", "Relationship to the person interviewed"),
            required=True,
        ),
        q("select_one sex", "member_sex", ("Sexo", "Sex"), required=True),
        q(
            "integer",
            "member_age",
            ("Edad", "Age"),
            required=True,
            constraint=". >= 0 and . <= 110",
            constraint_message=(
                "La edad debe estar entre 0 y 110 años.",
                "Age must be between 0 and 110.",
            ),
        ),
        q(
            "decimal",
            "member_income",
            ("Ingreso mensual aproximado (US$)", "Approximate monthly income (US$)"),
            hint=("0 si no tiene ingresos; vacío si no se sabe.", "0 if none; blank if unknown."),
            relevant="${member_age} >= 14",
            constraint=". >= 0 and . <= 20000",
            constraint_message=(
                "Entre 0 y 20 000 dólares al mes.",
                "Between 0 and 20,000 dollars a month.",
            ),
        ),
        q("end_repeat", ""),
        q("calculate", "household_size", calculation="count(${household})"),
        q(
            "calculate",
            "household_minors",
            calculation="count(/data/hogar/household[member_age < 18])",
        ),
        q("calculate", "household_income", calculation=f"sum({income})"),
        q(
            "select_one yes_no_pns",
            "remittances",
            ("¿El hogar recibe remesas?", "Does the household receive remittances?"),
            required=True,
        ),
        q(
            "note",
            "household_summary",
            (
                "Personas en el hogar: ${household_size}. Menores de 18 años: ${household_minors}. "
                "Ingreso mensual declarado: US$ ${household_income}.",
                "People in the household: ${household_size}. Under 18: ${household_minors}. "
                "Monthly income declared: US$ ${household_income}.",
            ),
        ),
        q("end_group", ""),
        # ---- employment
        q("begin_group", "empleo", ("Empleo", "Employment"), relevant=CONSENTED),
        q(
            "select_one yes_no",
            "works_now",
            ("¿Trabaja actualmente, con o sin pago?", "Are they working now, paid or unpaid?"),
            required=True,
        ),
        q(
            "select_one work_type",
            "work_type",
            ("¿Qué tipo de trabajo?", "What kind of work?"),
            relevant="${works_now} = 'si'",
            required=True,
        ),
        q(
            "select_one income_band",
            "work_income",
            ("Ingreso mensual de ese trabajo", "Monthly income from that work"),
            relevant="${works_now} = 'si'",
            required=True,
        ),
        q(
            "select_one yes_no",
            "seeking_work",
            ("¿Está buscando trabajo?", "Are they looking for work?"),
            relevant="${works_now} = 'no'",
            required=True,
        ),
        q(
            "select_one not_seeking",
            "not_seeking_reason",
            ("¿Por qué no busca trabajo?", "Why are they not looking?"),
            relevant="${seeking_work} = 'no'",
            required=True,
        ),
        q(
            "select_multiple job_barriers",
            "job_barriers",
            ("¿Qué le dificulta encontrar trabajo?", "What makes finding work hard?"),
            relevant="${seeking_work} = 'si'",
            required=True,
        ),
        q(
            "select_multiple skills",
            "skills",
            ("¿Qué oficios o habilidades tiene?", "What trades or skills do they have?"),
            required=True,
            constraint=skills_none[0],
            constraint_message=skills_none[1],
        ),
        q(
            "select_one yes_no",
            "skills_certified",
            (
                "¿Tiene certificado o constancia de alguna de esas habilidades?",
                "Do they hold a certificate for any of those skills?",
            ),
            relevant=has_skills,
            required=True,
        ),
        q(
            "select_one yes_no",
            "skills_learned_abroad",
            (
                "¿Aprendió alguna de esas habilidades fuera del país?",
                "Did they learn any of those skills abroad?",
            ),
            relevant=f"{has_skills} and {RETURNEE}",
            required=True,
        ),
        q("end_group", ""),
        # ---- ranked needs
        q(
            "begin_group",
            "necesidades",
            ("Necesidades prioritarias", "Priority needs"),
            relevant=CONSENTED,
        ),
        q(
            "select_one needs",
            "need_1",
            ("Necesidad más urgente", "Most urgent need"),
            required=True,
            role="need",
        ),
        q(
            "select_one needs",
            "need_2",
            ("Segunda necesidad", "Second need"),
            required=True,
            role="need",
            choice_filter="name != ${need_1}",
            constraint=". != ${need_1}",
            constraint_message=(
                "Elija una necesidad distinta de la primera.",
                "Choose a need other than the first.",
            ),
        ),
        q(
            "select_one needs",
            "need_3",
            ("Tercera necesidad", "Third need"),
            required=True,
            role="need",
            choice_filter="name != ${need_1} and name != ${need_2}",
            constraint=". != ${need_1} and . != ${need_2}",
            constraint_message=(
                "Elija una necesidad distinta de las anteriores.",
                "Choose a need other than the previous ones.",
            ),
        ),
        q(
            "text",
            "need_other",
            ("¿Qué otra necesidad?", "What other need?"),
            relevant="${need_1} = 'otra' or ${need_2} = 'otra' or ${need_3} = 'otra'",
            required=True,
        ),
        q("end_group", ""),
        # ---- services
        q(
            "begin_group",
            "servicios",
            ("Conocimiento de servicios", "Awareness of services"),
            relevant=CONSENTED,
        ),
        q(
            "select_multiple services",
            "services_known",
            ("¿Qué servicios de apoyo conoce?", "Which support services do they know?"),
            required=True,
            constraint=services_none[0],
            constraint_message=services_none[1],
        ),
        q(
            "select_multiple services",
            "services_used",
            ("¿Cuáles ha usado?", "Which have they used?"),
            relevant=knows,
            choice_filter="selected(${services_known}, name)",
        ),
        q(
            "select_multiple service_barriers",
            "service_barriers",
            ("¿Qué le ha dificultado usar servicios?", "What has made using services hard?"),
            relevant=knows,
            constraint=barriers_none[0],
            constraint_message=barriers_none[1],
        ),
        q("end_group", ""),
        *protection_rows(),
        # ---- closing
        q("begin_group", "cierre", ("Cierre", "Closing"), relevant=CONSENTED),
        q(
            "select_one yes_no",
            "referral_needed",
            ("¿Necesita una referencia a algún servicio?", "Do they need a referral to a service?"),
            hint=(
                "Si hubo un riesgo de protección, ofrezca la referencia de protección.",
                "If a protection risk came up, offer the protection referral.",
            ),
            required=True,
        ),
        q(
            "select_multiple referral",
            "referral_type",
            ("¿A qué servicio?", "To which service?"),
            relevant="${referral_needed} = 'si'",
            required=True,
        ),
        q(
            "text",
            "observations",
            ("Observaciones de la persona entrevistadora", "Interviewer's observations"),
            appearance="multiline",
        ),
        q(
            "note",
            "thanks",
            (
                "Agradezca a la persona y explíquele los siguientes pasos.",
                "Thank the person and explain the next steps.",
            ),
        ),
        q("end_group", ""),
    ]


def build() -> tuple[str, list[Sheet]]:
    """The sheets of the needs assessment and its form id."""
    survey = Sheet("survey", SURVEY_COLUMNS)
    for row in _survey_rows():
        survey.add(**row)
    choices = Sheet("choices", common.CHOICES_COLUMNS)
    for row in [*common.YES_NO, *common.SEX, *common.STATUS, *place_choices()]:
        choices.add(**row)
    for name, items in LISTS.items():
        for row in _list(name, items):
            choices.add(**row)
    settings = Sheet("settings", common.SETTINGS_COLUMNS)
    settings.add(
        form_id=FORM_ID,
        version=VERSION,
        form_title=TITLE[0],
        default_language=ES,
        namespaces=common.NAMESPACES,
    )
    return FORM_ID, [survey, choices, settings]
