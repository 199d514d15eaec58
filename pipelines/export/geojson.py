"""listings.geojson: RFC 7946 FeatureCollection, one Feature per listing.

In-person, hybrid and unknown-mode listings with coordinates are Points ([lon, lat], 5 decimals);
online listings and listings without coordinates have `"geometry": null`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipelines.export.jsonout import dumps
from pipelines.export.tabular import LISTING_COLUMNS, iso_utc


def feature(listing: dict[str, Any]) -> dict[str, Any]:
    geometry = None
    if (listing.get("attendance_mode") != "online" and listing.get("lat") is not None
            and listing.get("lon") is not None):
        geometry = {"type": "Point",
                    "coordinates": [round(float(listing["lon"]), 5) + 0.0,
                                    round(float(listing["lat"]), 5) + 0.0]}
    properties: dict[str, Any] = {}
    for name, kind in LISTING_COLUMNS.items():
        if name in ("lat", "lon"):
            continue
        value = listing.get(name)
        properties[name] = iso_utc(value) or None if kind == "datetime" else value
    return {"type": "Feature", "id": str(listing["id"]), "geometry": geometry,
            "properties": properties}


def render_geojson(listings: list[dict[str, Any]]) -> bytes:
    return dumps({"type": "FeatureCollection", "features": [feature(r) for r in listings]})


def write_geojson(folder: Path, listings: list[dict[str, Any]]) -> None:
    (folder / "listings.geojson").write_bytes(render_geojson(listings))
