"""Map the time zone names feeds use to IANA names.

Exchange/Outlook feeds use Windows names (`W. Europe Standard Time`); The Events Calendar stores
`UTC+0`, `UTC-5`, `UTC+5:30` when a site picked an offset instead of a city. The Windows table
comes from icalendar's copy of the Unicode CLDR windowsZones data, with the common US/EU names
repeated here so the mapping survives an icalendar upgrade that moves that module.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_COMMON_WINDOWS: dict[str, str] = {
    "Eastern Standard Time": "America/New_York",
    "Central Standard Time": "America/Chicago",
    "Mountain Standard Time": "America/Denver",
    "US Mountain Standard Time": "America/Phoenix",
    "Pacific Standard Time": "America/Los_Angeles",
    "Alaskan Standard Time": "America/Anchorage",
    "Hawaiian Standard Time": "Pacific/Honolulu",
    "Atlantic Standard Time": "America/Halifax",
    "US Eastern Standard Time": "America/Indiana/Indianapolis",
    "GMT Standard Time": "Europe/London",
    "Greenwich Standard Time": "Atlantic/Reykjavik",
    "W. Europe Standard Time": "Europe/Berlin",
    "Central Europe Standard Time": "Europe/Budapest",
    "Central European Standard Time": "Europe/Warsaw",
    "Romance Standard Time": "Europe/Paris",
    "E. Europe Standard Time": "Europe/Chisinau",
    "FLE Standard Time": "Europe/Kiev",
    "GTB Standard Time": "Europe/Bucharest",
    "UTC": "UTC",
    "Coordinated Universal Time": "UTC",
}

try:  # the full CLDR table, when this icalendar version ships it
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON as _CLDR
except ImportError:  # pragma: no cover - depends on the icalendar release
    _CLDR = {}

WINDOWS_TO_IANA: dict[str, str] = {**_CLDR, **_COMMON_WINDOWS}
_WINDOWS_LOWER = {k.lower(): v for k, v in WINDOWS_TO_IANA.items()}
_UTC_OFFSET = re.compile(r"^(?:UTC|GMT)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


# Windows *display* names (what Outlook writes as TZID when it has no VTIMEZONE), without the
# "(UTC+hh:mm) " prefix, mapped to the zone CLDR windowsZones gives their Windows zone id.
_DISPLAY_NAMES: dict[str, str] = {
    "eastern time (us & canada)": "America/New_York",
    "central time (us & canada)": "America/Chicago",
    "mountain time (us & canada)": "America/Denver",
    "pacific time (us & canada)": "America/Los_Angeles",
    "pacific time (us & canada), tijuana": "America/Los_Angeles",
    "pacific time (us & canada); tijuana": "America/Los_Angeles",
    "alaska": "America/Anchorage", "hawaii": "Pacific/Honolulu", "arizona": "America/Phoenix",
    "indiana (east)": "America/Indiana/Indianapolis", "atlantic time (canada)": "America/Halifax",
    "canberra, melbourne, sydney": "Australia/Sydney", "brisbane": "Australia/Brisbane",
    "perth": "Australia/Perth", "kuala lumpur, singapore": "Asia/Singapore",
    "osaka, sapporo, tokyo": "Asia/Tokyo", "大阪、札幌、東京": "Asia/Tokyo",
    "amsterdam, berlin, bern, rome, stockholm, vienna": "Europe/Berlin",
    "brussels, copenhagen, madrid, paris": "Europe/Paris",
    "dublin, edinburgh, lisbon, london": "Europe/London",
    "greenwich mean time : dublin, edinburgh, lisbon, london": "Europe/London",
    "belgrade, bratislava, budapest, ljubljana, prague": "Europe/Budapest",
    "sarajevo, skopje, warsaw, zagreb": "Europe/Warsaw",
    "helsinki, kyiv, riga, sofia, tallinn, vilnius": "Europe/Kiev",
    "abu dhabi, muscat": "Asia/Dubai", "chennai, kolkata, mumbai, new delhi": "Asia/Calcutta",
    "beijing, chongqing, hong kong, urumqi": "Asia/Shanghai", "seoul": "Asia/Seoul",
    "auckland, wellington": "Pacific/Auckland",
}
_DISPLAY_PREFIX = re.compile(r"^\(\s*(?:UTC|GMT)\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?\s*\)\s*",
                             re.IGNORECASE)


def display_name_to_iana(name: str) -> str | None:
    """`(UTC-05:00) Eastern Time (US & Canada)` / `Canberra, Melbourne, Sydney` -> IANA."""
    text = _DISPLAY_PREFIX.sub("", name.strip().strip('"')).replace("\\,", ",").strip()
    return _DISPLAY_NAMES.get(" ".join(text.lower().split()))


def is_iana(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return False
    return True


def zone_info(name: str | None) -> ZoneInfo | None:
    """ZoneInfo for an IANA (or mappable Windows / UTC+N) name, None when unknown."""
    iana = to_iana(name) if name else None
    return ZoneInfo(iana) if iana else None


def to_iana(name: str | None) -> str | None:
    """An IANA name for `name`, or None when it cannot be mapped.

    `UTC+0` -> `UTC`; `UTC-5` -> `Etc/GMT+5` (POSIX sign inversion); `UTC+5:30` has no Etc zone
    and maps to None, so the caller keeps the explicit offset on the datetimes instead.
    """
    if not name:
        return None
    text = name.strip().strip('"')
    if not text:
        return None
    if text.upper() in ("UTC", "GMT", "Z", "UTC+0", "UTC-0", "GMT+0", "UTC+00:00"):
        return "UTC"
    windows = _WINDOWS_LOWER.get(text.lower()) or display_name_to_iana(text)
    if windows:
        return windows
    match = _UTC_OFFSET.match(text)
    if match:
        sign, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3) or 0)
        if hours == 0 and minutes == 0:
            return "UTC"
        if minutes or hours > 14:
            return None
        return f"Etc/GMT{'-' if sign == '+' else '+'}{hours}"
    if "/" in text and is_iana(text):
        return text
    # Some exporters prefix IANA names with a path, e.g. "/mozilla.org/20050126_1/Europe/Berlin".
    parts = text.strip("/").split("/")
    for i in range(len(parts) - 1):
        candidate = "/".join(parts[i:])
        if is_iana(candidate):
            return candidate
    return text if is_iana(text) and text.upper() != text.lower() else None
