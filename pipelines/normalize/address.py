"""Split a one-line US location ("Venue, 12 Main St, Suite 3, Austin, TX 78701, USA") into parts.

ICS LOCATION and many JSON-LD `streetAddress` values carry the whole address as one string.
The split works from the end, where US addresses are regular (country, "ST 12345", city), and
never invents a part it cannot see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.normalize.attendance import has_online_suffix, strip_online_suffix
from pipelines.normalize.countries import country_code
from pipelines.normalize.place import in_person_part, place_in_text
from pipelines.normalize.street_line import (
    after_street,
    split_street_city,
    starts_with_house_number,
    strip_trailing_unit,
)
from pipelines.normalize.text import html_to_text
from spiders.common.us_states import STATE_CODE_BY_NAME, TERRITORY_CODE_BY_NAME, state_for_zip
from spiders.items import RawItem

STATES = {**STATE_CODE_BY_NAME, **TERRITORY_CODE_BY_NAME}
CODES = frozenset(STATES.values())
_COUNTRY = re.compile(r"^(usa|us|u\.s\.a?\.?|united states( of america)?)$", re.IGNORECASE)
_STATE_ZIP = re.compile(r"^(?P<state>[A-Za-z][A-Za-z .]+?)\.?\s*(?P<zip>\d{5}(?:-\d{4})?)?$")
_ZIP_ONLY = re.compile(r"^\d{5}(?:-\d{4})?$")
_STREET = re.compile(r"^\d+[A-Za-z]?(?:-\d+)?\s+\S")
_UNIT = re.compile(r"^(suite|ste\.?|room|rm\.?|floor|fl\.?|unit|apt\.?|#)\s*\S*", re.IGNORECASE)
_ONLINE = re.compile(r"\b(zoom|teams|google meet|webex|online|virtual|webinar)\b", re.IGNORECASE)
_ZIP_TAIL = re.compile(r"^(?P<rest>.+?)[\s,]+(?P<zip>\d{5}(?:-\d{4})?)$")
_CODE_TAIL = re.compile(r"^(?P<rest>.+?)[\s,]+(?P<state>[A-Z]{2}|[A-Z][a-z]?\.[A-Z][a-z]?\.)$")
_PARENS = re.compile(r"^(?P<outer>[^()]+?)\s*\((?P<inner>[^()]+)\)\s*$")


@dataclass
class AddressParts:
    venue_name: str | None = None
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    guess: str | None = None  # set when a part was guessed; says which and why


def _state_code(text: str) -> str | None:
    cleaned = text.strip().rstrip(".")
    if cleaned.upper() in CODES:
        return cleaned.upper()
    return STATES.get(cleaned.lower())


def split_us_address(text: str | None) -> AddressParts | None:
    """Parts of a US address, or None when the text doesn't end like one.

    "Venue (12 Main St, Town, ST 12345)" gives the venue and the inner address; a note in
    parentheses after an address is dropped. A state may be left out when a ZIP says it
    ("1000 Scotten Detroit 48209"), and street and city may run together without a comma.
    """
    if not text:
        return None
    bracketed = _PARENS.match(text.strip())
    if bracketed:
        outer, inner = bracketed["outer"].strip(" ,-–"), bracketed["inner"]
        inside = _split_us(inner)
        if inside is not None and inside.street and not starts_with_house_number(outer):
            inside.venue_name = inside.venue_name or outer
            return inside
        return _split_us(outer)
    return _split_us(text)


def _split_us(text: str) -> AddressParts | None:
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
    if state is not None and match is not None:
        out.postal_code = match.group("zip") or out.postal_code
        parts.pop()
    else:
        state = _state_in_tail(parts, out)
        if state is None:
            return None
    out.region = state
    out.country = out.country or "US"
    if parts:
        out.city = parts.pop()
    streets = [i for i, p in enumerate(parts) if _STREET.match(p)]
    if streets:
        first = streets[0]
        street_bits = [p for p in parts[first:] if not _UNIT.match(p)] or parts[first:first + 1]
        out.street = ", ".join(street_bits)
        parts = parts[:first]
    if out.city and starts_with_house_number(out.city) and not out.street:
        _split_city_part(out)
    if parts:
        out.venue_name = ", ".join(parts)
    return out


def _state_in_tail(parts: list[str], out: AddressParts) -> str | None:
    """The state at the end of the last part ("Austin TX 78701", "Detroit 48209", "Austin TX"),
    which is then cut off that part (in place); None when the part doesn't end like that."""
    last = parts[-1]
    zip_match = _ZIP_TAIL.match(last)
    if zip_match:
        out.postal_code = zip_match["zip"]
        last = zip_match["rest"].strip()
    words = last.split()
    for size in (2, 1):  # "New Jersey 08330", "Michigan 48209", "TX 78701"
        if len(words) <= size:
            continue
        tail = " ".join(words[-size:]).rstrip(".,")
        code = tail if tail in CODES else STATES.get(tail.lower()) if zip_match else None
        if code:
            parts[-1] = " ".join(words[:-size]).rstrip(",")
            return code
    code_match = _CODE_TAIL.match(last)
    if code_match and _state_code(code_match["state"]):
        parts[-1] = code_match["rest"].strip()
        return _state_code(code_match["state"])
    # A ZIP with no state ("1000 Scotten Detroit 48209"): its state, if a street is there too.
    street_seen = any(starts_with_house_number(p) for p in [*parts[:-1], last])
    zip_state = state_for_zip(out.postal_code) if zip_match and street_seen else None
    if zip_state:
        parts[-1] = last
    return zip_state


def _split_city_part(out: AddressParts) -> None:
    """"5080 Atlantic Avenue Mays Landing" in the city slot -> street and city."""
    whole = out.city
    split = split_street_city(whole, last_word_ok=True)
    if split is None:
        return
    out.street, out.city = split.street, split.city
    if split.guessed:
        out.guess = f"city {split.city!r} is the last word of {whole!r} (no street-type word)"


def split_street_and_city(text: str | None) -> AddressParts | None:
    """"3631 Perkins Ave., Cleveland 4th Fl": a street then a city, with no state or ZIP.

    Read only when the first part is a house number and a street-type word and the next is one
    to four capitalised words (a floor or suite after them is dropped); the state stays empty.
    """
    parts = [p.strip() for p in re.split(r"[,\n;]", text or "") if p.strip()]
    if len(parts) == 1:
        split = split_street_city(parts[0])
        return AddressParts(street=split.street, city=split.city) if split else None
    if len(parts) not in (2, 3):
        return None
    venue = parts[0] if len(parts) == 3 else None
    street, city = parts[-2], strip_trailing_unit(parts[-1])
    words = street.split()
    if not starts_with_house_number(street) or after_street(words) != len(words):
        return None
    city_words = city.split()
    if not 1 <= len(city_words) <= 4 or not all(w[:1].isupper() and w.isalpha()
                                                 for w in city_words):
        return None
    return AddressParts(venue_name=venue, street=street, city=city)


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
    Eugene, OR or by Zoom"). An online suffix in a structured field is cut off and remembered
    (`extra["online_suffix"]`, read as hybrid). A guessed part is noted in
    `extra["address_guess"]`.
    """
    if raw.country:
        raw.country = country_code(raw.country) or raw.country
    _cut_online_suffixes(raw)
    if raw.city and starts_with_house_number(raw.city) and not raw.street:
        whole = raw.city
        split = split_street_city(whole, last_word_ok=bool(raw.region or raw.postal_code))
        if split is not None:  # "3631 Perkins Avenue Cleveland" in a city field
            raw.street, raw.city = split.street, split.city
            if split.guessed:
                raw.extra["address_guess"] = (f"city {split.city!r} is the last word of "
                                              f"{whole!r} (no street-type word)")
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
    parts = split_us_address(place) or split_foreign_address(place) or split_street_and_city(place)
    if parts is None:
        return
    raw.venue_name = raw.venue_name or parts.venue_name
    raw.street = parts.street
    raw.city = parts.city
    raw.region = raw.region or parts.region
    raw.postal_code = parts.postal_code
    raw.country = raw.country or parts.country
    if parts.guess:
        raw.extra["address_guess"] = parts.guess


def _cut_online_suffixes(raw: RawItem) -> None:
    """"Nashville, TN 37211 & Online" in a street/city/ZIP field: keep the place, note hybrid."""
    for name in ("street", "city", "postal_code", "venue_name"):
        value = getattr(raw, name)
        if value and has_online_suffix(value):
            setattr(raw, name, strip_online_suffix(value) or None)
            raw.extra["online_suffix"] = True
