"""ODK date and time functions: today, now, date, date-time, decimal-*, format-date(-time)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from app.engine.xpath.registry import xpath_function
from app.engine.xpath.values import (
    NAN,
    fractional_days,
    parse_time,
    to_date,
    to_datetime,
    to_string,
)

_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_FORMAT_RE = re.compile(r"%(.)")


@xpath_function("today", 0, style="context", returns="any")
def today(env, cur, node, pos, size) -> date:
    return env.now().date()


@xpath_function("now", 0, style="context", returns="any")
def now(env, cur, node, pos, size) -> datetime:
    return env.now()


@xpath_function("date", 1, returns="any")
def date_(value: Any) -> date | str:
    """A date value; text that is no date gives "" (so it reads as empty, not as an error)."""
    found = to_date(value)
    return "" if found is None else found


@xpath_function("date-time", 1, returns="any")
def date_time(value: Any) -> datetime | str:
    found = to_datetime(value)
    return "" if found is None else found


@xpath_function("decimal-date-time", 1, returns="number")
def decimal_date_time(value: Any) -> float:
    found = value if isinstance(value, date) else to_datetime(value)
    return NAN if found is None else fractional_days(found)


@xpath_function("decimal-time", 1, returns="number")
def decimal_time(value: Any) -> float:
    """Fraction of a day of a time value "HH:MM:SS.sss+HH:MM", in the time's own offset."""
    text = to_string(value)
    if isinstance(value, datetime):
        moment = value.time()
    else:
        parsed = parse_time(text)
        if parsed is None:
            found = to_datetime(text) if "T" in text else None
            if found is None:
                return NAN
            moment = found.time()
        else:
            moment = parsed[0]
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second + moment.microsecond / 1e6
    return seconds / 86400.0


def format_moment(value: Any, pattern: str, with_time: bool) -> str:
    """Format with ODK's %-codes; "" if the value is no date (as Collect shows nothing)."""
    moment: date | datetime | None
    if isinstance(value, str | list) and parse_time(to_string(value)) is not None:
        parsed = parse_time(to_string(value))
        assert parsed is not None
        moment = datetime.combine(date(1970, 1, 1), parsed[0])
    else:
        moment = to_datetime(value) if with_time else to_date(value)
    if moment is None or moment == "":
        return ""
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)

    def code(m: re.Match[str]) -> str:
        c = m[1]
        values = {
            "Y": f"{moment.year:04d}",
            "y": f"{moment.year % 100:02d}",
            "m": f"{moment.month:02d}",
            "n": str(moment.month),
            "b": _MONTH_NAMES[moment.month - 1],
            "d": f"{moment.day:02d}",
            "e": str(moment.day),
            "a": _DAY_NAMES[moment.weekday()],
            "H": f"{moment.hour:02d}",
            "h": str(moment.hour),
            "M": f"{moment.minute:02d}",
            "S": f"{moment.second:02d}",
            "3": f"{moment.microsecond // 1000:03d}",
            "%": "%",
        }
        return values.get(c, m[0])

    return _FORMAT_RE.sub(code, pattern)


@xpath_function("format-date", 2, returns="string")
def format_date(value: Any, pattern: Any) -> str:
    return format_moment(value, to_string(pattern), with_time=False)


@xpath_function("format-date-time", 2, returns="string")
def format_date_time(value: Any, pattern: Any) -> str:
    return format_moment(value, to_string(pattern), with_time=True)
