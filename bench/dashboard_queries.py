"""Time the dashboard's query path against the bare DuckDB query on synthetic snapshots.

`benchmark(sizes=(10_000, 100_000))` builds each snapshot once (in SQL, in a temp dir) and returns
p50/p95 milliseconds for: the bare SQL (fetchall), and `queries.search_all` (filters, DataFrames,
online list, next occurrences), unfiltered and with several filters plus a text query.
Run: `python -m bench.dashboard_queries`. Not a timed test.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from dashboard import queries
from dashboard.search_state import Search
from dashboard.where import Origin

AS_OF = datetime(2026, 3, 2, 12, tzinfo=UTC)
NYC = Origin(40.7484, -73.9967, "New York, NY")
BARE_SQL = """
SELECT * FROM (SELECT id, title, next_start, 7917.5226 * asin(sqrt(pow(sin(radians(lat - $olat) / 2), 2)
    + cos(radians($olat)) * cos(radians(lat)) * pow(sin(radians(lon - $olon) / 2), 2))) AS d
FROM listings WHERE attendance_mode <> 'online' AND lat IS NOT NULL)
WHERE d <= $radius ORDER BY d, next_start LIMIT 1000
"""


@dataclass(frozen=True)
class BenchRow:
    listings: int
    bare_p50_ms: float
    bare_p95_ms: float
    path_p50_ms: float
    path_p95_ms: float
    filtered_p50_ms: float
    filtered_p95_ms: float


def build_synthetic_snapshot(path: Path, n: int) -> Path:
    """n listings spread over the lower 48, a third online, with one occurrence each."""
    con = duckdb.connect(str(path))
    con.execute("""
        CREATE TABLE listings AS
        SELECT 'L' || i AS id,
            ['consult_group', 'peer_event', 'supervision'][1 + i % 3] AS kind,
            'Synthetic group ' || i AS title, 'Peer consultation for clinicians' AS description,
            'Org ' || (i % 500) AS organizer,
            CASE WHEN i % 3 = 0 THEN 'online' WHEN i % 7 = 0 THEN 'hybrid' ELSE 'in_person' END
                AS attendance_mode,
            CASE WHEN i % 3 = 0 THEN NULL ELSE 25 + (hash(i) % 2300) / 100.0 END AS lat,
            CASE WHEN i % 3 = 0 THEN NULL ELSE -124 + (hash(i * 7) % 5700) / 100.0 END AS lon,
            'America/New_York' AS timezone, i % 4 = 0 AS is_free, i % 5 = 0 AS sliding_scale,
            CAST(i % 120 AS DOUBLE) AS cost_min, CAST(NULL AS DOUBLE) AS cost_max,
            CASE WHEN i % 6 = 0 THEN 1.5 ELSE NULL END AS ce_credits,
            ['counselor', 'mft'] AS audience, ['DBT'] AS modalities, ['English'] AS languages,
            CASE WHEN i % 2 = 0 THEN ['NY'] ELSE [] END::VARCHAR[] AS serves_regions,
            NULL::VARCHAR AS schedule_text, 'https://example.org/' || i AS source_url,
            NULL::VARCHAR AS url, NULL::VARCHAR AS online_url, NULL::VARCHAR AS city,
            NULL::VARCHAR AS region, '2026-03-01' AS last_seen,
            TIMESTAMPTZ '2026-03-02 12:00:00+00' + to_hours(i % 2000) AS next_start
        FROM range($n) t(i)
    """, {"n": n})
    con.execute("CREATE TABLE occurrences AS SELECT id AS listing_id, next_start AS start, "
                "NULL::TIMESTAMPTZ AS \"end\", 'scheduled' AS status, NULL::VARCHAR AS title "
                "FROM listings")
    con.close()
    return path


def percentiles_ms(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    fn()  # warm: the first call pays planning and file reads
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return round(statistics.median(times), 2), round(p95, 2)


def _measure(con: duckdb.DuckDBPyConnection, n: int, repeat: int) -> BenchRow:
    params = {"olat": NYC.lat, "olon": NYC.lon, "radius": 100.0}
    search = Search(radius=100)
    filtered = Search(radius=100, kinds=("consult_group",), free=True, days=("tue",),
                      within_days=30, q="group 1")
    return BenchRow(
        n,
        *percentiles_ms(lambda: con.execute(BARE_SQL, params).fetchall(), repeat),
        *percentiles_ms(lambda: queries.search_all(con, search, NYC, AS_OF), repeat),
        *percentiles_ms(lambda: queries.search_all(con, filtered, NYC, AS_OF), repeat),
    )


def benchmark(sizes: tuple[int, ...] = (10_000, 100_000), repeat: int = 30) -> list[BenchRow]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = build_synthetic_snapshot(Path(tmp) / f"bench-{n}.duckdb", n)
            con = queries.open_snapshot(path)
            rows.append(_measure(con, n, repeat))
            con.close()
    return rows


if __name__ == "__main__":
    for row in benchmark():
        print(row)
