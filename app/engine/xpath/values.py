"""XPath value conversions (XPath 1.0 rules plus ODK's dates).

Values flowing through the evaluator are: str, float, bool, list[Node] (a node-set in document
order), datetime.date and datetime.datetime (aware). As in JavaRosa, dates and date-times convert
to numbers as whole days since 1970-01-01 on this machine's calendar (decimal-date-time() alone
gives the fraction), and text is a number only in decimal notation: number('2020-01-01') is NaN.
A node's text reads as what its `kind` says (JavaRosa keeps typed values in its nodes): a date
node is its date, a number node "0" is false, a boolean node holds 1/0.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal

from app.engine.instance import Node

EPOCH_DATE = date(1970, 1, 1)
EPOCH = datetime(1970, 1, 1)
NAN = float("nan")

# XPath 1.0 Number: no exponent, no "inf"/"nan", no underscores (all of which float() accepts).
_NUMBER_RE = re.compile(r"\s*-?(?:\d+(?:\.\d*)?|\.\d+)\s*\Z")
_DATE_RE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})\s*\Z")
_DATETIME_RE = re.compile(
    r"\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*\Z"
)
_TIME_RE = re.compile(
    r"\s*(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*\Z"
)


def _tz(text: str | None) -> timezone | None:
    if text is None:
        return None
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + (int(digits[2:4]) if len(digits) > 2 else 0)
    return timezone(sign * timedelta(minutes=minutes))


def _micro(fraction: str | None) -> int:
    return int((fraction or "0")[:6].ljust(6, "0"))


def parse_date(text: str) -> date | None:
    """A date from "YYYY-MM-DD" (or the date part of a date-time), else None."""
    m = _DATE_RE.match(text)
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        found = parse_datetime(text)
        return found.date() if found else None
    except ValueError:
        return None


def parse_datetime(text: str) -> datetime | None:
    """A date-time from ISO text; a date-only string is midnight; no offset means naive
    (local wall clock). Returns None if the text is not a valid date/date-time."""
    try:
        m = _DATETIME_RE.match(text)
        if m:
            return datetime(
                int(m[1]),
                int(m[2]),
                int(m[3]),
                int(m[4]),
                int(m[5]),
                int(m[6] or 0),
                _micro(m[7]),
                tzinfo=_tz(m[8]),
            )
        m = _DATE_RE.match(text)
        if m:
            return datetime(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return None


def parse_time(text: str) -> tuple[time, timezone | None] | None:
    """A time of day from "HH:MM[:SS[.fff]][offset]" (ODK time questions), else None."""
    m = _TIME_RE.match(text)
    if not m:
        return None
    try:
        return time(int(m[1]), int(m[2]), int(m[3] or 0), _micro(m[4])), _tz(m[5])
    except ValueError:
        return None


def local_wall_clock(value: datetime) -> datetime:
    """A date-time as this machine's clock shows that instant (naive values are already local)."""
    if value.tzinfo is None:
        return value
    try:
        return value.astimezone().replace(tzinfo=None)
    except (OverflowError, ValueError, OSError):
        return value.replace(tzinfo=None)


def days_of(value: date | datetime) -> float:
    """Whole days since the epoch, as JavaRosa's numeric conversion of a date or date-time: the
    date the machine's calendar gives the instant (so dateTime - date counts calendar days)."""
    if isinstance(value, datetime):
        value = local_wall_clock(value).date()
    return float((value - EPOCH_DATE).days)


def fractional_days(value: date | datetime) -> float:
    """decimal-date-time(): days since the local epoch with the time of day as a fraction; an
    offset counts (12:00+02:00 is 10:00 UTC)."""
    if not isinstance(value, datetime):
        return float((value - EPOCH_DATE).days)
    delta = local_wall_clock(value) - EPOCH
    return delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400.0


def date_from_days(days: float) -> date | None:
    """The date `days` after 1970-01-01; None for NaN, infinities and years out of range."""
    try:
        return EPOCH_DATE + timedelta(days=math.floor(days))
    except (OverflowError, ValueError):
        return None


def datetime_from_days(days: float) -> datetime | None:
    """A local wall-clock date-time (aware, in this machine's offset) from fractional days."""
    try:
        naive = EPOCH + timedelta(days=days)
        return naive.astimezone()  # interprets naive as local time
    except (OverflowError, ValueError, OSError):
        return None


def format_datetime_iso(value: datetime) -> str:
    """ODK's dateTime text: 2024-05-01T10:20:30.123-06:00."""
    text = value.strftime("%Y-%m-%dT%H:%M:%S") + f".{value.microsecond // 1000:03d}"
    offset = value.utcoffset()
    if offset is None:
        return text
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return f"{text}{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def number_to_string(value: float) -> str:
    """XPath 1.0 number -> string: integers without ".0", NaN, Infinity, no exponent."""
    if value != value:
        return "NaN"
    if value in (math.inf, -math.inf):
        return "Infinity" if value > 0 else "-Infinity"
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    if text.endswith(".0"):
        text = text[:-2]
    return text


def string_to_number(text: str) -> float:
    """XPath number(): decimal notation only; "", junk and date text are NaN (as JavaRosa)."""
    if _NUMBER_RE.match(text):
        return float(text)
    return NAN


def node_number(node: Node) -> float:
    """number() of one node: its text, or for a date node the days of its date."""
    text = node.string_value()
    if _NUMBER_RE.match(text):
        return float(text)
    if node.kind == "date" and text:
        found = parse_datetime(text)
        if found is not None:
            return days_of(found)
    elif node.kind == "boolean":
        if text == "true":
            return 1.0
        if text == "false":
            return 0.0
    return NAN


def node_boolean(node: Node) -> bool:
    """boolean() of a one-node set: answered or not, except typed values read as JavaRosa does
    (a number node is false at 0, a boolean node false at 0/false)."""
    text = node.string_value()
    kind = node.kind
    if not kind or not text:
        return text != ""
    if kind == "number":
        number = string_to_number(text)
        return number != 0 and number == number
    if kind == "boolean":
        return text not in ("0", "false")
    return True


def to_string(value: object) -> str:
    """XPath string() of any evaluator value."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return value[0].string_value() if value else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int):
        return number_to_string(float(value))
    if isinstance(value, datetime):
        return format_datetime_iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Node):
        return value.string_value()
    raise TypeError(f"not an XPath value: {value!r}")


def to_number(value: object) -> float:
    """XPath number() of any evaluator value (dates and date strings -> days since epoch)."""
    if isinstance(value, float):
        return value
    if isinstance(value, str):
        return string_to_number(value)
    if isinstance(value, list):
        return node_number(value[0]) if value else NAN
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int):
        return float(value)
    if isinstance(value, date):
        return days_of(value)
    if isinstance(value, Node):
        return node_number(value)
    raise TypeError(f"not an XPath value: {value!r}")


def to_boolean(value: object) -> bool:
    """boolean(): non-empty strings, non-zero non-NaN numbers and dates are true. A node-set of
    one node is true if that node's value is non-empty (ODK Collect: `relevant="/data/q"` means
    "q is answered"); an empty node-set is false and several nodes are true (XPath 1.0)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value != ""
    if isinstance(value, list):
        if len(value) == 1:
            return node_boolean(value[0])
        return len(value) > 1
    if isinstance(value, float | int):
        return value != 0 and value == value
    if isinstance(value, date):
        return True
    if isinstance(value, Node):
        return True
    raise TypeError(f"not an XPath value: {value!r}")


def to_date(value: object) -> date | None:
    """ODK date(): the calendar date of a date/date-time (text or value) or of a day count."""
    if isinstance(value, list):
        value = to_string(value)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        if _DATE_RE.match(value):
            return parse_date(value)
        found = parse_datetime(value)
        if found is not None:
            return found.date()
        number = string_to_number(value)
    else:
        number = to_number(value)
    return date_from_days(number)


def to_datetime(value: object) -> datetime | None:
    """ODK date-time(): an aware date-time (naive text is taken as local time)."""
    if isinstance(value, list):
        value = to_string(value)
    if isinstance(value, datetime):
        found: datetime | None = value
    elif isinstance(value, date):
        found = datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and parse_datetime(value) is not None:
        found = parse_datetime(value)
    else:
        return datetime_from_days(to_number(value))
    if found is not None and found.tzinfo is None:
        try:
            found = found.astimezone()
        except (OverflowError, ValueError, OSError):
            found = found.replace(tzinfo=UTC)  # years the OS clock cannot place
    return found
