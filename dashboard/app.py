"""PeerMap: find peer consultation groups, peer events and low-cost supervision near you.

Layout only; the logic lives in the modules imported below. Run: `streamlit run dashboard/app.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # streamlit puts dashboard/ (not the repo) on sys.path
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard import search_form, snapshot, unavailable  # noqa: E402
from dashboard.basemap import build_deck, legend_markdown  # noqa: E402
from dashboard.results_view import download_bar, result_lists, where_message  # noqa: E402

st.set_page_config(page_title="PeerMap", page_icon="🗺️", layout="wide")

snap = unavailable.readable_snapshot()  # a corrupt snapshot: the calm page, never a traceback
if snap is None:
    snapshot.no_data_page()
    st.stop()

as_of = snapshot.app_as_of()
search_form.seed_from_url()
st.title("PeerMap")
st.caption("Peer consultation groups, peer events and low-cost supervision for therapists.")
search_form.where_controls()
search_form.what_controls(snapshot.cached_options(snap.identity, snap))
search = search_form.current_search()
search_form.write_url(search)

origin = snapshot.cached_where(search.where) if search.where else None
if message := where_message(search, origin):
    st.warning(message)
results = snapshot.run_search(snap, search, origin, as_of)

list_col, map_col = st.columns([3, 2], gap="large")
with map_col:
    st.subheader("Map")
    st.markdown(legend_markdown())
    st.caption("Online listings are listed, not mapped.")
    st.pydeck_chart(build_deck(results.local if not search.online_only else results.local.head(0),
                               origin, search.radius),
                    height=520, alt="Map of in-person results; the same results are listed.")
with list_col:
    result_lists(results, search, origin, as_of)
download_bar(results, search, as_of)
meta = snapshot.cached_meta(snap.identity, snap)
st.caption(f"Data published {meta.get('published_at', 'unknown')}. Share this search: copy the "
           "page address.")
