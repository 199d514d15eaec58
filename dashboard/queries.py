"""Parameterized DuckDB queries over the published snapshot (read-only; never the store).

SQL text is assembled only from constant fragments chosen in code; every user value travels as a
named parameter.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from dashboard.search_state import DAYS, Search
from dashboard.where import Origin

RESULT_LIMIT = 1000
FALLBACK_TZ = "America/New_York"  # also inlined in _PREPARED
_EARTH_DIAMETER_MI = 7917.5226

_PREPARED = """
WITH prepared AS (
    SELECT l.*,
        CASE WHEN l.timezone IN (SELECT name FROM pg_timezone_names()) THEN l.timezone
             ELSE 'America/New_York' END AS tz_effective
    FROM listings l
), scored AS (
    SELECT p.*, timezone(p.tz_effective, p.next_start) AS local_start, {distance} AS distance_mi
    FROM prepared p
)
SELECT * FROM scored WHERE {where}
ORDER BY distance_mi ASC NULLS LAST, next_start ASC NULLS LAST, title, id
LIMIT $limit
"""
_DISTANCE = (
    f"CASE WHEN p.lat IS NULL OR p.lon IS NULL THEN NULL ELSE {_EARTH_DIAMETER_MI} * asin(sqrt("
    "pow(sin(radians(p.lat - $olat) / 2), 2) + cos(radians($olat)) * cos(radians(p.lat)) * "
    "pow(sin(radians(p.lon - $olon) / 2), 2))) END"
)
_NO_DISTANCE = "CAST(NULL AS DOUBLE)"
_TIME_OF_DAY = (
    "CASE WHEN hour(local_start) < 12 THEN 'morning' "
    "WHEN hour(local_start) < 17 THEN 'afternoon' ELSE 'evening' END"
)


@dataclass
class SearchResults:
    local: pd.DataFrame
    online: pd.DataFrame
    nearest_outside_mi: float | None = None  # when nothing is within the radius
    occurrences: dict[str, list[datetime]] = field(default_factory=dict)


def snapshot_path(data_dir: str | os.PathLike[str] | None = None) -> Path:
    base = data_dir if data_dir is not None else os.environ.get("PEERMAP_DATA_DIR", "var")
    return Path(base) / "published" / "peermap.duckdb"


def snapshot_identity(path: Path) -> tuple[int, int] | None:
    """(inode, mtime_ns): changes whenever a publish os.replace()s the file."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns)


def open_snapshot(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the snapshot file as it is now.

    ATTACH to a fresh in-memory database instead of duckdb.connect(path): connect() reuses a
    process-wide instance per path, so after a publish replaced the file it would still serve the
    old one while any old connection lives.
    """
    con = duckdb.connect()
    quoted = str(path).replace("'", "''")  # the operator's data dir, not user input
    con.execute(f"ATTACH '{quoted}' AS snapshot (READ_ONLY)")
    con.execute("USE snapshot")
    con.execute("SET TimeZone = 'UTC'")
    return con


def _cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A per-call cursor (thread-safe use of the shared connection) with the snapshot selected."""
    cur = con.cursor()
    cur.execute("USE snapshot")
    cur.execute("SET TimeZone = 'UTC'")
    return cur


def _filters(search: Search, as_of: datetime) -> tuple[list[str], dict[str, Any]]:
    """Filters shared by the local and the online list (the "What" part of a search)."""
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if search.kinds:
        clauses.append("list_contains($kinds, kind)")
        params["kinds"] = list(search.kinds)
    cost = []
    if search.free:
        cost.append("coalesce(is_free, false)")
    if search.sliding:
        cost.append("coalesce(sliding_scale, false)")
    if cost:
        clauses.append("(" + " OR ".join(cost) + ")")
    if search.max_price > 0:
        clauses.append("(coalesce(is_free, false) OR coalesce(cost_min, cost_max) <= $max_price)")
        params["max_price"] = float(search.max_price)
    if search.audience:
        clauses.append("(len(audience) = 0 OR list_has_any(audience, $audience))")
        params["audience"] = list(search.audience)
    if search.modalities:
        clauses.append("list_has_any(modalities, $modalities)")
        params["modalities"] = list(search.modalities)
    if search.ce_only:
        clauses.append("coalesce(ce_credits, 0) > 0")
    if search.days:
        clauses.append("list_contains($days, isodow(local_start))")
        params["days"] = [DAYS.index(d) + 1 for d in search.days]
    if search.times:
        clauses.append(f"list_contains($times, {_TIME_OF_DAY})")
        params["times"] = list(search.times)
    if search.within_days:
        clauses.append("next_start >= $window_start AND next_start < $window_end")
        params["window_start"] = as_of
        params["window_end"] = as_of + timedelta(days=search.within_days)
    if search.language:
        clauses.append("list_contains(languages, $language)")
        params["language"] = search.language
    if search.q:
        escaped = search.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        clauses.append(
            "(title ILIKE $q ESCAPE '\\' OR description ILIKE $q ESCAPE '\\' "
            "OR coalesce(organizer, '') ILIKE $q ESCAPE '\\')"
        )
        params["q"] = f"%{escaped}%"
    return clauses, params


def _run(con: duckdb.DuckDBPyConnection, clauses: list[str], params: dict[str, Any],
         origin: Origin | None, limit: int) -> pd.DataFrame:
    sql = _PREPARED.format(
        distance=_DISTANCE if origin else _NO_DISTANCE,
        where=" AND ".join(clauses) or "true",
    )
    params = {**params, "limit": int(limit)}
    if origin:
        params |= {"olat": origin.lat, "olon": origin.lon}
    cur = _cursor(con)
    try:
        return cur.execute(sql, params).df()
    finally:
        cur.close()


def local_results(con: duckdb.DuckDBPyConnection, search: Search, origin: Origin | None,
                  as_of: datetime, limit: int = RESULT_LIMIT) -> pd.DataFrame:
    """In-person and hybrid listings, nearest first (all of them when there is no origin)."""
    clauses, params = _filters(search, as_of)
    clauses.append("attendance_mode <> 'online'")
    if origin:
        clauses.append("distance_mi <= $radius")
        params["radius"] = float(search.radius)
    return _run(con, clauses, params, origin, limit)


def online_results(con: duckdb.DuckDBPyConnection, search: Search, as_of: datetime,
                   limit: int = RESULT_LIMIT) -> pd.DataFrame:
    """Online and hybrid listings, optionally only those open to clinicians licensed in a state."""
    clauses, params = _filters(search, as_of)
    clauses.append("attendance_mode IN ('online', 'hybrid')")
    if search.licensed_state:
        clauses.append("(len(serves_regions) = 0 OR list_contains(serves_regions, $lic))")
        params["lic"] = search.licensed_state
    return _run(con, clauses, params, None, limit)


def nearest_match_mi(con: duckdb.DuckDBPyConnection, search: Search, origin: Origin,
                     as_of: datetime) -> float | None:
    """Distance to the closest in-person match ignoring the radius (for the empty-state hint)."""
    clauses, params = _filters(search, as_of)
    clauses.append("attendance_mode <> 'online' AND distance_mi IS NOT NULL")
    frame = _run(con, clauses, params, origin, 1)
    return None if frame.empty else float(frame["distance_mi"].iloc[0])


def upcoming_starts(con: duckdb.DuckDBPyConnection, listing_ids: list[str], as_of: datetime,
                    per_listing: int = 3) -> dict[str, list[datetime]]:
    """The next few scheduled occurrence starts of each listing."""
    if not listing_ids:
        return {}
    cur = _cursor(con)
    try:
        rows = cur.execute(
            "SELECT listing_id, start FROM occurrences "
            "WHERE list_contains($ids, listing_id) AND start >= $as_of "
            "AND coalesce(status, 'scheduled') <> 'cancelled' "
            "QUALIFY row_number() OVER (PARTITION BY listing_id ORDER BY start) <= $n "
            "ORDER BY listing_id, start",
            {"ids": listing_ids, "as_of": as_of, "n": per_listing},
        ).fetchall()
    finally:
        cur.close()
    out: dict[str, list[datetime]] = {}
    for listing_id, start in rows:
        out.setdefault(listing_id, []).append(start)
    return out


def search_all(con: duckdb.DuckDBPyConnection, search: Search, origin: Origin | None,
               as_of: datetime) -> SearchResults:
    """The whole result set for one search, as the app shows it."""
    local = pd.DataFrame() if search.online_only else local_results(con, search, origin, as_of)
    online = online_results(con, search, as_of)
    if not local.empty and not online.empty:
        online = online[~online["id"].isin(local["id"])].reset_index(drop=True)
    nearest = None
    if origin and local.empty and not search.online_only:
        nearest = nearest_match_mi(con, search, origin, as_of)
    ids = list(local.get("id", pd.Series(dtype=str))) + list(online.get("id", pd.Series(dtype=str)))
    return SearchResults(local=local, online=online, nearest_outside_mi=nearest,
                         occurrences=upcoming_starts(con, ids[:RESULT_LIMIT], as_of))


def filter_options(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Distinct modalities and languages present in the snapshot (for the select boxes)."""
    cur = _cursor(con)
    try:
        out = {}
        for column in ("modalities", "languages"):
            rows = cur.execute(
                f"SELECT DISTINCT unnest({column}) AS v FROM listings ORDER BY v"  # noqa: S608 - constant column name
            ).fetchall()
            out[column] = [r[0] for r in rows if r[0]]
        return out
    finally:
        cur.close()


def load_meta(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    cur = _cursor(con)
    try:
        return {k: v for k, v in cur.execute("SELECT key, value FROM meta").fetchall()}
    finally:
        cur.close()


def load_sources(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    cur = _cursor(con)
    try:
        return cur.execute("SELECT * FROM sources ORDER BY health = 'ok', name").df()
    finally:
        cur.close()
