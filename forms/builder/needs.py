"""Individual reintegration needs assessment: consent first, returnee section only for returnees."""

from __future__ import annotations

from . import common
from .common import CODE_PATTERN, NOT_FUTURE, VERSION
from .geography import place_choices
from .needs_lists import LISTS
from .referrals import referral_card
from .table import ES, SURVEY_COLUMNS, Sheet, Text, choice, q

FORM_ID = "evaluacion_necesidades"
TITLE: Text = (
    "Evaluación individual de necesidades de reintegración",
    "Individual reintegration needs assessment",
)
CONSENTED = "${consent} = 'si'"
RETURNEE = "${status} = 'retornado'"


def _list(name: str, items: list[tuple[str, Text]]) -> list[dict[str, str]]:
    return [choice(name, value, label) for value, label in items]


def exclusive(value: str, label: Text) -> tuple[str, Text]:
    """Constraint and message for a select_multiple where `value` excludes the others."""
    return (
        f"not(selected(., '{value}') and count-selected(.) > 1)",
        (
            f"«{label[0]}» no se puede marcar junto con otras opciones.",
            f"“{label[1]}” cannot be ticked together with other options.",
        ),
    )


INTRO: Text = (
    "Entrevista individual y confidencial para conocer las necesidades de reintegración de "
    "la persona y de su hogar. No se anota el nombre: se usa un código.",
    "Individual, confidential interview to learn the reintegration needs of the person and "
    "their household. The name is not recorded: a code is used.",
)
CONSENT: Text = (
    "Lea en voz alta: «Le haremos preguntas sobre su situación y la de su hogar para "
    "orientar el apoyo del programa. Es voluntario: puede no responder alguna pregunta o "
    "terminar cuando quiera, y eso no afectará la ayuda que pueda recibir. No anotaremos su "
    f"nombre; usaremos un código. {common.DATA_PATH[0]} ¿Acepta participar?»",
    "Read aloud: “We will ask about your situation and your household's to guide the "
    "programme's support. It is voluntary: you may skip any question or stop whenever you "
    "wish, and that will not affect any help you may receive. We will not write down your "
    f"name; we will use a code. {common.DATA_PATH[1]} Do you agree to take part?”",
)
CONSENT_GUIDANCE: Text = (
    "Si la persona tiene menos de 18 años, confirme primero la autorización firmada de su "
    "madre, padre o persona responsable. Si no hay autorización o no acepta, agradézcale y "
    "finalice: la entrevista queda como no realizada.",
    "If the person is under 18, first confirm signed permission from a parent or guardian. "
    "Without permission, or if they decline, thank them and finalize: the interview is "
    "recorded as not conducted.",
)
ADULT = "${is_adult} = 'si'"
AUTHORIZED = f"{ADULT} or ${{guardian_authorization}} = 'si'"
DECLINED = "${consent} = 'no' or ${guardian_authorization} = 'no'"
# What the submission says happened: analysts count interviews not conducted without reading
# every answer. A minor without a guardian's permission is "no consent" too.
OUTCOME = f"if({CONSENTED}, 'realizada', if({DECLINED}, 'no_realizada_sin_consentimiento', ''))"


def consent_gate_rows() -> list[dict[str, str]]:
    """The first page: the consent script, then who may consent, then the answer. A refusal
    (or a minor without a guardian's permission) leaves nothing else to answer: the session
    finalizes as "not conducted: no consent"."""
    return [
        q("note", "consent_script", CONSENT, hint=CONSENT_GUIDANCE),
        q(
            "select_one yes_no",
            "is_adult",
            ("¿La persona tiene 18 años o más?", "Is the person 18 or older?"),
            required=True,
            required_message=(
                "Indique si la persona es mayor de edad antes de pedir su consentimiento.",
                "Say whether the person is an adult before asking for consent.",
            ),
        ),
        q(
            "select_one yes_no",
            "guardian_authorization",
            (
                "¿Hay autorización firmada de su madre, padre o persona responsable?",
                "Is there signed permission from a parent or guardian?",
            ),
            hint=(
                "Solo se entrevista a personas de 15 años o más.",
                "Only people aged 15 or older are interviewed.",
            ),
            relevant="${is_adult} = 'no'",
            required=True,
        ),
        q(
            "select_one yes_no",
            "consent",
            ("¿La persona da su consentimiento?", "Does the person give consent?"),
            relevant=AUTHORIZED,
            required=True,
            required_message=(
                "Registre la respuesta de consentimiento antes de continuar.",
                "Record the consent answer before going on.",
            ),
        ),
        q("calculate", "interview_outcome", calculation=OUTCOME),
        q(
            "note",
            "no_consent",
            (
                "Entrevista no realizada: sin consentimiento. Agradezca su tiempo y finalice "
                "ahora. No registre ningún otro dato.",
                "Interview not conducted: no consent. Thank them for their time and finalize "
                "now. Record nothing else.",
            ),
            relevant=DECLINED,
        ),
    ]


NO_ANSWER = "no_dice"
TRAFFICKING_NONE = exclusive("ninguna", ("Ninguna de estas", "None of these"))
TRAFFICKING_SKIP = exclusive(NO_ANSWER, ("Prefiere no responder", "Prefers not to answer"))


def protection_rows() -> list[dict[str, str]]:
    """Protection screening: threats, displacement, trafficking indicators, violence. Any
    disclosure shows the referral card (forms/builder/referrals.py) at once."""
    indicators = (
        "count-selected(${trafficking}) > 0 and not(selected(${trafficking}, 'ninguna')) "
        f"and not(selected(${{trafficking}}, '{NO_ANSWER}'))"
    )
    disclosed = (
        f"${{threats}} = 'si' or ${{displaced}} = 'si' or ${{violence}} = 'si' or ({indicators})"
    )
    return [
        q(
            "begin_group",
            "proteccion",
            ("Protección", "Protection"),
            relevant=CONSENTED,
        ),
        q(
            "note",
            "protection_intro",
            (
                "Pregunte en privado, sin otras personas presentes. Diga: «Estas preguntas son "
                "sobre su seguridad. Puede no responder. Lo que diga solo servirá para ofrecerle "
                "apoyo.»",
                "Ask in private, with nobody else present. Say: “These questions are about your "
                "safety. You do not have to answer. What you say will only be used to offer you "
                "support.”",
            ),
        ),
        q(
            "select_one yes_no_pns",
            "threats",
            (
                "En el último año, ¿usted o alguien de su hogar ha recibido amenazas, "
                "extorsión o intimidación?",
                "In the past year, have you or anyone in your household received threats, "
                "extortion or intimidation?",
            ),
            required=True,
        ),
        q(
            "select_one yes_no_pns",
            "displaced",
            (
                "¿Ha tenido que dejar su casa o su comunidad por violencia o amenazas?",
                "Have you had to leave your home or community because of violence or threats?",
            ),
            required=True,
        ),
        q(
            "select_multiple trafficking",
            "trafficking",
            (
                "En el viaje, en un trabajo o desde su regreso, ¿le ha pasado alguna de estas "
                "cosas?",
                "On the journey, at a job or since coming back, has any of these happened to you?",
            ),
            required=True,
            constraint=f"{TRAFFICKING_NONE[0]} and {TRAFFICKING_SKIP[0]}",
            constraint_message=(
                "«Ninguna de estas» y «Prefiere no responder» no se marcan junto con otras "
                "opciones.",
                "“None of these” and “Prefers not to answer” cannot be ticked with other options.",
            ),
        ),
        q(
            "select_one yes_no_pns",
            "violence",
            (
                "¿Alguien cercano le ha hecho daño, le ha golpeado o le hace sentir en peligro?",
                "Has someone close to you hurt you, hit you or made you feel in danger?",
            ),
            required=True,
        ),
        q("calculate", "protection_risk", calculation=f"if({disclosed}, 'si', 'no')"),
        q("note", "referral_card", referral_card(), relevant="${protection_risk} = 'si'"),
        q("end_group", ""),
    ]


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
