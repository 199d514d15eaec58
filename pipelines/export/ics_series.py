"""One listing as a calendar a person adds: its real recurrence (RRULE, EXDATE) and real length.

Shares the VEVENT pieces of `pipelines.export.ics` (escaping, folding, the per-listing lines,
the per-occurrence VEVENT), so a card's "Add to calendar" and the dataset's listings.ics agree.
A recurring listing becomes ONE series VEVENT in its own zone (DTSTART;TZID, RRULE, EXDATE for
cancelled dates) with a VTIMEZONE written from the zone database; anything else becomes one
VEVENT per upcoming occurrence. A listing with no date yields no calendar (None).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrulestr

from pipelines.export.ics import (
    escape_text,
    event_uid,
    fold,
    listing_lines,
    render_calendar,
    upcoming_pairs,
    vevent_lines,
)

_RRULE_TEXT = re.compile(r"^FREQ=[A-Z]+(;[A-Z]+=[A-Z0-9,+\-]+)*$")
TZ_YEARS_AHEAD = 5  # VTIMEZONE transitions written this far past the reference time
MAX_CHECKED_DATES = 2000  # rule dates compared with the stored occurrences, at most


def _zone(name: Any) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _aware(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str) and len(value) > 10:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return None
        return parsed if parsed.tzinfo else None  # a naive string has no knowable instant
    return None


def clean_rrule(value: Any) -> str | None:
    """The RRULE value when it is well-formed RFC 5545 text dateutil can expand, else None."""
    if not isinstance(value, str):
        return None
    text = value.strip().upper().removeprefix("RRULE:")
    if not _RRULE_TEXT.match(text):
        return None
    for dtstart in (datetime(2000, 1, 1, tzinfo=UTC), datetime(2000, 1, 1)):
        try:  # UNTIL in UTC needs an aware start, a floating UNTIL a naive one
            rrulestr(text, dtstart=dtstart)
        except (ValueError, TypeError):
            continue
        return text
    return None


def _local(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y%m%dT%H%M%S")


def _offset(delta: timedelta | None) -> str:
    minutes = int((delta or timedelta()).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def _transitions(zone: ZoneInfo, first: datetime, last: datetime) -> list[datetime]:
    """UTC instants (to the minute) where the zone's offset changes between first and last."""
    found = []
    day = first.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    while day < last:
        nxt = day + timedelta(days=1)
        if day.astimezone(zone).utcoffset() != nxt.astimezone(zone).utcoffset():
            low, high = day, nxt
            while high - low > timedelta(minutes=1):
                mid = low + (high - low) / 2
                if mid.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset():
                    low = mid
                else:
                    high = mid
            found.append(high.replace(second=0, microsecond=0))
        day = nxt
    return found


def vtimezone_lines(zone: ZoneInfo, first: datetime, last: datetime) -> list[str]:
    """A VTIMEZONE for `zone` valid from `first` to `last`: one observance per offset change
    (from 1 January of first's year: whole years, so one cached block serves many listings)."""
    return list(_vtimezone(zone.key, first.year, last.year))


@lru_cache(maxsize=256)
def _vtimezone(key: str, first_year: int, last_year: int) -> tuple[str, ...]:
    zone = ZoneInfo(key)
    start = datetime(first_year, 1, 1, tzinfo=UTC)
    last = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone.key}"]
    points = [start, *_transitions(zone, start, last)]
    for index, moment in enumerate(points):
        after = moment.astimezone(zone)
        before = (moment - timedelta(minutes=1)).astimezone(zone) if index else after
        kind = "DAYLIGHT" if after.dst() else "STANDARD"
        wall = moment.astimezone(UTC) + (before.utcoffset() or timedelta())
        lines += [f"BEGIN:{kind}", f"DTSTART:{wall:%Y%m%dT%H%M%S}",
                  f"TZOFFSETFROM:{_offset(before.utcoffset())}",
                  f"TZOFFSETTO:{_offset(after.utcoffset())}",
                  f"TZNAME:{escape_text(after.tzname() or zone.key)}", f"END:{kind}"]
    lines.append("END:VTIMEZONE")
    return tuple(lines)


def series_corrections(rrule: str, start: datetime, occurrences: Sequence[Mapping[str, Any]]
                       ) -> tuple[list[datetime], list[datetime]]:
    """(EXDATE, RDATE) instants that make the series match the stored occurrences.

    Over the stored window (first to last occurrence), a rule date with no scheduled
    occurrence (cancelled, removed by the source's EXDATE, or moved) is excluded, and a
    scheduled occurrence off the rule (a moved one) is added; before and after the window
    the rule stands as published."""
    cancelled = sorted({o["start"] for o in occurrences if o.get("status") == "cancelled"})
    if not occurrences:
        return [], []
    first = min(o["start"] for o in occurrences)
    last = max(o["start"] for o in occurrences)
    instances: set[datetime] = set()
    try:
        for moment in rrulestr(rrule, dtstart=start).xafter(first, inc=True):
            if moment > last or len(instances) >= MAX_CHECKED_DATES:
                break
            instances.add(moment.astimezone(UTC))
    except (ValueError, TypeError):  # e.g. a floating UNTIL: keep to what is known
        return cancelled, []
    scheduled = {o["start"].astimezone(UTC) for o in occurrences
                 if o.get("status") != "cancelled"}
    return sorted(instances - scheduled), sorted(scheduled - instances)


def _series_lines(listing: Mapping[str, Any], occurrences: Sequence[Mapping[str, Any]],
                  dtstamp: str, zone: ZoneInfo, start: datetime, rrule: str) -> list[str]:
    end = _aware(listing.get("end"))
    if end is None or end <= start:  # the listing's own length, else its first occurrence's
        timed = [o for o in occurrences if o.get("end") and o["end"] > o["start"]]
        end = start + (timed[0]["end"] - timed[0]["start"]) if timed else None
    lines = ["BEGIN:VEVENT", f"UID:{event_uid(str(listing['id']), start.astimezone(UTC))}",
             f"DTSTAMP:{dtstamp}", f"DTSTART;TZID={zone.key}:{_local(start, zone)}"]
    if end is not None:
        lines.append(f"DTEND;TZID={zone.key}:{_local(end, zone)}")
    lines.append(f"RRULE:{rrule}")
    excluded, added = series_corrections(rrule, start.astimezone(zone), occurrences)
    if excluded:
        lines.append(f"EXDATE;TZID={zone.key}:" + ",".join(_local(c, zone) for c in excluded))
    if added:
        lines.append(f"RDATE;TZID={zone.key}:" + ",".join(_local(c, zone) for c in added))
    lines.append(f"SUMMARY:{escape_text(str(listing.get('title') or ''))}")
    lines.append("STATUS:CANCELLED" if listing.get("status") == "cancelled"
                 else "STATUS:CONFIRMED")
    lines += listing_lines(dict(listing))
    lines.append("END:VEVENT")
    return lines


def _series_start(listing: Mapping[str, Any], occurrences: Sequence[Mapping[str, Any]]
                  ) -> datetime | None:
    start = _aware(listing.get("start"))
    if start is None and occurrences:
        start = min(o["start"] for o in occurrences)
    return start


def listing_blocks(listing: Mapping[str, Any], occurrences: Iterable[Mapping[str, Any]],
                   as_of: datetime) -> tuple[list[str], ZoneInfo | None, datetime | None]:
    """(folded VEVENT blocks, the zone a VTIMEZONE is needed for, the series start)."""
    dtstamp = as_of.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    occs = sorted((dict(o) for o in occurrences if _aware(o.get("start"))),
                  key=lambda o: o["start"])
    for occ in occs:
        occ["start"] = _aware(occ["start"])
        occ["end"] = _aware(occ.get("end"))
    zone, rrule = _zone(listing.get("timezone")), clean_rrule(listing.get("rrule"))
    start = _series_start(listing, occs)
    if zone is not None and rrule and start is not None and not listing.get("all_day"):
        lines = _series_lines(listing, occs, dtstamp, zone, start, rrule)
        return ["\r\n".join(fold(line) for line in lines)], zone, start
    if not occs and (one := _aware(listing.get("start"))):
        occs = [{"listing_id": listing["id"], "start": one,
                 "end": _aware(listing.get("end")), "status": listing.get("status")}]
    row = {**listing}
    pairs = upcoming_pairs([row], [{**o, "listing_id": row["id"]} for o in occs], as_of)
    tail = listing_lines(row)
    blocks = ["\r\n".join(fold(line) for line in vevent_lines(row, occ, dtstamp, tail))
              for _, occ in pairs]
    return blocks, None, None


@dataclass(frozen=True)
class ListingBlocks:
    """One listing's part of a calendar: folded VEVENT blocks, and the zone (with the series
    start) a VTIMEZONE must be written for (None for UTC/all-day VEVENTs)."""

    blocks: list[str]
    zone: ZoneInfo | None = None
    start: datetime | None = None


def blocks_for(listing: Mapping[str, Any], occurrences: Iterable[Mapping[str, Any]],
               as_of: datetime) -> ListingBlocks:
    return ListingBlocks(*listing_blocks(listing, occurrences, as_of))


def assemble(name: str, parts: Iterable[ListingBlocks], as_of: datetime, *,
             description: str | None = None, refresh: timedelta | None = None,
             empty_ok: bool = False) -> bytes | None:
    """A VCALENDAR of already built listing parts (one VTIMEZONE per zone used), or None when
    no part has a VEVENT (unless `empty_ok`: a subscription stays a valid, empty calendar)."""
    blocks: list[str] = []
    zones: dict[str, tuple[ZoneInfo, datetime]] = {}
    for part in parts:
        blocks += part.blocks
        if part.zone is not None and part.start is not None:
            earliest = zones.get(part.zone.key, (part.zone, part.start))[1]
            zones[part.zone.key] = (part.zone, min(earliest, part.start))
    if not blocks and not empty_ok:
        return None
    last = as_of + timedelta(days=365 * TZ_YEARS_AHEAD)
    tz_blocks = ["\r\n".join(fold(line) for line in vtimezone_lines(zone, first, last))
                 for zone, first in (zones[key] for key in sorted(zones))]
    return render_calendar(name, [*tz_blocks, *blocks], description, refresh)


def calendar_for(name: str, listings: Iterable[Mapping[str, Any]],
                 occurrences: Mapping[str, Sequence[Mapping[str, Any]]],
                 as_of: datetime, *, description: str | None = None,
                 refresh: timedelta | None = None, empty_ok: bool = False) -> bytes | None:
    """A VCALENDAR of these listings (series where they recur), or None when none has a date
    (unless `empty_ok`)."""
    parts = [blocks_for(listing, occurrences.get(str(listing["id"]), []), as_of)
             for listing in listings]
    return assemble(name, parts, as_of, description=description, refresh=refresh,
                    empty_ok=empty_ok)
