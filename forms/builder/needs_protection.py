"""The needs assessment's protection screening, with the referral card shown on disclosure."""

from __future__ import annotations

from .needs_consent import CONSENTED
from .referrals import referral_card
from .table import exclusive, q

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
