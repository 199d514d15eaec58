"""One schema.org Event (from JSON-LD or microdata, as a dict) -> RawItem."""

from __future__ import annotations

import html
import re
from datetime import datetime
from typing import Any

from spiders.common.dates import repair_iso
from spiders.common.rrule import clean_rrule
from spiders.common.text import clean, find_online_url, safe_url, stable_uid
from spiders.common.timezones import to_iana
from spiders.items import ParseContext, RawItem

_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")
_DAYS = {"monday": "MO", "tuesday": "TU", "wednesday": "WE", "thursday": "TH", "friday": "FR",
         "saturday": "SA", "sunday": "SU", "mo": "MO", "tu": "TU", "we": "WE", "th": "TH",
         "fr": "FR", "sa": "SA", "su": "SU"}
_FREQ = {"P1D": "DAILY", "P1W": "WEEKLY", "P7D": "WEEKLY", "P1M": "MONTHLY", "P1Y": "YEARLY",
         "DAILY": "DAILY", "WEEKLY": "WEEKLY", "MONTHLY": "MONTHLY", "YEARLY": "YEARLY"}


def first(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def text_of(value: Any) -> str | None:
    """A property's text: strings as-is, {"name"/"@value"} objects by name."""
    value = first(value)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    return clean(value)


def last_segment(value: Any) -> str | None:
    text = text_of(value)
    return text.rstrip("/").rsplit("/", 1)[-1] if text else None


def normalize_datetime(value: Any) -> str | None:
    """Strict ISO 8601 via the one lenient reader (spiders/common/dates.py); None if unreadable."""
    text = text_of(value)
    if not text:
        return None
    strict = text.replace(" ", "T", 1) if len(text) > 10 and text[10] == " " else text
    strict = strict[:-1] + "+00:00" if strict.endswith("Z") else strict
    strict = re.sub(r"([+-])(\d{2})(\d{2})$", r"\1\2:\3", strict) if "T" in strict else strict
    try:  # already ISO: kept as the page wrote it
        datetime.fromisoformat(strict)
        return strict
    except ValueError:
        return repair_iso(text)


def event_to_item(event: dict[str, Any], ctx: ParseContext) -> RawItem:
    # data-vocabulary.org Events (old microdata) name themselves with "summary"
    name = event.get("name") or event.get("summary")
    title = html.unescape(text_of(name) or "").strip() or "(untitled)"
    start = normalize_datetime(event.get("startDate"))
    start_text = text_of(event.get("startDate"))
    description = clean(first(event.get("description")))
    if description and "&lt;" in description and "<" not in description:
        description = html.unescape(description)  # entity-escaped HTML: one level, still HTML
    url = safe_url(text_of(event.get("url")), base=ctx.url)
    item = RawItem(
        source_id=ctx.source_id, format="jsonld", source_url=ctx.url, title=title,
        url=url, description=description, start=start,
        end=normalize_datetime(event.get("endDate")),
        all_day=bool(start and "T" not in start),
        status=last_segment(event.get("eventStatus")),
        attendance_mode=last_segment(event.get("eventAttendanceMode")),
    )
    if start is None and start_text:  # kept for the operator, said once per event
        item.extra["start_raw"] = start_text
        item.extra.setdefault("warnings", []).append(
            f"jsonld: event {title!r}: start date {start_text!r} cannot be read; kept as text")
    item.uid = clean(event.get("@id")) or url or stable_uid(title, start, description)
    for place in _as_list(event.get("location")):
        _location(place, item, ctx)
    _offers(event, item)
    _organizer(event.get("organizer"), item, ctx)
    _schedule(event.get("eventSchedule"), item)
    item.categories = _keywords(event.get("keywords"))
    if not item.online_url:
        item.online_url = find_online_url(description)
    types = event.get("@type")
    item.extra["schema_type"] = types if isinstance(types, str) else ",".join(
        str(t) for t in _as_list(types))
    return item


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _location(place: Any, item: RawItem, ctx: ParseContext) -> None:
    if isinstance(place, str):
        url = safe_url(place)
        if url:
            item.online_url = item.online_url or url
        else:
            item.location_text = item.location_text or clean(place)
        return
    if not isinstance(place, dict):
        return
    types = {str(t) for t in _as_list(place.get("@type"))}
    if "VirtualLocation" in types:
        item.online_url = item.online_url or safe_url(text_of(place.get("url")))
        return
    if "PostalAddress" in types:
        _address(place, item)
        return
    item.venue_name = item.venue_name or html.unescape(text_of(place.get("name")) or "") or None
    address = first(place.get("address"))
    if isinstance(address, dict):
        _address(address, item)
    elif clean(address):
        item.location_text = item.location_text or clean(address)
    geo = first(place.get("geo"))
    if isinstance(geo, dict):
        lat, lon = _number(geo.get("latitude")), _number(geo.get("longitude"))
        if lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
            item.lat, item.lon = lat, lon
    if item.contact_phone is None:
        item.contact_phone = text_of(place.get("telephone"))


def _address(address: dict[str, Any], item: RawItem) -> None:
    item.street = item.street or text_of(address.get("streetAddress"))
    item.city = item.city or text_of(address.get("addressLocality"))
    item.region = item.region or text_of(address.get("addressRegion"))
    item.postal_code = item.postal_code or text_of(address.get("postalCode"))
    item.country = item.country or text_of(address.get("addressCountry"))
    street = item.street or ""
    # Some CMSs (The Events Calendar) put the whole address into streetAddress.
    whole = bool(item.postal_code and item.postal_code in street) or bool(
        item.city and item.region and item.city in street and item.region in street)
    if street and whole:
        item.location_text = item.location_text or street


def _offers(event: dict[str, Any], item: RawItem) -> None:
    prices: list[float] = []
    words: list[str] = []
    for offer in _as_list(event.get("offers")):
        if not isinstance(offer, dict):
            continue
        for key in ("price", "lowPrice", "highPrice"):
            raw = text_of(offer.get(key))
            if raw is None:
                continue
            words.append(raw)
            number = 0.0 if raw.lower() == "free" else _number(raw)
            if number is not None:
                prices.append(number)
        item.currency = item.currency or text_of(offer.get("priceCurrency"))
    if words:
        item.cost_text = " - ".join(dict.fromkeys(words))
    if prices:
        item.cost_min, item.cost_max = min(prices), max(prices)
    free = clean(first(event.get("isAccessibleForFree")))
    if free is not None and free.lower() in ("true", "false", "1", "0", "yes", "no"):
        item.is_free = free.lower() in ("true", "1", "yes")
    elif prices and max(prices) == 0:
        item.is_free = True


def _organizer(value: Any, item: RawItem, ctx: ParseContext) -> None:
    names: list[str] = []
    for org in _as_list(value):
        if isinstance(org, dict):
            name = text_of(org.get("name"))
            item.contact_email = item.contact_email or text_of(org.get("email"))
            item.contact_url = item.contact_url or safe_url(text_of(org.get("url")), ctx.url)
        else:
            name = clean(org)
        if name:
            names.append(html.unescape(name))
    item.organizer = ", ".join(dict.fromkeys(names)) or None


def _schedule(value: Any, item: RawItem) -> None:
    """schema.org Schedule -> RRULE text; the first schedule also fills a missing start."""
    schedule = first(value)
    if not isinstance(schedule, dict):
        return
    freq_raw = (text_of(schedule.get("repeatFrequency")) or "").upper()
    freq = _FREQ.get(freq_raw) or _FREQ.get(freq_raw.rstrip("/").rsplit("/", 1)[-1])
    found = (_DAYS.get((last_segment(d) or "").lower()) for d in _as_list(schedule.get("byDay")))
    days = [d for d in found if d]
    parts = [f"FREQ={freq or ('WEEKLY' if days else 'DAILY')}"] if freq or days else []
    if days:
        parts.append("BYDAY=" + ",".join(days))
    month_days = [str(int(n)) for n in (_number(d) for d in _as_list(schedule.get("byMonthDay")))
                  if n is not None]
    if parts and month_days:
        parts.append("BYMONTHDAY=" + ",".join(month_days))
    count = _number(schedule.get("repeatCount"))
    until = normalize_datetime(schedule.get("endDate"))
    if parts and count:
        parts.append(f"COUNT={int(count)}")
    elif parts and until:
        parts.append("UNTIL=" + until[:10].replace("-", "") + ("T235959" if "T" not in until
                                                                else ""))
    if parts:
        item.rrule, problems = clean_rrule(";".join(parts))
        if problems:
            item.extra["warnings"] = problems
    zone = text_of(schedule.get("scheduleTimezone"))
    item.timezone = item.timezone or to_iana(zone)
    begin = normalize_datetime(schedule.get("startDate"))
    start_time = text_of(schedule.get("startTime"))
    end_time = text_of(schedule.get("endTime"))
    if not item.start and begin:
        item.start = f"{begin[:10]}T{start_time}" if start_time else begin[:10]
        item.end = item.end or (f"{begin[:10]}T{end_time}" if end_time and start_time else None)
        item.all_day = not start_time
    if start_time:
        item.extra["schedule_start_time"] = start_time
    if end_time:
        item.extra["schedule_end_time"] = end_time


def _keywords(value: Any) -> list[str]:
    words: list[str] = []
    for entry in _as_list(value):
        if isinstance(entry, str):
            words.extend(w.strip() for w in entry.split(",") if w.strip())
    return list(dict.fromkeys(words))


def _number(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = text_of(value)
    match = _NUMBER.search(text.replace(",", "") if text and "," in text and "." in text
                           else text or "")
    if not match:
        return None
    try:
        return float(match.group(0).replace(",", "."))
    except ValueError:
        return None
