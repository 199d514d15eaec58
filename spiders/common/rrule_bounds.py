"""Bounded RRULE expansion: every series ends in bounded time and memory, whatever its rule.

dateutil walks a rule from DTSTART, so `FREQ=HOURLY` from 1900 costs a million steps before
the window, and `FREQ=DAILY;BYHOUR=0..23;BYMINUTE=0..59;BYSECOND=0..59` ("secondly in all
but name") yields 86,400 instances a day. Here the rule's density is counted from its parts
before anything is expanded, DTSTART is moved forward by whole periods to just before the
window (exact for rules without COUNT), and the walk itself is a limited iterator: it stops
at the window's end, at `cap` instances, or after `max_steps` instances looked at.
A capped series keeps its rule; the caller reports `capped` (a `series_capped` note).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrule, rrulestr

MAX_INSTANCES_PER_SERIES = 1000  # occurrences kept per series in one window
MAX_STEPS_PER_SERIES = 20_000  # instances dateutil may produce for one series
# More than this many instances a day is not a meeting rhythm (hourly office hours are 24).
MAX_INSTANCES_PER_DAY = 24.0

_WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
_PERIOD_DAYS = {"YEARLY": 365.0, "MONTHLY": 28.0, "WEEKLY": 7.0, "DAILY": 1.0,
                "HOURLY": 1 / 24, "MINUTELY": 1 / 1440, "SECONDLY": 1 / 86400}


def rule_parts(rule: str) -> dict[str, str]:
    body = rule.strip()
    if body.upper().startswith("RRULE:"):
        body = body[6:]
    parts: dict[str, str] = {}
    for piece in body.split(";"):
        key, sep, value = piece.partition("=")
        if sep:
            parts[key.strip().upper()] = value.strip().upper()
    return parts


def _count(value: str | None) -> int:
    return len([v for v in (value or "").split(",") if v.strip()])


def _interval(parts: dict[str, str]) -> int:
    try:
        return max(1, int(parts.get("INTERVAL", "1") or 1))
    except ValueError:
        return 1


def instances_per_day(rule: str) -> float:
    """An upper bound on the rule's instances per day, read from its parts alone."""
    parts = rule_parts(rule)
    freq = parts.get("FREQ", "")
    if freq not in _PERIOD_DAYS:
        return 0.0
    interval = _interval(parts)
    # At most one instance per date from the date-level parts; times multiply within a date.
    hours = _count(parts.get("BYHOUR")) or (24 / interval if freq == "HOURLY" else 1)
    minutes = _count(parts.get("BYMINUTE")) or (
        1440 / interval / max(hours, 1) if freq == "MINUTELY" else 1)
    seconds = _count(parts.get("BYSECOND")) or (
        86400 / interval / max(hours * minutes, 1) if freq == "SECONDLY" else 1)
    per_date = min(86400.0, hours * minutes * seconds)
    dates_per_day = 1 / interval if freq == "DAILY" else 1.0
    if freq in ("HOURLY", "MINUTELY", "SECONDLY"):
        dates_per_day = 1.0
    if freq in ("WEEKLY", "MONTHLY", "YEARLY") and not any(
            k in parts for k in ("BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH")):
        dates_per_day = 1 / (_PERIOD_DAYS[freq] * interval)
    return min(86400.0, per_date * dates_per_day)


def _fast_forward(parts: dict[str, str], dtstart: datetime, before: datetime) -> datetime:
    """DTSTART moved forward by whole periods to at most one period before `before`.

    The rule's instances after `before` are unchanged: every default dateutil takes from
    DTSTART (weekday, month day, time of day) is kept by a whole-period shift. COUNT rules
    count from DTSTART and are never moved; neither is a Feb 29 start shifted by years.
    """
    if "COUNT" in parts or dtstart >= before:
        return dtstart
    freq, interval = parts.get("FREQ", ""), _interval(parts)
    if freq in ("WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY"):
        period = timedelta(days=_PERIOD_DAYS[freq] * interval) if freq in ("WEEKLY", "DAILY") \
            else timedelta(seconds=round(_PERIOD_DAYS[freq] * 86400) * interval)
        periods = (before - dtstart) // period - 1
        return dtstart + period * periods if periods > 0 else dtstart
    if freq in ("MONTHLY", "YEARLY") and not (dtstart.month == 2 and dtstart.day == 29):
        months = interval if freq == "MONTHLY" else 12 * interval
        step_years = months // math.gcd(months, 12)  # years that are a whole number of periods
        years = ((before.year - dtstart.year - 1) // step_years) * step_years
        return dtstart + relativedelta(years=years) if years > 0 else dtstart
    return dtstart


def _days(start: datetime, end: datetime) -> float:
    return max((end - start).total_seconds() / 86400, 0.0)


def _without_unreachable_count(rule_text: str, parts: dict[str, str], per_day: float,
                               dtstart: datetime, window_end: datetime
                               ) -> tuple[str, dict[str, str]]:
    """Drop a COUNT larger than the instances the rule can have up to the window's end
    (per_day is an upper bound), so the rule may be moved forward like an endless one."""
    try:
        count = int(parts.get("COUNT", ""))
    except ValueError:
        return rule_text, parts
    if count <= per_day * (_days(dtstart, window_end) + 1):
        return rule_text, parts
    pieces = [p for p in rule_text.strip().removeprefix("RRULE:").split(";")
              if p.partition("=")[0].strip().upper() != "COUNT"]
    kept = ";".join(pieces)
    return kept, rule_parts(kept)


def _ints(value: str | None) -> set[int]:
    out = set()
    for token in (value or "").split(","):
        try:
            out.add(int(token))
        except ValueError:
            continue
    return out


def _window_may_match(parts: dict[str, str], start: datetime, end: datetime) -> bool:
    """False when no date in the window passes the rule's plain date filters.

    A superset test (BYWEEKNO, BYSETPOS and BYDAY ordinals are not applied): False is
    certain, True only means dateutil has something to find.
    """
    months, monthdays = _ints(parts.get("BYMONTH")), _ints(parts.get("BYMONTHDAY"))
    yeardays = _ints(parts.get("BYYEARDAY"))
    weekdays = {_WEEKDAYS.index(t.strip()[-2:]) for t in parts.get("BYDAY", "").split(",")
                if t.strip()[-2:] in _WEEKDAYS}
    day = start.date()
    for _ in range(min((end.date() - day).days + 1, 3700)):
        month_len = ((day.replace(day=28) + timedelta(days=4)).replace(day=1)
                     - timedelta(days=1)).day
        year_len = 366 if day.replace(month=12, day=31).timetuple().tm_yday == 366 else 365
        yday = day.timetuple().tm_yday
        if ((not months or day.month in months)
                and (not monthdays or {day.day, day.day - month_len - 1} & monthdays)
                and (not yeardays or {yday, yday - year_len - 1} & yeardays)
                and (not weekdays or day.weekday() in weekdays)):
            return True
        day += timedelta(days=1)
    return False


@dataclass
class Expansion:
    starts: list[datetime] = field(default_factory=list)
    capped: bool = False  # the walk stopped before the window's end: more instances exist
    reason: str | None = None  # why it was capped, for the series_capped note


def expand_window(
    rule_text: str,
    dtstart: datetime,
    window_start: datetime,
    window_end: datetime,
    *,
    cap: int = MAX_INSTANCES_PER_SERIES,
    max_steps: int = MAX_STEPS_PER_SERIES,
) -> Expansion:
    """Naive instances of `rule_text` (naive `dtstart`) in [window_start, window_end], bounded."""
    parts = rule_parts(rule_text)
    result = Expansion()
    per_day = instances_per_day(rule_text)
    if per_day > MAX_INSTANCES_PER_DAY:
        # Secondly in all but name: not a meeting rhythm, and each day costs per_day steps
        # (dateutil builds the day's whole time set before yielding anything).
        result.capped = True
        result.reason = (f"series_capped: up to {per_day:,.0f} instances a day; "
                         "not a meeting rhythm, not expanded")
        return result
    if not _window_may_match(parts, window_start, window_end):
        return result  # dateutil would walk a never-matching rule on to the year 9999
    rule_text, parts = _without_unreachable_count(rule_text, parts, per_day, dtstart, window_end)
    start = _fast_forward(parts, dtstart, window_start)
    rule = rrulestr(rule_text, dtstart=start, ignoretz=True)
    if not isinstance(rule, rrule):
        raise ValueError(f"not a single RRULE: {rule_text!r}")
    steps = 0
    for occ in rule:  # counted from the (moved) DTSTART, so the walk itself is bounded
        steps += 1
        if occ > window_end:
            break
        if steps > max_steps:
            result.capped = True
            result.reason = f"series_capped: stopped after {max_steps:,} instances looked at"
            break
        if occ < window_start:
            continue
        if len(result.starts) >= cap:
            result.capped = True
            result.reason = (f"series_capped: about {per_day * _days(window_start, window_end):,.0f}"
                             f" instances in the window, {cap} kept")
            break
        result.starts.append(occ)
    return result


def first_after(rule_text: str, dtstart: datetime, after: datetime,
                max_steps: int = MAX_STEPS_PER_SERIES) -> datetime | None:
    """The rule's first naive instance at or after `after`, or None within `max_steps`."""
    parts = rule_parts(rule_text)
    start = _fast_forward(parts, dtstart, after)
    rule = rrulestr(rule_text, dtstart=start, ignoretz=True)
    for steps, occ in enumerate(iter(rule)):
        if occ >= after:
            return occ
        if steps >= max_steps:
            return None
    return None
