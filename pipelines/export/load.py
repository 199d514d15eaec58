"""Read the published snapshot (read-only) into export rows, re-applying the publication rules.

The snapshot already excludes suppressed records, kind `other` and finer-than-allowed geography;
this module enforces all three again so a faulty publish can never leak them into a download.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import duckdb

from pipelines.core.model import LIST_FIELDS, LISTING_FIELDS, PRECISION_ORDER, PUBLISHED_KINDS

# Decimal places kept for each geo precision; None means no coordinates at all.
COORD_DECIMALS: dict[str, int | None] = {
    "source": 5, "address": 5, "postal_code": 2, "city": 2, "county": 1, "region": 0, "none": None,
}
SOURCE_FIELDS = (
    "id", "name", "url", "format", "enabled", "health", "last_run_at", "last_success_at",
    "last_error", "item_count", "terms", "attribution", "precision_cap", "homepage",
)


URL_FIELDS = ("source_url", "online_url", "contact_url", "url")
_URL_SCHEMES = ("http", "https", "mailto", "tel")


def allowed_url(value: Any) -> bool:
    """True for None or an http(s)/mailto/tel URL without whitespace or control characters."""
    if value is None:
        return True
    text = str(value)
    if not text or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in text):
        return False
    try:
        return urlsplit(text).scheme.lower() in _URL_SCHEMES
    except ValueError:
        return False


@dataclass
class SnapshotData:
    listings: list[dict[str, Any]]  # LISTING_FIELDS + next_start (aware datetime or None)
    occurrences: list[dict[str, Any]]  # listing_id, start, end (aware UTC datetimes), status, title
    sources: list[dict[str, Any]]
    meta: dict[str, str]
    dropped: dict[str, int] = field(default_factory=dict)


def read_snapshot(path: Path) -> SnapshotData:
    """Open the published DuckDB file read-only and return sorted, filtered, capped rows."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        con.execute("SET TimeZone = 'UTC'")
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables")
                  .fetchall()}
        listings = _fetch(con, "SELECT * FROM listings")
        occurrences = _fetch(
            con, 'SELECT listing_id, "start", "end", status, title FROM occurrences')
        sources = _fetch(con, "SELECT * FROM sources") if "sources" in tables else []
        meta = ({str(k): str(v) for k, v in con.execute("SELECT key, value FROM meta").fetchall()}
                if "meta" in tables else {})
        suppressed: set[str] = set()
        if "suppressions" in tables:  # never expected in a snapshot; honoured if present
            cols = {r[0] for r in con.execute("DESCRIBE suppressions").fetchall()}
            if "listing_id" in cols:
                suppressed = {str(r[0]) for r in
                              con.execute("SELECT listing_id FROM suppressions").fetchall()}
    finally:
        con.close()
    return _clean(listings, occurrences, sources, meta, suppressed)


def _fetch(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def _clean(
    listings: list[dict[str, Any]], occurrences: list[dict[str, Any]],
    sources: list[dict[str, Any]], meta: dict[str, str], suppressed: set[str],
) -> SnapshotData:
    caps = {str(s["id"]): s.get("precision_cap") for s in sources}
    dropped = {"other_kind": 0, "suppressed": 0, "coarsened": 0}
    kept: list[dict[str, Any]] = []
    for raw in listings:
        if raw.get("kind") not in PUBLISHED_KINDS:
            dropped["other_kind"] += 1
            continue
        if raw.get("suppressed") or str(raw.get("id")) in suppressed:
            dropped["suppressed"] += 1
            continue
        row: dict[str, Any] = {name: raw.get(name) for name in LISTING_FIELDS}
        for name in LIST_FIELDS:
            row[name] = [str(v) for v in row[name] or []]
        row["next_start"] = _utc(raw.get("next_start"))
        for name in URL_FIELDS:
            if not allowed_url(row.get(name)):
                row[name] = None
        cap = _strictest_cap([row["source_id"], *row["source_ids"]], caps)
        if cap_geography(row, cap):
            dropped["coarsened"] += 1
        kept.append(row)
    kept.sort(key=lambda r: str(r["id"]))
    ids = {r["id"] for r in kept}
    occs = [
        {"listing_id": o["listing_id"], "start": _utc(o["start"]), "end": _utc(o["end"]),
         "status": o["status"], "title": o["title"]}
        for o in occurrences if o["listing_id"] in ids and o["start"] is not None
    ]
    occs.sort(key=lambda o: (str(o["listing_id"]), o["start"], o["end"] or o["start"]))
    clean_sources = [{k: s.get(k) for k in SOURCE_FIELDS} for s in sources]
    clean_sources.sort(key=lambda s: str(s["id"]))
    return SnapshotData(kept, occs, clean_sources, dict(sorted(meta.items())), dropped)


def _utc(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:  # TIMESTAMPTZ always carries a zone; naive means UTC by contract
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _strictest_cap(source_ids: list[Any], caps: dict[str, Any]) -> str | None:
    found = [caps.get(str(s)) for s in source_ids]
    found = [c for c in found if c in PRECISION_ORDER]
    return max(found, key=PRECISION_ORDER.index) if found else None


def cap_geography(row: dict[str, Any], cap: str | None) -> bool:
    """Coarsen a listing row in place to at most `cap`; return True when anything changed.

    Address fields (venue, street, ZIP, city, state) are dropped only when `cap` forbids them;
    coordinates are rounded to whichever is coarser, the cap or the point's own precision.
    """
    precision = row.get("geo_precision") or "none"
    if precision not in PRECISION_ORDER:
        precision = "none"
    effective = precision
    if cap is not None and PRECISION_ORDER.index(cap) > PRECISION_ORDER.index(precision):
        effective = cap
    before = (row.get("street"), row.get("postal_code"), row.get("city"), row.get("region"),
              row.get("lat"), row.get("lon"), row.get("venue_name"), row.get("geo_precision"))
    # The address text follows the source's cap, not how precisely the geocoder placed the
    # point: a street the source published stays, even when only its ZIP centroid was found.
    level = PRECISION_ORDER.index(cap) if cap in PRECISION_ORDER else 0
    if level > PRECISION_ORDER.index("address"):
        row["street"] = None
        row["venue_name"] = None  # a venue name pins the address as well as a street does
    if level > PRECISION_ORDER.index("postal_code"):
        row["postal_code"] = None
    if level > PRECISION_ORDER.index("city"):
        row["city"] = None
    if level > PRECISION_ORDER.index("region"):
        row["region"] = None
    decimals = COORD_DECIMALS[effective]
    if decimals is None or row.get("lat") is None or row.get("lon") is None:
        row["lat"] = row["lon"] = None
    else:
        row["lat"] = _round(float(row["lat"]), decimals)
        row["lon"] = _round(float(row["lon"]), decimals)
    row["geo_precision"] = effective
    after = (row.get("street"), row.get("postal_code"), row.get("city"), row.get("region"),
             row.get("lat"), row.get("lon"), row.get("venue_name"), row.get("geo_precision"))
    return before != after


def _round(value: float, decimals: int) -> float:
    rounded = round(value, decimals)
    return rounded + 0.0  # normalise -0.0 so output bytes never depend on the sign of zero
