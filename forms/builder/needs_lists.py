"""Choice lists of the needs assessment (value, (Spanish, English))."""

from __future__ import annotations

from .table import Text

LISTS: dict[str, list[tuple[str, Text]]] = {
    # Sensitive questions (remittances, protection) always allow declining to answer.
    "yes_no_pns": [
        ("si", ("Sí", "Yes")),
        ("no", ("No", "No")),
        ("no_dice", ("Prefiere no responder", "Prefers not to answer")),
    ],
    # Signs of trafficking or forced labour (never "are you a victim of trafficking?").
    "trafficking": [
        (
            "documentos_retenidos",
            ("Le quitaron o retuvieron sus documentos", "Their documents were taken or held"),
        ),
        (
            "trabajo_forzado",
            (
                "Le obligaron a trabajar sin pago o sin poder irse",
                "Made to work without pay or without being free to leave",
            ),
        ),
        (
            "deuda",
            (
                "Le cobran una deuda que no puede pagar (viaje o trabajo)",
                "Charged a debt they cannot pay (journey or work)",
            ),
        ),
        (
            "encierro",
            (
                "Le encerraron o vigilaban para que no saliera",
                "Locked in or watched so as not to leave",
            ),
        ),
        (
            "engano",
            (
                "Le engañaron sobre el trabajo o el pago prometido",
                "Deceived about the job or the promised pay",
            ),
        ),
        ("ninguna", ("Ninguna de estas", "None of these")),
        ("no_dice", ("Prefiere no responder", "Prefers not to answer")),
    ],
    "return_how": [
        ("deportado_aereo", ("Deportación por vía aérea", "Deported by air")),
        ("deportado_terrestre", ("Deportación por vía terrestre", "Deported overland")),
        ("voluntario", ("Regreso por decisión propia", "Returned by own decision")),
        ("asistido", ("Retorno asistido por una organización", "Assisted return")),
        ("otro", ("Otra forma", "Other")),
    ],
    "country": [
        ("estados_unidos", ("Estados Unidos", "United States")),
        ("mexico", ("México", "Mexico")),
        ("guatemala", ("Guatemala", "Guatemala")),
        ("otro_pais", ("Otro país", "Another country")),
    ],
    "relation": [
        ("entrevistada", ("Persona entrevistada", "Person interviewed")),
        ("pareja", ("Esposa, esposo o pareja", "Spouse or partner")),
        ("hijo_hija", ("Hija o hijo", "Daughter or son")),
        ("madre_padre", ("Madre o padre", "Mother or father")),
        ("hermano_hermana", ("Hermana o hermano", "Sister or brother")),
        ("abuelo_abuela", ("Abuela o abuelo", "Grandmother or grandfather")),
        ("nieto_nieta", ("Nieta o nieto", "Granddaughter or grandson")),
        ("otro_familiar", ("Otro familiar", "Other relative")),
        ("no_familiar", ("Persona no familiar", "Non-relative")),
    ],
    "work_type": [
        (
            "asalariado_formal",
            ("Empleo con contrato o seguro social", "Job with contract or social security"),
        ),
        ("asalariado_informal", ("Empleo sin contrato", "Job without contract")),
        ("cuenta_propia", ("Negocio o trabajo por cuenta propia", "Own business or self-employed")),
        ("agricola", ("Trabajo agrícola o jornal", "Farm or day labour")),
        (
            "familiar_sin_pago",
            ("Ayuda en negocio familiar sin pago", "Unpaid help in a family business"),
        ),
        ("otro", ("Otro", "Other")),
    ],
    "income_band": [
        ("menos_100", ("Menos de US$100 al mes", "Less than US$100 a month")),
        ("100_199", ("US$100 a 199 al mes", "US$100 to 199 a month")),
        ("200_399", ("US$200 a 399 al mes", "US$200 to 399 a month")),
        ("400_599", ("US$400 a 599 al mes", "US$400 to 599 a month")),
        ("600_mas", ("US$600 o más al mes", "US$600 or more a month")),
        ("no_dice", ("Prefiere no decirlo", "Prefers not to say")),
    ],
    "not_seeking": [
        ("estudia", ("Está estudiando", "Studying")),
        ("cuidados", ("Cuida de otras personas", "Caring for others")),
        ("salud", ("Motivos de salud", "Health reasons")),
        ("desanimo", ("No cree que encuentre trabajo", "Does not think they will find work")),
        ("planea_migrar", ("Piensa migrar", "Plans to migrate")),
        ("otro", ("Otro motivo", "Other reason")),
    ],
    "job_barriers": [
        ("no_hay_ofertas", ("No hay ofertas cerca", "No jobs nearby")),
        ("piden_experiencia", ("Piden experiencia o estudios", "Experience or schooling required")),
        ("documentos", ("Falta de documentos", "Missing documents")),
        ("estigma", ("Rechazo por ser persona retornada", "Rejection for being a returnee")),
        ("edad", ("Por la edad", "Age")),
        ("transporte", ("Transporte o distancia", "Transport or distance")),
        ("cuidados", ("Responsabilidades de cuidado", "Care responsibilities")),
        ("otro", ("Otra", "Other")),
    ],
    "skills": [
        ("construccion", ("Construcción", "Construction")),
        ("electricidad", ("Electricidad", "Electrical work")),
        ("mecanica", ("Mecánica", "Mechanics")),
        ("cocina", ("Cocina y restaurantes", "Cooking and restaurants")),
        ("agricultura", ("Agricultura o ganadería", "Farming or livestock")),
        ("limpieza", ("Limpieza y mantenimiento", "Cleaning and maintenance")),
        ("cuidado_personas", ("Cuidado de personas", "Caring for people")),
        ("comercio", ("Comercio y ventas", "Trade and sales")),
        ("ingles", ("Inglés", "English")),
        ("conduccion", ("Manejo de vehículos (motorista)", "Driving")),
        ("costura", ("Costura", "Sewing")),
        ("belleza", ("Belleza y peluquería", "Beauty and hairdressing")),
        ("otra", ("Otra", "Other")),
        ("ninguna", ("Ninguna de estas", "None of these")),
    ],
    "needs": [
        ("empleo", ("Empleo", "Employment")),
        ("capacitacion", ("Capacitación o certificación", "Training or certification")),
        ("capital", ("Capital para un negocio", "Capital for a business")),
        ("documentos", ("Documentos de identidad", "Identity documents")),
        ("vivienda", ("Vivienda", "Housing")),
        ("salud", ("Atención de salud", "Health care")),
        ("psicosocial", ("Apoyo psicológico o emocional", "Psychological or emotional support")),
        ("educacion", ("Educación propia o de hijas e hijos", "Education (own or children's)")),
        ("alimentacion", ("Alimentación", "Food")),
        ("proteccion", ("Seguridad y protección", "Safety and protection")),
        ("legal", ("Asesoría legal", "Legal advice")),
        ("cuidado_infantil", ("Cuidado de niñas y niños", "Childcare")),
        ("familia", ("Reunificación o contacto familiar", "Family reunification or contact")),
        ("otra", ("Otra necesidad", "Other need")),
    ],
    "services": [
        (
            "atencion_retornados",
            (
                "Atención a personas retornadas (DGME, ventanillas)",
                "Services for returnees (DGME, help desks)",
            ),
        ),
        (
            "bolsa_empleo",
            ("Bolsa de empleo del Ministerio de Trabajo", "Ministry of Labour job centre"),
        ),
        (
            "formacion",
            ("Cursos de formación (INSAFORP u otros)", "Training courses (INSAFORP or others)"),
        ),
        ("ciudad_mujer", ("Ciudad Mujer", "Ciudad Mujer")),
        ("unidad_salud", ("Unidad de salud", "Health unit")),
        ("rnpn", ("RNPN (trámite de DUI)", "RNPN (ID card office)")),
        ("alcaldia", ("Programas de la alcaldía", "Municipal programmes")),
        ("ong", ("Organizaciones comunitarias u ONG", "Community organisations or NGOs")),
        ("iglesia", ("Iglesias", "Churches")),
        ("ninguno", ("No conoce ninguno", "Knows none")),
    ],
    "service_barriers": [
        ("distancia", ("Distancia o transporte", "Distance or transport")),
        ("costo", ("Costo", "Cost")),
        ("horarios", ("Horarios", "Opening hours")),
        ("requisitos", ("No sabe los requisitos", "Does not know the requirements")),
        ("mal_trato", ("Mal trato", "Poor treatment")),
        ("miedo", ("Miedo o desconfianza", "Fear or mistrust")),
        ("documentos", ("Falta de documentos", "Missing documents")),
        ("ninguna", ("Ninguna dificultad", "No difficulty")),
        ("otra", ("Otra", "Other")),
    ],
    "referral": [
        ("salud", ("Salud", "Health")),
        ("psicosocial", ("Apoyo psicosocial", "Psychosocial support")),
        ("proteccion", ("Protección", "Protection")),
        ("violencia_genero", ("Violencia contra las mujeres", "Violence against women")),
        ("legal", ("Asesoría legal", "Legal advice")),
        ("documentos", ("Documentos", "Documents")),
        ("empleo", ("Empleo", "Employment")),
        ("otra", ("Otra", "Other")),
    ],
}
