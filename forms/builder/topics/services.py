"""Prompts for the service topics: health, education, safety.

Topic -> group -> (prompt, probes); see forms.builder.topics."""

from __future__ import annotations

from ..table import Text

PROMPTS: dict[str, dict[str, tuple[Text, Text]]] = {
    "salud": {
        "default": (
            (
                "Cuando alguien de la comunidad se enferma o pasa por un momento difícil, ¿a dónde "
                "acude? ¿Qué tanto le ayudan?",
                "When someone in the community falls ill or goes through a hard time, where do "
                "they go? How much does it help?",
            ),
            (
                "Unidad de salud, hospital, iglesia, familia; costos y transporte; trato recibido; "
                "apoyo para la tristeza, el miedo o el estrés.",
                "Health unit, hospital, church, family; costs and transport; how they are treated; "
                "support for sadness, fear or stress.",
            ),
        ),
        "mujeres": (
            (
                "¿Cómo cuidan su propia salud, física y emocional, las mujeres que cuidan de "
                "otras personas?",
                "How do women who care for others look after their own health, physical and "
                "emotional?",
            ),
            (
                "Salud sexual y reproductiva; carga de cuidados; cansancio y estrés; espacios para "
                "hablar; atención en la unidad de salud.",
                "Sexual and reproductive health; the load of care work; tiredness and stress; "
                "spaces to talk; care at the health unit.",
            ),
        ),
        "familiares": (
            (
                "¿Cómo les ha afectado emocionalmente tener familiares lejos? ¿Con quién cuentan "
                "cuando se sienten mal?",
                "How has having relatives far away affected you emotionally? Who can you count on "
                "when you feel low?",
            ),
            (
                "Angustia durante el viaje; familiares desaparecidos o detenidos; niñas y niños "
                "que "
                "crecen sin su madre o padre; grupos de apoyo.",
                "Anguish during the journey; relatives missing or detained; children growing up "
                "without their mother or father; support groups.",
            ),
        ),
        "retornados": (
            (
                "¿Cómo ha estado su salud, física y emocional, desde el regreso? ¿Han encontrado "
                "apoyo?",
                "How has your health been, physical and emotional, since coming back? Have you "
                "found support?",
            ),
            (
                "Experiencias difíciles en el camino o en detención (sin pedir detalles); sueño, "
                "miedo, tristeza; consumo de alcohol; atención médica y psicológica recibida.",
                "Hard experiences on the way or in detention (do not ask for details); sleep, "
                "fear, sadness; alcohol use; medical and psychological care received.",
            ),
        ),
        "jovenes": (
            (
                "Cuando un joven o una joven se siente mal, triste o con mucho estrés, ¿con quién "
                "habla? ¿Qué ayuda hay?",
                "When a young person feels bad, sad or very stressed, who do they talk to? What "
                "help is there?",
            ),
            (
                "Amistades, familia, docentes, iglesia; salud sexual; alcohol u otras drogas; "
                "dónde no se sienten escuchados.",
                "Friends, family, teachers, church; sexual health; alcohol or other drugs; where "
                "they do not feel listened to.",
            ),
        ),
    },
    "educacion": {
        "default": (
            (
                "¿Qué tan fácil es para niñas, niños y jóvenes estudiar, y seguir estudiando, "
                "aquí?",
                "How easy is it for children and young people to study, and keep studying, here?",
            ),
            (
                "Distancia y transporte; costos; abandono escolar y sus causas; educación para "
                "personas adultas; cursos técnicos.",
                "Distance and transport; costs; dropping out and why; adult education; technical "
                "courses.",
            ),
        ),
        "mujeres": (
            (
                "¿Qué oportunidades de estudio tienen las niñas y las mujeres adultas de la "
                "comunidad?",
                "What opportunities to study do girls and adult women in the community have?",
            ),
            (
                "Abandono por embarazo o por cuidados; seguridad en el camino a la escuela; "
                "modalidades flexibles para adultas; cursos que les interesan.",
                "Dropping out because of pregnancy or care work; safety on the way to school; "
                "flexible options for adult women; courses they are interested in.",
            ),
        ),
        "familiares": (
            (
                "¿Cómo ha afectado la migración de un familiar a los estudios de las niñas, los "
                "niños y jóvenes del hogar?",
                "How has a relative's migration affected the schooling of the children and young "
                "people in the household?",
            ),
            (
                "Remesas para estudios; rendimiento y ánimo; quién les acompaña en las tareas; "
                "planes de irse en lugar de estudiar.",
                "Remittances for school; grades and mood; who helps with homework; plans to leave "
                "instead of studying.",
            ),
        ),
        "retornados": (
            (
                "¿Qué pasó con sus estudios, o con los de sus hijas e hijos, al regresar?",
                "What happened to your studies, or your children's, when you came back?",
            ),
            (
                "Inscripción a mitad de año; reconocimiento de estudios hechos fuera; idioma; "
                "cursos para personas adultas; acoso escolar.",
                "Enrolling mid-year; recognition of studies done abroad; language; adult courses; "
                "bullying at school.",
            ),
        ),
        "jovenes": (
            (
                "¿Cómo es la escuela o el instituto para ustedes? ¿Qué les hace seguir estudiando "
                "o dejarlo?",
                "What is school like for you? What makes you keep studying, or drop out?",
            ),
            (
                "Calidad y trato de docentes; costos; trabajo; embarazo; seguridad en el camino; "
                "lo "
                "que les gustaría aprender.",
                "Quality of teaching and how teachers treat them; costs; work; pregnancy; safety "
                "on the way; what they would like to learn.",
            ),
        ),
    },
    "seguridad": {
        "default": (
            (
                "¿Qué tan seguras se sienten las personas al moverse por la comunidad? ¿Qué ha "
                "cambiado en el último tiempo?",
                "How safe do people feel moving around the community? What has changed lately?",
            ),
            (
                "Lugares y horarios que se evitan; violencia en las casas; confianza en las "
                "autoridades. No pida nombres ni hechos concretos que identifiquen a alguien.",
                "Places and times people avoid; violence at home; trust in the authorities. Do not "
                "ask for names or specific events that could identify anyone.",
            ),
        ),
        "mujeres": (
            (
                "¿En qué lugares y momentos se sienten seguras las mujeres, y en cuáles no? ¿A "
                "quién acuden si sufren violencia?",
                "In which places and at what times do women feel safe, and where not? Who do they "
                "turn to if they suffer violence?",
            ),
            (
                "Camino al trabajo, al mercado o a la escuela; violencia en el hogar; acoso; si "
                "conocen Ciudad Mujer, la PNC o la línea 126. No pida relatos personales de "
                "violencia; si alguien lo cuenta, ofrezca la referencia en privado.",
                "On the way to work, the market or school; domestic violence; harassment; whether "
                "they know Ciudad Mujer, the police (PNC) or the 126 helpline. Do not ask for "
                "personal accounts of violence; if someone shares one, offer a referral privately.",
            ),
        ),
        "familiares": (
            (
                "¿Qué preocupaciones de seguridad tienen ustedes y sus familiares, aquí y en el "
                "camino migratorio?",
                "What safety concerns do you and your relatives have, here and on the migration "
                "route?",
            ),
            (
                "Extorsiones por recibir remesas; riesgos del viaje; estafas de coyotes o de "
                "falsos trámites; a quién acuden.",
                "Extortion because they receive remittances; dangers of the journey; scams by "
                "smugglers or fake paperwork agents; who they turn to.",
            ),
        ),
        "retornados": (
            (
                "Desde que regresaron, ¿se han sentido seguros en la comunidad? ¿Qué situaciones "
                "les preocupan?",
                "Since you came back, have you felt safe in the community? What situations worry "
                "you?",
            ),
            (
                "Ser confundidos o señalados; revisiones de las autoridades; lugares que evitan; "
                "qué les da tranquilidad. No pida detalles que identifiquen a nadie.",
                "Being mistaken for someone or singled out; checks by the authorities; places they "
                "avoid; what gives them peace of mind. Do not ask for details that identify "
                "anyone.",
            ),
        ),
        "jovenes": (
            (
                "Sin mencionar nombres ni casos concretos: ¿qué presiones o riesgos enfrentan las "
                "y los jóvenes de aquí? ¿Qué les ayuda a sentirse protegidos?",
                "Without mentioning names or specific cases: what pressures or risks do young "
                "people here face? What helps them feel protected?",
            ),
            (
                "Presión de grupos o de personas mayores para hacer cosas que no quieren; trato de "
                "las autoridades; acoso en redes sociales; lugares seguros. Recuerde al grupo que "
                "nadie está obligado a responder.",
                "Pressure from groups or older people to do things they do not want to; how the "
                "authorities treat them; online harassment; safe places. Remind the group that "
                "nobody has to answer.",
            ),
        ),
    },
}
