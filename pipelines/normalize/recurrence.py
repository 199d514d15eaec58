"""Recurrence in plain words and expansion into dated occurrences.

Expansion runs on naive wall-clock times in the event's own zone and attaches the zone
afterwards, so "every other Monday 18:00" stays at 18:00 local across DST switches.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from pipelines.normalize.text import parse_iso
from spiders.common.rrule_bounds import MAX_INSTANCES_PER_SERIES, expand_window

_DAYS = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday", "FR": "Friday",
         "SA": "Saturday", "SU": "Sunday"}
_DAY_ORDER = list(_DAYS)
_ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", -1: "Last", -2: "2nd-to-last"}
_ZONE_WORDS = {
    "America/New_York": "Eastern", "America/Detroit": "Eastern", "America/Toronto": "Eastern",
    "America/Indiana/Indianapolis": "Eastern", "America/Kentucky/Louisville": "Eastern",
    "America/Chicago": "Central", "America/Winnipeg": "Central",
    "America/Denver": "Mountain", "America/Boise": "Mountain", "America/Phoenix": "Arizona",
    "America/Los_Angeles": "Pacific", "America/Vancouver": "Pacific",
    "America/Anchorage": "Alaska", "Pacific/Honolulu": "Hawaii",
}


def _parts(rrule: str) -> dict[str, str]:
    body = rrule.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    parts: dict[str, str] = {}
    for piece in body.split(";"):
        if "=" in piece:
            key, value = piece.split("=", 1)
            parts[key.strip().upper()] = value.strip().upper()
    return parts


def _split_byday(value: str) -> list[tuple[int | None, str]]:
    days: list[tuple[int | None, str]] = []
    for token in value.split(","):
        token = token.strip()
        if len(token) < 2 or token[-2:] not in _DAYS:
            continue
        prefix = token[:-2]
        days.append((int(prefix) if prefix not in ("", "+") else None, token[-2:]))
    return days


def _join_words(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    if len(words) == 2:
        return f"{words[0]} & {words[1]}"
    return ", ".join(words[:-1]) + f" & {words[-1]}"


def _day_names(days: list[str]) -> str:
    ordered = sorted(set(days), key=_DAY_ORDER.index)
    return _join_words([_DAYS[d] for d in ordered])


def _pattern(parts: dict[str, str], start: datetime) -> str | None:
    freq = parts.get("FREQ")
    interval = int(parts.get("INTERVAL", "1") or 1)
    byday = _split_byday(parts.get("BYDAY", ""))
    weekday = _DAY_ORDER[start.weekday()]
    if freq == "DAILY":
        return "Daily" if interval == 1 else f"Every {interval} days"
    if freq == "WEEKLY":
        days = _day_names([d for _, d in byday] or [weekday])
        if interval == 1:
            return f"Weekly on {days}"
        if interval == 2:
            return f"Every other {days}"
        return f"Every {interval} weeks on {days}"
    if freq == "MONTHLY":
        setpos = parts.get("BYSETPOS")
        if byday and setpos and all(n is None for n, _ in byday):
            byday = [(int(p), d) for p in setpos.split(",") for _, d in byday]
        every = "" if interval == 1 else f" (every {interval} months)"
        if byday and all(n is not None for n, _ in byday):
            weekdays = {d for _, d in byday}
            if len(weekdays) == 1:
                ords = sorted({n for n, _ in byday if n is not None}, key=lambda n: (n < 0, n))
                words = _join_words([_ORDINALS.get(n, f"{n}th") for n in ords])
                month = " of the month" if any(n < 0 for n in ords) else ""
                return f"{words} {_DAYS[weekdays.pop()]}{month}{every}"
            return _join_words([f"{_ORDINALS.get(n, f'{n}th')} {_DAYS[d]}"
                                for n, d in byday if n is not None]) + f" of the month{every}"
        if parts.get("BYMONTHDAY"):
            day = parts["BYMONTHDAY"].split(",")[0]
            return f"Monthly on day {day}{every}"
        if not byday:
            return f"Monthly on day {start.day}{every}"
        return f"Monthly on {_day_names([d for _, d in byday])}{every}"
    if freq == "YEARLY":
        return "Yearly"
    return None


def schedule_text(
    start_local: datetime, end_local: datetime | None, rrule: str | None, tz: str | None
) -> str | None:
    """"2nd & 4th Thursday of the month, 12:00–13:00 Central"; None for a one-off event."""
    if not rrule:
        return None
    pattern = _pattern(_parts(rrule), start_local)
    if pattern is None:
        return None
    if isinstance(start_local, datetime) and (start_local.hour or start_local.minute or end_local):
        times = start_local.strftime("%H:%M")
        if end_local is not None and isinstance(end_local, datetime):
            times += "\u2013" + end_local.strftime("%H:%M")
        zone_word = _ZONE_WORDS.get(tz or "", tz or "")
        pattern += f", {times}" + (f" {zone_word}" if zone_word else "")
    return pattern


def _as_local(value: datetime, tz: ZoneInfo | None) -> datetime:
    """Naive wall-clock time in the event's zone."""
    if value.tzinfo is not None and tz is not None:
        value = value.astimezone(tz)
    return value.replace(tzinfo=None)


def _parse_dates(values: list[str], tz: ZoneInfo | None) -> tuple[list[datetime], set[date]]:
    """(wall-clock datetimes, whole days given as bare dates)."""
    out: list[datetime] = []
    days: set[date] = set()
    for value in values:
        parsed = parse_iso(value)
        if parsed is None:
            continue
        if not isinstance(parsed, datetime):
            days.add(parsed)
            parsed = datetime(parsed.year, parsed.month, parsed.day)
        out.append(_as_local(parsed, tz))
    return out, days


def _rrule_for_naive(rrule: str, tz: ZoneInfo | None) -> str:
    """The rule with a UTC UNTIL ("...Z") rewritten as wall-clock time in the event's zone,
    since dateutil cannot compare an aware UNTIL with a naive DTSTART."""
    parts = []
    for piece in rrule.strip().removeprefix("RRULE:").split(";"):
        key, _, value = piece.partition("=")
        if key.upper() == "UNTIL" and value.upper().endswith("Z"):
            try:
                until = datetime.strptime(value[:-1], "%Y%m%dT%H%M%S").replace(
                    tzinfo=ZoneInfo("UTC"))
            except ValueError:
                until = None
            if until is not None:
                piece = "UNTIL=" + _as_local(until, tz).strftime("%Y%m%dT%H%M%S")
        parts.append(piece)
    return ";".join(parts)


def expand(
    start: datetime,
    end: datetime | None,
    rrule: str | None,
    exdates: list[str],
    rdates: list[str],
    as_of: datetime,
    horizon_days: int = 90,
) -> list[tuple[datetime, datetime | None]]:
    """Occurrences (start, end) overlapping [as_of, as_of + horizon_days]; see expand_series."""
    return expand_series(start, end, rrule, exdates, rdates, as_of, horizon_days)[0]


def expand_series(
    start: datetime,
    end: datetime | None,
    rrule: str | None,
    exdates: list[str],
    rdates: list[str],
    as_of: datetime,
    horizon_days: int = 90,
    cap: int = MAX_INSTANCES_PER_SERIES,
) -> tuple[list[tuple[datetime, datetime | None]], str | None]:
    """(occurrences overlapping [as_of, as_of + horizon_days] with EXDATE/RDATE applied,
    a `series_capped: ...` note when the rule had more than could be expanded, else None).

    Start is taken in its own zone (its tzinfo); naive starts are read as UTC. The walk is
    bounded in time and memory whatever the rule (spiders.common.rrule_bounds).
    """
    tz = start.tzinfo if isinstance(start.tzinfo, ZoneInfo) else None
    if start.tzinfo is None:
        tz = ZoneInfo("UTC")
        start = start.replace(tzinfo=tz)
    attach = tz or start.tzinfo
    duration = (end - start) if end is not None else None
    local_start = _as_local(start, tz)
    window_start = _as_local(as_of, tz) - (duration or timedelta(0))
    window_end = _as_local(as_of + timedelta(days=horizon_days), tz)
    starts: set[datetime] = set()
    capped: str | None = None
    if rrule:
        walked = expand_window(_rrule_for_naive(rrule, tz), local_start, window_start,
                               window_end, cap=cap)
        starts.update(walked.starts)
        capped = walked.reason if walked.capped else None
    elif window_start <= local_start <= window_end:
        starts.add(local_start)
    for extra in _parse_dates(rdates, tz)[0]:
        if window_start <= extra <= window_end:
            starts.add(extra)
    excluded_list, excluded_days = _parse_dates(exdates, tz)
    excluded = set(excluded_list)
    result: list[tuple[datetime, datetime | None]] = []
    for occ in sorted(starts):
        if occ in excluded or occ.date() in excluded_days:
            continue
        aware = occ.replace(tzinfo=attach)
        result.append((aware, aware + duration if duration is not None else None))
    return result, capped
