"""Lists and sections shared by the focus-group guides and the needs assessment."""

from __future__ import annotations

from .geography import OTHER_MUNICIPALITY_SUFFIX, OTHER_SUFFIX
from .table import EN, ES, Text, choice, q

VERSION = "2026120703"
SETTINGS_COLUMNS = ("form_id", "version", "form_title", "default_language", "namespaces")
# Declares the prefix of the `bind::encuentro:role` column (see forms.builder.table).
NAMESPACES = 'encuentro="urn:encuentro:xforms"'
CHOICES_COLUMNS = (
    "list_name",
    "name",
    f"label::{ES}",
    f"label::{EN}",
    "department",
    "municipality",
)

# Each roster row records whether the person takes part (`participation`): only with their consent
# and, for a 15-17 year old, a guardian's signed permission. Whoever does not take part is recorded
# as such (with nothing else about them) and is never counted, quoted or required to answer more.
TAKES_PART = "participa"
NO_CONSENT = "no_participa_sin_consentimiento"
NO_GUARDIAN_PERMISSION = "no_participa_sin_autorizacion"
PARTICIPATION = (
    f"if(${{consent}} = 'no', '{NO_CONSENT}', "
    f"if(${{consent}} = 'si' and ${{age_band}} = '15_17' and ${{guardian_consent}} = 'no', "
    f"'{NO_GUARDIAN_PERMISSION}', if(${{consent}} = 'si', '{TAKES_PART}', '')))"
)
# The constraint every quote's speaker must meet: a participant who takes part. Written with
# selected(join(...)) so ODK Collect runs it too: comparing `.` with the path itself selects one
# code per participant, which JavaRosa refuses ("This field is repeated").
CONSENTED_CODES = f"/data/participants[participation = '{TAKES_PART}']/participant_code"
SPEAKER_CONSENTED = f"selected(join(' ', {CONSENTED_CODES}), .)"
CODE_PATTERN = "regex(., '^[A-Za-z]{1,3}-?[0-9]{1,3}$')"

YES_NO = [choice("yes_no", "si", ("Sí", "Yes")), choice("yes_no", "no", ("No", "No"))]
SEX = [
    choice("sex", "mujer", ("Mujer", "Woman")),
    choice("sex", "hombre", ("Hombre", "Man")),
    choice("sex", "no_dice", ("Prefiere no decirlo", "Prefers not to say")),
]
AGE_BANDS = [
    choice("age_band", "15_17", ("15 a 17 años", "15 to 17 years")),
    choice("age_band", "18_24", ("18 a 24 años", "18 to 24 years")),
    choice("age_band", "25_29", ("25 a 29 años", "25 to 29 years")),
    choice("age_band", "30_44", ("30 a 44 años", "30 to 44 years")),
    choice("age_band", "45_59", ("45 a 59 años", "45 to 59 years")),
    choice("age_band", "60_mas", ("60 años o más", "60 years or older")),
]
GROUP_TYPES = [
    choice("group_type", "mujeres", ("Mujeres", "Women")),
    choice(
        "group_type", "familiares", ("Familiares de personas migrantes", "Relatives of migrants")
    ),
    choice("group_type", "retornados", ("Personas retornadas", "Returnees")),
    choice("group_type", "jovenes", ("Adolescentes y jóvenes", "Adolescents and youth")),
]
STATUS = [
    choice("status", "retornado", ("Persona retornada", "Returnee")),
    choice("status", "familiar", ("Familiar de persona migrante", "Relative of a migrant")),
    choice("status", "ninguno", ("Ninguna de las anteriores", "Neither")),
    # Migration status is sensitive (deportation, irregular stay): never force an answer.
    choice("status", "no_dice", ("Prefiere no decirlo", "Prefers not to say")),
]

REQUIRED_PLACE: Text = (
    "Seleccione el lugar de la sesión.",
    "Select where the session takes place.",
)
NOT_FUTURE: Text = ("La fecha no puede ser posterior a hoy.", "The date cannot be after today.")


def place_rows(required_message: Text = REQUIRED_PLACE, relevant: str = "") -> list[dict[str, str]]:
    """Department -> municipality -> community cascading selects, and an unlisted municipality
    or community typed in. `relevant` gates them all (the needs assessment asks them only after
    consent)."""

    def gated(condition: str) -> str:
        return f"{relevant} and {condition}" if relevant else condition

    return [
        q(
            "select_one department",
            "department",
            ("Departamento", "Department"),
            required=True,
            required_message=required_message,
            relevant=relevant,
        ),
        q(
            "select_one municipality",
            "municipality",
            ("Municipio", "Municipality"),
            hint=(
                "Municipio tradicional (distrito desde 2024).",
                "Traditional municipality (a district since 2024).",
            ),
            required=True,
            required_message=required_message,
            relevant=relevant,
            choice_filter="department = ${department}",
        ),
        q(
            "text",
            "municipality_other",
            ("Nombre del municipio", "Name of the municipality"),
            required=True,
            relevant=gated(f"contains(${{municipality}}, '{OTHER_MUNICIPALITY_SUFFIX}')"),
            required_message=(
                "Escriba el nombre del municipio.",
                "Write the name of the municipality.",
            ),
        ),
        q(
            "select_one community",
            "community",
            ("Comunidad", "Community"),
            hint=("Cantón, barrio o colonia.", "Canton, neighbourhood or settlement."),
            required=True,
            required_message=required_message,
            relevant=relevant,
            choice_filter="municipality = ${municipality}",
            role="community",
        ),
        q(
            "text",
            "community_other",
            ("Nombre de la comunidad", "Name of the community"),
            required=True,
            relevant=gated(f"contains(${{community}}, '{OTHER_SUFFIX}')"),
            required_message=(
                "Escriba el nombre de la comunidad.",
                "Write the name of the community.",
            ),
        ),
    ]


def session_rows(intro: Text) -> list[dict[str, str]]:
    """Opening note and session details (names the UI relies on: see CONTRACTS.md)."""
    return [
        q("start", "start"),
        q("end", "end"),
        q("note", "intro", intro),
        *place_rows(),
        q(
            "date",
            "session_date",
            ("Fecha de la sesión", "Date of the session"),
            required=True,
            constraint=". <= today()",
            constraint_message=NOT_FUTURE,
        ),
        q("time", "start_time", ("Hora de inicio", "Start time"), required=True),
        q(
            "text",
            "venue",
            ("Lugar de reunión", "Venue"),
            hint=(
                "Por ejemplo: casa comunal, escuela, iglesia.",
                "For example: community hall, school, church.",
            ),
            required=True,
            required_message=("Indique dónde se reúne el grupo.", "Say where the group meets."),
        ),
        q("text", "facilitator", ("Facilitador o facilitadora", "Facilitator"), required=True),
        q("text", "note_taker", ("Persona relatora", "Note-taker"), required=True),
    ]


# Who sees the data, said in every consent script (focus groups and needs assessment alike).
DATA_PATH: Text = (
    "Lo que anotemos se guarda en esta computadora y después se envía al servidor central del "
    "programa. Solo lo ve el equipo del programa: quienes facilitan, sus supervisores y las "
    "personas que analizan la información. Los resultados se presentan sin datos que permitan "
    "identificar a nadie.",
    "What we write down is kept on this computer and then sent to the programme's central "
    "server. Only the programme team sees it: the facilitators, their supervisors and the people "
    "who analyse the information. Results are presented with nothing that could identify anyone.",
)
CONSENT_SCRIPT: Text = (
    "Lea en voz alta al grupo, antes de registrar a nadie: «Esta conversación es para mejorar el "
    "programa de reintegración y los espacios de la comunidad. Participar es voluntario: puede no "
    "responder alguna pregunta o retirarse en cualquier momento, sin ninguna consecuencia. No "
    f"anotaremos su nombre; usaremos un código. {DATA_PATH[0]} Les pedimos que lo que otras "
    "personas digan aquí se quede aquí: no lo comenten fuera del grupo. ¿Está de acuerdo en "
    "participar?» Luego pregunte a cada persona si acepta y regístrelo en la sección "
    "Participantes.",
    "Read aloud to the group before recording anyone: “This conversation is to improve the "
    "reintegration programme and the community's spaces. Taking part is voluntary: you may skip "
    "any question or leave at any time, with no consequence. We will not write down your name; "
    f"we will use a code. {DATA_PATH[1]} We ask you to keep what others say here confidential: "
    "do not repeat it outside the group. Do you agree to take part?” Then ask each person "
    "whether they agree and record it in the Participants section.",
)


def consent_rows() -> list[dict[str, str]]:
    """The consent script on its own page, right before the roster: the first thing the
    facilitator reads to the group, confirmed before the session can be finalized."""
    return [
        q("begin_group", "consentimiento", ("Consentimiento informado", "Informed consent")),
        q("note", "consent_script", CONSENT_SCRIPT),
        q(
            "acknowledge",
            "consent_script_read",
            (
                "Leí el guion en voz alta y el grupo acordó guardar la confidencialidad.",
                "I read the script aloud and the group agreed to keep what is said confidential.",
            ),
            required=True,
            required_message=(
                "Lea el guion de consentimiento al grupo y confírmelo aquí.",
                "Read the consent script to the group and confirm it here.",
            ),
        ),
        q("end_group", ""),
    ]


def participant_rows(group: str, age_filter: str = "") -> list[dict[str, str]]:
    """The roster: a code (never a name) and consent first; nothing else without consent. A
    15-17 year old without a guardian's signed permission does not take part: the row says so
    and asks nothing more, so it never blocks the session (PARTICIPATION)."""
    consented = "${consent} = 'si'"
    takes_part = f"${{participation}} = '{TAKES_PART}'"
    return [
        q("begin_repeat", "participants", ("Participantes", "Participants")),
        q(
            "text",
            "participant_code",
            ("Código de participante", "Participant code"),
            hint=(
                "Nunca el nombre. Por ejemplo: P01, P02…",
                "Never the name. For example: P01, P02…",
            ),
            required=True,
            constraint=CODE_PATTERN,
            constraint_message=(
                "Use un código como P01 (letras y números), nunca un nombre.",
                "Use a code like P01 (letters and digits), never a name.",
            ),
            required_message=(
                "Cada participante necesita un código.",
                "Every participant needs a code.",
            ),
        ),
        q(
            "select_one yes_no",
            "consent",
            ("¿Da su consentimiento para participar?", "Do they consent to take part?"),
            required=True,
            required_message=(
                "Registre si la persona dio su consentimiento.",
                "Record whether the person consented.",
            ),
        ),
        q(
            "note",
            "no_consent",
            (
                "No registre ningún otro dato de esta persona. Agradézcale y respete su decisión.",
                "Record nothing else about this person. Thank them and respect their decision.",
            ),
            relevant="${consent} = 'no'",
        ),
        q(
            "select_one age_band",
            "age_band",
            ("Grupo de edad", "Age group"),
            required=True,
            relevant=consented,
            choice_filter=age_filter,
        ),
        q(
            "select_one yes_no",
            "guardian_consent",
            (
                "¿Hay autorización firmada de su madre, padre o persona responsable?",
                "Is there signed permission from their mother, father or guardian?",
            ),
            relevant=f"{consented} and ${{age_band}} = '15_17'",
            required=True,
        ),
        q("calculate", "participation", calculation=PARTICIPATION),
        q(
            "note",
            "no_guardian_permission",
            (
                "No participa: sin autorización de su madre, padre o persona responsable. "
                "Explíquele con amabilidad por qué no puede participar esta vez y no registre "
                "nada de lo que diga. No se le pide ningún otro dato.",
                "Not taking part: no permission from a parent or guardian. Kindly explain why "
                "they cannot take part this time and record nothing they say. No other answer "
                "is asked about them.",
            ),
            relevant=f"${{participation}} = '{NO_GUARDIAN_PERMISSION}'",
        ),
        q("select_one sex", "sex", ("Sexo", "Sex"), required=True, relevant=takes_part),
        q(
            "select_one group_type",
            "group_type",
            ("Tipo de grupo", "Group type"),
            required=True,
            relevant=takes_part,
            default=group,
            role="group",
        ),
        q(
            "select_one status",
            "status",
            ("Situación migratoria", "Migration situation"),
            hint=("Según lo que la persona quiera decir.", "As the person chooses to say."),
            required=True,
            relevant=takes_part,
        ),
        q("end_repeat", ""),
        q(
            "calculate",
            "n_participants",
            calculation=f"count(/data/participants[participation = '{TAKES_PART}'])",
        ),
        q(
            "calculate",
            "n_not_taking_part",
            calculation=f"count(/data/participants[participation = '{NO_CONSENT}' or "
            f"participation = '{NO_GUARDIAN_PERMISSION}'])",
        ),
        q(
            "note",
            "roster_summary",
            (
                "Participan: ${n_participants}. No participan (sin consentimiento o sin "
                "autorización): ${n_not_taking_part}.",
                "Taking part: ${n_participants}. Not taking part (no consent or no "
                "permission): ${n_not_taking_part}.",
            ),
        ),
    ]


def notes_rows() -> list[dict[str, str]]:
    """The note-taker's timestamped notes; the app fills this from its notes panel."""
    return [
        q(
            "begin_repeat",
            "notes",
            ("Notas de la persona relatora", "Note-taker's notes"),
            hint=(
                "Se llenan desde el panel de notas durante la sesión.",
                "Filled from the notes panel during the session.",
            ),
        ),
        # Not required: the repeat starts with one entry even when no note is taken.
        q("text", "note_text", ("Nota", "Note"), appearance="multiline"),
        q(
            "integer",
            "note_elapsed",
            ("Segundos desde el inicio", "Seconds since the start"),
            constraint=". >= 0",
            constraint_message=("No puede ser negativo.", "Cannot be negative."),
        ),
        q(
            "text",
            "note_topic",
            ("Tema de la guía", "Guide topic"),
            # The app writes the title of the page on screen when the note was taken.
            hint=(
                "Tema de la guía que se discutía al tomar la nota.",
                "Guide topic under discussion when the note was taken.",
            ),
        ),
        q("dateTime", "note_time", ("Hora de la nota", "Time of the note")),
        q("end_repeat", ""),
    ]


def closing_rows() -> list[dict[str, str]]:
    """Agreements, follow-up, referrals, observations and end time."""
    multiline = "multiline"
    return [
        q("begin_group", "closing", ("Cierre", "Closing")),
        q(
            "note",
            "closing_prompt",
            (
                "Agradezca la participación. Recuerde que lo dicho es confidencial, explique los "
                "siguientes pasos del programa y comparta los contactos de apoyo disponibles.",
                "Thank everyone for taking part. Remind them that what was said is confidential, "
                "explain the programme's next steps and share the available support contacts.",
            ),
        ),
        q("text", "agreements", ("Acuerdos del grupo", "Agreements reached"), appearance=multiline),
        q(
            "text",
            "follow_up",
            ("Seguimiento: qué, quién y cuándo", "Follow-up: what, who and when"),
            appearance=multiline,
        ),
        q(
            "select_one yes_no",
            "referral_requested",
            (
                "¿Alguna persona pidió apoyo o una referencia a servicios?",
                "Did anyone ask for support or a referral to services?",
            ),
            required=True,
        ),
        q(
            "text",
            "referral_details",
            (
                "Referencias pedidas (con códigos, sin nombres)",
                "Referrals requested (codes, no names)",
            ),
            relevant="${referral_requested} = 'si'",
            appearance=multiline,
            required=True,
        ),
        q(
            "text",
            "observations",
            ("Observaciones de la dinámica del grupo", "Observations on the group dynamics"),
            hint=(
                "Quién habló poco, tensiones, temas evitados, condiciones del lugar.",
                "Who spoke little, tensions, topics avoided, conditions of the venue.",
            ),
            appearance=multiline,
        ),
        q("time", "end_time", ("Hora de cierre", "End time"), required=True),
        q("end_group", ""),
    ]
