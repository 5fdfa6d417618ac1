"""Checking and normalising answers by their bind type, with messages a facilitator understands."""

from __future__ import annotations

import re
from datetime import date, datetime

_INT = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def normalise(datatype: str, value: str, field_name: str) -> str:
    """The value as stored in instance XML; ValueError with a person message if it does not fit."""
    if value is None:
        return ""
    text = str(value)
    if datatype in ("int", "integer", "long", "short"):
        text = text.strip()
        if not text:
            return ""
        if not _INT.match(text):
            raise ValueError(f"The answer to '{field_name}' must be a whole number, not '{value}'.")
        return str(int(text))
    if datatype in ("decimal", "double", "float"):
        text = text.strip()
        if not text:
            return ""
        if not _DECIMAL.match(text):
            raise ValueError(f"The answer to '{field_name}' must be a number, not '{value}'.")
        return text
    if datatype == "date":
        text = text.strip()
        if text and not (_DATE.match(text) and _valid_date(text)):
            raise ValueError(f"The answer to '{field_name}' must be a date (YYYY-MM-DD).")
        return text
    if datatype == "time":
        text = text.strip()
        if text and not _TIME.match(text):
            raise ValueError(f"The answer to '{field_name}' must be a time (HH:MM).")
        return text
    if datatype == "dateTime":
        text = text.strip()
        if text:
            try:
                datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                raise ValueError(
                    f"The answer to '{field_name}' must be a date and time (YYYY-MM-DDTHH:MM)."
                ) from None
        return text
    if datatype == "boolean":
        text = text.strip().lower()
        if text in ("", "true", "false"):
            return text
        if text in ("1", "0"):
            return "true" if text == "1" else "false"
        raise ValueError(f"The answer to '{field_name}' must be yes (true) or no (false).")
    if datatype == "geopoint":
        return _geopoint(text.strip(), field_name)
    if datatype in ("geotrace", "geoshape"):
        text = text.strip()
        if not text:
            return ""
        points = [p.strip() for p in text.split(";") if p.strip()]
        return ";".join(_geopoint(p, field_name) for p in points)
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


def _geopoint(text: str, field_name: str) -> str:
    if not text:
        return ""
    parts = text.split()
    message = (
        f"The answer to '{field_name}' must be a location: latitude longitude "
        "[altitude accuracy], e.g. '13.69 -89.19'."
    )
    if not 2 <= len(parts) <= 4 or not all(_NUMBER.match(p) for p in parts):
        raise ValueError(message)
    if not (-90 <= float(parts[0]) <= 90 and -180 <= float(parts[1]) <= 180):
        raise ValueError(message)
    return " ".join(parts)
