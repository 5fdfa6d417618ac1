"""Departments, municipalities and communities for the cascading place questions.

85 communities (cantones, barrios and colonias) of San Miguel, Chirilagua, Usulután,
Jiquilisco, Puerto El Triunfo and Zacatecoluca, with municipalities as people still name
them (since the 2024 reform they are districts of the new municipalities). Each municipality
also gets an "other community" choice so a session in an unlisted place can still be
recorded; check the list against the municipal registers before a new field round.
"""

from __future__ import annotations

import unicodedata

from .table import Text, choice

DEPARTMENTS: dict[str, str] = {
    "san_miguel": "San Miguel",
    "usulutan": "Usulután",
    "la_paz": "La Paz",
}

# municipality code -> (department code, name, community-code prefix, communities)
MUNICIPALITIES: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "san_miguel": (
        "san_miguel",
        "San Miguel",
        "smg",
        (
            "Cantón El Amate",
            "Cantón El Brazo",
            "Cantón El Divisadero",
            "Cantón El Jute",
            "Cantón El Papalón",
            "Cantón El Progreso",
            "Cantón El Sitio",
            "Cantón Hato Nuevo",
            "Cantón Jalacatal",
            "Cantón La Canoa",
            "Cantón La Puerta",
            "Cantón Las Delicias",
            "Cantón Miraflores",
            "Cantón Monte Grande",
            "Cantón San Andrés",
            "Cantón San Antonio Chávez",
            "Cantón San Antonio Silva",
            "Cantón San Carlos",
            "Cantón San Jacinto",
            "Cantón Santa Inés",
            "Cantón Volcán",
            "Colonia Milagro de La Paz",
            "Colonia Ciudad Pacífica",
            "Colonia Carrillo",
            "Colonia Hirleman",
            "Barrio San Felipe",
            "Barrio La Merced",
            "Barrio San Nicolás",
            "Barrio El Calvario",
            "Barrio Concepción",
        ),
    ),
    "chirilagua": (
        "san_miguel",
        "Chirilagua",
        "chi",
        (
            "Casco urbano de Chirilagua",
            "Cantón Tierra Blanca",
            "Cantón Chilanguera",
            "Cantón Gualpirque",
            "Cantón San Pedro",
            "Playa El Cuco",
        ),
    ),
    "usulutan": (
        "usulutan",
        "Usulután",
        "usu",
        (
            "Casco urbano de Usulután",
            "Barrio La Parroquia",
            "Cantón Puerto Parada",
            "Cantón Palo Galán",
            "Cantón La Peña",
            "Cantón Ojo de Agua",
            "Cantón Santa Bárbara",
            "Cantón El Trillo",
            "Cantón La Carrera",
            "Cantón Capitán Lazo",
            "Cantón El Cerrito",
        ),
    ),
    "jiquilisco": (
        "usulutan",
        "Jiquilisco",
        "jiq",
        (
            "Casco urbano de Jiquilisco",
            "Comunidad Ciudad Romero",
            "Comunidad Nueva Esperanza",
            "San Marcos Lempa",
            "Cantón La Canoa",
            "Isla de Méndez",
            "Cantón Salinas de Sisiguayo",
            "Cantón San Hilario",
            "Cantón Tierra Blanca",
            "Cantón El Marillo",
            "Isla Espíritu Santo",
            "Puerto Avalos",
        ),
    ),
    "puerto_el_triunfo": (
        "usulutan",
        "Puerto El Triunfo",
        "pet",
        ("Casco urbano de Puerto El Triunfo", "Cantón Corral de Mulas"),
    ),
    "zacatecoluca": (
        "la_paz",
        "Zacatecoluca",
        "zac",
        (
            "Barrio El Centro",
            "Barrio El Calvario",
            "Barrio San José",
            "Barrio Candelaria",
            "Barrio Analco",
            "Cantón Buenavista",
            "Cantón El Carmen",
            "Cantón El Copinol",
            "Cantón El Espino",
            "Cantón El Pichiche",
            "Cantón Ichanquezo",
            "Cantón La Esperanza",
            "Cantón La Lucha",
            "Cantón Las Tablas",
            "Cantón Los Marranitos",
            "Cantón Penitente Abajo",
            "Cantón Penitente Arriba",
            "Cantón San Antonio Los Blancos",
            "Cantón San Faustino",
            "Cantón San Francisco Los Reyes",
            "Cantón San José de la Montaña",
            "Cantón San Marcos de la Cruz",
            "Cantón Santa Lucía",
            "Cantón Ulapa",
        ),
    ),
}

OTHER_SUFFIX = "_otra"
OTHER_COMMUNITY: Text = ("Otra comunidad (no está en la lista)", "Other community (not listed)")
# Each department also offers an unlisted municipality (its name typed in), whose only community
# is "other community": a session outside the listed places is still recorded, never forced into
# the wrong place.
OTHER_MUNICIPALITY_SUFFIX = "_otro_municipio"
OTHER_MUNICIPALITY: Text = (
    "Otro municipio (no está en la lista)",
    "Other municipality (not listed)",
)


def slug(text: str) -> str:
    """ASCII, lower-case, underscore name for a choice: 'Cantón El Jute' -> 'el_jute'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in plain.lower().replace("-", " ").split() if w not in ("canton",)]
    return "_".join(words)


def community_code(prefix: str, name: str) -> str:
    return f"{prefix}_{slug(name)}"


def place_choices() -> list[dict[str, str]]:
    """Choices rows for the lists department, municipality and community."""
    rows = [choice("department", code, (name, name)) for code, name in DEPARTMENTS.items()]
    for code, (department, name, _, _) in MUNICIPALITIES.items():
        rows.append(choice("municipality", code, (name, name), department=department))
    others = [department + OTHER_MUNICIPALITY_SUFFIX for department in DEPARTMENTS]
    for department, code in zip(DEPARTMENTS, others, strict=True):
        rows.append(choice("municipality", code, OTHER_MUNICIPALITY, department=department))
    for code, (_, _, prefix, communities) in MUNICIPALITIES.items():
        for community in communities:
            # Place names are proper nouns: the same in both languages.
            label = (community, community)
            rows.append(
                choice("community", community_code(prefix, community), label, municipality=code)
            )
        rows.append(choice("community", code + OTHER_SUFFIX, OTHER_COMMUNITY, municipality=code))
    for code in others:
        rows.append(choice("community", code + OTHER_SUFFIX, OTHER_COMMUNITY, municipality=code))
    return rows
