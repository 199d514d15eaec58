"""The SQL pieces of a search: constant fragments and filter builders with named parameters.

Every clause is fixed text chosen in code; user values only ever travel in the params dict.
"""

from __future__ import annotations

import math
import unicodedata
from datetime import datetime, timedelta
from typing import Any

from dashboard.search_state import DAYS, Search
from dashboard.where import Origin

EARTH_DIAMETER_MI = 7917.5226
MILES_PER_DEGREE_LAT = EARTH_DIAMETER_MI * math.pi / 360  # ~69.09

DISTANCE = (
    f"CASE WHEN p.lat IS NULL OR p.lon IS NULL THEN NULL ELSE {EARTH_DIAMETER_MI} * asin(sqrt("
    "pow(sin(radians(p.lat - $olat) / 2), 2) + cos(radians($olat)) * cos(radians(p.lat)) * "
    "pow(sin(radians(p.lon - $olon) / 2), 2))) END"
)
NO_DISTANCE = "CAST(NULL AS DOUBLE)"
# Day and time filters use the zone the times are shown in ($display_tz, checked in Python).
LOCAL_START = "timezone($display_tz, p.next_start)"
MAX_WORDS = 8
_SEARCHABLE = "strip_accents(lower(concat_ws(' ', title, description, organizer)))"
# ORDER BY text per sort choice (constant fragments; the user only picks the key).
SORT_ORDER = {
    "distance": "distance_mi ASC NULLS LAST, next_start ASC NULLS LAST, title, id",
    "date": "next_start ASC NULLS LAST, distance_mi ASC NULLS LAST, title, id",
    "cost": ("CASE WHEN is_free THEN 0 ELSE coalesce(cost_min, cost_max) END ASC NULLS LAST, "
             "distance_mi ASC NULLS LAST, next_start ASC NULLS LAST, title, id"),
}
# Online: when "licensed in" is set, listings that do not state eligibility rank last.
ELIGIBILITY_FIRST = "(len(serves_regions) = 0) ASC, "


def fold_text(text: str) -> str:
    """Lower case without accents, as DuckDB's strip_accents(lower(...)) gives it."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def text_words(q: str) -> list[str]:
    return list(dict.fromkeys(fold_text(q).split()))[:MAX_WORDS]


def order_by(search: Search, online: bool) -> str:
    order = SORT_ORDER.get(search.sort, SORT_ORDER["distance"])
    if online:  # online rows have no distance to sort or tie-break by
        order = order.replace("distance_mi ASC NULLS LAST, ", "")
    return (ELIGIBILITY_FIRST if online and search.licensed_state else "") + order
NO_LOCAL_START = "CAST(NULL AS TIMESTAMP)"
TIME_OF_DAY = (
    "CASE WHEN hour(local_start) < 12 THEN 'morning' "
    "WHEN hour(local_start) < 17 THEN 'afternoon' ELSE 'evening' END"
)


def common_filters(search: Search, as_of: datetime) -> tuple[list[str], dict[str, Any]]:
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
    if search.accepting:
        clauses.append("accepting_members = 'open'")
    if search.days:
        clauses.append("list_contains($days, isodow(local_start))")
        params["days"] = [DAYS.index(d) + 1 for d in search.days]
    if search.times:
        clauses.append(f"list_contains($times, {TIME_OF_DAY})")
        params["times"] = list(search.times)
    if search.within_days:
        clauses.append("next_start >= $window_start AND next_start < $window_end")
        params["window_start"] = as_of
        params["window_end"] = as_of + timedelta(days=search.within_days)
    if search.language:
        clauses.append("list_contains(languages, $language)")
        params["language"] = search.language
    if words := text_words(search.q):
        for n, word in enumerate(words):  # every word must occur (token AND)
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            clauses.append(f"{_SEARCHABLE} LIKE $q{n} ESCAPE '\\'")
            params[f"q{n}"] = f"%{escaped}%"
    return clauses, params


def bounding_box(origin: Origin, radius_mi: float) -> tuple[str, dict[str, Any]] | None:
    """A lat/lon box that surely holds the radius, so the haversine runs on few rows.

    Generous on purpose (the exact distance test still decides); None near the poles or for huge
    radii, where a box would not be smaller than the whole map.
    """
    dlat = radius_mi / MILES_PER_DEGREE_LAT * 1.01 + 0.01
    north, south = origin.lat + dlat, origin.lat - dlat
    if north >= 89 or south <= -89:
        return None
    dlon = dlat / math.cos(math.radians(max(abs(north), abs(south))))
    if dlon >= 180:
        return None
    clause = "lat BETWEEN $box_s AND $box_n"
    params: dict[str, Any] = {"box_s": south, "box_n": north}
    west, east = origin.lon - dlon, origin.lon + dlon
    if west >= -180 and east <= 180:  # not across the antimeridian: the lon test is safe too
        clause += " AND lon BETWEEN $box_w AND $box_e"
        params |= {"box_w": west, "box_e": east}
    return clause, params


def local_start_sql(clauses: list[str]) -> str:
    return LOCAL_START if any("local_start" in c for c in clauses) else NO_LOCAL_START


def uses_display_tz(clauses: list[str]) -> bool:
    return any("local_start" in c for c in clauses)


def local_filters(search: Search, origin: Origin | None,
                   as_of: datetime) -> tuple[list[str], dict[str, Any]]:
    clauses, params = common_filters(search, as_of)
    clauses.append("attendance_mode <> 'online'")
    if origin:
        clauses.append("distance_mi <= $radius")
        params["radius"] = float(search.radius)
        if box := bounding_box(origin, float(search.radius)):
            clauses.append(box[0])
            params |= box[1]
    return clauses, params


def online_filters(search: Search, as_of: datetime) -> tuple[list[str], dict[str, Any]]:
    clauses, params = common_filters(search, as_of)
    clauses.append("attendance_mode IN ('online', 'hybrid')")
    if search.licensed_state:
        clauses.append("(len(serves_regions) = 0 OR list_contains(serves_regions, $lic))")
        params["lic"] = search.licensed_state
    return clauses, params
