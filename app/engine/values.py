"""Checking and normalising answers by their bind type, with messages a facilitator understands."""

from __future__ import annotations

import re
from datetime import date, datetime

from app.engine.xpath.values import node_boolean, node_number, to_string

_INT = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_MESSAGES = {
    "int": (
        "The answer to “{field}” must be a whole number, not '{value}'.",
        "La respuesta a «{field}» debe ser un número entero, no '{value}'.",
    ),
    "decimal": (
        "The answer to “{field}” must be a number, not '{value}'.",
        "La respuesta a «{field}» debe ser un número, no '{value}'.",
    ),
    "date": (
        "The answer to “{field}” must be a date (YYYY-MM-DD).",
        "La respuesta a «{field}» debe ser una fecha (AAAA-MM-DD).",
    ),
    "time": (
        "The answer to “{field}” must be a time (HH:MM).",
        "La respuesta a «{field}» debe ser una hora (HH:MM).",
    ),
    "dateTime": (
        "The answer to “{field}” must be a date and time (YYYY-MM-DDTHH:MM).",
        "La respuesta a «{field}» debe ser una fecha y hora (AAAA-MM-DDTHH:MM).",
    ),
    "boolean": (
        "The answer to “{field}” must be yes (true) or no (false).",
        "La respuesta a «{field}» debe ser sí (true) o no (false).",
    ),
    "geopoint": (
        "The answer to “{field}” must be a location: latitude longitude [altitude accuracy], "
        "e.g. '13.69 -89.19'.",
        "La respuesta a «{field}» debe ser una ubicación: latitud longitud [altitud precisión], "
        "p. ej. '13.69 -89.19'.",
    ),
}


class AnswerError(ValueError):
    """An answer that does not fit its question's type; the message says what is expected."""


def _fail(kind: str, field_name: str, value: str, spanish: bool) -> AnswerError:
    english, castellano = _MESSAGES[kind]
    return AnswerError((castellano if spanish else english).format(field=field_name, value=value))


def normalise(datatype: str, value: str, field_name: str, spanish: bool = False) -> str:
    """The value as stored in instance XML; AnswerError (a ValueError) with a person message in
    Spanish or English if it does not fit. ``field_name`` is what the person knows the question
    by: its label in the session language (Session.question_label), not its XML name."""
    if value is None:
        return ""
    text = str(value)
    if datatype in ("int", "integer", "long", "short"):
        text = text.strip()
        if not text:
            return ""
        if not _INT.match(text):
            raise _fail("int", field_name, value, spanish)
        return str(int(text))
    if datatype in ("decimal", "double", "float"):
        text = text.strip()
        if not text:
            return ""
        if not _DECIMAL.match(text):
            raise _fail("decimal", field_name, value, spanish)
        return text
    if datatype == "date":
        text = text.strip()
        if text and not (_DATE.match(text) and _valid_date(text)):
            raise _fail("date", field_name, value, spanish)
        return text
    if datatype == "time":
        text = text.strip()
        if text and not _TIME.match(text):
            raise _fail("time", field_name, value, spanish)
        return text
    if datatype == "dateTime":
        text = text.strip()
        if text:
            try:
                datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                raise _fail("dateTime", field_name, value, spanish) from None
        return text
    if datatype == "boolean":
        text = text.strip().lower()
        if text in ("", "true", "false"):
            return text
        if text in ("1", "0"):
            return "true" if text == "1" else "false"
        raise _fail("boolean", field_name, value, spanish)
    if datatype == "geopoint":
        return _geopoint(text.strip(), field_name, spanish)
    if datatype in ("geotrace", "geoshape"):
        text = text.strip()
        if not text:
            return ""
        points = [p.strip() for p in text.split(";") if p.strip()]
        return ";".join(_geopoint(p, field_name, spanish) for p in points)
    return text


def normalise_select(value: str) -> str:
    """select (multiple): space-separated values, one space between them."""
    return " ".join(str(value).split())


def _valid_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _geopoint(text: str, field_name: str, spanish: bool) -> str:
    if not text:
        return ""
    parts = text.split()
    if not 2 <= len(parts) <= 4 or not all(_NUMBER.match(p) for p in parts):
        raise _fail("geopoint", field_name, text, spanish)
    if not (-90 <= float(parts[0]) <= 90 and -180 <= float(parts[1]) <= 180):
        raise _fail("geopoint", field_name, text, spanish)
    return " ".join(parts)


_NUMBER_TYPES = {"int", "integer", "long", "short", "decimal", "double", "float"}
_WHOLE_TYPES = {"int", "integer", "long", "short"}


def kind_of(datatype: str) -> str:
    """How XPath reads a node of this bind type (Node.kind): number, date, boolean or text."""
    if datatype in _NUMBER_TYPES:
        return "number"
    if datatype in ("date", "dateTime"):
        return "date"
    if datatype == "boolean":
        return "boolean"
    return ""


def calculated_value(result: object, datatype: str) -> tuple[str, str]:
    """What a calculate or setvalue stores, and how XPath reads it back (text, Node.kind), as
    JavaRosa's wrapData: NaN and '' are empty; a boolean result (or any result in a boolean
    bind) is 1/0; a number in an int bind is truncated (5 div 2 gives 2)."""
    static = kind_of(datatype)
    if isinstance(result, list):  # one node: JavaRosa reads its typed value
        if not result:
            return "", static
        node = result[0]
        if node.kind == "number":
            result = node_number(node)
        elif node.kind == "boolean" and node.string_value() != "":
            result = node_boolean(node)
        else:
            text = node.string_value()
            if datatype == "boolean":
                return ("1" if text else ""), "boolean"
            if datatype in _WHOLE_TYPES:
                result = float(text) if _DECIMAL.match(text) else text
            else:
                return text, node.kind or static
    if isinstance(result, bool) or (datatype == "boolean" and isinstance(result, float | str)):
        if isinstance(result, float):
            truth = result == result and abs(result) > 1e-12
        elif isinstance(result, str):
            if result == "":
                return "", "boolean"
            truth = True
        else:
            truth = result
        return ("1" if truth else "0"), "boolean"
    if isinstance(result, float | int):
        number = float(result)
        if number != number:
            return "", static
        if datatype in _WHOLE_TYPES and number not in (float("inf"), float("-inf")):
            number = float(int(number))
        return to_string(number), "number"
    text = to_string(result)
    if isinstance(result, date):
        return text, "date"
    return text, static
