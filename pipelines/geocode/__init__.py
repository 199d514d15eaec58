"""Geocoding: an offline geopy Geocoder over an embedded gazetteer, opt-in online backends,
a DuckDB cache, and `locate_listing` for the flow. See docs/geocoding.md.

Names are imported lazily so `import pipelines.geocode.gazetteer` stays light (no duckdb).
"""

from importlib import import_module
from typing import Any

_EXPORTS = {
    "CensusGeocoder": "census", "ChainAnswer": "chain", "GeoResult": "resolve",
    "GeocodeCache": "cache", "GeocodeConfig": "online", "GeocoderChain": "chain",
    "OfflineGeocoder": "offline", "OnlineBackendConfig": "online",
    "apply_precision_cap": "locate", "locate_listing": "locate", "prepare": "prep",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(f"pipelines.geocode.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'pipelines.geocode' has no attribute {name!r}")
