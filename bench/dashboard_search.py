"""Time one dashboard search end to end (script run, query, cards) on a published snapshot.

    PEERMAP_DATA_DIR=var python -m bench.dashboard_search [--runs 5]

Streamlit's AppTest runs dashboard/app.py in-process as a browser session would (widgets,
query, every card rendered, no browser paint). The first run pays imports and caches; the
numbers reported are later runs, each with a different search (new radius), so the query and
card rendering are not served from st.cache_data.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
RADII = (250, 245, 240, 235, 230, 225, 220, 215, 210, 205)


def _cards(at: AppTest) -> int:
    return sum(1 for md in at.markdown if "[●] **" in md.value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    # One session, as a browser tab keeps: the first run pays imports, the gazetteer and the
    # snapshot connection (reported apart); each later run is a new radius, a new search.
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["where"] = "Austin, TX"
    start = time.perf_counter()
    at.run()
    print(f"first run (cold): {(time.perf_counter() - start) * 1000:.0f} ms, "
          f"{_cards(at)} cards")
    timings = []
    for radius in RADII[: args.runs]:
        at.slider(key="search_radius").set_value(radius)
        start = time.perf_counter()
        at.run()
        seconds = time.perf_counter() - start
        if at.exception:
            raise SystemExit(f"the app failed: {at.exception[0].value}")
        timings.append(seconds)
        print(f"Austin, TX within {radius} mi: {seconds * 1000:.0f} ms, {_cards(at)} cards")
    print(f"median {statistics.median(timings) * 1000:.0f} ms, max {max(timings) * 1000:.0f} ms "
          f"over {len(timings)} searches")


if __name__ == "__main__":
    main()
