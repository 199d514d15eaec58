"""An Eventbrite-style organizer page (JSON-LD ItemList) and one page per event (JSON-LD Event).

Every third ItemList entry carries only `url` and `name`, as real organizer pages often do, so a
spider has to follow the link to the event page to learn the date and place.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from demo.catalog import DemoEvent
from demo.places import FICTIONAL_NOTICE

ORGANIZER_PATH = "/o/clinician-connect-events-55501000"
SCHEMA = "https://schema.org/"
_MODES = {"in_person": "OfflineEventAttendanceMode", "online": "OnlineEventAttendanceMode",
          "hybrid": "MixedEventAttendanceMode"}
_STATUS = {"scheduled": "EventScheduled", "cancelled": "EventCancelled",
           "postponed": "EventPostponed"}


def event_path(event: DemoEvent) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", event.title.lower()).strip("-")
    return f"/e/{slug}-tickets-{event.numeric_id}"


def _location(event: DemoEvent) -> dict[str, Any] | list[dict[str, Any]]:
    virtual = {"@type": "VirtualLocation", "url": event.online_url}
    if event.venue is None:
        return virtual
    v = event.venue
    place = {"@type": "Place", "name": v.name, "address": {
        "@type": "PostalAddress", "streetAddress": v.street, "addressLocality": v.city.name,
        "addressRegion": v.city.state, "postalCode": v.city.postal_code, "addressCountry": "US"}}
    return [place, virtual] if event.attendance_mode == "hybrid" else place


def _offers(event: DemoEvent, url: str) -> dict[str, Any] | list[dict[str, Any]]:
    if event.cost_min is not None and event.cost_max not in (None, event.cost_min):
        return {"@type": "AggregateOffer", "lowPrice": f"{event.cost_min:.2f}",
                "highPrice": f"{event.cost_max:.2f}", "priceCurrency": "USD", "url": url}
    price = event.cost_min or 0.0
    return [{"@type": "Offer", "price": f"{price:.2f}", "priceCurrency": "USD", "url": url,
             "availability": f"{SCHEMA}InStock"}]


def event_jsonld(event: DemoEvent, base: str) -> dict[str, Any]:
    url = f"{base}{event_path(event)}"
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Event", "name": event.title,
        "description": event.description_html, "url": url,
        "startDate": event.start.isoformat(), "endDate": event.end.isoformat(),
        "eventStatus": SCHEMA + _STATUS[event.status],
        "eventAttendanceMode": SCHEMA + _MODES[event.attendance_mode],
        "location": _location(event), "offers": _offers(event, url),
        "organizer": {"@type": "Organization", "name": event.organizer,
                      "url": f"{base}{ORGANIZER_PATH}"},
    }
    if event.languages != ("en",):
        data["inLanguage"] = "-".join(event.languages) + "-US"
    return data


def script_tag(data: Any) -> str:
    """A JSON-LD script element; `<` escaped so descriptions cannot close the element."""
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def _page(title: str, head_extra: str, body: str) -> bytes:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | Clinician Connect</title>
{head_extra}
</head><body>
<div class="banner"><strong>{FICTIONAL_NOTICE}.</strong> This organizer and its events are
invented for the PeerMap demo.</div>
{body}
</body></html>
""".encode()


def organizer_page(events: list[DemoEvent], organizer: str, base: str) -> bytes:
    elements: list[dict[str, Any]] = []
    for position, event in enumerate(events, start=1):
        if position % 3 == 0:
            elements.append({"@type": "ListItem", "position": position,
                             "url": f"{base}{event_path(event)}", "name": event.title})
        else:
            elements.append({"@type": "ListItem", "position": position,
                             "item": event_jsonld(event, base)})
    item_list = {"@context": "https://schema.org", "@type": "ItemList",
                 "itemListElement": elements}
    cards = "\n".join(
        f'<article class="event-card"><a href="{event_path(e)}">{html.escape(e.title)}</a>'
        f"</article>" for e in events)
    body = f"<h1>{html.escape(organizer)}</h1>\n<section class=\"events\">\n{cards}\n</section>"
    return _page(organizer, script_tag(item_list), body)


def event_page(event: DemoEvent, base: str) -> bytes:
    text = re.sub(r"<script.*?</script>", "", event.description_html, flags=re.S)
    text = html.escape(html.unescape(re.sub(r"<[^>]+>", " ", text)))
    body = (f"<h1>{html.escape(event.title)}</h1>\n<p class=\"when\">"
            f"{event.start.strftime('%A, %B %d, %Y %I:%M %p')}</p>\n<div class=\"summary\">"
            f"{text}</div>")
    return _page(event.title, script_tag(event_jsonld(event, base)), body)


def event_pages(events: list[DemoEvent], base: str) -> dict[str, bytes]:
    return {event_path(e): event_page(e, base) for e in events}
