"""iCalendar feeds (RFC 5545): one RawItem per series (UID), occurrences expanded in a window.

Handles VTIMEZONE and Windows zone names, X-WR-TIMEZONE (via x_wr_timezone), floating times
(ctx.default_timezone, else X-WR-TIMEZONE), DURATION, RRULE/EXDATE/RDATE, RECURRENCE-ID
overrides and cancellations (recurring_ical_events), Latin-1 bytes and partly broken feeds.
All-day events keep the source's exclusive DTEND (`extra["end_exclusive"] = True`).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import recurring_ical_events
import x_wr_timezone
from icalendar import Calendar, Component, Event
from recurring_ical_events.util import make_comparable

from spiders.common.dates import parse_iso
from spiders.common.rrule import clean_rrule
from spiders.common.rrule_bounds import (
    MAX_INSTANCES_PER_DAY,
    MAX_STEPS_PER_SERIES,
    instances_per_day,
)
from spiders.common.text import clean, decode_text, find_online_url, iso, safe_url, stable_uid
from spiders.common.timezones import to_iana
from spiders.items import ParseContext, ParseResult, RawItem, RawOccurrence

FORMAT = "ics"
_BLOCK = re.compile(r"^BEGIN:(VEVENT|VTIMEZONE)\r?\n.*?^END:\1\r?$", re.MULTILINE | re.DOTALL)
_ONLINE_LOCATION = re.compile(r"^\s*(microsoft teams|teams|zoom|google meet|webex)\b", re.I)
_COST_PROPS = ("X-COST-TYPE", "X-COST", "X-EVENT-COST", "X-PRICE", "X-TICKET-PRICE")


def parse(body: bytes, ctx: ParseContext) -> ParseResult:
    result = ParseResult()
    text = decode_text(body)
    if not text.strip():
        result.errors.append("ics: empty feed (0 bytes of calendar data)")
        return result
    if "BEGIN:VCALENDAR" not in text[:4096].upper() and "BEGIN:VEVENT" not in text.upper():
        result.errors.append("ics: not an iCalendar feed (no BEGIN:VCALENDAR)")
        return result
    for calendar in _read_calendars(text, result):
        _parse_calendar(calendar, ctx, result)
    return result


def _read_calendars(text: str, result: ParseResult) -> list[Calendar]:
    try:
        calendars = [c for c in Calendar.from_ical(text, multiple=True)
                     if isinstance(c, Calendar)]
        if calendars:
            return calendars
        result.errors.append("ics: no VCALENDAR wrapper; reading the bare components")
    except Exception as exc:  # icalendar raises ValueError/KeyError/IndexError on bad input
        result.errors.append(f"ics: feed does not parse as a whole ({exc}); salvaging events")
    return [_salvage(text, result)]


def _salvage(text: str, result: ParseResult) -> Calendar:
    """Rebuild a calendar from the VTIMEZONE/VEVENT blocks that parse on their own."""
    calendar = Calendar()
    header = re.search(r"^X-WR-TIMEZONE:(.+?)\r?$", text, re.MULTILINE)
    if header:
        calendar.add("X-WR-TIMEZONE", header.group(1).strip())
    for match in _BLOCK.finditer(text):
        try:
            calendar.add_component(Component.from_ical(match.group(0)))
        except Exception as exc:
            result.events_seen += match.group(1) == "VEVENT"
            result.errors.append(f"ics: skipped a malformed {match.group(1)} ({exc})")
    return calendar


MAX_EVENTS_PER_DOCUMENT = 5000  # VEVENTs read from one document; the rest are counted


def _parse_calendar(calendar: Calendar, ctx: ParseContext, result: ParseResult) -> None:
    cal_tz = to_iana(str(calendar.get("X-WR-TIMEZONE", "")) or None) or _only_zone(calendar)
    floating = _floating_uids(calendar)
    if ctx.default_timezone:
        # Floating times follow the registry's zone first; x_wr_timezone then localizes them.
        # UTC times keep their instant whichever zone is named here.
        calendar.pop("X-WR-TIMEZONE", None)
        calendar.add("X-WR-TIMEZONE", ctx.default_timezone)
    try:
        calendar = x_wr_timezone.to_standard(calendar)
    except Exception as exc:
        result.errors.append(f"ics: could not apply X-WR-TIMEZONE {cal_tz!r} ({exc})")
    floating_tz = ctx.default_timezone or cal_tz
    events = [c for c in calendar.walk("VEVENT") if isinstance(c, Event)]
    result.events_seen += len(events)
    if len(events) > MAX_EVENTS_PER_DOCUMENT:
        result.errors.append(f"ics: document_capped: {len(events)} events, the first "
                             f"{MAX_EVENTS_PER_DOCUMENT} read")
        dropped = {id(extra) for extra in events[MAX_EVENTS_PER_DOCUMENT:]}
        calendar.subcomponents = [c for c in calendar.subcomponents if id(c) not in dropped]
        events = events[:MAX_EVENTS_PER_DOCUMENT]
    groups: dict[str, list[Event]] = {}
    deferred: dict[str, str] = {}  # uid -> rule expanded later by the bounded expander
    for event in events:
        uid = clean(event.get("UID"))
        if not uid:
            uid = stable_uid(event.get("SUMMARY"), _ical(event.get("DTSTART")),
                             event.get("LOCATION"), event.get("DESCRIPTION"))
            event["UID"] = uid
        groups.setdefault(uid, []).append(event)
        rule = _rrule(event)
        if rule and "RECURRENCE-ID" not in event and _costly(rule, event, ctx):
            # recurring_ical_events walks every instance from DTSTART: a dense rule, or an
            # hourly one from 1900, would hold the whole crawl. Ingest expands these with a
            # bounded walk (EXDATE/RDATE kept; this series' RECURRENCE-ID overrides are not).
            if instances_per_day(rule) > MAX_INSTANCES_PER_DAY:
                result.errors.append(f"ics: event {uid!r} repeats {rule!r}; series_capped: "
                                     "not a meeting rhythm, not expanded")
            deferred[uid] = rule
            del event["RRULE"]
    expanded = _expand(calendar, ctx, result)
    for uid, components in groups.items():
        try:
            item, spans = _series(uid, components, expanded.get(uid, []), ctx, floating_tz,
                                  cal_tz)
            if item is not None and uid in deferred:
                item.rrule = deferred[uid]
                item.occurrences = []  # expanded at ingest by the bounded walk
                spans = None
        except Exception as exc:  # one odd series must not sink the feed
            result.errors.append(f"ics: event {uid!r} skipped ({type(exc).__name__}: {exc})")
            continue
        if item is not None:
            result.errors.extend(item.extra.pop("warnings", []))
            if uid in floating and ctx.default_timezone and not item.all_day:
                item.extra["time_basis"] = "source"  # the registry zone read a floating time
            if spans is not None:
                result.occurrence_spans[len(result.items)] = spans
            result.items.append(item)
        else:
            result.errors.append(f"ics: event {uid!r} has no DTSTART")




def _floating_uids(calendar: Calendar) -> set[str]:
    """UIDs whose DTSTART is a floating date-time (no TZID, no Z), before any zone is applied."""
    found: set[str] = set()
    for event in calendar.walk("VEVENT"):
        prop = event.get("DTSTART")
        if prop is None or "UID" not in event:
            continue
        try:
            value = event.decoded("DTSTART")
        except Exception:  # noqa: BLE001 - an unreadable DTSTART is reported later
            continue
        if isinstance(value, datetime) and value.tzinfo is None:
            found.add(str(event.get("UID")))
    return found


def _costly(rule: str, event: Event, ctx: ParseContext) -> bool:
    """True when walking the rule from DTSTART to the window's end may exceed the step cap."""
    per_day = instances_per_day(rule)
    if per_day > MAX_INSTANCES_PER_DAY:
        return True
    try:
        start = event.decoded("DTSTART")
    except Exception:  # noqa: BLE001 - a broken DTSTART is reported by _series
        return False
    day = start.date() if isinstance(start, datetime) else start
    if not isinstance(day, date):
        return False
    span = (ctx.as_of.date() + timedelta(days=ctx.horizon_days) - day).days
    return per_day * max(span, 0) > MAX_STEPS_PER_SERIES


def _only_zone(calendar: Calendar) -> str | None:
    """The feed's zone when it declares exactly one VTIMEZONE (Exchange exports do)."""
    names = {str(tz.get("TZID")) for tz in calendar.walk("VTIMEZONE") if tz.get("TZID")}
    return to_iana(names.pop()) if len(names) == 1 else None


def _expand(calendar: Calendar, ctx: ParseContext, result: ParseResult) -> dict[str, list[Event]]:
    start = ctx.as_of - timedelta(days=1)
    end = ctx.as_of + timedelta(days=ctx.horizon_days)
    found: dict[str, list[Event]] = {}
    try:
        query = recurring_ical_events.of(calendar, skip_bad_series=True)
        for occurrence in query.between(start, end):
            found.setdefault(str(occurrence.get("UID")), []).append(occurrence)
    except Exception as exc:
        result.errors.append(f"ics: could not expand recurrences ({type(exc).__name__}: {exc})")
    return found


def _series(uid: str, components: list[Event], expanded: list[Event], ctx: ParseContext,
            floating_tz: str | None, cal_tz: str | None
            ) -> tuple[RawItem | None, list[tuple[float, float]] | None]:
    """The series' raw item, plus (for an expanded series) each occurrence's span as the
    expansion compared it, so a cached parse over a wider window can be trimmed exactly."""
    masters = [c for c in components if "RECURRENCE-ID" not in c]
    master = masters[0] if masters else min(components, key=lambda c: _sort_key(c, floating_tz))
    if "DTSTART" not in master:
        return None, None
    start_value = _moment(master.decoded("DTSTART"))
    if start_value is None:
        raise ValueError(f"DTSTART {_ical(master.get('DTSTART'))!r} cannot be read as a date")
    end_value = _moment(_end_of(master))
    title = clean(master.get("SUMMARY")) or "(untitled)"
    description = clean(master.get("DESCRIPTION"))
    alt_desc = clean(master.get("X-ALT-DESC"))
    location = clean(master.get("LOCATION"))
    url = safe_url(clean(master.get("URL")))
    recurring = any(k in master for k in ("RRULE", "RDATE")) and bool(masters)
    warnings: list[str] = []
    item = RawItem(
        source_id=ctx.source_id, format=FORMAT, source_url=ctx.url, title=title, uid=uid,
        url=url, description=description or alt_desc,
        start=iso(_localize(start_value, floating_tz)),
        end=iso(_localize(end_value, floating_tz)),
        all_day=not isinstance(start_value, datetime),
        timezone=_zone_name(master, start_value, floating_tz, cal_tz),
        rrule=_rrule(master, warnings), exdates=_dates(master, "EXDATE", floating_tz),
        rdates=_dates(master, "RDATE", floating_tz) if masters else [],
        status=clean(master.get("STATUS")), location_text=location,
        online_url=find_online_url(location, url, description, alt_desc),
        categories=_categories(master),
    )
    if location and (_ONLINE_LOCATION.match(location) or find_online_url(location)):
        item.attendance_mode = "online"
    _organizer(master, item)
    _cost(master, item)
    _geo(master, item)
    if alt_desc:
        item.extra["description_html"] = alt_desc
    if item.all_day and item.end:
        item.extra["end_exclusive"] = True
    if clean(master.get("CONTACT")):
        item.extra["contact"] = clean(master.get("CONTACT"))
    if warnings:
        item.extra["warnings"] = [f"ics: event {uid!r}: {w}" for w in warnings]
    spans: list[tuple[float, float]] | None = [] if recurring else None
    if recurring and item.rrule is None and not item.rdates:
        listed = components  # an unreadable rule: the event stays, as its own occurrence
        spans = None  # ... a single event, so the parse cache keeps it as it is
    else:
        listed = expanded if recurring else components
    item.occurrences = _occurrences(listed, title, floating_tz, spans)
    return item, spans


def _occurrences(components: list[Event], title: str, tz: str | None,
                 spans: list[tuple[float, float]] | None = None) -> list[RawOccurrence]:
    out: list[RawOccurrence] = []
    for comp in sorted(components, key=lambda c: _sort_key(c, tz)):
        if "DTSTART" not in comp:
            continue
        if spans is not None:
            spans.append(_span(comp))
        own_title = clean(comp.get("SUMMARY"))
        out.append(RawOccurrence(
            start=iso(_localize(comp.decoded("DTSTART"), tz)) or "",
            end=iso(_localize(_end_of(comp), tz)),
            status=clean(comp.get("STATUS")),
            title=own_title if own_title and own_title != title else None,
        ))
    return out


def _span(comp: Event) -> tuple[float, float]:
    """(start, end) as POSIX seconds, compared the way recurring_ical_events compares an
    occurrence with a UTC window (dates and floating times taken as UTC)."""
    start = comp.decoded("DTSTART")
    end = _end_of(comp)
    if end is None:
        end = start + timedelta(days=1) if not isinstance(start, datetime) else start
    window = datetime(2000, 1, 1, tzinfo=UTC)
    _, comparable_start, comparable_end = make_comparable((window, start, end))
    return comparable_start.timestamp(), comparable_end.timestamp()


def _moment(value: Any) -> date | datetime | None:
    """A decoded DTSTART/DTEND; text icalendar left undecoded goes through the lenient reader."""
    if isinstance(value, (date, datetime)) or value is None:
        return value
    return parse_iso(str(value).strip())


def _end_of(comp: Event) -> date | datetime | None:
    if "DTEND" in comp:
        return comp.decoded("DTEND")
    if "DURATION" in comp and "DTSTART" in comp:
        duration = comp.decoded("DURATION")
        if isinstance(duration, timedelta):
            return comp.decoded("DTSTART") + duration
    return None


def _localize(value: Any, tz: str | None) -> Any:
    """Give floating datetimes the feed's zone; dates and aware datetimes pass through."""
    if isinstance(value, datetime) and value.tzinfo is None and tz:
        try:
            return value.replace(tzinfo=ZoneInfo(tz))
        except (ValueError, KeyError):
            return value
    return value


def _sort_key(comp: Event, tz: str | None) -> str:
    value = comp.get("DTSTART")
    if value is None:
        return ""
    decoded = _localize(comp.decoded("DTSTART"), tz)
    if isinstance(decoded, datetime) and decoded.tzinfo is not None:
        return decoded.astimezone(ZoneInfo("UTC")).isoformat()
    return iso(decoded) or ""


def _zone_name(comp: Event, start: Any, floating_tz: str | None, cal_tz: str | None) -> str | None:
    prop = comp.get("DTSTART")
    tzid = prop.params.get("TZID") if prop is not None and hasattr(prop, "params") else None
    if tzid:
        return to_iana(str(tzid)) or floating_tz
    if isinstance(start, datetime) and start.tzinfo is not None:
        key = getattr(start.tzinfo, "key", None) or getattr(start.tzinfo, "zone", None)
        named = to_iana(str(key)) if key else None
        if named and named != "UTC":
            return named
        return cal_tz or named
    return floating_tz


def _rrule(comp: Event, warnings: list[str] | None = None) -> str | None:
    """The event's RRULE after the shared clean-up (spiders.common.rrule); None if unreadable."""
    value = comp.get("RRULE")
    if value is None:
        return None
    if isinstance(value, list):
        value = value[0]
    rule, problems = clean_rrule(value.to_ical().decode("utf-8", "replace"))
    if warnings is not None:
        warnings.extend(problems)
    return rule


def _dates(comp: Event, name: str, tz: str | None) -> list[str]:
    value = comp.get(name)
    if value is None:
        return []
    out: list[str] = []
    for entry in value if isinstance(value, list) else [value]:
        for dt in getattr(entry, "dts", []):
            moment = dt.dt[0] if isinstance(dt.dt, tuple) else dt.dt
            text = iso(_localize(moment, tz))
            if text:
                out.append(text)
    return out


def _categories(comp: Event) -> list[str]:
    value = comp.get("CATEGORIES")
    if value is None:
        return []
    names: list[str] = []
    for entry in value if isinstance(value, list) else [value]:
        for cat in getattr(entry, "cats", [entry]):
            text = clean(cat)
            if text and text not in names:
                names.append(text)
    return names


def _organizer(comp: Event, item: RawItem) -> None:
    organizer = comp.get("ORGANIZER")
    if organizer is None:
        return
    params = getattr(organizer, "params", {})
    name = clean(params.get("CN"))
    address = str(organizer)
    if address.lower().startswith("mailto:"):
        email = address[7:].strip()
        if email and not email.endswith(("calendar.google.com", "group.calendar.google.com")):
            item.contact_email = email
    item.organizer = name.strip('"') if name else None


def _cost(comp: Event, item: RawItem) -> None:
    hints = [clean(comp.get(name)) for name in _COST_PROPS]
    words = [h for h in hints if h]
    if words:
        item.cost_text = "; ".join(words)
        if any(w.lower() == "free" for w in words):
            item.is_free = True


def _geo(comp: Event, item: RawItem) -> None:
    geo = comp.get("GEO")
    if geo is None:
        return
    try:
        item.lat, item.lon = float(geo.latitude), float(geo.longitude)
    except (AttributeError, TypeError, ValueError):
        return


def _ical(prop: Any) -> str:
    try:
        return prop.to_ical().decode("utf-8", "replace") if prop is not None else ""
    except Exception:
        return str(prop)
