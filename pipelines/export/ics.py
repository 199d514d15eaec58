"""iCalendar building blocks: RFC 5545 text escaping, 75-octet folding, CRLF, the per-listing
lines and the per-occurrence VEVENT (UTC times), the VCALENDAR around them.

Written by hand (not by the library the tests parse with) so the tests are an independent check.
Series VEVENTs (RRULE in the listing's zone) are in ics_series.py; the dataset's files in
ics_files.py.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from spiders.common.text import safe_url as common_safe_url

PRODID = "-//PeerMap//Dataset export 1.0//EN"
UID_DOMAIN = "peermap.invalid"  # a UID namespace, never resolved
_STATUS = {"cancelled": "CANCELLED", "tentative": "TENTATIVE", "postponed": "TENTATIVE"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_STATE = re.compile(r"^[A-Z]{2}$")


def escape_text(value: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and newline escaped; other controls dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("", value)
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line: str) -> str:
    """Fold one content line into <=75-octet pieces without splitting a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    pieces: list[str] = []
    start, limit = 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # inside a multi-byte char
            end -= 1
        pieces.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines carry a leading space
    return "\r\n ".join(pieces)


def safe_url(value: Any) -> str | None:
    """An http(s) URL, normalised by the one check in spiders.common.text, else None."""
    return common_safe_url(value, schemes=("http", "https"))


def event_uid(listing_id: str, start: datetime) -> str:
    key = f"{listing_id}|{start.strftime('%Y%m%dT%H%M%SZ')}".encode()
    return f"{hashlib.sha256(key).hexdigest()[:32]}@{UID_DOMAIN}"


def location_text(listing: dict[str, Any]) -> str:
    mode = listing.get("attendance_mode")
    place = ", ".join(str(listing[k]) for k in ("venue_name", "street", "city", "region",
                                                  "postal_code") if listing.get(k))
    if mode == "online":
        return "Online"
    if mode == "hybrid":
        return f"{place} (and online)" if place else "Online and in person"
    return place


def _description(listing: dict[str, Any]) -> str:
    parts = [str(listing.get("description") or "").strip()]
    if listing.get("schedule_text"):
        parts.append(f"Schedule: {listing['schedule_text']}")
    if listing.get("organizer"):
        parts.append(f"Organizer: {listing['organizer']}")
    if listing.get("provenance"):
        parts.append(str(listing["provenance"]))
    source = safe_url(listing.get("source_url"))
    if source:
        parts.append(f"Source: {source}")
    return "\n\n".join(p for p in parts if p)


def _all_day_dates(listing: dict[str, Any], occ: dict[str, Any]) -> tuple[str, str]:
    zone = None
    if listing.get("timezone"):
        try:
            zone = ZoneInfo(str(listing["timezone"]))
        except (ZoneInfoNotFoundError, ValueError):
            zone = None
    start = occ["start"].astimezone(zone) if zone else occ["start"]
    end = occ["end"].astimezone(zone) if (zone and occ.get("end")) else occ.get("end")
    first = start.date()
    last = end.date() if end and end.date() > first else first + timedelta(days=1)
    return first.strftime("%Y%m%d"), last.strftime("%Y%m%d")


def listing_lines(listing: dict[str, Any]) -> list[str]:
    """The per-listing tail of every VEVENT (the same for all of its occurrences)."""
    lines = []
    description = _description(listing)
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    location = location_text(listing)
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if (listing.get("attendance_mode") != "online" and listing.get("lat") is not None
            and listing.get("lon") is not None):
        lines.append(f"GEO:{listing['lat']!r};{listing['lon']!r}")
    url = safe_url(listing.get("url")) or safe_url(listing.get("source_url"))
    if url:
        lines.append(f"URL:{url}")
    lines.append(f"CATEGORIES:{escape_text(str(listing.get('kind')))}")
    return lines


def vevent_lines(listing: dict[str, Any], occ: dict[str, Any], dtstamp: str,
                 tail: list[str] | None = None) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{event_uid(str(listing['id']), occ['start'])}",
             f"DTSTAMP:{dtstamp}"]
    if listing.get("all_day"):
        first, last = _all_day_dates(listing, occ)
        lines += [f"DTSTART;VALUE=DATE:{first}", f"DTEND;VALUE=DATE:{last}"]
    else:
        lines.append(f"DTSTART:{occ['start'].strftime('%Y%m%dT%H%M%SZ')}")
        if occ.get("end") and occ["end"] > occ["start"]:
            lines.append(f"DTEND:{occ['end'].strftime('%Y%m%dT%H%M%SZ')}")
    title = occ.get("title") or listing.get("title") or ""
    lines.append(f"SUMMARY:{escape_text(str(title))}")
    status = "cancelled" if listing.get("status") == "cancelled" else occ.get("status")
    lines.append(f"STATUS:{_STATUS.get(str(status), 'CONFIRMED')}")
    lines += tail if tail is not None else listing_lines(listing)
    lines.append("END:VEVENT")
    return lines


def render_calendar(name: str, blocks: Iterable[str], description: str | None = None,
                    refresh: timedelta | None = None) -> bytes:
    """A VCALENDAR around already folded VEVENT blocks (CRLF-joined, no trailing CRLF).

    `description` becomes X-WR-CALDESC; `refresh` tells subscribing apps how often to poll
    (REFRESH-INTERVAL, RFC 7986, and X-PUBLISHED-TTL for the apps that read only that)."""
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", fold(f"X-WR-CALNAME:{escape_text(name)}")]
    if description:
        head.append(fold(f"X-WR-CALDESC:{escape_text(description)}"))
    if refresh is not None:
        duration = f"PT{max(1, int(refresh.total_seconds() // 60))}M"
        head += [f"REFRESH-INTERVAL;VALUE=DURATION:{duration}", f"X-PUBLISHED-TTL:{duration}"]
    body = list(blocks)
    if not body:  # RFC 5545 wants at least one component; an unused UTC zone is harmless
        body = ["\r\n".join(["BEGIN:VTIMEZONE", "TZID:UTC", "BEGIN:STANDARD",
                              "DTSTART:19700101T000000", "TZOFFSETFROM:+0000",
                              "TZOFFSETTO:+0000", "TZNAME:UTC", "END:STANDARD",
                              "END:VTIMEZONE"])]
    return ("\r\n".join([*head, *body, "END:VCALENDAR"]) + "\r\n").encode("utf-8")


def upcoming_pairs(listings: list[dict[str, Any]], occurrences: list[dict[str, Any]],
                   as_of: datetime) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(listing, occurrence) for every occurrence not yet over, ordered by start then listing."""
    by_id = {row["id"]: row for row in listings}
    pairs = [(by_id[o["listing_id"]], o) for o in occurrences
             if o["listing_id"] in by_id and (o.get("end") or o["start"]) >= as_of]
    pairs.sort(key=lambda p: (p[1]["start"], str(p[0]["id"])))
    return pairs


def listing_states(listing: dict[str, Any]) -> set[str]:
    states = {str(r) for r in listing.get("serves_regions") or []}
    if listing.get("region"):
        states.add(str(listing["region"]))
    return {s for s in states if _STATE.match(s)}
