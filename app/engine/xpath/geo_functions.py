"""ODK area() and distance() over geopoints, geotraces and geoshapes ("lat lon alt acc; ...")."""

from __future__ import annotations

import math
from typing import Any

from app.engine.xpath.lexer import XPathError
from app.engine.xpath.registry import xpath_function
from app.engine.xpath.values import NAN, to_string

EARTH_RADIUS_M = 6378137.0  # WGS84 equatorial radius, as ODK Collect uses


def _points(values: tuple[Any, ...], function: str) -> list[tuple[float, float]]:
    """Points from one geotrace/geoshape text, a node-set of geopoints, or several geopoints."""
    texts: list[str] = []
    for value in values:
        if isinstance(value, list):
            texts.extend(n.string_value() for n in value)
        else:
            texts.append(to_string(value))
    points: list[tuple[float, float]] = []
    for text in texts:
        for chunk in text.split(";"):
            parts = chunk.split()
            if not parts:
                continue
            try:
                lat, lon = float(parts[0]), float(parts[1])
            except (ValueError, IndexError):
                raise XPathError(f"{function}(): {chunk.strip()!r} is not a geopoint") from None
            points.append((lat, lon))
    return points


@xpath_function("distance", 1, None, returns="number")
def distance(*values: Any) -> float:
    """Length in metres along the points (great-circle, haversine)."""
    points = _points(values, "distance")
    if len(points) < 2:
        return NAN if not points else 0.0
    total = 0.0
    for (lat1, lon1), (lat2, lon2) in zip(points, points[1:], strict=False):
        p1, p2 = math.radians(lat1), math.radians(lat2)
        dp, dl = p2 - p1, math.radians(lon2 - lon1)
        h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        total += 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))
    return total


@xpath_function("area", 1, returns="number")
def area(value: Any) -> float:
    """Area in square metres of a closed shape on the sphere (the formula Collect uses)."""
    points = _points((value,), "area")
    if len(points) < 3:
        return 0.0
    if points[0] != points[-1]:
        points.append(points[0])
    total = 0.0
    for (lat1, lon1), (lat2, lon2) in zip(points, points[1:], strict=False):
        total += math.radians(lon2 - lon1) * (
            2 + math.sin(math.radians(lat1)) + math.sin(math.radians(lat2))
        )
    return abs(total * EARTH_RADIUS_M * EARTH_RADIUS_M / 2.0)
