"""One search as a value, and its round trip through the URL query string (shareable links)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import available_timezones

from pipelines.core.model import AUDIENCES, PUBLISHED_KINDS

RADIUS_MIN, RADIUS_MAX, RADIUS_DEFAULT = 5, 250, 25
WINDOWS = (0, 7, 30, 90)  # 0 = any date
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
TIMES_OF_DAY = ("morning", "afternoon", "evening")
AUTO_TZ = ""  # the searched place's zone, else the browser's (see display_zone)
DEFAULT_TZ = AUTO_TZ
SORTS = ("distance", "date", "cost")
VIEWER_TIMEZONES = (
    "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico", "UTC",
)
US_STATES = (
    "AK", "AL", "AR", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "HI", "IA", "ID", "IL", "IN",
    "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND", "NE", "NH", "NJ",
    "NM", "NV", "NY", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VT",
    "WA", "WI", "WV", "WY",
)
TEXT_LIMIT = 120
SELECTED_PARAM = "selected"  # the listing picked on the map; not part of the search itself
_LISTING_ID = re.compile(r"[A-Za-z0-9._:-]{1,120}")


@dataclass(frozen=True)
class Search:
    """Everything the user chose. Empty tuples/strings mean "no filter"."""

    where: str = ""
    radius: int = RADIUS_DEFAULT
    include_online: bool = True
    online_only: bool = False
    licensed_state: str = ""
    kinds: tuple[str, ...] = ()
    free: bool = False
    sliding: bool = False
    max_price: int = 0  # 0 = no limit
    audience: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    ce_only: bool = False
    accepting: bool = False  # only consult groups / supervisors saying they take new members
    days: tuple[str, ...] = ()
    times: tuple[str, ...] = ()
    within_days: int = 0
    language: str = ""
    q: str = ""
    tz: str = DEFAULT_TZ
    sort: str = "distance"

    def cache_key(self) -> tuple:
        return dataclasses.astuple(self)


_BOOLS = ("include_online", "online_only", "free", "sliding", "ce_only", "accepting")
_URL_NAMES = {"licensed_state": "lic", "within_days": "within", "modalities": "modality",
              "kinds": "kind", "max_price": "max", "accepting": "open"}


def _url_name(field_name: str) -> str:
    return _URL_NAMES.get(field_name, field_name)


def _text(value: str) -> str:
    return " ".join(value.split())[:TEXT_LIMIT]


def _choices(value: str, allowed: tuple[str, ...] | None) -> tuple[str, ...]:
    items = [v.strip() for v in value.split(",") if v.strip()]
    if allowed is not None:
        items = [v for v in items if v in allowed]
    else:
        items = [_text(v) for v in items][:20]
    return tuple(dict.fromkeys(items))


def _int(value: str, default: int, low: int, high: int) -> int:
    try:
        number = int(float(value))
    except (TypeError, ValueError, OverflowError):
        return default
    return max(low, min(high, number))


def from_query_params(params: Mapping[str, str | list[str]]) -> Search:
    """Parse (and sanitize) URL parameters; anything invalid falls back to the default."""

    def get(name: str) -> str | None:
        value = params.get(_url_name(name))
        if isinstance(value, list):
            value = value[-1] if value else None
        return value

    defaults = Search()
    values: dict[str, Any] = {}
    for name in _BOOLS:
        raw = get(name)
        if raw is not None:
            values[name] = raw.strip().lower() in {"1", "true", "yes", "on"}
    if (raw := get("where")) is not None:
        values["where"] = _text(raw)
    if (raw := get("q")) is not None:
        values["q"] = _text(raw)
    if (raw := get("language")) is not None:
        values["language"] = _text(raw)
    if (raw := get("radius")) is not None:
        values["radius"] = _int(raw, RADIUS_DEFAULT, RADIUS_MIN, RADIUS_MAX)
    if (raw := get("max_price")) is not None:
        values["max_price"] = _int(raw, 0, 0, 100_000)
    if (raw := get("within_days")) is not None:
        within = _int(raw, 0, 0, 365)
        values["within_days"] = within if within in WINDOWS else 0
    if (raw := get("licensed_state")) is not None and raw.strip().upper() in US_STATES:
        values["licensed_state"] = raw.strip().upper()
    if (raw := get("tz")) is not None and raw in available_timezones():
        values["tz"] = raw
    if (raw := get("sort")) is not None and raw in SORTS:
        values["sort"] = raw
    lists = {"kinds": PUBLISHED_KINDS, "audience": AUDIENCES, "days": DAYS,
             "times": TIMES_OF_DAY, "modalities": None}
    for name, allowed in lists.items():
        if (raw := get(name)) is not None:
            values[name] = _choices(raw, allowed)
    return dataclasses.replace(defaults, **values)


def to_query_params(search: Search) -> dict[str, str]:
    """Only the fields that differ from the defaults, so links stay short."""
    defaults = Search()
    out: dict[str, str] = {}
    for f in dataclasses.fields(Search):
        value = getattr(search, f.name)
        if value == getattr(defaults, f.name):
            continue
        if isinstance(value, bool):
            out[_url_name(f.name)] = "1" if value else "0"
        elif isinstance(value, tuple):
            out[_url_name(f.name)] = ",".join(value)
        else:
            out[_url_name(f.name)] = str(value)
    return out


def selected_from_query_params(params: Mapping[str, str | list[str]]) -> str:
    """The map-selected listing id from the URL, or "" if absent or not a plausible id."""
    value = params.get(SELECTED_PARAM)
    if isinstance(value, list):
        value = value[-1] if value else None
    value = (value or "").strip()
    return value if _LISTING_ID.fullmatch(value) else ""
def display_zone(search: Search, place_zone: str | None, browser_zone: str | None) -> str:
    """The zone every time is shown and filtered in: the user's choice, else the searched
    place's, else the browser's, else UTC (never a fixed city)."""
    zones = available_timezones()
    for zone in (search.tz, place_zone, browser_zone):
        if zone and zone in zones:
            return zone
    return "UTC"
