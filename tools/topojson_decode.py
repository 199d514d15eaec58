"""Just enough TopoJSON for the basemap builder: decode arcs, simplify them, assemble rings and
find the arcs two features share (topojson-client's `mesh`), without a geometry library."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

Point = tuple[float, float]


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Quantized, delta-encoded arcs → absolute (lon, lat) points."""
    transform = topology.get("transform")
    arcs: list[list[Point]] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _perpendicular(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return ((p[0] - a[0]) ** 2 + (p[1] - a[1]) ** 2) ** 0.5
    return abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / (dx * dx + dy * dy) ** 0.5


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker keeping both ends (so arcs shared by two features stay shared)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, 0
        for i in range(first + 1, last):
            d = _perpendicular(points[i], points[first], points[last])
            if d > best:
                best, index = d, i
        if best > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, k in zip(points, keep, strict=True) if k]


def ring(arc_ids: list[int], arcs: list[list[Point]]) -> list[Point]:
    """Join a ring's arcs (negative index = reversed arc ~i), dropping repeated joints."""
    out: list[Point] = []
    for index in arc_ids:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        out.extend(points if not out else points[1:])
    return out


def polygons(geometry: dict[str, Any]) -> Iterator[list[list[int]]]:
    """Each polygon of a geometry as its list of rings (each a list of arc indexes)."""
    if geometry["type"] == "Polygon":
        yield geometry["arcs"]
    elif geometry["type"] == "MultiPolygon":
        yield from geometry["arcs"]
    elif geometry["type"] == "GeometryCollection":
        for child in geometry["geometries"]:
            yield from polygons(child)


def arc_owners(geometries: Iterable[dict[str, Any]], key: str = "id") -> dict[int, set[str]]:
    """Arc index → the ids of the features whose outline uses it."""
    owners: dict[int, set[str]] = defaultdict(set)
    for geometry in geometries:
        for polygon in polygons(geometry):
            for arc_ids in polygon:
                for index in arc_ids:
                    owners[index if index >= 0 else ~index].add(str(geometry.get(key)))
    return owners


def ring_area(points: list[Point]) -> float:
    """Shoelace area in square degrees (sign = winding)."""
    return 0.5 * sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(points, points[1:], strict=False))


def contains(points: list[Point], lon: float, lat: float) -> bool:
    """Even–odd point-in-ring test."""
    inside = False
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside
