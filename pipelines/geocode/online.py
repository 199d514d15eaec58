"""Opt-in online backends: Nominatim, Photon, Pelias (geopy) and the US Census geocoder.

Nothing here is used unless a `GeocodeConfig` lists it. Errors (timeouts, 5xx) raise
`geopy.exc.GeopyError` so the chain can tell "not found" (cacheable) from "failed" (retry later).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from geopy.exc import ConfigurationError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim, Pelias, Photon
from geopy.location import Location

from pipelines.geocode.census import CensusGeocoder
from pipelines.geocode.config import (
    NOMINATIM_MIN_DELAY,
    GeocodeConfig,
    OnlineBackend,
    OnlineBackendConfig,
)
from pipelines.geocode.resolve import GeoResult

__all__ = ["GeocodeConfig", "OnlineBackend", "OnlineBackendConfig", "build_backend"]

ATTRIBUTIONS = {
    "nominatim": "Data © OpenStreetMap contributors, ODbL 1.0 (via Nominatim)",
    "photon": "Data © OpenStreetMap contributors, ODbL 1.0 (via Photon)",
    "pelias": "Data © OpenStreetMap contributors and others (via Pelias)",
    "census": "US Census Bureau Geocoder (public domain)",
}

_PRECISION_WORDS = {
    "address": ("house", "building", "address", "venue", "amenity", "street", "road"),
    "postal_code": ("postcode", "postalcode"),
    "city": ("city", "town", "village", "hamlet", "locality", "suburb", "neighbourhood",
             "borough", "district", "municipality", "localadmin"),
    "county": ("county",),
    "region": ("state", "region", "province"),
}


def _precision_of(*words: Any) -> str:
    for word in words:
        w = str(word or "").lower()
        for precision, names in _PRECISION_WORDS.items():
            if w in names:
                return precision
    return "city"


class GeopyBackend:
    """Wraps a geopy geocoder (Nominatim/Photon/Pelias) behind a rate limiter."""

    def __init__(self, name: str, geocoder: Any, min_delay: float, max_retries: int,
                 query_kwargs: dict[str, Any]) -> None:
        self.name = name
        self.attribution = ATTRIBUTIONS[name]
        self.geocoder = geocoder
        self._geocode = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay,
                                    max_retries=max_retries, error_wait_seconds=min_delay,
                                    swallow_exceptions=False)
        self._kwargs = query_kwargs

    def lookup(self, text: str) -> GeoResult:
        location = self._geocode(text, exactly_one=True, **self._kwargs)
        if location is None:
            return GeoResult(source=self.name)
        return _from_location(self.name, location)


def _from_location(name: str, location: Location) -> GeoResult:
    raw = location.raw or {}
    props = raw.get("properties", {}) if isinstance(raw.get("properties"), dict) else {}
    precision = _precision_of(raw.get("addresstype"), raw.get("type"), props.get("layer"),
                              props.get("type"))
    address = raw.get("address") or {}
    region = props.get("region_a") or address.get("ISO3166-2-lvl4", "").removeprefix("US-") or None
    country = (props.get("countrycode") or props.get("country_code")
               or address.get("country_code") or None)
    postcode = props.get("postcode") or props.get("postalcode") or address.get("postcode")
    return GeoResult(location.latitude, location.longitude, precision, location.address, name,
                     region, country.upper() if country else None, postcode)


def _split_url(url: str, default: str) -> tuple[str, str]:
    parts = urlsplit(url or default)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(f"geocoder url must be http(s)://host[:port], got {url!r}")
    return parts.scheme, parts.netloc + parts.path.rstrip("/")


def build_backend(cfg: OnlineBackendConfig) -> OnlineBackend:
    if not cfg.user_agent or "geopy" in cfg.user_agent.lower():
        raise ConfigurationError(f"{cfg.backend}: set an identifying user_agent (app + contact)")
    if cfg.backend == "census":
        return CensusGeocoder(base_url=cfg.url or CensusGeocoder.DEFAULT_URL,
                              user_agent=cfg.user_agent, timeout=cfg.timeout)
    if cfg.backend == "nominatim":
        scheme, domain = _split_url(cfg.url or "", "https://nominatim.openstreetmap.org")
        geocoder = Nominatim(user_agent=cfg.user_agent, domain=domain, scheme=scheme,
                             timeout=cfg.timeout)
        kwargs: dict[str, object] = {"addressdetails": True}
        if cfg.country_codes:
            kwargs["country_codes"] = cfg.country_codes
        return GeopyBackend("nominatim", geocoder, max(cfg.min_delay_seconds, NOMINATIM_MIN_DELAY),
                            cfg.max_retries, kwargs)
    if cfg.backend == "photon":
        scheme, domain = _split_url(cfg.url or "", "https://photon.komoot.io")
        geocoder = Photon(user_agent=cfg.user_agent, domain=domain, scheme=scheme,
                          timeout=cfg.timeout)
        return GeopyBackend("photon", geocoder, cfg.min_delay_seconds, cfg.max_retries, {})
    if cfg.backend == "pelias":
        if not cfg.url:
            raise ConfigurationError("pelias: url is required")
        scheme, domain = _split_url(cfg.url, cfg.url)
        geocoder = Pelias(domain=domain, api_key=cfg.api_key, scheme=scheme,
                          user_agent=cfg.user_agent, timeout=cfg.timeout)
        return GeopyBackend("pelias", geocoder, cfg.min_delay_seconds, cfg.max_retries, {})
    raise ConfigurationError(f"unknown geocode backend {cfg.backend!r}")
