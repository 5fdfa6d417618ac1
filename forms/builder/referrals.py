"""The referral card the needs assessment shows when someone discloses a protection risk.

ONE PLACE TO EDIT. Programme staff must verify every line below (numbers, opening hours, which
office serves each municipality) before a field round, and edit them here when they change; then
run `python -m forms.builder` and bump VERSION in common.py so laptops pick the new card up.
The numbers are El Salvador's well-known national lines; local contacts (the programme's own
protection focal point, the nearest Ciudad Mujer or CONAPINA office) belong here too once
confirmed.
"""

from __future__ import annotations

from .table import Text

# (Spanish, English) lines of the card, in the order they are read.
WHAT_TO_DO_NOW: list[Text] = [
    (
        "1. Agradezca la confianza, crea lo que le cuenta y no pida más detalles.",
        "1. Thank the person for trusting you, believe what they say and ask for no more details.",
    ),
    (
        "2. Si hay peligro inmediato, con su acuerdo llame al 911 (Policía Nacional Civil).",
        "2. If there is immediate danger, with their agreement call 911 (National Civil Police).",
    ),
    (
        "3. Ofrézcale los contactos de abajo; anótelos en un papel solo si la persona lo quiere "
        "y es seguro llevarlo.",
        "3. Offer the contacts below; write them on paper only if the person wants it and it is "
        "safe for them to carry.",
    ),
    (
        "4. Marque la referencia de protección en el cierre y avise hoy a su supervisor o "
        "supervisora, sin nombres en mensajes.",
        "4. Tick the protection referral at the closing and tell your supervisor today, with no "
        "names in messages.",
    ),
]
CONTACTS: list[Text] = [
    (
        "Emergencias, amenazas, trata de personas: 911 (PNC), las 24 horas.",
        "Emergencies, threats, human trafficking: 911 (PNC), 24 hours.",
    ),
    (
        "Violencia contra las mujeres: Línea 126 del ISDEMU, las 24 horas; Ciudad Mujer.",
        "Violence against women: ISDEMU's 126 line, 24 hours; Ciudad Mujer.",
    ),
    (
        "Niñas, niños y adolescentes: CONAPINA (antes CONNA) o el 911.",
        "Children and adolescents: CONAPINA (formerly CONNA) or 911.",
    ),
    (
        "Desplazamiento por violencia: Procuraduría para la Defensa de los Derechos Humanos "
        "(PDDH).",
        "Displacement by violence: the Human Rights Ombudsman's Office (PDDH).",
    ),
]


def referral_card() -> Text:
    """The whole card as one note text in both languages."""
    spanish = " ".join(
        ["Tarjeta de referencia. Qué hacer ahora:"]
        + [line[0] for line in WHAT_TO_DO_NOW]
        + ["A quién llamar en El Salvador:"]
        + [line[0] for line in CONTACTS]
    )
    english = " ".join(
        ["Referral card. What to do now:"]
        + [line[1] for line in WHAT_TO_DO_NOW]
        + ["Whom to call in El Salvador:"]
        + [line[1] for line in CONTACTS]
    )
    return spanish, english
