"""Prompts for the livelihood topics: work and income, civil documents, plans to migrate.

Topic -> group -> (prompt, probes); see forms.builder.topics."""

from __future__ import annotations

from ..table import Text

PROMPTS: dict[str, dict[str, tuple[Text, Text]]] = {
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
}
