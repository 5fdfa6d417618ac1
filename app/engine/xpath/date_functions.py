"""ODK date and time functions: today, now, date, date-time, decimal-*, format-date(-time)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from app.engine.instance import Node
from app.engine.xpath.registry import xpath_function
from app.engine.xpath.values import (
    NAN,
    fractional_days,
    local_wall_clock,
    parse_datetime,
    parse_time,
    to_date,
    to_datetime,
    to_string,
)

if TYPE_CHECKING:
    from app.engine.xpath import EvalEnv

# Month and day names follow the form's language (Collect follows the device's locale; our
# facilitators work in Spanish): EvalEnv.locale, "es" or "en".
_DAY_NAMES = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "es": ("lun", "mar", "mié", "jue", "vie", "sáb", "dom"),
}
_MONTH_NAMES = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "es": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"),
}
_FORMAT_RE = re.compile(r"%(.)")


@xpath_function("today", 0, style="context", returns="any")
def today(env: EvalEnv, cur: Node, node: Node, pos: int, size: int) -> date:
    return env.now().date()


@xpath_function("now", 0, style="context", returns="any")
def now(env: EvalEnv, cur: Node, node: Node, pos: int, size: int) -> datetime:
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


def _has_time(value: Any) -> bool:
    if isinstance(value, datetime):
        return True
    if isinstance(value, str | list):
        text = to_string(value)
        return "T" in text and parse_datetime(text) is not None
    return False


def format_moment(value: Any, pattern: str, with_time: bool, locale: str = "en") -> str:
    """Format with ODK's %-codes; "" if the value is no date (as Collect shows nothing).
    A date-time keeps its time also in format-date (JavaRosa), shown on this machine's clock."""
    moment: date | datetime | None
    if isinstance(value, str | list) and parse_time(to_string(value)) is not None:
        parsed = parse_time(to_string(value))
        assert parsed is not None
        moment = datetime.combine(date(1970, 1, 1), parsed[0])
    elif with_time or _has_time(value):
        moment = to_datetime(value)
        if moment is not None:
            moment = local_wall_clock(moment)
    else:
        moment = to_date(value)
    if moment is None or moment == "":
        return ""
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
    months = _MONTH_NAMES.get(locale, _MONTH_NAMES["en"])
    days = _DAY_NAMES.get(locale, _DAY_NAMES["en"])

    def code(m: re.Match[str]) -> str:
        c = m[1]
        values = {
            "Y": f"{moment.year:04d}",
            "y": f"{moment.year % 100:02d}",
            "m": f"{moment.month:02d}",
            "n": str(moment.month),
            "b": months[moment.month - 1],
            "d": f"{moment.day:02d}",
            "e": str(moment.day),
            "a": days[moment.weekday()],
            "H": f"{moment.hour:02d}",
            "h": str(moment.hour),
            "M": f"{moment.minute:02d}",
            "S": f"{moment.second:02d}",
            "3": f"{moment.microsecond // 1000:03d}",
            "%": "%",
        }
        return values.get(c, m[0])

    return _FORMAT_RE.sub(code, pattern)


@xpath_function("format-date", 2, style="context", returns="string")
def format_date(
    env: EvalEnv, cur: Node, node: Node, pos: int, size: int, value: Any, pattern: Any
) -> str:
    return format_moment(value, to_string(pattern), with_time=False, locale=env.locale)


@xpath_function("format-date-time", 2, style="context", returns="string")
def format_date_time(
    env: EvalEnv, cur: Node, node: Node, pos: int, size: int, value: Any, pattern: Any
) -> str:
    return format_moment(value, to_string(pattern), with_time=True, locale=env.locale)
