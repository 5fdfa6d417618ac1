"""Discussion topics of the focus-group guides, with prompts tailored to each group.

Each topic: its title, and per group a prompt (what the facilitator asks) and probes (what to
follow up on). "default" is used where a group has no tailored wording. The prompt texts live in
one module per topic family; this module puts them together with the titles, the topics of each
guide (in the guide's order: each audience discusses what concerns it) and the shared codebook of
themes.
"""

from __future__ import annotations

from ..table import Text
from . import audience, community, livelihoods, services

# topic name -> title
TITLES: dict[str, Text] = {
    "espacios": ("Espacios comunitarios y convivencia", "Community spaces and coexistence"),
    "discriminacion": (
        "Discriminación hacia personas retornadas",
        "Discrimination faced by returnees",
    ),
    "empleo": ("Empleo e ingresos", "Employment and income"),
    "documentos": ("Identidad y documentos", "Identity and civil documents"),
    "salud": ("Salud y apoyo psicosocial", "Health and psychosocial support"),
    "educacion": ("Educación", "Education"),
    "seguridad": ("Seguridad y violencia", "Safety and violence"),
    "participacion": ("Participación juvenil", "Youth participation"),
    "migracion": ("Intención de migrar de nuevo", "Intentions to migrate again"),
    "espacios_publicos": (
        "Prioridades para los espacios públicos en reconstrucción",
        "Priorities for the public spaces being rebuilt",
    ),
    "cuidados": ("Trabajo de cuidados", "Care work"),
    "remesas": ("Remesas", "Remittances"),
    "comunicacion": (
        "Comunicación con familiares fuera del país",
        "Keeping in touch with relatives abroad",
    ),
    "reintegracion": ("Reintegración: volver a empezar", "Reintegration: starting again"),
    "aspiraciones": ("Sueños y planes", "Dreams and plans"),
}

# Titles that depend on the audience (the group keeps its name, so analysis columns stay put):
# "migrate again" only speaks to people who have migrated before.
GROUP_TITLES: dict[str, dict[str, Text]] = {
    "migracion": {
        "mujeres": ("Migrar o quedarse", "Migrating or staying"),
        "familiares": ("Planes de migrar", "Plans to migrate"),
        "jovenes": ("Irse o quedarse", "Leaving or staying"),
    },
    "discriminacion": {
        "jovenes": (
            "Cómo se trata a las y los jóvenes que regresan",
            "How young people who come back are treated",
        ),
    },
}

# guide (group) -> its topics, in the order of the guide. Youth participation only with young
# people; reintegration with returnees; remittances, keeping in touch and care with relatives.
GUIDE_TOPICS: dict[str, tuple[str, ...]] = {
    "mujeres": (
        "espacios",
        "seguridad",
        "cuidados",
        "empleo",
        "salud",
        "educacion",
        "documentos",
        "discriminacion",
        "migracion",
        "espacios_publicos",
    ),
    "familiares": (
        "espacios",
        "remesas",
        "comunicacion",
        "cuidados",
        "empleo",
        "salud",
        "educacion",
        "seguridad",
        "discriminacion",
        "documentos",
        "migracion",
        "espacios_publicos",
    ),
    "retornados": (
        "espacios",
        "reintegracion",
        "discriminacion",
        "empleo",
        "documentos",
        "salud",
        "educacion",
        "seguridad",
        "migracion",
        "espacios_publicos",
    ),
    "jovenes": (
        "espacios",
        "educacion",
        "seguridad",
        "aspiraciones",
        "participacion",
        "empleo",
        "salud",
        "discriminacion",
        "documentos",
        "migracion",
        "espacios_publicos",
    ),
}


def title(topic: str, group: str) -> Text:
    """The title of a topic in one group's guide."""
    return GROUP_TITLES.get(topic, {}).get(group, TITLES[topic])


def prompt(topic: str, group: str) -> tuple[Text, Text]:
    """(prompt, probes) of a topic in one group's guide: its own wording, else the default."""
    wordings = PROMPTS[topic]
    return wordings[group] if group in wordings else wordings["default"]


# topic -> group -> (prompt, probes); group is "default", "mujeres", "familiares",
# "retornados" or "jovenes".
PROMPTS: dict[str, dict[str, tuple[Text, Text]]] = {
    **community.PROMPTS,
    **livelihoods.PROMPTS,
    **services.PROMPTS,
    **audience.PROMPTS,
}
if PROMPTS.keys() != TITLES.keys():
    # A topic with a title but no prompts (or the reverse) would break every guide at build time.
    raise ValueError(f"topics without both a title and prompts: {PROMPTS.keys() ^ TITLES.keys()}")
_unworded = [
    (group, topic)
    for group, topics in GUIDE_TOPICS.items()
    for topic in topics
    if group not in PROMPTS[topic] and "default" not in PROMPTS[topic]
]
if _unworded:
    raise ValueError(f"topics with no wording for their guide: {_unworded}")

# The shared codebook for coding themes in every topic (kept stable for analysis exports).
THEMES: list[tuple[str, Text]] = [
    ("falta_empleo", ("Falta de empleo", "Lack of jobs")),
    ("ingresos_insuficientes", ("Ingresos insuficientes", "Insufficient income")),
    ("reconocimiento_habilidades", ("Reconocimiento de habilidades", "Recognition of skills")),
    ("acceso_credito", ("Acceso a crédito o capital", "Access to credit or capital")),
    ("remesas", ("Dependencia de remesas", "Dependence on remittances")),
    ("separacion_familiar", ("Separación familiar", "Family separation")),
    ("cuidados", ("Trabajo de cuidados no pagado", "Unpaid care work")),
    ("estigma_retorno", ("Estigma hacia personas retornadas", "Stigma against returnees")),
    ("discriminacion_genero", ("Discriminación por género", "Gender discrimination")),
    ("documentos", ("Documentos y trámites", "Documents and procedures")),
    ("acceso_salud", ("Acceso a salud", "Access to health care")),
    ("salud_mental", ("Salud mental y emocional", "Mental and emotional health")),
    ("educacion", ("Acceso y permanencia escolar", "Access to and staying in school")),
    ("inseguridad", ("Inseguridad y violencia", "Insecurity and violence")),
    (
        "presion_riesgo_jovenes",
        ("Presiones y riesgos para jóvenes", "Pressures and risks for young people"),
    ),
    ("desconfianza_instituciones", ("Desconfianza en instituciones", "Mistrust of institutions")),
    ("redes_apoyo", ("Redes de apoyo", "Support networks")),
    ("participacion", ("Participación comunitaria", "Community participation")),
    ("espacios_seguros", ("Espacios seguros y accesibles", "Safe and accessible spaces")),
    ("servicios_basicos", ("Agua, luz y servicios básicos", "Water, power and basic services")),
    ("transporte", ("Transporte y distancias", "Transport and distances")),
    ("intencion_migrar", ("Intención de migrar", "Intention to migrate")),
    ("arraigo", ("Motivos para quedarse", "Reasons to stay")),
    (
        "comunicacion_familiar",
        ("Comunicación con familiares fuera", "Keeping in touch with relatives abroad"),
    ),
    ("aspiraciones", ("Sueños y planes de vida", "Dreams and life plans")),
    ("otro", ("Otro tema", "Other theme")),
]
