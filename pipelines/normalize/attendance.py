"""Attendance-mode hints a raw item's venue, location and links give, weighed against a street.

Returns a raw mode word for the classifier (`online` / `hybrid` / `in_person`) or None. Used only
when the source stated no mode itself.
"""

from __future__ import annotations

import re

from pipelines.normalize.place import split_hybrid
from spiders.items import RawItem

_VIRTUAL_NAME = re.compile(r"\b(virtual|online|webinar|web ?conference|teleconference|zoom|"
                           r"livestream|remote)\b", re.IGNORECASE)
_ONLY_URL = re.compile(r"^\s*(?:<)?https?://\S+?(?:>)?\s*$", re.IGNORECASE)
# Voice/video chat servers given as the place: "mumble.example.org port: 64747", "ts3.host:9987".
_CHAT_SERVER = re.compile(r"\b(mumble|teamspeak|ts3|ventrilo|discord|jitsi|irc)\b|"
                          r"^[\w.-]+\.[a-z]{2,}\s*(?:port:?\s*|:)\d{2,5}\s*$", re.IGNORECASE)
_ONLINE_SUFFIX = re.compile(r"\s*(?:&|\+|/|\band\b|\bor\b)\s*(online|zoom|virtual(ly)?|"
                            r"via zoom|teams|livestream)\s*\.?$", re.IGNORECASE)
_STREET_IN_TEXT = re.compile(
    r"\b\d{1,6}\s+(?:[NSEW]\.?\s+)?[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)*\s+"
    r"(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|Ln|Lane|Way|Pl|Place|Ct|Court|"
    r"Pkwy|Parkway|Hwy|Highway)\b\.?")
_ONLINE_WORDS = re.compile(r"\b(zoom|teams|webex|online|virtual|livestream|stream(ed|ing)?|"
                           r"webinar|dial[- ]in|call[- ]in)\b", re.IGNORECASE)


def has_online_suffix(text: str | None) -> bool:
    return bool(text and _ONLINE_SUFFIX.search(text))


def strip_online_suffix(text: str) -> str:
    return _ONLINE_SUFFIX.sub("", text).strip()


def attendance_hint(raw: RawItem) -> str | None:
    street = bool(raw.street or raw.postal_code)
    venue, location = raw.venue_name or "", raw.location_text or ""
    if has_online_suffix(location) or has_online_suffix(venue) or raw.extra.get("online_suffix"):
        return "hybrid"
    # "In person at 410 E 6th St, Austin, TX or online via Zoom <link>": a place and video.
    parts = split_hybrid(location)
    if parts.online and parts.in_person:
        return "hybrid"
    if _CHAT_SERVER.search(location) or (location and _ONLY_URL.match(location)):
        return "hybrid" if street else "online"
    named_virtual = any(_VIRTUAL_NAME.search(t) for t in (venue, location) if t)
    if named_virtual and not street:
        return "online"
    description = raw.description or ""
    if not venue and not location and not street and _STREET_IN_TEXT.search(description) \
            and not _ONLINE_WORDS.search(description) and not raw.online_url:
        return "in_person"  # "convene ... at 69 W. Washington St." and nothing online
    return None
