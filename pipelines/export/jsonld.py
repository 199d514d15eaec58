"""listings.jsonld: schema.org Events (EducationEvent for CE workshops) in one @graph."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from pipelines.export.ics import safe_url
from pipelines.export.jsonout import dumps
from pipelines.export.rrule import iso_duration, parse_iso, rrule_parts, schema_days, until_date
from pipelines.export.tabular import iso_utc

SCHEMA = "https://schema.org/"
_STATUS = {"scheduled": "EventScheduled", "tentative": "EventScheduled",
           "cancelled": "EventCancelled", "postponed": "EventPostponed",
           "rescheduled": "EventRescheduled"}
_MODE = {"in_person": "OfflineEventAttendanceMode", "online": "OnlineEventAttendanceMode",
         "hybrid": "MixedEventAttendanceMode"}


def _place(listing: dict[str, Any]) -> dict[str, Any] | None:
    address = {"@type": "PostalAddress"}
    for key, prop in (("street", "streetAddress"), ("city", "addressLocality"),
                      ("region", "addressRegion"), ("postal_code", "postalCode"),
                      ("country", "addressCountry")):
        if listing.get(key):
            address[prop] = str(listing[key])
    if len(address) == 1 and listing.get("lat") is None:
        return None
    place: dict[str, Any] = {"@type": "Place"}
    if listing.get("venue_name"):
        place["name"] = str(listing["venue_name"])
    if len(address) > 1:
        place["address"] = address
    if listing.get("lat") is not None and listing.get("lon") is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": listing["lat"],
                        "longitude": listing["lon"]}
    return place


def _location(listing: dict[str, Any]) -> Any:
    mode = listing.get("attendance_mode")
    virtual = {"@type": "VirtualLocation"}
    online = safe_url(listing.get("online_url"))
    if online:
        virtual["url"] = online
    place = _place(listing) if mode != "online" else None
    if mode == "online":
        return virtual
    if mode == "hybrid":
        return [p for p in (place, virtual) if p]
    return place


def _offers(listing: dict[str, Any]) -> dict[str, Any] | None:
    low, high, currency = listing.get("cost_min"), listing.get("cost_max"), listing.get("currency")
    if listing.get("is_free") and low is None and high is None:
        low = high = 0.0
    if low is None and high is None:
        return None
    offer: dict[str, Any]
    if low is not None and high is not None and low != high:
        offer = {"@type": "AggregateOffer", "lowPrice": low, "highPrice": high}
    else:
        offer = {"@type": "Offer", "price": low if low is not None else high}
    offer["priceCurrency"] = str(currency or "USD")
    url = safe_url(listing.get("url"))
    if url:
        offer["url"] = url
    return offer


def _schedule(listing: dict[str, Any]) -> dict[str, Any] | None:
    parts = rrule_parts(listing.get("rrule"))
    duration = iso_duration(parts)
    if not duration:
        return None
    schedule: dict[str, Any] = {"@type": "Schedule", "repeatFrequency": duration}
    days = schema_days(parts)
    if days:
        schedule["byDay"] = days
    if parts.get("BYMONTHDAY", "").lstrip("-").isdigit():
        schedule["byMonthDay"] = int(parts["BYMONTHDAY"])
    if parts.get("COUNT", "").isdigit():
        schedule["repeatCount"] = int(parts["COUNT"])
    start, end = parse_iso(listing.get("start")), parse_iso(listing.get("end"))
    if start is not None:
        schedule["startDate"] = start.date().isoformat() if isinstance(start, datetime) \
            else start.isoformat()
    if isinstance(start, datetime):
        schedule["startTime"] = start.strftime("%H:%M:%S")
    if isinstance(end, datetime):
        schedule["endTime"] = end.strftime("%H:%M:%S")
    if until_date(parts):
        schedule["endDate"] = until_date(parts)
    if listing.get("timezone"):
        schedule["scheduleTimezone"] = str(listing["timezone"])
    return schedule


def event(listing: dict[str, Any]) -> dict[str, Any]:
    ce = bool(listing.get("ce_credits")) or bool(listing.get("ce_approvals"))
    node: dict[str, Any] = {
        "@type": "EducationEvent" if ce and listing.get("kind") == "peer_event" else "Event",
        "@id": f"urn:peermap:listing:{listing['id']}",
        "identifier": str(listing["id"]),
        "name": str(listing.get("title") or ""),
    }
    if listing.get("description"):
        node["description"] = str(listing["description"])
    url = safe_url(listing.get("url")) or safe_url(listing.get("source_url"))
    if url:
        node["url"] = url
    start = listing.get("start") or iso_utc(listing.get("next_start")) or None
    if start:
        node["startDate"] = str(start)
    if listing.get("end"):
        node["endDate"] = str(listing["end"])
    node["eventStatus"] = SCHEMA + _STATUS.get(str(listing.get("status")), "EventScheduled")
    if listing.get("attendance_mode") in _MODE:
        node["eventAttendanceMode"] = SCHEMA + _MODE[str(listing["attendance_mode"])]
    location = _location(listing)
    if location:
        node["location"] = location
    offers = _offers(listing)
    if offers:
        node["offers"] = offers
    if listing.get("is_free") is not None:
        node["isAccessibleForFree"] = bool(listing["is_free"])
    if listing.get("organizer"):
        node["organizer"] = {"@type": "Organization", "name": str(listing["organizer"])}
    if listing.get("provenance"):  # "Suggested by the organizer, confirmed on DATE"
        node["disambiguatingDescription"] = str(listing["provenance"])
    schedule = _schedule(listing)
    if schedule:
        node["eventSchedule"] = schedule
    if listing.get("languages"):
        node["inLanguage"] = list(listing["languages"])
    if listing.get("audience"):
        node["audience"] = {"@type": "Audience", "audienceType": ", ".join(listing["audience"])}
    if listing.get("ce_credits"):
        node["educationalCredentialAwarded"] = f"{listing['ce_credits']:g} CE credits"
    return node


def render_jsonld(listings: list[dict[str, Any]]) -> bytes:
    return dumps({"@context": "https://schema.org", "@graph": [event(r) for r in listings]},
                 indent=1)


def write_jsonld(folder: Path, listings: list[dict[str, Any]]) -> None:
    (folder / "listings.jsonld").write_bytes(render_jsonld(listings))
