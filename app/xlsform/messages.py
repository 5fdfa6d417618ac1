"""Texts of our own XLSForm checks in Spanish and English, and of where a problem is.

A check raises ``XLSFormError`` with a key and parameters; ``render`` fills the text of that key
in the language asked. Plain Python (app/ never imports Qt), so the CLI, the server's publishing
and the desktop interface all get the same texts. pyxform's own messages have no key: they are
shown as pyxform wrote them, behind a translated location.
"""

from __future__ import annotations

LANGUAGES = ("es", "en")

# Optional pieces of a text: filled when their parameter is given and not empty.
FRAGMENTS: dict[str, dict[str, str]] = {
    "suggestion": {"en": " (did you mean '{value}'?)", "es": " (¿quiso decir '{value}'?)"},
    "ignored": {
        "en": "; sheets ignored as not XLSForm: {value}",
        "es": "; hojas que no se leyeron como XLSForm: {value}",
    },
    "rename": {
        "en": "; rename the sheet '{value}' to 'survey'",
        "es": "; cambie el nombre de la hoja '{value}' a 'survey'",
    },
    "found": {"en": "; sheets found: {value}", "es": "; hojas encontradas: {value}"},
    "position": {"en": " at character {value}", "es": " en el carácter {value}"},
}
CONTAINERS = {
    "form": {"en": "form", "es": "formulario"},
    "group": {"en": "group", "es": "grupo"},
    "repeat": {"en": "repeat", "es": "grupo repetido"},
}
LOCATION = {
    "sheet": {"en": "{value} sheet", "es": "hoja «{value}»"},
    "row": {"en": "row {value}", "es": "fila {value}"},
    "column": {"en": "column '{value}'", "es": "columna «{value}»"},
}

CATALOGUE: dict[str, dict[str, str]] = {
    "not_xlsform_file": {
        "en": "'{name}' is not an XLSForm file: use one of {suffixes}",
        "es": "'{name}' no es un archivo XLSForm: use uno de estos tipos: {suffixes}",
    },
    "file_not_found": {
        "en": "file not found: {path}",
        "es": "no se encontró el archivo: {path}",
    },
    "check_failed": {
        "en": "could not check this form ({error})",
        "es": "no se pudo revisar este formulario ({error})",
    },
    "bad_form_id": {
        "en": "form id '{form_id}' is not a valid name",
        "es": "el id de formulario '{form_id}' no es un nombre válido",
    },
    "pyxform_crashed": {
        "en": "pyxform could not convert this form ({error})",
        "es": "pyxform no pudo convertir este formulario ({error})",
    },
    "not_utf8": {
        "en": "'{name}' is not UTF-8 text; save it as UTF-8",
        "es": "'{name}' no es texto UTF-8; guárdelo como UTF-8",
    },
    "duplicate_header": {
        "en": "the column '{header}' appears twice in the header row; keep one",
        "es": "la columna '{header}' aparece dos veces en la fila de encabezados; deje solo una",
    },
    "unreadable": {
        "en": "cannot read '{name}' as a {suffix} XLSForm: {error}",
        "es": "no se puede leer '{name}' como XLSForm {suffix}: {error}",
    },
    "ragged_row": {
        "en": "this row has {count} more cell(s) than the header has columns (first extra "
        "value: '{first}'); check for a stray '|'",
        "es": "esta fila tiene {count} celda(s) más que columnas en el encabezado (primer valor "
        "de más: '{first}'); busque un '|' que sobre",
    },
    "no_survey_sheet": {
        "en": "the form has no 'survey' sheet{rename}{found}",
        "es": "el formulario no tiene hoja 'survey'{rename}{found}",
    },
    "missing_column": {
        "en": "the {sheet_name} sheet has no '{role}' column{suggestion}",
        "es": "la hoja {sheet_name} no tiene la columna '{role}'{suggestion}",
    },
    "choice_no_name": {
        "en": "choice in list '{list_name}' has no name",
        "es": "una opción de la lista '{list_name}' no tiene nombre (name)",
    },
    "choice_no_label": {
        "en": "choice '{name}' in list '{list_name}' has no label",
        "es": "la opción '{name}' de la lista '{list_name}' no tiene etiqueta (label)",
    },
    "choice_duplicate": {
        "en": "choice name '{name}' appears twice in list '{list_name}' (first at row {first_row})",
        "es": "el nombre de opción '{name}' aparece dos veces en la lista '{list_name}' (la "
        "primera vez en la fila {first_row})",
    },
    "no_external_choices": {
        "en": "there is no external_choices sheet",
        "es": "no hay hoja external_choices",
    },
    "choice_list_missing": {
        "en": "choice list '{list_name}' is not in the choices sheet{suggestion}{ignored}",
        "es": "la lista de opciones '{list_name}' no está en la hoja choices{suggestion}{ignored}",
    },
    "choice_list_no_sheet": {
        "en": "choice list '{list_name}' is not in a choices sheet (none found){suggestion}"
        "{ignored}",
        "es": "la lista de opciones '{list_name}' no está en una hoja choices (no se encontró "
        "ninguna){suggestion}{ignored}",
    },
    "select_needs_list": {
        "en": "'{kind}' needs a choice list name after the type, e.g. '{example} yes_no'",
        "es": "'{kind}' necesita el nombre de una lista de opciones después del tipo, p. ej. "
        "'{example} yes_no'",
    },
    "unknown_type": {
        "en": "unknown question type '{kind}'{suggestion}",
        "es": "tipo de pregunta desconocido: '{kind}'{suggestion}",
    },
    "name_without_type": {
        "en": "'{name}' has no type",
        "es": "'{name}' no tiene tipo (type)",
    },
    "row_without_type": {
        "en": "this row has no type",
        "es": "esta fila no tiene tipo (type)",
    },
    "too_deep": {
        "en": "more than {limit} groups or repeats inside one another; flatten the groups",
        "es": "más de {limit} grupos o grupos repetidos uno dentro de otro; reduzca el anidamiento",
    },
    "end_without_begin": {
        "en": "'{kind}' without a matching begin_{wanted}",
        "es": "'{kind}' sin su begin_{wanted} correspondiente",
    },
    "end_mismatch": {
        "en": "'{kind}' closes begin_{open_kind} '{open_name}' (row {open_row}); expected "
        "end_{open_kind}",
        "es": "'{kind}' cierra begin_{open_kind} '{open_name}' (fila {open_row}); se esperaba "
        "end_{open_kind}",
    },
    "row_without_name": {
        "en": "this row has no name",
        "es": "esta fila no tiene nombre (name)",
    },
    "invalid_name": {
        "en": "invalid name '{name}': a name starts with a letter or underscore and holds only "
        "letters, digits, '_', '-' or '.' (no spaces)",
        "es": "nombre no válido '{name}': un nombre empieza con una letra o un guion bajo y solo "
        "lleva letras, dígitos, '_', '-' o '.' (sin espacios)",
    },
    "duplicate_name": {
        "en": "duplicate name '{name}' (already used at row {first_row} in the same {container})",
        "es": "nombre repetido '{name}' (ya se usa en la fila {first_row} en el mismo {container})",
    },
    "no_label": {
        "en": "'{name}' has no label",
        "es": "'{name}' no tiene etiqueta (label)",
    },
    "begin_without_end": {
        "en": "begin_{open_kind} '{open_name}' has no matching end_{open_kind}",
        "es": "begin_{open_kind} '{open_name}' no tiene su end_{open_kind} correspondiente",
    },
    "ambiguous_reference": {
        "en": "'{reference}' is ambiguous: the name '{ref}' is used on rows {rows}; ${{}} needs "
        "a name used only once in the form",
        "es": "'{reference}' es ambiguo: el nombre '{ref}' se usa en las filas {rows}; ${{}} "
        "necesita un nombre que se use una sola vez en el formulario",
    },
    "invalid_reference": {
        "en": "'{reference}' is not a valid reference",
        "es": "'{reference}' no es una referencia válida",
    },
    "unknown_reference": {
        "en": "'{reference}' refers to no question{suggestion}",
        "es": "'{reference}' no corresponde a ninguna pregunta{suggestion}",
    },
    "invalid_expression": {
        "en": "invalid expression '{text}': {detail}{position}",
        "es": "expresión no válida '{text}': {detail}{position}",
    },
}


def language_of(language: str | None) -> str:
    """'es', 'es_SV', 'Español (es)' -> 'es'; 'en', 'English (en)' -> 'en'; else 'es'."""
    text = (language or "").strip().lower()
    if text.endswith(")") and "(" in text:
        text = text[text.rindex("(") + 1 : -1]
    code = text.replace("-", "_").split("_")[0]
    return code if code in LANGUAGES else "es"


def render(key: str, params: dict[str, object], language: str | None) -> str:
    """The text of ``key`` in the language asked, optional pieces filled or left out."""
    lang = language_of(language)
    values = {name: value for name, value in params.items() if name not in FRAGMENTS}
    for name, texts in FRAGMENTS.items():
        value = params.get(name)
        values[name] = texts[lang].format(value=value) if value not in (None, "") else ""
    if "container" in values:
        values["container"] = CONTAINERS[str(values["container"])][lang]
    return CATALOGUE[key][lang].format(**values)


def location(sheet: str | None, row: int | None, column: str | None, language: str | None) -> str:
    """Where: "survey sheet, row 7, column 'type'" / "hoja «survey», fila 7, columna «type»"."""
    lang = language_of(language)
    parts = [
        LOCATION[name][lang].format(value=value)
        for name, value in (("sheet", sheet), ("row", row), ("column", column))
        if value not in (None, "")
    ]
    return ", ".join(parts)
