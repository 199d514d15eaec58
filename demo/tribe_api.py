"""A WordPress site running The Events Calendar: REST API pages (/wp-json/tribe/events/v1/events),
single-event endpoints, and the site's events page with its discovery hints."""

from __future__ import annotations

import html
import json
import zlib
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from demo.catalog import DemoEvent
from demo.places import FICTIONAL_NOTICE

TEC_EVENTS_PATH = "/wp-json/tribe/events/v1/events"
TEC_HOME_PATH = "/events/"
TEC_ICAL_PATH = "/events/?ical=1"
DEFAULT_PER_PAGE = 10
PER_PAGE_CHOICES = (5, 10, 15, 20, 25, 50)


def page_key(page: int, per_page: int) -> str:
    """The site key under which one API page is stored (the server canonicalizes to this)."""
    return f"{TEC_EVENTS_PATH}?page={page}&per_page={per_page}"


def wp_title(title: str) -> str:
    """Titles as WordPress serves them: entity-encoded by wptexturize."""
    text = html.escape(title, quote=False).replace("&amp;", "&#038;")
    for char, entity in (("–", "&#8211;"), ("—", "&#8212;"), ("'", "&#8217;")):
        text = text.replace(char, entity)
    return text


def _details(value: datetime) -> dict[str, str]:
    return {"year": f"{value.year}", "month": f"{value.month:02d}", "day": f"{value.day:02d}",
            "hour": f"{value.hour:02d}", "minutes": f"{value.minute:02d}", "seconds": "00"}


def _stamp(value: datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


def _venue(event: DemoEvent, base: str) -> dict[str, Any] | list[Any]:
    if event.venue is None:
        return []
    v = event.venue
    slug = v.name.lower().replace(" ", "-").replace("&", "and")
    return {"id": 900 + zlib.crc32(f"{v.name}{v.street}".encode()) % 1000, "author": "1", "status": "publish",
            "url": f"{base}/venue/{slug}/", "venue": wp_title(v.name), "slug": slug,
            "address": v.street, "city": v.city.name, "country": "United States",
            "state": v.city.state, "stateprovince": v.city.state, "zip": v.city.postal_code,
            "phone": event.contact_phone or "", "website": "", "show_map": True,
            "show_map_link": True}


def _organizer(event: DemoEvent, index: int) -> dict[str, Any] | list[dict[str, Any]]:
    main = {"id": 800 + index % 4, "organizer": wp_title(event.organizer),
            "phone": event.contact_phone or "", "email": event.contact_email or "",
            "website": "https://nwtherapists.example.org/", "slug": "pnw-therapists-guild"}
    if index % 3 == 0:
        return main
    if index % 5 == 1:
        cohost = {"id": 850, "organizer": "Cascade Clinicians Collective (fictional)",
                  "phone": "", "email": "hello@example.org", "website": "", "slug": "cascade"}
        return [main, cohost]
    return [main]


def _cost(event: DemoEvent) -> tuple[str, dict[str, Any]]:
    details: dict[str, Any] = {"currency_symbol": "$", "currency_code": "USD",
                               "currency_position": "prefix", "values": []}
    if event.is_free:
        return "Free", {**details, "values": ["0"]}
    if event.cost_min is None:
        return "", details
    values = sorted({f"{event.cost_min:g}", f"{event.cost_max or event.cost_min:g}"}, key=float)
    text = " – ".join(f"${v}" for v in values)
    return text, {**details, "values": values}


def event_json(event: DemoEvent, index: int, base: str, as_of: datetime) -> dict[str, Any]:
    local_start = event.start.astimezone(ZoneInfo(event.timezone))
    local_end = event.end.astimezone(ZoneInfo(event.timezone))
    utc_start, utc_end = event.start.astimezone(UTC), event.end.astimezone(UTC)
    slug = event.key
    cost, cost_details = _cost(event)
    published = as_of.astimezone(UTC).replace(microsecond=0)
    data: dict[str, Any] = {
        "id": event.numeric_id, "global_id": f"{base.split('//')[-1]}?id={event.numeric_id}",
        "author": "1", "status": "publish",
        "date": _stamp(published), "date_utc": _stamp(published),
        "modified": _stamp(published), "modified_utc": _stamp(published),
        "url": f"{base}/event/{slug}/", "rest_url": f"{base}{TEC_EVENTS_PATH}/{event.numeric_id}",
        "title": wp_title(event.title), "description": event.description_html,
        "excerpt": "", "slug": slug, "image": False, "all_day": False,
        "start_date": _stamp(local_start), "start_date_details": _details(local_start),
        "end_date": _stamp(local_end), "end_date_details": _details(local_end),
        "utc_start_date": _stamp(utc_start), "utc_start_date_details": _details(utc_start),
        "utc_end_date": _stamp(utc_end), "utc_end_date_details": _details(utc_end),
        "timezone": event.timezone, "timezone_abbr": local_start.strftime("%Z"),
        "cost": cost, "cost_details": cost_details, "website": "",
        "show_map": True, "show_map_link": True, "hide_from_listings": False,
        "sticky": False, "featured": False,
        "categories": [{"name": c, "slug": c.lower().replace(" ", "-"), "taxonomy":
                        "tribe_events_cat", "id": 30 + i} for i, c in enumerate(event.categories)],
        "tags": [], "venue": _venue(event, base), "organizer": _organizer(event, index),
    }
    if event.online_url:
        data.update(is_virtual=True, virtual_url=event.online_url)
    return data


def upcoming(events: list[DemoEvent], as_of: datetime) -> list[DemoEvent]:
    """What the API lists by default (start_date = now): events not yet over, by start."""
    return sorted((e for e in events if e.end >= as_of), key=lambda e: (e.start, e.key))


def api_pages(events: list[DemoEvent], base: str, as_of: datetime,
              per_page: int) -> dict[str, bytes]:
    """Every page of the event list at one page size, keyed by `page_key`."""
    listed = upcoming(events, as_of)
    total_pages = max(1, -(-len(listed) // per_page))
    start_date = as_of.astimezone(UTC).strftime("%Y-%m-%d")
    api = f"{base}{TEC_EVENTS_PATH}/"
    pages: dict[str, bytes] = {}
    for page in range(1, total_pages + 1):
        chunk = listed[(page - 1) * per_page: page * per_page]
        body: dict[str, Any] = {
            "events": [event_json(e, (page - 1) * per_page + i, base, as_of)
                       for i, e in enumerate(chunk)],
            "rest_url": f"{api}?page={page}&per_page={per_page}&start_date={start_date}",
            "total": len(listed), "total_pages": total_pages,
        }
        if page < total_pages:
            body["next_rest_url"] = (
                f"{api}?page={page + 1}&per_page={per_page}&start_date={start_date}")
        if page > 1:
            body["previous_rest_url"] = (
                f"{api}?page={page - 1}&per_page={per_page}&start_date={start_date}")
        pages[page_key(page, per_page)] = json.dumps(body, ensure_ascii=False,
                                                     indent=1).encode("utf-8")
    return pages


def single_events(events: list[DemoEvent], base: str, as_of: datetime) -> dict[str, bytes]:
    return {f"{TEC_EVENTS_PATH}/{e.numeric_id}":
            json.dumps(event_json(e, i, base, as_of), ensure_ascii=False).encode("utf-8")
            for i, e in enumerate(upcoming(events, as_of))}


def home_page(events: list[DemoEvent], site_name: str, base: str, as_of: datetime) -> bytes:
    """The site's /events/ page: `tec-api-version` meta and an iCal alternate link."""
    items = "\n".join(
        f'<li><a href="{base}/event/{e.key}/">{wp_title(e.title)}</a> '
        f"<time>{e.start.isoformat()}</time></li>" for e in upcoming(events, as_of))
    page = f"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8">
<title>Events &#8211; {html.escape(site_name)}</title>
<meta name="tec-api-version" content="v1">
<meta name="tec-api-origin" content="{base}">
<link rel="alternate" href="{base}/wp-json/tribe/events/v1/" />
<link rel="https://api.w.org/" href="{base}/wp-json/" />
<link rel="alternate" type="text/calendar" title="{html.escape(site_name)} &raquo; iCal Feed"
 href="{base}{TEC_ICAL_PATH}" />
</head><body>
<p class="notice"><strong>{FICTIONAL_NOTICE}.</strong> This WordPress site is invented for the
PeerMap demo.</p>
<h1>Upcoming events</h1><ul>
{items}
</ul></body></html>
"""
    return page.encode("utf-8")
