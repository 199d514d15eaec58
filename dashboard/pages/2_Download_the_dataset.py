"""The whole published dataset as CSV, GeoJSON and iCalendar."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

from dashboard import queries, snapshot  # noqa: E402
from dashboard.downloads import to_csv, to_geojson  # noqa: E402
from dashboard.ics_calendar import frame_to_ics  # noqa: E402
from dashboard.search_state import Search  # noqa: E402

st.set_page_config(page_title="PeerMap · Downloads")
snap = snapshot.current_snapshot()
if snap is None:
    snapshot.no_data_page()
    st.stop()


@st.cache_data(max_entries=4, show_spinner=False)
def _everything(identity: tuple[int, int], as_of_key: str, _snap: snapshot.Snapshot) -> tuple:
    as_of = snapshot.app_as_of()
    results = queries.search_all(_snap.con, Search(), None, as_of)
    frame = pd.concat([results.local, results.online], ignore_index=True)
    return to_csv(frame), to_geojson(frame), frame_to_ics(frame, results.occurrences, as_of), len(frame)


st.title("Download the dataset")
as_of = snapshot.app_as_of()
csv_bytes, geojson_bytes, ics_bytes, count = _everything(snap.identity, as_of.isoformat(), snap)
meta = snapshot.cached_meta(snap.identity, snap)
st.write(f"{count} listings, published {meta.get('published_at', 'unknown')}.")
st.download_button("All listings (CSV)", csv_bytes, "peermap.csv", "text/csv", on_click="ignore")
st.download_button("All listings (GeoJSON)", geojson_bytes, "peermap.geojson",
                   "application/geo+json", on_click="ignore")
st.download_button("Upcoming meetings (.ics)", ics_bytes, "peermap.ics", "text/calendar",
                   on_click="ignore")
st.caption("Each source's terms and attribution are listed on the Sources page.")
