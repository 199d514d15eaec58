"""Split an RRULE value into the parts HSDS schedules and schema.org Schedules need."""

from __future__ import annotations

from datetime import date

from spiders.common import dates

_DAYS = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday",
         "FR": "Friday", "SA": "Saturday", "SU": "Sunday"}
_FREQ_DURATION = {"DAILY": "D", "WEEKLY": "W", "MONTHLY": "M", "YEARLY": "Y"}


def rrule_parts(rrule: str | None) -> dict[str, str]:
    """`FREQ=WEEKLY;BYDAY=TU` -> {"FREQ": "WEEKLY", "BYDAY": "TU"}; unknown text -> {}."""
    if not rrule:
        return {}
    text = rrule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    parts: dict[str, str] = {}
    for piece in text.split(";"):
        key, sep, value = piece.partition("=")
        if sep and key.strip():
            parts[key.strip().upper()] = value.strip()
    return parts if "FREQ" in parts else {}


def until_date(parts: dict[str, str]) -> str | None:
    """UNTIL as an ISO date (YYYY-MM-DD), or None."""
    value = parts.get("UNTIL")
    if not value or len(value) < 8 or not value[:8].isdigit():
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8])).isoformat()
    except ValueError:
        return None


def interval(parts: dict[str, str]) -> int:
    try:
        return max(1, int(parts.get("INTERVAL", "1")))
    except ValueError:
        return 1


def iso_duration(parts: dict[str, str]) -> str | None:
    unit = _FREQ_DURATION.get(parts.get("FREQ", ""))
    return f"P{interval(parts)}{unit}" if unit else None


def schema_days(parts: dict[str, str]) -> list[str]:
    """BYDAY=1TU,TH -> ["https://schema.org/Tuesday", "https://schema.org/Thursday"]."""
    days = []
    for token in parts.get("BYDAY", "").split(","):
        code = token.strip()[-2:].upper()
        if code in _DAYS:
            days.append(f"https://schema.org/{_DAYS[code]}")
    return days


parse_iso = dates.parse_iso  # the one ISO reader (spiders/common/dates.py)
