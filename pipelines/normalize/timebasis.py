"""Decide which zone a listing's times are read in, and say how sure that is (`time_basis`).

Order, first that answers wins:
1. `explicit` — the document states it: an offset or `Z` on the start, a TZID/VTIMEZONE/
   X-WR-TIMEZONE, TEC `timezone`, schema.org `scheduleTimezone`, a Windows standard or display
   name (spiders.common.timezones.to_iana).
2. `venue` — the start is floating and the venue's US state lies (practically) in one zone
   (spiders.common.us_states.STATE_ZONES; split states such as TN, KY, ND are not guessed).
3. `source` — the registry's `timezone` for the source (also when a parser applied it to a
   floating time itself and said so in `extra["time_basis"]`).
4. `assumed_utc` — nothing above: times are read as UTC and the listing says so.
"""

from __future__ import annotations

import re

from pipelines.core.model import TIME_BASES, TimeBasis
from spiders.common.timezones import zone_info
from spiders.common.us_states import STATE_CODE_BY_NAME, STATE_ZONES
from spiders.items import RawItem

_OFFSET = re.compile(r"(?:[+-]\d{2}:?\d{2}|Z)$", re.IGNORECASE)
_STATE_ZIP = re.compile(r"\b([A-Z]{2})\s+\d{5}(?:-\d{4})?\b")


def has_offset(value: str | None) -> bool:
    """True when an ISO datetime string carries its own UTC offset (or Z)."""
    return bool(value and "T" in value and _OFFSET.search(value.strip()))


def venue_state(raw: RawItem) -> str | None:
    """The US state code of the venue, from the region field or a "ST 12345" in the location."""
    region = (raw.region or "").strip().rstrip(".")
    if region.upper() in STATE_ZONES:
        return region.upper()
    if region.lower() in STATE_CODE_BY_NAME:
        return STATE_CODE_BY_NAME[region.lower()]
    match = _STATE_ZIP.search(raw.location_text or "")
    return match.group(1) if match and match.group(1) in STATE_ZONES else None


def venue_zone(raw: RawItem) -> str | None:
    state = venue_state(raw)
    return STATE_ZONES.get(state) if state else None


def resolve_zone(raw: RawItem, default_timezone: str | None) -> tuple[str | None, TimeBasis]:
    """(IANA zone or None, time_basis) for one raw item."""
    hint = raw.extra.get("time_basis") if raw.extra else None
    named = raw.timezone if zone_info(raw.timezone) else None
    if hint in TIME_BASES and (named or hint == "assumed_utc"):
        return named, hint
    if named:
        return named, "explicit"
    if has_offset(raw.start):
        return None, "explicit"
    venue = venue_zone(raw)
    if venue:
        return venue, "venue"
    if zone_info(default_timezone):
        return default_timezone, "source"
    return None, "assumed_utc"
