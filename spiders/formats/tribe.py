"""The Events Calendar (WordPress) REST API: `/wp-json/tribe/events/v1/events` pages.

Each page holds `events` and, when more pages exist, `next_rest_url` (emitted in next_urls; the
crawler caps pages and guards loops, this parser never emits the page's own URL). Titles have
HTML entities decoded; descriptions are kept as the site's HTML.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from spiders.common.text import clean, decode_text, find_online_url, safe_url, stable_uid
from spiders.common.timezones import to_iana
from spiders.items import ParseContext, ParseResult, RawItem

FORMAT = "tribe"
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)")
_CANCEL_HINT = re.compile(r"\b(cancel+ed|postponed|rescheduled|sold out)\b", re.IGNORECASE)


def parse(body: bytes, ctx: ParseContext) -> ParseResult:
    result = ParseResult()
    text = decode_text(body).strip()
    if not text:
        result.errors.append("tribe: empty response")
        return result
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        result.errors.append(f"tribe: response is not JSON ({exc.__class__.__name__}: {exc})")
        return result
    if not isinstance(data, dict):
        result.errors.append("tribe: expected a JSON object with an 'events' list")
        return result
    events = data.get("events")
    if events is None and _is_single_event(data):
        events = [data]  # /wp-json/tribe/events/v1/events/{id}: one event object
    if not isinstance(events, list):
        code = data.get("code") or data.get("message")
        result.errors.append(f"tribe: no 'events' list in response (code: {code!r})")
        return result
    for index, event in enumerate(events):
        result.events_seen += 1
        if not isinstance(event, dict):
            result.errors.append(f"tribe: events[{index}] is not an object")
            continue
        try:
            item = _event(event, ctx)
        except Exception as exc:  # one odd event must not sink the page
            result.errors.append(f"tribe: events[{index}] skipped ({type(exc).__name__}: {exc})")
            continue
        if item is None:
            result.errors.append(f"tribe: events[{index}] has no title or no start date")
        else:
            result.items.append(item)
    next_url = safe_url(data.get("next_rest_url"), base=ctx.url)
    if next_url and next_url.rstrip("/") != ctx.url.rstrip("/"):
        result.next_urls.append(next_url)
    return result


def _is_single_event(data: dict[str, Any]) -> bool:
    return "title" in data and ("start_date" in data or "utc_start_date" in data)


def _event(event: dict[str, Any], ctx: ParseContext) -> RawItem | None:
    title = html.unescape(clean(event.get("title")) or "").strip()
    all_day = bool(event.get("all_day"))
    start = _when(event, "start", all_day)
    if not title or not start:
        return None
    raw_tz = clean(event.get("timezone"))
    timezone = to_iana(raw_tz)
    description = clean(event.get("description"))
    url = safe_url(event.get("url"))
    uid = clean(event.get("global_id")) or clean(event.get("id"))
    item = RawItem(
        source_id=ctx.source_id, format=FORMAT, source_url=ctx.url, title=title,
        uid=uid or stable_uid(title, start, url), url=url, description=description,
        start=start, end=_when(event, "end", all_day), all_day=all_day,
        timezone=timezone or (ctx.default_timezone if raw_tz is None else None),
        contact_url=safe_url(event.get("website")),
        categories=_names(event.get("categories")) + _names(event.get("tags")),
    )
    if raw_tz and not timezone:
        item.extra["timezone_raw"] = raw_tz
    if not timezone and item.timezone:
        item.extra["time_basis"] = "source"  # no zone in the response: the registry's
    item.status = _status(event, title)
    _venue(event.get("venue"), item)
    _organizer(event.get("organizer"), item)
    _cost(event, item)
    virtual_url = safe_url(event.get("virtual_url"))
    item.online_url = virtual_url or find_online_url(description)
    if event.get("is_virtual") or virtual_url:
        item.attendance_mode = "hybrid" if item.venue_name or item.street else "online"
    if event.get("id") is not None:
        item.extra["tribe_id"] = event.get("id")
    return item


def _when(event: dict[str, Any], which: str, all_day: bool) -> str | None:
    """Prefer the UTC field (unambiguous); all-day events keep the local date."""
    local = clean(event.get(f"{which}_date"))
    utc = clean(event.get(f"utc_{which}_date"))
    if all_day:
        return local[:10] if local and _DATETIME.match(local) else None
    if utc:
        match = _DATETIME.match(utc)
        if match:
            clock = match.group(2) if len(match.group(2)) == 8 else match.group(2) + ":00"
            return f"{match.group(1)}T{clock}+00:00"
    if local:
        match = _DATETIME.match(local)
        if match:
            clock = match.group(2) if len(match.group(2)) == 8 else match.group(2) + ":00"
            return f"{match.group(1)}T{clock}"  # floating: the normalizer applies `timezone`
    return None


def _status(event: dict[str, Any], title: str) -> str | None:
    for key in ("event_status", "tribe_events_status", "status_event"):
        value = clean(event.get(key))
        if value:
            return value
    status = clean(event.get("status"))
    if status and status.lower() not in ("publish", "published", "future", "private"):
        return status
    hint = _CANCEL_HINT.search(title)
    return hint.group(1) if hint else None


def _venue(venue: Any, item: RawItem) -> None:
    if isinstance(venue, list):  # TEC sends [] when the event has no venue
        venue = next((v for v in venue if isinstance(v, dict)), None)
    if not isinstance(venue, dict):
        return
    item.venue_name = html.unescape(clean(venue.get("venue")) or "") or None
    item.street = clean(venue.get("address"))
    item.city = clean(venue.get("city"))
    item.region = clean(venue.get("stateprovince")) or clean(venue.get("state")) or clean(
        venue.get("province"))
    item.postal_code = clean(venue.get("zip"))
    item.country = clean(venue.get("country"))
    lat, lon = _float(venue.get("geo_lat")), _float(venue.get("geo_lng"))
    if lat is not None and lon is not None and not (lat == 0 and lon == 0):
        item.lat, item.lon = lat, lon
    if not item.contact_phone:
        item.contact_phone = clean(venue.get("phone"))


def _organizer(organizer: Any, item: RawItem) -> None:
    people = organizer if isinstance(organizer, list) else [organizer]
    names: list[str] = []
    for person in people:
        if not isinstance(person, dict):
            continue
        name = html.unescape(clean(person.get("organizer")) or "").strip()
        if name:
            names.append(name)
        email = clean(person.get("email"))
        if email and not item.contact_email:
            item.contact_email = html.unescape(email)
        if not item.contact_phone:
            item.contact_phone = clean(person.get("phone"))
        if not item.contact_url:
            item.contact_url = safe_url(person.get("website"))
    item.organizer = ", ".join(names) or None


def _cost(event: dict[str, Any], item: RawItem) -> None:
    item.cost_text = html.unescape(clean(event.get("cost")) or "") or None
    details = event.get("cost_details")
    if not isinstance(details, dict):
        return
    values = [v for v in (_float(x) for x in details.get("values") or []) if v is not None]
    if values:
        item.cost_min, item.cost_max = min(values), max(values)
        item.is_free = True if item.cost_max == 0 else None
    symbol = clean(details.get("currency_symbol"))
    if symbol:
        item.extra["currency_symbol"] = html.unescape(symbol)
    code = clean(details.get("currency_code"))
    if code and re.fullmatch(r"[A-Z]{3}", code):
        item.currency = code  # a bare "$" symbol does not say which dollar: left to normalizing


def _names(values: Any) -> list[str]:
    if not isinstance(values, list):
        return []
    out = []
    for value in values:
        name = clean(value.get("name")) if isinstance(value, dict) else clean(value)
        if name:
            out.append(html.unescape(name))
    return out


def _float(value: Any) -> float | None:
    try:
        number = float(str(value).replace(",", "").strip())
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) != float("inf") else None
