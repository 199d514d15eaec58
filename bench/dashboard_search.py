"""Time one dashboard search end to end (script run, query, cards) on a published snapshot.

    PEERMAP_DATA_DIR=var python -m bench.dashboard_search [--runs 5] [--write docs/benchmarks.md]

Streamlit's AppTest runs dashboard/app.py in-process as a browser session would (widgets,
query, every card rendered, no browser paint). The first run pays imports and caches; the
numbers reported are later runs, each with a different search (new radius), so the query and
card rendering are not served from st.cache_data. `--write` puts the result in the report's
"Dashboard search" section (bench/search_report.py), leaving the rest of the report as it is.
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from streamlit.testing.v1 import AppTest

from bench.search_report import SearchTiming, load_average, merge_section, search_section
from pipelines.core.config import Paths

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
RADII = (250, 245, 240, 235, 230, 225, 220, 215, 210, 205)


def _cards(at: AppTest) -> int:
    return sum(1 for md in at.markdown if "[●] **" in md.value)


def snapshot_size() -> int:
    published = Paths(Path(os.environ.get("PEERMAP_DATA_DIR", "var"))).published
    con = duckdb.connect(str(published), read_only=True)
    try:
        return int(con.execute("SELECT count(*) FROM listings").fetchall()[0][0])
    finally:
        con.close()


def measure(runs: int, where: str = "Austin, TX") -> SearchTiming:
    # One session, as a browser tab keeps: the first run pays imports, the gazetteer and the
    # snapshot connection (reported apart); each later run is a new radius, a new search.
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["where"] = where
    start = time.perf_counter()
    at.run()
    timing = SearchTiming(where=where, listings=snapshot_size(),
                          cold_ms=(time.perf_counter() - start) * 1000, load=load_average(),
                          measured_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                          as_of=os.environ.get("PEERMAP_AS_OF", "<the snapshot's as-of>"))
    print(f"first run (cold): {timing.cold_ms:.0f} ms, {_cards(at)} cards")
    for radius in RADII[:runs]:
        at.slider(key="search_radius").set_value(radius)
        start = time.perf_counter()
        at.run()
        seconds = time.perf_counter() - start
        if at.exception:
            raise SystemExit(f"the app failed: {at.exception[0].value}")
        timing.runs_ms.append(seconds * 1000)
        timing.cards_per_run.append(_cards(at))
        print(f"{where} within {radius} mi: {seconds * 1000:.0f} ms, {_cards(at)} cards")
    return timing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", type=Path, help="merge the result into this report")
    args = parser.parse_args()
    timing = measure(max(1, min(args.runs, len(RADII))))
    print(f"median {timing.median_ms:.0f} ms, max {timing.max_ms:.0f} ms "
          f"over {len(timing.runs_ms)} searches")
    if args.write:
        merge_section(args.write, search_section(timing))
        print(f"wrote the Dashboard search section of {args.write}")


if __name__ == "__main__":
    main()
