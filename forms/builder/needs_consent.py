"""The needs assessment's first page: the consent script, who may consent, and the outcome.

A refusal, or a minor without a guardian's signed permission, leaves nothing else to answer: the
interview finalizes as "not conducted: no consent" (`interview_outcome`).
"""

from __future__ import annotations

from . import common
from .table import Text, q

CONSENTED = "${consent} = 'si'"


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
