"""hsds/: an HSDS 3.0-shaped tabular package (Open Referral), one service per listing.

Organizations are the listings' organizers (or the source's name when none is given). Ids are
UUIDv5 derived from listing ids, so they are stable across exports.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from pipelines.export.ics import safe_url
from pipelines.export.rrule import interval, parse_iso, rrule_parts, until_date
from pipelines.export.tabular import write_csv
from spiders.common.us_states import US_STATES

_NS = uuid.UUID("6f1c3c1e-6a43-5d0e-9c39-7f6a5e0b8a11")
S, N, INT, D, T = "string", "number", "integer", "date", "time"

# Table -> column -> logical type, in HSDS 3.0 column order (a subset where PeerMap has no data).
HSDS_TABLES: dict[str, dict[str, str]] = {
    "organization": {"id": S, "name": S, "alternate_name": S, "description": S, "email": S,
                     "website": S, "tax_status": S, "tax_id": S, "year_incorporated": INT,
                     "legal_status": S, "logo": S, "uri": S, "parent_organization_id": S},
    "service": {"id": S, "organization_id": S, "program_id": S, "name": S, "alternate_name": S,
                "description": S, "url": S, "email": S, "status": S,
                "interpretation_services": S, "application_process": S,
                "fees_description": S, "wait_time": S, "fees": S, "accreditations": S,
                "eligibility_description": S, "minimum_age": N, "maximum_age": N,
                "assured_date": D, "assurer_email": S, "alert": S, "last_modified": S},
    "location": {"id": S, "location_type": S, "url": S, "organization_id": S, "name": S,
                 "alternate_name": S, "description": S, "transportation": S, "latitude": N,
                 "longitude": N, "external_identifier": S, "external_identifier_type": S},
    "address": {"id": S, "location_id": S, "attention": S, "address_1": S, "address_2": S,
                "city": S, "region": S, "state_province": S, "postal_code": S, "country": S,
                "address_type": S},
    "service_at_location": {"id": S, "service_id": S, "location_id": S, "description": S},
    "schedule": {"id": S, "service_id": S, "location_id": S, "service_at_location_id": S,
                 "valid_from": D, "valid_to": D, "dtstart": D, "timezone": N, "until": D,
                 "count": INT, "wkst": S, "freq": S, "interval": INT, "byday": S,
                 "byweekno": S, "bymonthday": S, "byyearday": S, "description": S,
                 "opens_at": T, "closes_at": T, "schedule_link": S, "attending_type": S,
                 "notes": S},
    "cost_option": {"id": S, "service_id": S, "valid_from": D, "valid_to": D, "option": S,
                    "currency": S, "amount": N, "amount_description": S},
    "contact": {"id": S, "organization_id": S, "service_id": S, "service_at_location_id": S,
                "location_id": S, "name": S, "title": S, "department": S, "email": S},
    "phone": {"id": S, "location_id": S, "service_id": S, "organization_id": S,
              "contact_id": S, "service_at_location_id": S, "number": S, "extension": S,
              "type": S, "description": S},
    "language": {"id": S, "service_id": S, "location_id": S, "phone_id": S, "name": S,
                 "code": S, "note": S},
}


def hid(*parts: Any) -> str:
    return str(uuid.uuid5(_NS, "|".join(str(p) for p in parts)))


def _fees(listing: dict[str, Any]) -> str:
    low, high, cur = listing.get("cost_min"), listing.get("cost_max"), listing.get("currency")
    words = []
    if listing.get("is_free"):
        words.append("Free")
    if low is not None or high is not None:
        span = f"{low:g}" if high in (None, low) else f"{(low or 0):g}-{high:g}"
        words.append(f"{span} {cur or 'USD'}")
    if listing.get("sliding_scale"):
        words.append("sliding scale")
    return "; ".join(words)


def _schedule(listing: dict[str, Any], sid: str) -> dict[str, Any] | None:
    parts = rrule_parts(listing.get("rrule"))
    start, end = parse_iso(listing.get("start")), parse_iso(listing.get("end"))
    if not parts and start is None and not listing.get("schedule_text"):
        return None
    row: dict[str, Any] = {"id": hid("schedule", listing["id"]), "service_id": sid,
                           "description": listing.get("schedule_text"),
                           "attending_type": listing.get("attendance_mode")}
    if start is not None:
        first = start.date() if isinstance(start, datetime) else start
        row["dtstart"] = row["valid_from"] = first.isoformat()
    if isinstance(start, datetime):
        row["opens_at"] = start.strftime("%H:%M:%S")
        offset = start.utcoffset()
        if offset is not None:
            row["timezone"] = offset.total_seconds() / 3600
    if isinstance(end, datetime):
        row["closes_at"] = end.strftime("%H:%M:%S")
    if parts:
        row.update(freq=parts["FREQ"].upper(), interval=interval(parts),
                   byday=parts.get("BYDAY"), bymonthday=parts.get("BYMONTHDAY"),
                   byweekno=parts.get("BYWEEKNO"), byyearday=parts.get("BYYEARDAY"),
                   wkst=parts.get("WKST"), until=until_date(parts),
                   count=int(parts["COUNT"]) if parts.get("COUNT", "").isdigit() else None)
        row["valid_to"] = row["until"]
    elif end is not None:
        row["valid_to"] = (end.date() if isinstance(end, datetime) else end).isoformat()
    return row


_ADDRESS_REQUIRED = ("address_1", "city", "state_province", "postal_code", "country")


def _locations(listing: dict[str, Any], oid: str) -> list[tuple[dict, dict | None]]:
    mode = listing.get("attendance_mode")
    out: list[tuple[dict, dict | None]] = []
    if mode != "online" and any(listing.get(k) for k in ("city", "region", "street", "lat")):
        lid = hid("location", listing["id"], "physical")
        loc = {"id": lid, "location_type": "physical", "organization_id": oid,
               "name": listing.get("venue_name"), "latitude": listing.get("lat"),
               "longitude": listing.get("lon"), "external_identifier": listing["id"],
               "external_identifier_type": "peermap_listing_id"}
        region = listing.get("region")
        addr: dict | None = {
            "id": hid("address", listing["id"]), "location_id": lid,
            "address_1": listing.get("street"), "city": listing.get("city"),
            "state_province": region, "postal_code": listing.get("postal_code"),
            "country": listing.get("country") or ("US" if region in US_STATES else None),
            "address_type": "physical"}
        # HSDS 3.0 requires a whole postal address; a city-level place is a location only.
        if addr and not all(addr.get(k) for k in _ADDRESS_REQUIRED):
            addr = None
        out.append((loc, addr))
    if mode in ("online", "hybrid"):
        lid = hid("location", listing["id"], "virtual")
        out.append(({"id": lid, "location_type": "virtual", "organization_id": oid,
                     "url": safe_url(listing.get("online_url")), "name": "Online",
                     "external_identifier": listing["id"],
                     "external_identifier_type": "peermap_listing_id"}, None))
    return out


def _description(listing: dict[str, Any]) -> Any:
    """The description, with the provenance line of an organizer-suggested listing."""
    if not listing.get("provenance"):
        return listing.get("description")
    return "\n\n".join(str(p) for p in (listing.get("description"), listing["provenance"]) if p)


def build_hsds(listings: list[dict[str, Any]], source_names: dict[str, str]
               ) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in HSDS_TABLES}
    orgs: dict[str, dict[str, Any]] = {}
    for listing in listings:
        org_name = str(listing.get("organizer") or source_names.get(
            str(listing.get("source_id")), str(listing.get("source_id"))))
        oid = hid("organization", org_name.casefold())
        source_name = source_names.get(str(listing.get("source_id")), "a public source")
        orgs.setdefault(oid, {"id": oid, "name": org_name,  # HSDS requires a description
                              "description": f"Organizer of listings published by "
                                             f"{source_name}"})
        sid = hid("service", listing["id"])
        tables["service"].append({
            "id": sid, "organization_id": oid, "name": listing.get("title"),
            "description": _description(listing),
            "url": safe_url(listing.get("url")) or safe_url(listing.get("source_url")),
            "email": listing.get("contact_email"),
            "status": "inactive" if listing.get("status") == "cancelled" else "active",
            "fees_description": _fees(listing) or None,
            "accreditations": "; ".join(listing.get("ce_approvals") or []) or None,
            "eligibility_description": "; ".join(listing.get("audience") or []) or None,
            "assured_date": listing.get("confirmed_at") or None,
            "last_modified": listing.get("last_changed") or listing.get("last_seen")})
        for loc, addr in _locations(listing, oid):
            tables["location"].append(loc)
            if addr:
                tables["address"].append(addr)
            tables["service_at_location"].append(
                {"id": hid("sal", sid, loc["id"]), "service_id": sid, "location_id": loc["id"]})
        schedule = _schedule(listing, sid)
        if schedule:
            tables["schedule"].append(schedule)
        if listing.get("is_free") or listing.get("cost_min") is not None \
                or listing.get("cost_max") is not None or listing.get("sliding_scale"):
            amount = 0.0 if listing.get("is_free") else listing.get("cost_min")
            tables["cost_option"].append({
                "id": hid("cost", listing["id"]), "service_id": sid,
                "option": "Sliding scale" if listing.get("sliding_scale") else
                ("Free" if listing.get("is_free") else "Fee"),
                "currency": listing.get("currency") or ("USD" if amount is not None else None),
                "amount": amount, "amount_description": _fees(listing) or None})
        if listing.get("contact_email"):
            tables["contact"].append({"id": hid("contact", listing["id"]),
                                      "organization_id": oid, "service_id": sid,
                                      "email": listing["contact_email"]})
        if listing.get("contact_phone"):
            tables["phone"].append({"id": hid("phone", listing["id"]), "service_id": sid,
                                    "number": listing["contact_phone"], "type": "voice"})
        for lang in listing.get("languages") or []:
            code = lang if lang.isalpha() and 2 <= len(lang) <= 3 and lang.islower() else None
            tables["language"].append({"id": hid("language", listing["id"], lang),
                                       "service_id": sid, "name": lang, "code": code})
    tables["organization"] = list(orgs.values())
    for rows in tables.values():
        rows.sort(key=lambda r: r["id"])
    return tables


def write_hsds(folder: Path, listings: list[dict[str, Any]],
               source_names: dict[str, str]) -> dict[str, int]:
    """Write hsds/<table>.csv for every table; return row counts."""
    (folder / "hsds").mkdir(exist_ok=True)
    tables = build_hsds(listings, source_names)
    for name, columns in HSDS_TABLES.items():
        write_csv(folder / "hsds" / f"{name}.csv", tables[name], columns)
    return {name: len(rows) for name, rows in tables.items()}
