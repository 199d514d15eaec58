"""The embedded gazetteer: dict indexes over pipelines/geocode/data/gazetteer.json.gz.

Tables load as columns and are zipped into row tuples; accessors wrap only the rows a query
touches in `Zip`/`Place` (building 120k named tuples would double the load time).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import marshal
import math
import os
import sys
from functools import cache, cached_property
from pathlib import Path
from typing import Any, NamedTuple

from pipelines.geocode.names import name_key

DATA_FILE = Path(__file__).resolve().parent / "data" / "gazetteer.json.gz"


class Zip(NamedTuple):
    zip: str
    lat: float
    lon: float
    city: str
    state: str
    county: str
    type: str  # S standard, P PO box, U unique (one organisation), M military


class Place(NamedTuple):
    name: str
    state: str  # US state code, or the GeoNames admin1 code for world cities
    lat: float
    lon: float
    population: int
    source: str  # geonames | usps_city | usps_alias | usps_other | usps_county | state | geonames_world
    country: str = "US"


Row = tuple[Any, ...]


def _us_place(row: Row) -> Place:
    return Place(row[1], row[2], row[3], row[4], row[5], row[6])


def _world_place(row: Row) -> Place:
    return Place(row[1], row[3], row[4], row[5], row[6], "geonames_world", row[2])


def _indexes(data: dict[str, Any]) -> dict[str, Any]:
    """The data file's column tables as the row indexes `Gazetteer` looks up (plain containers,
    so `load` can keep them in a marshal cache)."""
    place_rows = list(zip(*data["places"], strict=True))
    return {
        "meta": data["meta"],
        # Each table is stored as a list of columns; zip(*columns) yields its rows as tuples.
        "zips": {row[0]: row for row in zip(*data["zips"], strict=True)},
        "place_rows": place_rows,
        "places": {(r[0], r[2]): r for r in place_rows},
        "counties": {(row[0], row[2]): row for row in zip(*data["counties"], strict=True)},
        "states": {row[0]: row for row in zip(*data["states"], strict=True)},
        "world": data["world"],
        "countries": data["countries"],
    }


class Gazetteer:
    def __init__(self, data: dict[str, Any], *, indexed: bool = False) -> None:
        tables = data if indexed else _indexes(data)
        self.meta: dict[str, Any] = tables["meta"]
        self._zips: dict[str, Row] = tables["zips"]
        self._place_rows: list[Row] = tables["place_rows"]
        self._places: dict[tuple[str, str], Row] = tables["places"]
        self._counties: dict[tuple[str, str], Row] = tables["counties"]
        self._states: dict[str, Row] = tables["states"]
        self._world_columns: list[list[Any]] = tables["world"]
        keys, isos, names = tables["countries"]
        self.country_codes: dict[str, str] = dict(zip(keys, isos, strict=True))  # key -> ISO
        self.country_names: dict[str, str] = dict(zip(isos, names, strict=True))  # ISO -> name
        self.country_isos: frozenset[str] = frozenset(isos)

    # -- lookups -------------------------------------------------------------------------------
    def zip(self, code: str) -> Zip | None:
        row = self._zips.get(code)
        return Zip(*row) if row else None

    def place(self, key: str, state: str) -> Place | None:
        row = self._places.get((key, state))
        return _us_place(row) if row else None

    def places_named(self, key: str) -> list[Place]:
        """Every US place with this name key, most populous first."""
        return [_us_place(r) for r in self._by_name.get(key, ())]

    def place_names_in(self, state: str) -> dict[str, str]:
        """Name key -> display name of every place in one state (for spelling suggestions)."""
        return self._names_by_state.get(state, {})

    @cached_property
    def _names_by_state(self) -> dict[str, dict[str, str]]:
        index: dict[str, dict[str, str]] = {}
        for row in self._place_rows:  # most populous first: its spelling wins
            index.setdefault(row[2], {}).setdefault(row[0], row[1])
        return index

    def county(self, key: str, state: str) -> Place | None:
        row = self._counties.get((key, state))
        return Place(row[1], row[2], row[3], row[4], 0, "usps_county") if row else None

    def county_by_name(self, county: str, state: str) -> Place | None:
        return self.county(name_key(county), state)

    def state(self, code: str) -> Place | None:
        row = self._states.get(code)
        return Place(code, code, row[1], row[2], 0, "state") if row else None

    def world(self, key: str, country: str | None = None) -> list[Place]:
        """World (non-US) cities with this name key, most populous first."""
        rows = self._world_index.get(key, ())
        return [_world_place(r) for r in rows if country is None or r[2] == country]

    @cached_property
    def _by_name(self) -> dict[str, list[Row]]:
        index: dict[str, list[Row]] = {}
        for row in self._place_rows:  # stored most populous first
            index.setdefault(row[0], []).append(row)
        return index

    @cached_property
    def _world_index(self) -> dict[str, list[Row]]:
        index: dict[str, list[Row]] = {}
        for row in zip(*self._world_columns, strict=True):
            index.setdefault(row[0], []).append(row)
        return index

    @property
    def zip_count(self) -> int:
        return len(self._zips)

    # -- nearest point -------------------------------------------------------------------------
    def nearest_zip(self, lat: float, lon: float) -> Zip | None:
        row = _nearest(self._zip_grid, lat, lon, 1, 2)
        return Zip(*row) if row else None

    def nearest_place(self, lat: float, lon: float) -> Place | None:
        row = _nearest(self._place_grid, lat, lon, 3, 4)
        return _us_place(row) if row else None

    @cached_property
    def _zip_grid(self) -> dict[tuple[int, int], list[Row]]:
        return _grid(self._zips.values(), 1, 2)

    @cached_property
    def _place_grid(self) -> dict[tuple[int, int], list[Row]]:
        return _grid(self._places.values(), 3, 4)


def _grid(rows: Any, ilat: int, ilon: int) -> dict[tuple[int, int], list[Row]]:
    grid: dict[tuple[int, int], list[Row]] = {}
    for row in rows:
        grid.setdefault((math.floor(row[ilat]), math.floor(row[ilon])), []).append(row)
    return grid


def _nearest(grid: dict[tuple[int, int], list[Row]], lat: float, lon: float,
             ilat: int, ilon: int) -> Row | None:
    """Closest row within the 3x3 one-degree cells around the point (None if all empty)."""
    cx, cy = math.floor(lat), math.floor(lon)
    best, best_d = None, float("inf")
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            for row in grid.get((cx + dx, cy + dy), ()):
                d = fast_km(lat, lon, row[ilat], row[ilon])
                if d < best_d:
                    best, best_d = row, d
    return best


def fast_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: accurate to well under 1% at the scales compared here."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@cache
def load(path: Path = DATA_FILE) -> Gazetteer:
    """Load once per process; later calls return the same object.

    Decoding the JSON and building the indexes costs ~0.45 CPU-s, which every `peermap preview`
    would pay; the built indexes are kept in a marshal file in the user's cache folder (keyed by
    the data file and the Python version) that loads in ~0.1 s. No cache folder: no cache."""
    cache_file = _cache_file(path)
    if cache_file is not None:
        try:
            return Gazetteer(marshal.loads(cache_file.read_bytes()), indexed=True)
        except (OSError, EOFError, ValueError, TypeError, KeyError):
            pass  # missing or unreadable: rebuild below
    with gzip.open(path, "rb") as fh:
        tables = _indexes(json.loads(fh.read()))
    if cache_file is not None:
        _write_atomically(cache_file, marshal.dumps(tables))
    return Gazetteer(tables, indexed=True)


def _cache_file(path: Path) -> Path | None:
    base = os.environ.get("PEERMAP_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    folder = Path(base) / "peermap" if base else Path.home() / ".cache" / "peermap"
    try:
        stat = path.stat()
    except OSError:
        return None
    key = hashlib.blake2b(
        f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{sys.version}|{marshal.version}"
        .encode(), digest_size=8).hexdigest()
    return folder / f"gazetteer-{key}.marshal"


def _write_atomically(target: Path, payload: bytes) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(payload)
        os.replace(tmp, target)
    except OSError:
        pass  # a read-only home only costs the faster start-up
