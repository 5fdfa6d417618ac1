"""Discussion topics of the focus-group guides, with prompts tailored to each group.

Each topic: its title, and per group a prompt (what the facilitator asks) and probes (what to
follow up on). "default" is used where a group has no tailored wording.
"""

from __future__ import annotations

from .table import Text

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
    "empleo": {
        "default": (
            (
                "¿De qué vive la gente de la comunidad? ¿Qué oportunidades hay de trabajar o de "
                "emprender?",
                "What do people in the community live on? What opportunities are there to work "
                "or start a business?",
            ),
            (
                "Agricultura, comercio, maquila, construcción; salarios; trabajo informal; "
                "crédito; "
                "capacitaciones disponibles.",
                "Farming, trade, garment factories, construction; wages; informal work; credit; "
                "training available.",
            ),
        ),
        "mujeres": (
            (
                "¿Qué trabajos hacen las mujeres de la comunidad, pagados y no pagados? ¿Cómo "
                "combinan el trabajo con el cuidado de la familia?",
                "What work do women in the community do, paid and unpaid? How do they combine "
                "work with caring for the family?",
            ),
            (
                "Cuidado de niñez, personas mayores o enfermas; negocios desde la casa; acceso a "
                "crédito; quién decide sobre el dinero; guarderías.",
                "Caring for children, older or sick people; home-based businesses; access to "
                "credit; who decides about money; childcare.",
            ),
        ),
        "familiares": (
            (
                "¿Qué papel tienen las remesas en sus hogares? ¿Qué pasa cuando dejan de llegar?",
                "What role do remittances play in your households? What happens when they stop "
                "coming?",
            ),
            (
                "Para qué se usan; quién las recibe y quién decide; deudas del viaje; otras "
                "fuentes "
                "de ingreso; ideas de negocio.",
                "What they are used for; who receives them and who decides; debts from the "
                "journey; other sources of income; business ideas.",
            ),
        ),
        "retornados": (
            (
                "¿Cómo ha sido buscar trabajo o empezar un negocio desde su regreso? ¿Les "
                "reconocen "
                "la experiencia y las habilidades que traen?",
                "What has it been like to look for work or start a business since you came back? "
                "Are the experience and skills you bring recognised?",
            ),
            (
                "Oficios aprendidos fuera (construcción, cocina, inglés, mecánica); certificados; "
                "requisitos que les piden; apoyo de programas; capital inicial.",
                "Trades learned abroad (construction, cooking, English, mechanics); certificates; "
                "requirements asked of them; programme support; start-up capital.",
            ),
        ),
        "jovenes": (
            (
                "¿Qué opciones de trabajo, o de prepararse para trabajar, tienen las y los jóvenes "
                "de aquí?",
                "What options do young people here have to work, or to prepare for work?",
            ),
            (
                "Primer empleo; piden experiencia; trabajos mal pagados; cursos técnicos; "
                "emprendimientos; apoyo de la familia.",
                "First job; experience required; poorly paid jobs; technical courses; small "
                "businesses; family support.",
            ),
        ),
    },
    "documentos": {
        "default": (
            (
                "¿Qué dificultades tiene la gente para sacar o reponer documentos: DUI, partidas "
                "de "
                "nacimiento, pasaporte, antecedentes, títulos?",
                "What difficulties do people have getting or replacing documents: ID card (DUI), "
                "birth certificates, passport, police record, diplomas?",
            ),
            (
                "Costos y distancias; trámites para hijas e hijos nacidos fuera; documentos "
                "perdidos en el viaje; a dónde acuden.",
                "Costs and distances; procedures for children born abroad; documents lost on the "
                "journey; where people go for help.",
            ),
        ),
        "mujeres": (
            (
                "¿Qué trámites de documentos les cuesta más hacer a ustedes, para sí mismas o para "
                "sus hijas e hijos?",
                "Which document procedures are hardest for you, for yourselves or for your "
                "children?",
            ),
            (
                "Partidas y registro de hijos nacidos fuera; cuota alimenticia; documentos a "
                "nombre "
                "del compañero; tiempo y costo de viajar al trámite.",
                "Birth certificates and registering children born abroad; child support; documents "
                "in the partner's name; time and cost of travelling to the office.",
            ),
        ),
        "familiares": (
            (
                "¿Qué documentos o trámites han necesitado por tener familiares fuera del país?",
                "Which documents or procedures have you needed because you have relatives abroad?",
            ),
            (
                "Poderes; cobro de remesas y cuentas bancarias; partidas para trámites en el "
                "extranjero; apoyo de consulados.",
                "Powers of attorney; collecting remittances and bank accounts; certificates for "
                "procedures abroad; consular support.",
            ),
        ),
        "retornados": (
            (
                "Al regresar, ¿qué documentos tenían y cuáles les faltaron? ¿Qué les ha costado "
                "tramitar?",
                "When you came back, which documents did you have and which were missing? Which "
                "procedures have been hard?",
            ),
            (
                "DUI vencido o perdido; documentos de hijos nacidos fuera; constancia de retorno; "
                "reconocimiento de estudios; solvencia de antecedentes penales.",
                "Expired or lost ID card; documents for children born abroad; proof of return; "
                "recognition of studies; criminal record certificate.",
            ),
        ),
        "jovenes": (
            (
                "¿Qué documentos les han pedido para estudiar, trabajar o moverse, y qué tan fácil "
                "es conseguirlos?",
                "Which documents have you been asked for to study, work or travel, and how easy "
                "are they to get?",
            ),
            (
                "DUI al cumplir 18; partida de nacimiento; títulos y notas; antecedentes; costos.",
                "ID card at 18; birth certificate; diplomas and grades; police record; costs.",
            ),
        ),
    },
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
        "mujeres": (
            (
                "¿Cómo participan las mujeres jóvenes y las adolescentes en la comunidad? ¿Qué les "
                "impide participar más?",
                "How do young women and adolescent girls take part in the community? What stops "
                "them taking part more?",
            ),
            (
                "Permisos de la familia; carga de cuidados; seguridad en el horario de las "
                "reuniones; mujeres que lideran.",
                "Permission from the family; care work; safety at meeting times; women who lead.",
            ),
        ),
        "familiares": (
            (
                "¿Qué podría ayudar a las y los jóvenes de familias con migrantes a participar y a "
                "quedarse en la comunidad?",
                "What could help young people from families with migrants to take part and to "
                "stay in the community?",
            ),
            (
                "Grupos juveniles; becas; proyectos apoyados por la diáspora; voz de la juventud "
                "en la ADESCO.",
                "Youth groups; scholarships; projects supported by the diaspora; young people's "
                "voice in the ADESCO.",
            ),
        ),
        "retornados": (
            (
                "¿Cómo podrían participar las personas jóvenes retornadas en la vida de la "
                "comunidad?",
                "How could young returnees take part in community life?",
            ),
            (
                "Deporte, cultura, voluntariado; compartir lo aprendido fuera; barreras por el "
                "estigma.",
                "Sport, culture, volunteering; sharing what they learned abroad; barriers from "
                "stigma.",
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
    "migracion": {
        "default": (
            (
                "¿Se habla en la comunidad de irse del país? ¿Qué hace que la gente piense en "
                "migrar o en quedarse?",
                "Do people in the community talk about leaving the country? What makes people "
                "think about migrating, or staying?",
            ),
            (
                "Razones económicas, familiares, de seguridad; información sobre rutas y costos; "
                "riesgos conocidos; qué les haría quedarse.",
                "Economic, family and safety reasons; information about routes and costs; known "
                "dangers; what would make them stay.",
            ),
        ),
        "mujeres": (
            (
                "¿Qué hace que las mujeres de aquí piensen en migrar o en quedarse? ¿Qué riesgos "
                "conocen?",
                "What makes women here think about migrating, or staying? What dangers do they "
                "know of?",
            ),
            (
                "Reunirse con la pareja o los hijos; violencia; riesgos para las mujeres en la "
                "ruta; quién cuida a quienes se quedan.",
                "Joining a partner or children; violence; dangers for women on the route; who "
                "looks after those who stay.",
            ),
        ),
        "familiares": (
            (
                "¿Piensan ustedes, o alguien más de su familia, en irse también? ¿Qué les haría "
                "quedarse?",
                "Are you, or anyone else in your family, thinking of leaving too? What would make "
                "you stay?",
            ),
            (
                "Reunificación familiar; vías legales; deudas; trabajo aquí; información sobre "
                "riesgos.",
                "Family reunification; legal pathways; debts; work here; information about "
                "dangers.",
            ),
        ),
        "retornados": (
            (
                "¿Piensan volver a irse? ¿Qué tendría que cambiar para que decidan quedarse?",
                "Are you thinking of leaving again? What would have to change for you to decide "
                "to stay?",
            ),
            (
                "Familia que quedó fuera; deudas; empleo; seguridad; estigma; vías legales. "
                "Ninguna respuesta se juzga.",
                "Family left abroad; debts; work; safety; stigma; legal pathways. No answer is "
                "judged.",
            ),
        ),
        "jovenes": (
            (
                "¿Cuántos de sus amigos o amigas han pensado en irse? ¿Qué les haría quedarse "
                "aquí?",
                "How many of your friends have thought about leaving? What would make you stay "
                "here?",
            ),
            (
                "Lo que ven en redes sociales; familia que ya se fue; estudios y trabajo; riesgos "
                "del camino.",
                "What they see on social media; family who already left; study and work; dangers "
                "on the way.",
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
                "acceso con coches de bebé; actividades para mujeres; horarios.",
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
