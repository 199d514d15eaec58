"""Geocoding settings: which online backends (if any) and the offline gazetteer's cache size.

Plain dataclasses, geopy-free, so building an offline-only chain imports no geopy.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Protocol

from pipelines.geocode.resolve import GeoResult

# Nominatim's usage policy: at most one request per second, identifying User-Agent.
NOMINATIM_MIN_DELAY = 1.0


@dataclass
class OnlineBackendConfig:
    backend: str  # nominatim | photon | pelias | census
    url: str | None = None  # base URL, e.g. "http://127.0.0.1:8080"; backend default when None
    user_agent: str | None = None
    api_key: str | None = None
    min_delay_seconds: float = NOMINATIM_MIN_DELAY
    timeout: float = 10.0
    max_retries: int = 1
    country_codes: str | None = "us"  # Nominatim/Photon-style filter; None for worldwide

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OnlineBackendConfig:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown geocode backend settings: {sorted(unknown)}")
        return cls(**data)


@dataclass
class GeocodeConfig:
    online: list[OnlineBackendConfig] = field(default_factory=list)
    offline: bool = True
    lru_size: int = 65536

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> GeocodeConfig:
        data = dict(data or {})
        online = [b if isinstance(b, OnlineBackendConfig) else OnlineBackendConfig.from_dict(b)
                  for b in data.pop("online", None) or []]
        return cls(online=online, **data)


class OnlineBackend(Protocol):
    name: str
    attribution: str

    def lookup(self, text: str) -> GeoResult: ...
