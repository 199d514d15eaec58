"""Parameterized DuckDB queries over the published snapshot (read-only; never the store).

SQL text is assembled only from constant fragments chosen in code; every user value travels as a
named parameter.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from dashboard.listed_occurrences import listed_occurrences, upcoming
from dashboard.search_sql import (
    DISTANCE,
    NO_DISTANCE,
    common_filters,
    local_filters,
    local_start_sql,
    online_filters,
    order_by,
    uses_display_tz,
)
from dashboard.search_state import Search
from dashboard.where import Origin

RESULT_LIMIT = 1000
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# Two phases in one statement: rank on the few columns the filters and the sort need, then read
# every column only for the rows that made the LIMIT (by rowid, which DuckDB fetches directly).
_PREPARED = """
WITH valid_tz AS (SELECT name FROM pg_timezone_names()),
scored AS (
    SELECT p.*, p.rowid AS rid, {distance} AS distance_mi, {local_start} AS local_start
    FROM listings p
), ranked AS (
    SELECT rid, distance_mi FROM scored WHERE {where}
    ORDER BY {order}
    LIMIT $limit
)
SELECT *, timezone(tz_effective, next_start) AS local_start FROM (
    SELECT l.*,
        CASE WHEN l.timezone IN (SELECT name FROM valid_tz) THEN l.timezone
             ELSE 'UTC' END AS tz_effective, r.distance_mi
    FROM listings l JOIN ranked r ON l.rowid = r.rid
)
ORDER BY {order}
"""
# Both lists in one statement (search_all): each ranked on its own, then one fetch of the full
# rows (a local hybrid row comes back twice; _both drops it from the online list). `scored` is
# spelled out twice, not a CTE used twice: DuckDB would materialize a shared CTE's every column.
_SCORED = """(
    SELECT p.*, p.rowid AS rid, {distance} AS distance_mi, {local_start} AS local_start
    FROM listings p
)"""
_BOTH = """
WITH valid_tz AS (SELECT name FROM pg_timezone_names()),
local_ranked AS (
    SELECT rid, distance_mi, row_number() OVER (ORDER BY {local_order}) AS local_rank
    FROM {scored} WHERE {local_where}
    ORDER BY {local_order}
    LIMIT $limit
), online_ranked AS (
    SELECT rid, row_number() OVER (ORDER BY {online_order}) AS online_rank
    FROM {scored} WHERE {online_where}
    ORDER BY {online_order}
    LIMIT $limit
), ranked AS (
    SELECT rid, distance_mi, true AS is_local, local_rank AS list_rank FROM local_ranked
    UNION ALL
    SELECT rid, CAST(NULL AS DOUBLE), false, online_rank FROM online_ranked
)
SELECT * EXCLUDE (is_local, list_rank), timezone(tz_effective, next_start) AS local_start,
       is_local FROM (
    SELECT l.*,
        CASE WHEN l.timezone IN (SELECT name FROM valid_tz) THEN l.timezone
             ELSE 'UTC' END AS tz_effective, r.distance_mi, r.is_local, r.list_rank
    FROM listings l JOIN ranked r ON l.rowid = r.rid
)
ORDER BY is_local DESC, list_rank
"""
@dataclass
class SearchResults:
    local: pd.DataFrame
    online: pd.DataFrame
    nearest_outside_mi: float | None = None  # when nothing is within the radius
    occurrences: dict[str, list[datetime]] = field(default_factory=dict)
    # Every upcoming occurrence (cancelled ones too: they become EXDATEs) for the calendars.
    calendar: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


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


def _run(cur: duckdb.DuckDBPyConnection, clauses: list[str], params: dict[str, Any],
         origin: Origin | None, limit: int, search: Search, online: bool) -> pd.DataFrame:
    sql = _PREPARED.format(
        distance=DISTANCE if origin else NO_DISTANCE,
        local_start=local_start_sql(clauses),
        where=" AND ".join(clauses) or "true",
        order=order_by(search, online),
    )
    params = {**params, "limit": int(limit)}
    if uses_display_tz(clauses):
        params["display_tz"] = search.tz or "UTC"
    if origin:
        params |= {"olat": origin.lat, "olon": origin.lon}
    return cur.execute(sql, params).df()


def _local(cur: duckdb.DuckDBPyConnection, search: Search, origin: Origin | None,
           as_of: datetime, limit: int) -> pd.DataFrame:
    clauses, params = local_filters(search, origin, as_of)
    return _run(cur, clauses, params, origin, limit, search, online=False)


def _online(cur: duckdb.DuckDBPyConnection, search: Search, as_of: datetime,
            limit: int) -> pd.DataFrame:
    clauses, params = online_filters(search, as_of)
    return _run(cur, clauses, params, None, limit, search, online=True)


def _both(cur: duckdb.DuckDBPyConnection, search: Search, origin: Origin | None,
          as_of: datetime, limit: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(local, online without the local rows), as _local and _online would give them."""
    local_clauses, params = local_filters(search, origin, as_of)
    online_clauses, online_params = online_filters(search, as_of)
    scored = _SCORED.format(distance=DISTANCE if origin else NO_DISTANCE,
                            local_start=local_start_sql(local_clauses))
    sql = _BOTH.format(scored=scored, local_where=" AND ".join(local_clauses),
                       online_where=" AND ".join(online_clauses),
                       local_order=order_by(search, online=False),
                       online_order=order_by(search, online=True))
    params = {**params, **online_params, "limit": int(limit)}
    if uses_display_tz(local_clauses):
        params["display_tz"] = search.tz or "UTC"
    if origin:
        params |= {"olat": origin.lat, "olon": origin.lon}
    frame = cur.execute(sql, params).df()
    n_local = int(frame.pop("is_local").sum())  # sorted first: slices, not masks
    local = _as_if_fetched_alone(frame.iloc[:n_local])
    online = _as_if_fetched_alone(frame.iloc[n_local:])
    if not local.empty and not online.empty:
        listed = set(local["id"].tolist())
        keep = [i not in listed for i in online["id"].tolist()]
        if not all(keep):
            online = online[keep].reset_index(drop=True)
    return local, online


def _as_if_fetched_alone(part: pd.DataFrame) -> pd.DataFrame:
    """The dtypes .df() would have given these rows on their own.

    DuckDB picks some dtypes from the rows it converts: text is str (missing = NaN) unless every
    value is NULL (then object/None); booleans and integers are nullable only when a NULL is present.
    Downstream code treats None and NaN differently (NaN would print as "nan"), so keep them.
    """
    part = part.reset_index(drop=True)
    for column, dtype in part.dtypes.items():
        if isinstance(dtype, pd.StringDtype):
            if part[column].count() == 0:
                part[column] = pd.Series([None] * len(part), dtype=object)
        elif _is_masked(dtype) and part[column].count() == len(part):
            part[column] = part[column].to_numpy(dtype=dtype.numpy_dtype)
    return part


def _is_masked(dtype: Any) -> bool:
    """pandas' nullable boolean/integer dtypes (what DuckDB uses when a NULL is present)."""
    return isinstance(dtype, pd.BooleanDtype) or (
        isinstance(dtype, pd.api.extensions.ExtensionDtype) and pd.api.types.is_integer_dtype(dtype))


_NEAREST = """
SELECT min(distance_mi) FROM (
    SELECT p.*, {distance} AS distance_mi, {local_start} AS local_start FROM listings p
) WHERE {where}
"""


def _nearest(cur: duckdb.DuckDBPyConnection, search: Search, origin: Origin,
             as_of: datetime) -> float | None:
    """The smallest distance of a matching in-person row: an aggregate, no row is fetched."""
    clauses, params = common_filters(search, as_of)
    clauses.append("attendance_mode <> 'online' AND distance_mi IS NOT NULL")
    sql = _NEAREST.format(distance=DISTANCE, local_start=local_start_sql(clauses),
                          where=" AND ".join(clauses))
    params = {**params, "olat": origin.lat, "olon": origin.lon}
    if uses_display_tz(clauses):
        params["display_tz"] = search.tz or "UTC"
    rows = cur.execute(sql, params).fetchall()
    return None if not rows or rows[0][0] is None else float(rows[0][0])


def local_results(con: duckdb.DuckDBPyConnection, search: Search, origin: Origin | None,
                  as_of: datetime, limit: int = RESULT_LIMIT) -> pd.DataFrame:
    """In-person and hybrid listings, nearest first (all of them when there is no origin)."""
    with _cursor(con) as cur:
        return _local(cur, search, origin, as_of, limit)


def online_results(con: duckdb.DuckDBPyConnection, search: Search, as_of: datetime,
                   limit: int = RESULT_LIMIT) -> pd.DataFrame:
    """Online and hybrid listings, optionally only those open to clinicians licensed in a state."""
    with _cursor(con) as cur:
        return _online(cur, search, as_of, limit)


def nearest_match_mi(con: duckdb.DuckDBPyConnection, search: Search, origin: Origin,
                     as_of: datetime) -> float | None:
    """Distance to the closest in-person match ignoring the radius (for the empty-state hint)."""
    with _cursor(con) as cur:
        return _nearest(cur, search, origin, as_of)


def upcoming_starts(con: duckdb.DuckDBPyConnection, listing_ids: list[str], as_of: datetime,
                    per_listing: int = 3) -> dict[str, list[datetime]]:
    """The next few scheduled occurrence starts of each listing."""
    with _cursor(con) as cur:
        return upcoming(cur, listing_ids, as_of, per_listing)


def search_all(con: duckdb.DuckDBPyConnection, search: Search, origin: Origin | None,
               as_of: datetime) -> SearchResults:
    """The whole result set for one search, as the app shows it (one cursor, set up once)."""
    with _cursor(con) as cur:
        if search.online_only:
            local, online = pd.DataFrame(), _online(cur, search, as_of, RESULT_LIMIT)
        else:
            local, online = _both(cur, search, origin, as_of, RESULT_LIMIT)
        nearest = None
        if origin and local.empty and not search.online_only:
            nearest = _nearest(cur, search, origin, as_of)
        ids = [*(local["id"].tolist() if "id" in local else []),
               *(online["id"].tolist() if "id" in online else [])]
        # Every listed row (not only the cards): "Add all to calendar" uses these starts too.
        occurrences, calendar = listed_occurrences(cur, ids[:RESULT_LIMIT], as_of, 3)
    return SearchResults(local=local, online=online, nearest_outside_mi=nearest,
                         occurrences=occurrences, calendar=calendar)


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


def load_source_history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The snapshot's compact run history (empty for a snapshot published before it existed)."""
    cur = _cursor(con)
    try:
        tables = {r[0] for r in cur.execute("SHOW TABLES").fetchall()}
        if "source_history" not in tables:
            return pd.DataFrame(columns=["source_id", "as_of", "ok", "health", "parsed",
                                         "errors"])
        return cur.execute("SELECT * FROM source_history ORDER BY source_id, as_of").df()
    finally:
        cur.close()
