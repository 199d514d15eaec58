"""`locate_listing`: the flow's entry point, and the per-source privacy precision cap."""

from __future__ import annotations

from typing import cast

from pipelines.core.model import (
    GEO_PRECISIONS,
    PRECISION_ORDER,
    GeoPrecision,
    Listing,
    precision_allowed,
)
from pipelines.geocode.chain import GeocoderChain, valid_point
from pipelines.geocode.gazetteer import Gazetteer, fast_km, load

# A coarsened point must come from a centroid this close to the original, else it is dropped.
COARSEN_MAX_KM = 40.0
# Boxes (lat_min, lat_max, lon_min, lon_max) around the US states and territories.
_US_BOXES = (
    (24.3, 49.5, -125.0, -66.8),  # contiguous states
    (51.0, 71.6, -180.0, -129.9), (51.0, 53.5, 172.0, 180.0),  # Alaska, Aleutians
    (18.8, 22.4, -160.4, -154.7),  # Hawaii
    (17.6, 18.6, -67.4, -64.5),  # Puerto Rico, US Virgin Islands
    (13.2, 20.6, 144.6, 146.1),  # Guam, Northern Mariana Islands
    (-14.6, -11.0, -171.2, -168.1),  # American Samoa
)


def in_us(lat: float, lon: float) -> bool:
    return any(a <= lat <= b and c <= lon <= d for a, b, c, d in _US_BOXES)


def apply_precision_cap(lat: float | None, lon: float | None, precision: str, cap: str | None,
                        *, postal_code: str | None = None, gazetteer: Gazetteer | None = None
                        ) -> tuple[float | None, float | None, GeoPrecision]:
    """Coarsen a point finer than `cap` to the ZIP, city, county or state centroid, or drop it.

    With cap 'postal_code' an address-level point becomes its ZIP centroid (the listing's
    `postal_code` when known, else the nearest ZIP centroid); with cap 'city' the nearest city.
    """
    if lat is None or lon is None or not valid_point(lat, lon):
        return None, None, "none"
    if precision_allowed(precision, cap):
        return lat, lon, as_precision(precision)
    gaz = gazetteer or load()
    z = gaz.zip(postal_code[:5]) if postal_code else None
    if z is None or fast_km(lat, lon, z.lat, z.lon) > COARSEN_MAX_KM:
        z = gaz.nearest_zip(lat, lon)
    if z is not None and fast_km(lat, lon, z.lat, z.lon) > COARSEN_MAX_KM:
        z = None
    for level in PRECISION_ORDER[PRECISION_ORDER.index(cap or "source"):]:
        if level == "postal_code" and z is not None:
            return z.lat, z.lon, "postal_code"
        if level == "city":
            place = gaz.nearest_place(lat, lon)
            if place is not None and fast_km(lat, lon, place.lat, place.lon) <= COARSEN_MAX_KM:
                return place.lat, place.lon, "city"
        if level == "county" and z is not None and (c := gaz.county_by_name(z.county, z.state)):
            return c.lat, c.lon, "county"
        if level == "region" and z is not None and (s := gaz.state(z.state)):
            return s.lat, s.lon, "region"
    return None, None, "none"


def as_precision(value: str) -> GeoPrecision:
    """`value` as a data-model precision; ValueError for anything else."""
    if value not in GEO_PRECISIONS:
        raise ValueError(f"unknown geo precision {value!r}; use one of {GEO_PRECISIONS}")
    return cast(GeoPrecision, value)


def listing_query(listing: Listing) -> str:
    """'1601 Congress Ave, Austin, TX 78701' from the structured address fields."""
    tail = " ".join(p for p in (listing.region, listing.postal_code) if p)
    parts = [listing.street, listing.city, tail]
    country = (listing.country or "").strip()
    if country and country.upper() not in ("US", "USA", "UNITED STATES"):
        # An ISO code alone could read as a state ("CA", "DE"): spell the country out.
        parts.append(load().country_names.get(country.upper(), country))
    return ", ".join(p.strip() for p in parts if p and p.strip())


def _clear(listing: Listing) -> None:
    listing.lat = listing.lon = None
    listing.geo_precision = "none"


def locate_listing(listing: Listing, chain: GeocoderChain,
                   precision_cap: str | None = None) -> None:
    """Set listing.lat/lon/geo_precision in place (and attendance_mode when it was unknown)."""
    if listing.attendance_mode == "online":
        _clear(listing)
        return
    if listing.lat is not None and listing.lon is not None:
        lat, lon = listing.lat, listing.lon
        if valid_point(lat, lon) and in_us(lat, lon):
            precision = listing.geo_precision if listing.geo_precision != "none" else "source"
            listing.lat, listing.lon, listing.geo_precision = apply_precision_cap(
                lat, lon, precision, precision_cap, postal_code=listing.postal_code)
            return
        _clear(listing)  # 0,0 or outside the US: distrust it, geocode the text instead
    answer = None
    for text in (listing_query(listing), listing.venue_name or ""):
        if not text:
            continue
        answer = chain.resolve(text)
        if listing.attendance_mode == "unknown" and answer.attendance_mode in ("online", "hybrid"):
            listing.attendance_mode = answer.attendance_mode  # type: ignore[assignment]
        if listing.attendance_mode == "online":
            _clear(listing)
            return
        if answer.result.found or answer.result.ambiguous:
            break
    if answer is None or not answer.result.found:
        _clear(listing)  # not found, or ambiguous: never guess between same-name places
        return
    r = answer.result
    listing.lat, listing.lon, listing.geo_precision = apply_precision_cap(
        r.lat, r.lon, r.precision, precision_cap, postal_code=r.postal_code or listing.postal_code)
