"""Geocoding: an offline geopy Geocoder over an embedded gazetteer, opt-in online backends,
a DuckDB cache, and `locate_listing` for the flow. See docs/geocoding.md."""

from pipelines.geocode.cache import GeocodeCache
from pipelines.geocode.census import CensusGeocoder
from pipelines.geocode.chain import ChainAnswer, GeocoderChain
from pipelines.geocode.locate import apply_precision_cap, locate_listing
from pipelines.geocode.offline import OfflineGeocoder
from pipelines.geocode.online import GeocodeConfig, OnlineBackendConfig
from pipelines.geocode.prep import prepare
from pipelines.geocode.resolve import GeoResult

__all__ = [
    "CensusGeocoder", "ChainAnswer", "GeoResult", "GeocodeCache", "GeocodeConfig",
    "GeocoderChain", "OfflineGeocoder", "OnlineBackendConfig", "apply_precision_cap",
    "locate_listing", "prepare",
]
