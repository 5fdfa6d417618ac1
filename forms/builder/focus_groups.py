"""The four focus-group guides: shared structure, prompts tailored to each group."""

from __future__ import annotations

from . import common
from .common import SPEAKER_CONSENTED, VERSION
from .geography import place_choices
from .table import ES, SURVEY_COLUMNS, Sheet, Text, choice, q
from .topics import GUIDE_TOPICS, THEMES, prompt, title

# group -> (form id, title, intro note, age choice filter)
GROUPS: dict[str, tuple[str, Text, Text, str]] = {
    "mujeres": (
        "grupo_focal_mujeres",
        ("Grupo focal con mujeres", "Focus group with women"),
        (
            "Guía para conversar con mujeres de la comunidad sobre convivencia, seguridad, trabajo "
            "de cuidados y acceso a servicios, para orientar el programa de reintegración y la "
            "rehabilitación de espacios públicos. Facilite en un lugar privado y a una hora que "
            "permita asistir a quienes cuidan de otras personas.",
            "Guide for a conversation with women of the community about coexistence, safety, care "
            "work and access to services, to guide the reintegration programme and the rebuilding "
            "of public spaces. Hold it somewhere private, at a time that suits those who care for "
            "others.",
        ),
        "",
    ),
    "familiares": (
        "grupo_focal_familiares",
        (
            "Grupo focal con familiares de personas migrantes",
            "Focus group with relatives of migrants",
        ),
        (
            "Guía para conversar con familias que tienen parientes fuera del país sobre remesas, "
            "separación familiar, vida comunitaria y planes de migrar, para orientar el programa "
            "de reintegración y la rehabilitación de espacios públicos.",
            "Guide for a conversation with families who have relatives abroad about remittances, "
            "family separation, community life and plans to migrate, to guide the reintegration "
            "programme and the rebuilding of public spaces.",
        ),
        "",
    ),
    "retornados": (
        "grupo_focal_retornados",
        ("Grupo focal con personas retornadas", "Focus group with returnees"),
        (
            "Guía para conversar con personas retornadas sobre su recepción en la comunidad, el "
            "estigma, el reconocimiento de sus habilidades y sus necesidades de reintegración. No "
            "pida detalles del viaje, de la detención o de la deportación: cada persona comparte "
            "solo lo que quiera.",
            "Guide for a conversation with returnees about how the community received them, "
            "stigma, recognition of their skills and their reintegration needs. Do not ask for "
            "details of the journey, detention or deportation: each person shares only what they "
            "want to.",
        ),
        "",
    ),
    "jovenes": (
        "grupo_focal_jovenes",
        ("Grupo focal con adolescentes y jóvenes", "Focus group with adolescents and youth"),
        (
            "Guía para conversar con adolescentes y jóvenes (15 a 24 años) sobre estudios, "
            "seguridad, sus sueños y planes, su participación y el uso de los espacios públicos. "
            "Las personas de 15 a 17 años necesitan autorización firmada de su madre, padre o "
            "responsable, además de su propio consentimiento. Use un lenguaje cercano y sencillo "
            "y no pida nombres ni casos concretos.",
            "Guide for a conversation with adolescents and young people (15 to 24) about study, "
            "safety, their dreams and plans, taking part, and the use of public spaces. Those aged "
            "15 to 17 need signed permission from a parent or guardian as well as their own "
            "consent. Use friendly, simple language and do not ask for names or specific cases.",
        ),
        "name = '15_17' or name = '18_24'",
    ),
}

DISCUSSION: tuple[Text, Text] = (
    ("Notas de la discusión", "Discussion notes"),
    (
        "Resuma las ideas principales y los desacuerdos. Use códigos de participante, nunca "
        "nombres.",
        "Summarise the main ideas and disagreements. Use participant codes, never names.",
    ),
)


def topic_rows(topic: str, group: str) -> list[dict[str, str]]:
    """One topic as a group: prompt with probes, notes, key quotes and coded themes."""
    question, probes = prompt(topic, group)
    return [
        q("begin_group", topic, title(topic, group), role="topic"),
        q("note", f"{topic}_prompt", question, hint=probes),
        q(
            "text",
            f"{topic}_discussion",
            DISCUSSION[0],
            hint=DISCUSSION[1],
            appearance="multiline",
            role="note",
        ),
        q("begin_repeat", f"{topic}_quotes", ("Citas clave", "Key quotes")),
        q(
            "text",
            "quote_text",
            ("Cita breve, tal como se dijo", "Short quote, as it was said"),
            role="quote",
            # Not required: a repeat starts with one entry, and a topic may have no quote.
        ),
        q(
            "text",
            "quote_participant",
            ("Código de quien lo dijo", "Code of the speaker"),
            required="../quote_text != ''",  # quote_text repeats per topic: no ${}
            required_message=(
                "Indique el código de quien dijo la cita.",
                "Give the code of whoever said the quote.",
            ),
            role="speaker",
            constraint=SPEAKER_CONSENTED,
            constraint_message=(
                "Use el código de una persona que participa: con su consentimiento y, si tiene "
                "15 a 17 años, con la autorización de su madre, padre o responsable.",
                "Use the code of someone taking part: they consented and, if aged 15 to 17, "
                "a parent or guardian gave permission.",
            ),
        ),
        q("end_repeat", ""),
        q(
            "select_multiple themes",
            f"{topic}_themes",
            ("Temas codificados", "Coded themes"),
            hint=("Marque los temas que surgieron.", "Tick the themes that came up."),
            role="themes",
        ),
        q("end_group", ""),
    ]


def build(group: str) -> tuple[str, list[Sheet]]:
    """The sheets of one focus-group guide and its form id."""
    form_id, title, intro, age_filter = GROUPS[group]
    survey = Sheet("survey", SURVEY_COLUMNS)
    rows = [
        *common.session_rows(intro),
        *common.consent_rows(),
        *common.participant_rows(group, age_filter),
        *(row for topic in GUIDE_TOPICS[group] for row in topic_rows(topic, group)),
        *common.notes_rows(),
        *common.closing_rows(),
    ]
    for row in rows:
        survey.add(**row)
    choices = Sheet("choices", common.CHOICES_COLUMNS)
    lists = [
        *common.YES_NO,
        *common.SEX,
        *common.AGE_BANDS,
        *common.GROUP_TYPES,
        *common.STATUS,
        *(choice("themes", name, label) for name, label in THEMES),
        *place_choices(),
    ]
    for row in lists:
        choices.add(**row)
    settings = Sheet("settings", common.SETTINGS_COLUMNS)
    settings.add(
        form_id=form_id,
        version=VERSION,
        form_title=title[0],
        default_language=ES,
        namespaces=common.NAMESPACES,
    )
    return form_id, [survey, choices, settings]
