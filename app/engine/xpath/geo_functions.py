"""ODK area() and distance() over geopoints, geotraces and geoshapes ("lat lon alt acc; ...")."""

from __future__ import annotations

import math
from typing import Any

from app.engine.xpath.lexer import XPathError
from app.engine.xpath.registry import xpath_function
from app.engine.xpath.values import to_string

# JavaRosa's GeoUtils (the code in ODK Collect): its radius and its formulas, so an area or a
# distance is the same number here as in Collect's submissions (issue 10: analysts merge both).
EARTH_RADIUS_M = 6_378_100.0
EARTH_CIRCUMFERENCE_M = 2 * math.pi * EARTH_RADIUS_M


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
    """Length in metres along the points: the spherical law of cosines, as GeoUtils has it."""
    points = _points(values, "distance")
    if len(points) < 2:
        return 0.0  # an empty trace too (JavaRosa: no points, no length)
    total = 0.0
    for (lat1, lon1), (lat2, lon2) in zip(points, points[1:], strict=False):
        p1, p2 = math.radians(lat1), math.radians(lat2)
        cosine = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(
            math.radians(lon1 - lon2)
        )
        # acos of a rounding error past 1 is NaN in Java; a repeated point is 0 m apart.
        total += math.acos(max(-1.0, min(1.0, cosine))) * EARTH_RADIUS_M
    return total


@xpath_function("area", 1, returns="number")
def area(value: Any) -> float:
    """Area in square metres, as GeoUtils.calculateAreaOfGPSPolygonOnEarthInSquareMeters: the
    points projected onto a plane at the first one (metres per degree of latitude, shrunk by
    cos(latitude) for longitude), then the triangle fan from the first point."""
    points = _points((value,), "area")
    if len(points) < 3:
        return 0.0
    lat0, lon0 = points[0]
    xs = [
        (lon - lon0) * EARTH_CIRCUMFERENCE_M * math.cos(math.radians(lat)) / 360.0
        for lat, lon in points[1:]
    ]
    ys = [(lat - lat0) * EARTH_CIRCUMFERENCE_M / 360.0 for lat, _ in points[1:]]
    total = 0.0
    for i in range(1, len(xs)):
        total += (ys[i - 1] * xs[i] - xs[i - 1] * ys[i]) / 2
    return abs(total)
