"""Split a one-line US location ("Venue, 12 Main St, Suite 3, Austin, TX 78701, USA") into parts.

ICS LOCATION and many JSON-LD `streetAddress` values carry the whole address as one string.
The split works from the end, where US addresses are regular (country, "ST 12345", city), and
never invents a part it cannot see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.normalize.attendance import strip_online_suffix
from pipelines.normalize.countries import country_code
from pipelines.normalize.place import in_person_part, place_in_text
from pipelines.normalize.text import html_to_text
from spiders.common.us_states import STATE_CODE_BY_NAME, TERRITORY_CODE_BY_NAME
from spiders.items import RawItem

STATES = {**STATE_CODE_BY_NAME, **TERRITORY_CODE_BY_NAME}
CODES = frozenset(STATES.values())
_COUNTRY = re.compile(r"^(usa|us|u\.s\.a?\.?|united states( of america)?)$", re.IGNORECASE)
_STATE_ZIP = re.compile(r"^(?P<state>[A-Za-z][A-Za-z .]+?)\.?\s*(?P<zip>\d{5}(?:-\d{4})?)?$")
_ZIP_ONLY = re.compile(r"^\d{5}(?:-\d{4})?$")
_STREET = re.compile(r"^\d+[A-Za-z]?(?:-\d+)?\s+\S")
_UNIT = re.compile(r"^(suite|ste\.?|room|rm\.?|floor|fl\.?|unit|apt\.?|#)\s*\S*", re.IGNORECASE)
_ONLINE = re.compile(r"\b(zoom|teams|google meet|webex|online|virtual|webinar)\b", re.IGNORECASE)


@dataclass
class AddressParts:
    venue_name: str | None = None
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None


def _state_code(text: str) -> str | None:
    cleaned = text.strip().rstrip(".")
    if cleaned.upper() in CODES:
        return cleaned.upper()
    return STATES.get(cleaned.lower())


def split_us_address(text: str | None) -> AddressParts | None:
    """Parts of a US address, or None when the text doesn't end like one."""
    if not text:
        return None
    parts = [p.strip() for p in re.split(r"[,\n;]", text) if p.strip()]
    out = AddressParts()
    if parts and _COUNTRY.match(parts[-1]):
        out.country = "US"
        parts.pop()
    if parts and _ZIP_ONLY.match(parts[-1]):
        out.postal_code = parts.pop()
    if not parts:
        return None
    match = _STATE_ZIP.match(parts[-1])
    state = _state_code(match.group("state")) if match else None
    if state is None:
        return None
    out.region = state
    out.postal_code = (match.group("zip") if match else None) or out.postal_code
    out.country = out.country or "US"
    parts.pop()
    if parts:
        out.city = parts.pop()
    streets = [i for i, p in enumerate(parts) if _STREET.match(p)]
    if streets:
        first = streets[0]
        street_bits = [p for p in parts[first:] if not _UNIT.match(p)] or parts[first:first + 1]
        out.street = ", ".join(street_bits)
        parts = parts[:first]
    if parts:
        out.venue_name = ", ".join(parts)
    return out


_POSTAL_CITY = re.compile(r"^(?:[A-Z]{1,2}-)?\d{4,5}\s+(?P<city>[^\d,]{2,})$")


def split_foreign_address(text: str | None) -> AddressParts | None:
    """A location whose last part names a country other than the US ("..., 01210 Ferney-Voltaire,
    FR", "Roadstar 16\n12764 Happyville\nDenmark", "Germany"): the country, and the city when a
    European "postcode City" part precedes it."""
    if not text:
        return None
    parts = [p.strip() for p in re.split(r"[,\n;]", text) if p.strip()]
    if not parts:
        return None
    code = country_code(parts[-1])
    if code is None or code == "US" or (len(parts[-1]) == 2 and len(parts) == 1):
        return None
    out = AddressParts(country=code)
    if len(parts) >= 2:
        match = _POSTAL_CITY.match(parts[-2])
        if match:
            out.city = match.group("city").strip()
            out.postal_code = parts[-2][: match.start("city")].strip()
            if len(parts) >= 3 and _STREET.match(parts[-3]) or (
                    len(parts) >= 3 and re.search(r"\d", parts[-3])):
                out.street = parts[-3]
    return out


def fill_address_from_location(raw: RawItem) -> None:
    """Fill a raw item's empty address fields from its one-line location_text (in place).

    Of a hybrid location ("Hybrid: Salem, MA + Zoom", "... 37211 & Online") only the in-person
    part is used; with no location_text, a hybrid description's named place ("in person in
    Eugene, OR or by Zoom").
    """
    if raw.country:
        raw.country = country_code(raw.country) or raw.country
    if raw.city or raw.street or raw.postal_code:
        return
    if raw.location_text:
        text = html_to_text(raw.location_text)
        place = in_person_part(text)
        place = strip_online_suffix(place) if place else None  # "... 37211 & Online"
        if place is None and (re.search(r"\d{5}", text) or split_foreign_address(text)):
            place = text  # an address beside an online word: still an address
    else:
        description = html_to_text(raw.description) if raw.description else ""
        place = place_in_text(description) if _ONLINE.search(description) else None
    if not place:
        return
    parts = split_us_address(place) or split_foreign_address(place)
    if parts is None:
        return
    raw.venue_name = raw.venue_name or parts.venue_name
    raw.street = parts.street
    raw.city = parts.city
    raw.region = raw.region or parts.region
    raw.postal_code = parts.postal_code
    raw.country = raw.country or parts.country
