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

from dashboard import (  # noqa: E402
    map_panel,
    navigation,
    page_search,
    search_form,
    snapshot,
    subscribe,
    unavailable,
)
from dashboard.results_view import download_bar, place_gate, result_lists  # noqa: E402

st.set_page_config(page_title="PeerMap", page_icon="🗺️", layout="wide")
navigation.route()

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

answer = snapshot.cached_place(search.where)
if not place_gate(search, answer):
    st.stop()
origin = answer.origin
search_form.sort_control()
# Times are shown and day/time-filtered in one zone: chosen, else the place's, else the browser's.
search = page_search.zoned(search, origin, snapshot.browser_zone())
results = snapshot.run_search(snap, search, origin, as_of)

view = map_panel.view_switch()
if view == map_panel.BOTH:
    list_col, map_col = st.columns([3, 2], gap="large")
else:
    list_col = map_col = st.container()
picked: list[str] = []
if view != map_panel.LIST_ONLY:
    with map_col:
        st.subheader("Map")
        picked = map_panel.results_map(results.local if not search.online_only
                                       else results.local.head(0), origin, search.radius)
homepages = snapshot.cached_homepages(snap.identity, snap)
with list_col:
    map_panel.selected_cards(results, picked, search, as_of, homepages)
    if view != map_panel.MAP_ONLY:
        result_lists(results, search, origin, as_of, homepages)
download_bar(results, search, as_of)
subscribe.subscribe_bar(search)
meta = snapshot.cached_meta(snap.identity, snap)
st.caption(f"Data published {meta.get('published_at', 'unknown')}. Share this search: copy the "
           "page address.")
