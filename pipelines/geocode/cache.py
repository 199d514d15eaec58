"""Persistent geocode cache in DuckDB, keyed by the normalized query text.

Stores what online backends answered, including "not found" (with the list of backends that
were asked, so adding a backend later retries old misses). Offline answers are not stored:
they are cheap and follow the embedded gazetteer's version.
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING

from pipelines.geocode.resolve import GeoResult

if TYPE_CHECKING:
    import duckdb

DDL = """
CREATE TABLE IF NOT EXISTS geocode_cache (
    query_key   VARCHAR PRIMARY KEY,
    lat         DOUBLE,
    lon         DOUBLE,
    precision   VARCHAR NOT NULL,
    label       VARCHAR,
    source      VARCHAR,
    region      VARCHAR,
    country     VARCHAR,
    postal_code VARCHAR,
    tried       VARCHAR NOT NULL   -- comma-separated backends asked for this query
)
"""
_SELECT = ("SELECT lat, lon, precision, label, source, region, country, postal_code, tried "
           "FROM geocode_cache WHERE query_key = ?")
_UPSERT = ("INSERT OR REPLACE INTO geocode_cache (query_key, lat, lon, precision, label, source, "
           "region, country, postal_code, tried) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def query_key(text: str) -> str:
    """'  1601 Congress Ave,  Austin TX ' -> '1601 congress ave, austin tx'."""
    return re.sub(r"\s+", " ", re.sub(r"\s*,\s*", ", ", text.strip().lower()))


class GeocodeCache:
    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self._lock = threading.Lock()  # one DuckDB connection must not be used concurrently
        con.execute(DDL)

    def get(self, key: str) -> tuple[GeoResult, frozenset[str]] | None:
        with self._lock:
            row = self.con.execute(_SELECT, [key]).fetchone()
        if row is None:
            return None
        lat, lon, precision, label, source, region, country, postal_code, tried = row
        result = GeoResult(lat, lon, precision, label or "", source or "", region, country,
                           postal_code)
        return result, frozenset(t for t in tried.split(",") if t)

    def put(self, key: str, result: GeoResult, tried: list[str]) -> None:
        with self._lock:
            self.con.execute(_UPSERT, [
                key, result.lat, result.lon, result.precision if result.found else "none",
                result.label, result.source, result.region, result.country, result.postal_code,
                ",".join(tried),
            ])

    def __len__(self) -> int:
        row = self.con.execute("SELECT count(*) FROM geocode_cache").fetchone()
        return int(row[0]) if row else 0
