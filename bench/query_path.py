"""The dashboard query path (filter + radius + text) vs the bare DuckDB query, p50/p95.

Reuses the dashboard's own synthetic snapshot builder and query module (bench/dashboard_queries.py,
dashboard/queries.py), so the numbers are for the code the map really runs.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.dashboard_queries import AS_OF, BARE_SQL, NYC, build_synthetic_snapshot, percentiles_ms
from dashboard import queries
from dashboard.search_state import Search

SEARCH = Search(radius=100, kinds=("consult_group",), free=True, q="group 1")


@dataclass
class QueryRow:
    listings: int
    bare_p50_ms: float
    bare_p95_ms: float
    path_p50_ms: float
    path_p95_ms: float
    build_s: float

    @property
    def ratio_p50(self) -> float:
        return self.path_p50_ms / self.bare_p50_ms if self.bare_p50_ms else 0.0


def query_bench(sizes: tuple[int, ...] = (10_000, 100_000, 1_000_000),
                repeat: int = 40) -> list[QueryRow]:
    rows = []
    params = {"olat": NYC.lat, "olon": NYC.lon, "radius": 100.0}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            started = time.perf_counter()
            path = build_synthetic_snapshot(Path(tmp) / f"q-{n}.duckdb", n)
            build_s = time.perf_counter() - started
            con = queries.open_snapshot(path)
            reps = repeat if n < 1_000_000 else max(10, repeat // 2)
            bare = percentiles_ms(lambda c=con: c.execute(BARE_SQL, params).fetchall(), reps)
            full = percentiles_ms(lambda c=con: queries.search_all(c, SEARCH, NYC, AS_OF), reps)
            con.close()
            rows.append(QueryRow(n, *bare, *full, round(build_s, 1)))
    return rows
