"""`GeocoderChain`: cache -> coordinates the source gave -> offline gazetteer -> online backends.

Ambiguous offline answers stop the chain (an online service would silently guess). Street
addresses go to the online backends first when any are configured, since offline only knows
ZIP and city centroids; the offline answer is the fallback.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipelines.geocode.cache import GeocodeCache, query_key
from pipelines.geocode.config import GeocodeConfig, OnlineBackend
from pipelines.geocode.lookup import OfflineLookup
from pipelines.geocode.prep import prepare
from pipelines.geocode.resolve import GeoResult

if TYPE_CHECKING:  # geopy and duckdb load only when an online backend or a cache is used
    import duckdb

log = logging.getLogger(__name__)
_STREET = re.compile(r"^\s*\d+[A-Za-z]?\s+\w")


@dataclass(frozen=True)
class ChainAnswer:
    result: GeoResult
    attendance_mode: str  # from the location text: in_person | online | hybrid | unknown
    via: str  # cache | source | offline | <backend name> | none


def valid_point(lat: float | None, lon: float | None) -> bool:
    if lat is None or lon is None:
        return False
    if abs(lat) < 1e-6 and abs(lon) < 1e-6:
        return False  # 0,0 is a missing value, not the Gulf of Guinea
    return -90 <= lat <= 90 and -180 <= lon <= 180


class GeocoderChain:
    def __init__(self, offline: OfflineLookup | None = None,
                 online: list[OnlineBackend] | None = None,
                 cache: GeocodeCache | None = None, lru_size: int = 65536) -> None:
        self.offline = offline
        self.online = list(online or [])
        self.cache = cache
        self.lru_size = lru_size
        self._lru: OrderedDict[str, ChainAnswer] = OrderedDict()
        self._lru_lock = threading.Lock()
        self.backend_calls: dict[str, int] = {}

    @classmethod
    def from_config(cls, config: GeocodeConfig | dict | None = None,
                    con: duckdb.DuckDBPyConnection | None = None) -> GeocoderChain:
        if not isinstance(config, GeocodeConfig):
            config = GeocodeConfig.from_dict(config)
        online: list[OnlineBackend] = []
        if config.online:
            from pipelines.geocode.online import build_backend

            online = [build_backend(b) for b in config.online]
        return cls(offline=OfflineLookup() if config.offline else None, online=online,
                   cache=GeocodeCache(con) if con is not None else None,
                   lru_size=config.lru_size)

    @property
    def attributions(self) -> list[str]:
        from pipelines.geocode.lookup import ATTRIBUTION

        return ([ATTRIBUTION] if self.offline else []) + [b.attribution for b in self.online]

    def resolve(self, text: str | None, source_point: tuple[float, float] | None = None
                ) -> ChainAnswer:
        """Locate free location text; `source_point` is a lat/lon the source already gave."""
        if source_point and valid_point(*source_point):
            mode = prepare(text).attendance_mode if text else "unknown"
            lat, lon = source_point
            return ChainAnswer(GeoResult(lat, lon, "source", text or "", "source"), mode, "source")
        raw_key = text or ""
        with self._lru_lock:
            hit = self._lru.get(raw_key)
            if hit is not None:
                self._lru.move_to_end(raw_key)
                return hit
        answer = self._resolve_uncached(raw_key)
        with self._lru_lock:
            self._lru[raw_key] = answer
            if len(self._lru) > self.lru_size:
                self._lru.popitem(last=False)
        return answer

    def _resolve_uncached(self, text: str) -> ChainAnswer:
        prepared = prepare(text)
        mode = prepared.attendance_mode
        if not prepared.text:
            return ChainAnswer(GeoResult(), mode, "none")
        key = query_key(prepared.text)
        wanted = [b.name for b in self.online]
        online_done = not self.online
        if self.cache is not None and (cached := self.cache.get(key)):
            result, tried_before = cached
            if result.found:
                return ChainAnswer(result, mode, "cache")
            online_done = tried_before >= set(wanted)  # every backend already said "not found"
        fallback = GeoResult()
        if self.offline is not None:
            fallback, _ = self.offline.lookup(text)
            if fallback.ambiguous:
                return ChainAnswer(fallback, mode, "offline")
            if fallback.found and (online_done or not _STREET.match(prepared.text)):
                return ChainAnswer(fallback, mode, "offline")
        if online_done:
            return ChainAnswer(GeoResult(), mode, "cache" if self.online else "none")
        from geopy.exc import GeopyError  # online backends exist, so geopy is loaded already

        tried: list[str] = []
        for backend in self.online:
            self.backend_calls[backend.name] = self.backend_calls.get(backend.name, 0) + 1
            try:
                result = backend.lookup(prepared.text)
            except GeopyError as exc:  # transient: not cached, so the next run retries
                log.warning("geocoder %s failed for %r: %s", backend.name, key, exc)
                return ChainAnswer(fallback, mode, "offline" if fallback.found else "none")
            tried.append(backend.name)
            if result.found:
                if self.cache is not None:
                    self.cache.put(key, result, tried)
                return ChainAnswer(result, mode, backend.name)
        if self.cache is not None:
            self.cache.put(key, GeoResult(), tried)  # negative answers are cached too
        return ChainAnswer(fallback, mode, "offline" if fallback.found else "none")
