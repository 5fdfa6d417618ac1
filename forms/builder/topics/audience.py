"""Prompts for the topics only some audiences discuss: care work, remittances, keeping in touch,
reintegration, and young people's plans.

Topic -> group -> (prompt, probes); see forms.builder.topics. A topic here has no "default":
it is asked only in the guides listed in forms.builder.topics.GUIDE_TOPICS.
"""

from __future__ import annotations

from ..table import Text

PROMPTS: dict[str, dict[str, tuple[Text, Text]]] = {
    "cuidados": {
        "mujeres": (
            (
                "¿Quién cuida de las niñas, los niños, las personas mayores o enfermas en sus "
                "hogares? ¿Cómo les afecta esa carga en su tiempo, su trabajo y su salud?",
                "Who looks after the children, older or sick people in your homes? How does that "
                "load affect your time, your work and your health?",
            ),
            (
                "Horas al día; apoyo de la pareja o la familia; guarderías o centros de "
                "desarrollo infantil; qué dejan de hacer por cuidar; qué les ayudaría.",
                "Hours a day; help from a partner or the family; day-care or early childhood "
                "centres; what they give up to care for others; what would help.",
            ),
        ),
        "familiares": (
            (
                "Cuando la madre o el padre se fue, ¿quién se quedó cuidando a las niñas, los "
                "niños y las personas mayores? ¿Cómo lo están llevando?",
                "When the mother or father left, who stayed behind to care for the children and "
                "older people? How are they coping?",
            ),
            (
                "Abuelas, tías, hermanas mayores; cansancio de quien cuida; permisos para la "
                "escuela o la unidad de salud; niñas y niños que preguntan por quien se fue.",
                "Grandmothers, aunts, older sisters; tiredness of whoever cares; permissions for "
                "school or the health unit; children asking about whoever left.",
            ),
        ),
    },
    "remesas": {
        "familiares": (
            (
                "Para las familias que reciben remesas, ¿en qué se usan y qué pasa cuando no "
                "llegan o se atrasan?",
                "For families who receive remittances, what are they used for, and what happens "
                "when they do not arrive or come late?",
            ),
            (
                "Comida, estudios, salud, vivienda, deudas del viaje; quién decide en qué se "
                "gasta; ahorro o negocio; riesgos al cobrarlas (extorsión, robos). Nadie tiene "
                "que decir cuánto recibe.",
                "Food, school, health, housing, debts from the journey; who decides how it is "
                "spent; savings or a business; risks when collecting it (extortion, theft). "
                "Nobody has to say how much they receive.",
            ),
        ),
    },
    "comunicacion": {
        "familiares": (
            (
                "¿Cómo se mantienen en contacto con sus familiares que están fuera? ¿Qué les "
                "preocupa cuando no tienen noticias?",
                "How do you keep in touch with your relatives abroad? What worries you when you "
                "have no news?",
            ),
            (
                "Llamadas, mensajes, videollamadas; costo del celular y del internet; qué "
                "hacen si alguien desaparece en el camino o es detenido; a quién acuden "
                "(consulados, Cancillería, organizaciones).",
                "Calls, messages, video calls; cost of the phone and internet; what they do if "
                "someone goes missing on the way or is detained; who they turn to (consulates, "
                "the Foreign Ministry, organisations).",
            ),
        ),
    },
    "reintegracion": {
        "retornados": (
            (
                "Pensando en los primeros meses después de regresar, ¿qué les ayudó a volver a "
                "empezar aquí, y qué les hizo falta?",
                "Thinking of the first months after coming back, what helped you start again "
                "here, and what was missing?",
            ),
            (
                "Recepción al llegar; dónde vivir; reencuentro con la familia; apoyos del "
                "programa, la alcaldía o una iglesia; usar lo aprendido fuera; qué apoyo "
                "ofrecerían a quien regresa mañana.",
                "Reception on arrival; somewhere to live; meeting the family again; support from "
                "the programme, the municipality or a church; using what they learned abroad; "
                "what support they would offer someone coming back tomorrow.",
            ),
        ),
    },
    "aspiraciones": {
        "jovenes": (
            (
                "¿Cómo se imaginan su vida en cinco años? ¿Qué necesitan para lograrlo aquí?",
                "How do you picture your life in five years? What do you need to make it happen "
                "here?",
            ),
            (
                "Estudiar, trabajar o emprender; becas y cursos; apoyo de la familia; "
                "ejemplos de jóvenes de la comunidad a quienes les ha ido bien; qué les "
                "desanima.",
                "Studying, working or starting a business; scholarships and courses; support "
                "from the family; young people from the community who have done well; what "
                "puts them off.",
            ),
        ),
    },
}
