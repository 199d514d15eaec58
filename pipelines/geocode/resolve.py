"""Offline resolution of one cleaned location string against the embedded gazetteer.

Only dict lookups: ZIP -> ZIP centroid; "City, ST" -> place; "X County, ST" -> county; state ->
state; "City, Country"/"City, ON" -> world city. A bare name shared by several places is
ambiguous (no point) unless one is overwhelmingly larger ("Chicago", not "Springfield").
Street addresses are answered at ZIP or city precision: there is no street data offline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pipelines.geocode.gazetteer import Gazetteer, Place, Zip
from pipelines.geocode.names import (
    CA_PROVINCE_NAMES,
    CA_PROVINCES,
    COUNTRY_ALIASES,
    STATE_BY_KEY,
    US_STATES,
    name_key,
)

_CA_POSTCODE = re.compile(r"\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b")
_ZIP_ONLY = re.compile(r"^\s*(\d{5})(?:[-\s]?\d{4})?\s*$")
_TRAILING_ZIP = re.compile(r"^(.*?)[\s,]*\b(\d{5})(?:-\d{4})?$")
_COUNTY = re.compile(r"^(.*?)\s+(?:county|co\.?|parish|borough)$", re.IGNORECASE)
_LSAD_TAIL = re.compile(r"^(.*?)\s+(?:city|town|village|borough|municipality|census area"
                        r"|city and borough|planning region)$", re.IGNORECASE)
_STREETLIKE = re.compile(r"^\d+[a-z]?\s|\b(?:p\.?\s*o\.?\s*box)\b", re.IGNORECASE)
# A bare name is taken as the biggest same-name place only when that one dwarfs the rest.
DOMINANT_POPULATION, DOMINANT_RATIO = 500_000, 10


@dataclass
class GeoResult:
    lat: float | None = None
    lon: float | None = None
    precision: str = "none"  # address | postal_code | city | county | region | none
    label: str = ""
    source: str = ""  # gazetteer table or backend name
    region: str | None = None  # US state code (or province code)
    country: str | None = None
    postal_code: str | None = None
    ambiguous: bool = False
    po_box: bool = False
    candidates: list[dict[str, Any]] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return self.lat is not None and self.lon is not None

    def raw(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "lat": self.lat, "lon": self.lon, "precision": self.precision, "label": self.label,
            "source": self.source, "region": self.region, "country": self.country,
            "postal_code": self.postal_code, "ambiguous": self.ambiguous, "po_box": self.po_box,
        }
        if self.candidates:
            out["candidates"] = self.candidates
        return out


def _from_zip(z: Zip) -> GeoResult:
    return GeoResult(z.lat, z.lon, "postal_code", f"{z.city}, {z.state} {z.zip}", "zipcodes",
                     z.state, "US", z.zip, po_box=z.type == "P")


def _from_place(p: Place, precision: str = "city") -> GeoResult:
    region = p.state if p.country in ("US", "CA") else None
    if p.country == "CA":
        region = next((k for k, v in CA_PROVINCES.items() if v == p.state), p.state)
    label = f"{p.name}, {region}" if region else f"{p.name}, {p.country}"
    return GeoResult(p.lat, p.lon, precision, label, p.source, region, p.country)


def _candidate(p: Place) -> dict[str, Any]:
    return {"name": p.name, "region": p.state, "country": p.country, "lat": p.lat,
            "lon": p.lon, "population": p.population}


def _pick(places: list[Place], precision: str = "city") -> GeoResult:
    if not places:
        return GeoResult()
    ranked = sorted(places, key=lambda p: -p.population)
    top = ranked[0]
    if len(ranked) == 1 or (top.population >= DOMINANT_POPULATION
                            and ranked[1].population * DOMINANT_RATIO <= top.population):
        return _from_place(top, precision)
    return GeoResult(label=top.name, ambiguous=True,
                     candidates=[_candidate(p) for p in ranked[:10]])


def _state_of(part: str) -> tuple[str | None, str | None]:
    """('TX', None) for a US state, (None, 'ON') for a province, else (None, None)."""
    if len(part) == 2 and part.isalpha():
        code = part.upper()
        if code in US_STATES:
            return code, None
        if code in CA_PROVINCES:
            return None, code
    key = name_key(part)
    if key in STATE_BY_KEY:
        return STATE_BY_KEY[key], None
    return None, CA_PROVINCE_NAMES.get(key)


def _country_of(part: str, gaz: Gazetteer) -> str | None:
    key = name_key(part)
    found = COUNTRY_ALIASES.get(key) or gaz.country_codes.get(key)
    if found is None and len(part) == 2 and part.isupper() and part not in US_STATES \
            and part not in CA_PROVINCES and part in gaz.country_isos:
        found = part  # "GB", "DE"; never "CA" (California) or "IN" (Indiana)
    return found


def _split_trailing_state(part: str) -> tuple[str, str | None, str | None]:
    """'Austin TX' -> ('Austin', 'TX', None); 'Kansas City Missouri' -> ('Kansas City', 'MO')."""
    words = part.split()
    for n in (1, 2, 3):
        if len(words) > n:
            state, prov = _state_of(" ".join(words[-n:]))
            if state or prov:
                return " ".join(words[:-n]), state, prov
    return part, None, None


def resolve(text: str, gaz: Gazetteer) -> GeoResult:
    """Resolve a cleaned location string (see prep.prepare) to a point, or an empty result."""
    m = _ZIP_ONLY.match(text)
    if m:
        z = gaz.zip(m.group(1))
        return _from_zip(z) if z else GeoResult()
    head, sep, tail = text.rpartition(",")
    tail = tail.strip()
    fast = sep and len(tail) == 2 and tail in US_STATES and "," not in head  # "Austin, TX"
    if fast and (p := gaz.place(name_key(head), tail)):
        return _from_place(p)
    text = _CA_POSTCODE.sub("", text)
    parts = [p.strip() for p in text.split(",") if p.strip()]
    country = state = province = zip5 = None
    if len(parts) > 1 and (cc := _country_of(parts[-1], gaz)):
        country = cc
        parts.pop()
    if parts and (zm := _TRAILING_ZIP.match(parts[-1])) and country in (None, "US"):
        zip5 = zm.group(2)
        parts[-1] = zm.group(1).strip()
        if not parts[-1]:
            parts.pop()
    if parts and len(parts) > 1 or (parts and zip5):
        state, province = _state_of(parts[-1])
        if state or province:
            parts.pop()
    if len(parts) == 1 and not (state or province or zip5):
        state, province = _state_of(parts[0])
        if state:
            return _state_result(state, gaz)
    if parts and not (state or province):
        rest, state, province = _split_trailing_state(parts[-1])
        if state or province:
            parts[-1] = rest
    if province and country is None:
        country = "CA"
    if state and country is None:
        country = "US"

    if zip5 and (z := gaz.zip(zip5)) and (state is None or z.state == state):
        return _from_zip(z)
    if not parts:
        return _state_result(state, gaz) if state else GeoResult()
    if country not in (None, "US"):
        return _world(parts[-1], country, province, gaz)
    name = parts[-1]
    if state:
        for i, part in enumerate(reversed(parts)):  # "Park Slope, Brooklyn, NY": last part first
            found = _in_state(part, state, gaz, streetlike=i == len(parts) - 1)
            if found.found:
                return found
        return GeoResult(region=state, country="US")
    if len(parts) == 1:
        key = name_key(name)
        if key in STATE_BY_KEY:
            return _state_result(STATE_BY_KEY[key], gaz)
    cm = _COUNTY.match(name)
    if cm:
        ckey = name_key(name)
        return _pick([c for st in US_STATES if (c := gaz.county(ckey, st))], "county")
    key = name_key(name)
    return _pick(gaz.places_named(key) + gaz.world(key))


def _state_result(state: str, gaz: Gazetteer) -> GeoResult:
    s = gaz.state(state)
    if s is None:
        return GeoResult()
    found = _from_place(s, "region")
    found.label = US_STATES[state]
    return found


def _in_state(name: str, state: str, gaz: Gazetteer, streetlike: bool) -> GeoResult:
    key = name_key(name)
    if county_name := _COUNTY.match(name):
        c = gaz.county(key, state) or gaz.county(name_key(county_name.group(1)) + "county", state)
        if c:
            return _from_place(c, "county")
    if p := gaz.place(key, state):
        return _from_place(p)
    if c := gaz.county(key, state):  # "Anchorage Municipality", "Kenai Peninsula Borough"
        return _from_place(c, "county")
    if STATE_BY_KEY.get(key) == state:  # "District of Columbia, DC"
        return _state_result(state, gaz)
    if (m := _LSAD_TAIL.match(name)) and (p := gaz.place(name_key(m.group(1)), state)):
        return _from_place(p)  # "Baltimore city, MD", "Nome Census Area, AK"
    for sep in ("-", "/"):  # "Nashville-Davidson", "Hartsville/Trousdale County"
        if sep in name and (p := gaz.place(name_key(name.split(sep)[0]), state)):
            return _from_place(p)
    words = name.split()
    if streetlike and _STREETLIKE.search(name):
        for n in range(min(4, len(words) - 1), 0, -1):  # "1601 Congress Ave Austin" -> Austin
            if p := gaz.place(name_key(" ".join(words[-n:])), state):
                return _from_place(p)
    return GeoResult(region=state, country="US")


def _world(name: str, country: str, province: str | None, gaz: Gazetteer) -> GeoResult:
    places = gaz.world(name_key(name), country)
    if province:
        places = [p for p in places if p.state == CA_PROVINCES[province]]
    if not places:
        return GeoResult(country=country)
    return _from_place(places[0])  # a country given: its most populous same-name city
