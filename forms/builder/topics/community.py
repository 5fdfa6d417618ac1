"""Prompts for the community-life topics: spaces, discrimination, participation (young people's
guide only), the public spaces being rebuilt.

Topic -> group -> (prompt, probes); see forms.builder.topics."""

from __future__ import annotations

from ..table import Text

PROMPTS: dict[str, dict[str, tuple[Text, Text]]] = {
    "espacios": {
        "default": (
            (
                "¿Dónde se reúne y convive la gente de la comunidad? ¿Cómo es la convivencia ahí?",
                "Where do people in the community meet and spend time together? What is "
                "coexistence like there?",
            ),
            (
                "Quién usa cada espacio y quién no; horarios; conflictos entre vecinos; qué ha "
                "cambiado en los últimos años.",
                "Who uses each space and who does not; times of day; disputes between neighbours; "
                "what has changed in recent years.",
            ),
        ),
        "mujeres": (
            (
                "¿Qué espacios de la comunidad usan ustedes como mujeres? ¿En cuáles se sienten "
                "cómodas y seguras, y cuáles evitan?",
                "Which community spaces do you use as women? Where do you feel comfortable and "
                "safe, and which places do you avoid?",
            ),
            (
                "Horarios en que pueden salir; dónde juegan niñas y niños mientras ustedes cuidan; "
                "iluminación; acceso para mujeres mayores o con discapacidad.",
                "Times when you can go out; where children play while you look after them; "
                "lighting; access for older women or women with disabilities.",
            ),
        ),
        "familiares": (
            (
                "¿Dónde se reúnen las familias de la comunidad? ¿Cómo ha cambiado la vida "
                "comunitaria desde que tantas personas se fueron?",
                "Where do families in the community get together? How has community life changed "
                "since so many people left?",
            ),
            (
                "Casas vacías; fiestas patronales y visitas de quienes viven fuera; quién "
                "participa "
                "en la directiva o la ADESCO.",
                "Empty houses; patron saint festivities and visits from those living abroad; who "
                "takes part in the community board (ADESCO).",
            ),
        ),
        "retornados": (
            (
                "Cuando regresaron, ¿en qué espacios de la comunidad se sintieron bienvenidos y en "
                "cuáles no?",
                "When you came back, in which community spaces did you feel welcome, and in which "
                "did you not?",
            ),
            (
                "Iglesias, canchas, casa comunal, ADESCO; personas que les ayudaron; lugares donde "
                "se sintieron observados.",
                "Churches, sports fields, community hall, ADESCO; people who helped you; places "
                "where you felt watched.",
            ),
        ),
        "jovenes": (
            (
                "¿Dónde pasan el tiempo las y los jóvenes de aquí? ¿Qué lugares sienten suyos?",
                "Where do young people here spend their time? Which places feel like theirs?",
            ),
            (
                "Canchas, casa comunal, escuela, iglesia, internet; lugares donde no los dejan "
                "estar; diferencias entre muchachas y muchachos.",
                "Sports fields, community hall, school, church, the internet; places where they "
                "are "
                "not allowed to be; differences between girls and boys.",
            ),
        ),
    },
    "discriminacion": {
        "default": (
            (
                "¿Cómo trata la comunidad a las personas que regresan del extranjero, sobre todo a "
                "quienes fueron deportadas?",
                "How does the community treat people who come back from abroad, especially those "
                "who were deported?",
            ),
            (
                "Comentarios, rumores, sospechas; en el trabajo, la escuela y los servicios; "
                "diferencias entre hombres y mujeres; qué ayuda a que sean aceptadas.",
                "Remarks, rumours, suspicion; at work, at school and in services; differences "
                "between men and women; what helps them be accepted.",
            ),
        ),
        "mujeres": (
            (
                "¿Cómo se trata a las mujeres que regresan, y a las familias que las reciben? ¿Es "
                "distinto que con los hombres?",
                "How are women who come back treated, and the families who take them in? Is it "
                "different from how men are treated?",
            ),
            (
                "Señalamientos por haber viajado solas; lo vivido en el camino; apoyo o rechazo de "
                "la familia; hijas e hijos que regresan con ellas.",
                "Judgement for having travelled alone; what they went through on the way; support "
                "or rejection from the family; daughters and sons who return with them.",
            ),
        ),
        "familiares": (
            (
                "Cuando alguien de su familia regresó o fue deportado, ¿cómo reaccionó la "
                "comunidad? ¿Y la familia?",
                "When someone in your family came back or was deported, how did the community "
                "react? And the family?",
            ),
            (
                "Vergüenza o apoyo; presión por las deudas del viaje; expectativas de la familia; "
                "cambios en la relación.",
                "Shame or support; pressure from the debts of the journey; the family's "
                "expectations; changes in the relationship.",
            ),
        ),
        "retornados": (
            (
                "Desde su regreso, ¿han sentido rechazo, estigma o desconfianza por haber sido "
                "deportados o por haber vivido fuera? ¿Dónde y de parte de quién?",
                "Since coming back, have you felt rejection, stigma or mistrust for having been "
                "deported or for having lived abroad? Where, and from whom?",
            ),
            (
                "Tatuajes, forma de vestir o de hablar; en empleos, con autoridades, en trámites; "
                "en la familia; qué les ha ayudado a sentirse aceptados.",
                "Tattoos, the way they dress or speak; in jobs, with the authorities, in official "
                "procedures; in the family; what has helped them feel accepted.",
            ),
        ),
        "jovenes": (
            (
                "¿Cómo tratan aquí a las y los jóvenes que regresan de Estados Unidos o de México? "
                "¿Qué se dice de ellos en la escuela o en la colonia?",
                "How are young people who come back from the United States or Mexico treated here? "
                "What is said about them at school or in the neighbourhood?",
            ),
            (
                "Burlas o apodos; exclusión de grupos; si hablan inglés o un español distinto; "
                "quién los defiende.",
                "Teasing or nicknames; being left out of groups; speaking English or a different "
                "Spanish; who stands up for them.",
            ),
        ),
    },
    "participacion": {
        "default": (
            (
                "¿Cómo participan las y los jóvenes en las decisiones de la comunidad? ¿Qué haría "
                "falta para que participen más?",
                "How do young people take part in community decisions? What would help them take "
                "part more?",
            ),
            (
                "ADESCO, comités, iglesias, deporte, arte; espacios donde les escuchan; barreras.",
                "ADESCO, committees, churches, sport, the arts; spaces where they are heard; "
                "barriers.",
            ),
        ),
        "jovenes": (
            (
                "¿En qué grupos o actividades participan? ¿Les toman en cuenta cuando se decide "
                "algo en la comunidad?",
                "Which groups or activities do you take part in? Are you taken into account when "
                "the community decides something?",
            ),
            (
                "Deporte, música, iglesia, grupos juveniles, redes sociales; jóvenes que lideran; "
                "qué cambiarían si les preguntaran; diferencias entre muchachas y muchachos.",
                "Sport, music, church, youth groups, social media; young leaders; what they would "
                "change if asked; differences between girls and boys.",
            ),
        ),
    },
    "espacios_publicos": {
        "default": (
            (
                "El programa está rehabilitando espacios públicos de la comunidad. ¿Qué deberían "
                "tener para que los use toda la gente? ¿Qué es lo más urgente?",
                "The programme is rebuilding public spaces in the community. What should they "
                "have so that everyone uses them? What is most urgent?",
            ),
            (
                "Iluminación, sombra, baños, agua; canchas, juegos, área para personas mayores; "
                "horarios; quién los cuidará; que sean seguros y accesibles.",
                "Lighting, shade, toilets, water; sports fields, play areas, a place for older "
                "people; opening hours; who will look after them; safety and accessibility.",
            ),
        ),
        "mujeres": (
            (
                "El programa está rehabilitando espacios públicos de la comunidad. ¿Qué necesitan "
                "las mujeres para usarlos con seguridad y comodidad?",
                "The programme is rebuilding public spaces in the community. What do women need "
                "to use them safely and comfortably?",
            ),
            (
                "Iluminación y visibilidad; baños; juegos cerca de donde se sientan las madres; "
                "acceso con carritos de bebé; actividades para mujeres; horarios.",
                "Lighting and visibility; toilets; play areas near where mothers sit; access with "
                "pushchairs; activities for women; opening hours.",
            ),
        ),
        "familiares": (
            (
                "El programa está rehabilitando espacios públicos de la comunidad. ¿Cómo podrían "
                "servir a las familias, también a las que tienen familiares fuera?",
                "The programme is rebuilding public spaces in the community. How could they serve "
                "families, including those with relatives abroad?",
            ),
            (
                "Actividades para niñas y niños al cuidado de abuelas; punto de encuentro; "
                "internet para hablar con familiares; quién cuidará el espacio.",
                "Activities for children cared for by grandmothers; a meeting point; internet to "
                "call relatives; who will look after the space.",
            ),
        ),
        "retornados": (
            (
                "El programa está rehabilitando espacios públicos de la comunidad. ¿Qué haría que "
                "las personas retornadas se sientan parte de esos espacios y los usen?",
                "The programme is rebuilding public spaces in the community. What would make "
                "returnees feel part of those spaces and use them?",
            ),
            (
                "Actividades de integración; ferias de empleo; deporte; poder trabajar en la obra "
                "o aportar sus oficios.",
                "Activities that bring people together; job fairs; sport; being able to work on "
                "the building site or contribute their trades.",
            ),
        ),
        "jovenes": (
            (
                "El programa está rehabilitando espacios públicos de la comunidad. ¿Qué les "
                "gustaría que tuvieran para ustedes, y cómo quieren participar en decidirlo?",
                "The programme is rebuilding public spaces in the community. What would you like "
                "them to have for you, and how do you want to take part in deciding?",
            ),
            (
                "Canchas, skate, música, arte, internet; horarios de noche; seguridad; que les "
                "consulten y puedan ayudar a cuidarlos.",
                "Sports fields, skating, music, art, internet; evening hours; safety; being "
                "consulted and helping to look after them.",
            ),
        ),
    },
}
