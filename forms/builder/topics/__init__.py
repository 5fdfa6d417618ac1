"""Discussion topics of the focus-group guides, with prompts tailored to each group.

Each topic: its title, and per group a prompt (what the facilitator asks) and probes (what to
follow up on). "default" is used where a group has no tailored wording. The prompt texts live in
one module per topic family; this module puts them together with the titles (whose order is the
order of the guide) and the shared codebook of themes.
"""

from __future__ import annotations

from ..table import Text
from . import community, livelihoods, services

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
}

# topic -> group -> (prompt, probes); group is "default", "mujeres", "familiares",
# "retornados" or "jovenes".
PROMPTS: dict[str, dict[str, tuple[Text, Text]]] = {
    **community.PROMPTS,
    **livelihoods.PROMPTS,
    **services.PROMPTS,
}
if PROMPTS.keys() != TITLES.keys():
    # A topic with a title but no prompts (or the reverse) would break every guide at build time.
    raise ValueError(f"topics without both a title and prompts: {PROMPTS.keys() ^ TITLES.keys()}")

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
    ("otro", ("Otro tema", "Other theme")),
]
