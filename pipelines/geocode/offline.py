"""`OfflineGeocoder`: a geopy Geocoder over the embedded gazetteer; never touches the network."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from pipelines.geocode.gazetteer import Gazetteer, fast_km
from pipelines.geocode.lookup import ATTRIBUTION, OfflineLookup
from pipelines.geocode.resolve import GeoResult

__all__ = ["ATTRIBUTION", "OfflineGeocoder"]
REVERSE_MAX_KM = 50.0


class OfflineGeocoder(OfflineLookup, Geocoder):
    """Drop-in for `geopy.geocoders.Nominatim` when no network is wanted.

    `Location.raw` carries precision, ambiguous, source, region, country, postal_code, po_box,
    attendance_mode, and `candidates` when ambiguous (then no Location is returned).
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, cache_size: int = 65536,
                 user_agent: str = "peermap-offline") -> None:
        Geocoder.__init__(self, user_agent=user_agent)
        OfflineLookup.__init__(self, gazetteer, cache_size=cache_size)

    def geocode(self, query: str | Mapping[str, Any], *, exactly_one: bool = True,
                timeout: Any = DEFAULT_SENTINEL, **_ignored: Any) -> Any:
        """Return a Location (or [Location] when exactly_one=False), or None if not found,
        ambiguous, or online-only."""
        text = _query_text(query)
        result, mode = self.resolve_text(text)
        if result.ambiguous and not exactly_one:  # never guess: hand back every candidate
            return [_candidate_location(c, result, mode) for c in result.candidates]
        if not result.found:
            return None if exactly_one else []
        raw = result.raw() | {"attendance_mode": mode, "query": text}
        location = Location(result.label, Point(result.lat, result.lon), raw)
        return location if exactly_one else [location]

    def reverse(self, query: Any, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL,
                **_ignored: Any) -> Any:
        """Nearest US place (within 50 km) to a point, at city precision."""
        point = Point(query)
        place = self.gazetteer.nearest_place(point.latitude, point.longitude)
        if place is None or fast_km(point.latitude, point.longitude,
                                    place.lat, place.lon) > REVERSE_MAX_KM:
            return None if exactly_one else []
        raw = {"precision": "city", "source": place.source, "region": place.state,
               "country": "US", "ambiguous": False, "po_box": False, "name": place.name}
        location = Location(f"{place.name}, {place.state}", Point(place.lat, place.lon), raw)
        return location if exactly_one else [location]


def _candidate_location(cand: dict[str, Any], result: GeoResult, mode: str) -> Location:
    label = f"{cand['name']}, {cand['region']}"
    raw = {"precision": "city", "source": "gazetteer", "region": cand["region"],
           "country": cand["country"], "ambiguous": True, "po_box": False,
           "attendance_mode": mode, "candidates": result.candidates}
    return Location(label, Point(cand["lat"], cand["lon"]), raw)


def _query_text(query: str | Mapping[str, Any]) -> str:
    if isinstance(query, Mapping):  # geopy structured query: street/city/state/postalcode/...
        order = ("street", "city", "county", "state", "postalcode", "country")
        return ", ".join(str(query[k]) for k in order if query.get(k))
    return str(query)
