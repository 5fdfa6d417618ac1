"""odk:setgeopoint waiting for a fix: which nodes asked for the device's position, until when.

ODK Collect (CollectSetGeopointAction) writes the first fix that comes after the action fired and
replaces it with any more accurate fix for 20 seconds; when no fix comes in that time the node
stays empty. On a laptop the fix comes later too (the OS position service answers on its own
time), so an action records its target here and Session.receive_position() writes each fix into
the targets still waiting. A target is forgotten when its 20 seconds are over, when its repeat
instance was removed, or when something else changed its value since (a person typed there, or
the action fired again): a late fix never overwrites what is not its own.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from decimal import Decimal

from app.engine.instance import Node

# Collect's CollectSetGeopointAction.SECONDS_TO_CONSIDER_UPDATES.
POSITION_WINDOW = 20.0


@dataclass(eq=False)
class AwaitedPosition:
    """One node an odk:setgeopoint action fired for, waiting for the device's position."""

    node: Node
    until: float  # clock time after which a fix no longer belongs to this event
    expected: str  # the node's value the fix may replace: what it held, or the last fix written
    accuracy: float | None = None  # of the fix written so far (metres); None before the first


def fix_accuracy(position: str) -> float:
    """The accuracy (metres, lower is better) of a "lat lon altitude accuracy" fix; a fix that
    does not say (or says 0, as Android does when it does not know) ranks last."""
    parts = position.split()
    try:
        accuracy = float(parts[3]) if len(parts) > 3 else math.inf
    except ValueError:
        return math.inf
    return accuracy if accuracy > 0 and math.isfinite(accuracy) else math.inf


def fix_text(latitude: float, longitude: float, altitude: float, accuracy: float) -> str:
    """A fix as Collect writes it (GeoUtils.formatLocationResultString): Java's text of the
    latitude, longitude and altitude doubles and of the accuracy float, "13.69 -89.19 650.0 8.0".
    An unknown altitude or accuracy (NaN) is 0.0, as Android's Location gives it."""
    altitude = altitude if math.isfinite(altitude) else 0.0
    accuracy = accuracy if math.isfinite(accuracy) and accuracy >= 0 else 0.0
    return " ".join(
        (_java_text(repr(latitude)), _java_text(repr(longitude)), _java_text(repr(altitude)))
        + (_java_text(_shortest_float32(accuracy)),)
    )


def _shortest_float32(value: float) -> str:
    """The fewest digits that read back as the same 32-bit float (Java's Float.toString)."""
    single = struct.unpack("f", struct.pack("f", value))[0]
    for digits in range(1, 10):
        text = f"{single:.{digits}g}"
        if struct.unpack("f", struct.pack("f", float(text)))[0] == single:
            return text
    return repr(single)


def _java_text(shortest: str) -> str:
    """Java's Double.toString layout of a number given by its shortest digits: plain with at
    least one decimal between 10^-3 and 10^7, else d.dddE±n."""
    number = Decimal(shortest)
    if number == 0:
        return "0.0"
    if Decimal("0.001") <= abs(number) < Decimal("1e7"):
        text = format(number.normalize(), "f")
        return text if "." in text else text + ".0"
    sign, digits, exponent = number.normalize().as_tuple()
    assert isinstance(exponent, int)
    power = exponent + len(digits) - 1
    tail = "".join(map(str, digits[1:])) or "0"
    return f"{'-' if sign else ''}{digits[0]}.{tail}E{power}"
