"""Streamlit side of the map: the Map/List switch, the chart, and the cards a pin click selects."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from dashboard.basemap import legend_markdown
from dashboard.cards import render_card
from dashboard.map_view import build_deck, marker_frame, marker_ids_for, selected_ids
from dashboard.queries import SearchResults
from dashboard.search_state import SELECTED_PARAM, Search, selected_from_query_params
from dashboard.where import Origin

BOTH, MAP_ONLY, LIST_ONLY = "Map and list", "Map", "List"
_LAST_PICK = "_map_last_pick"


def view_switch() -> str:
    """At the top, so a phone (where columns stack) reaches the map without scrolling the list."""
    choice = st.segmented_control("Show", [BOTH, MAP_ONLY, LIST_ONLY], default=BOTH,
                                  key="results_view", label_visibility="collapsed")
    return choice or BOTH


def _remember(ids: list[str]) -> None:
    if ids:
        st.query_params[SELECTED_PARAM] = ids[0]
    elif SELECTED_PARAM in st.query_params:
        del st.query_params[SELECTED_PARAM]


def current_pick(state: object, markers: pd.DataFrame) -> list[str]:
    """A click in this run wins; otherwise the URL's `selected` (dropped if no longer shown)."""
    clicked = selected_ids(state)
    if clicked is not None and clicked != st.session_state.get(_LAST_PICK, []):
        st.session_state[_LAST_PICK] = clicked
        _remember(clicked)
        return clicked
    wanted = selected_from_query_params(st.query_params.to_dict())
    ids = marker_ids_for(markers, wanted) if wanted else []
    if wanted and not ids:
        _remember([])
    return ids


def results_map(local: pd.DataFrame, origin: Origin | None, radius: int) -> list[str]:
    st.markdown(legend_markdown())
    st.caption("Online listings are listed, not mapped. Click a marker to show its listings.")
    state = st.pydeck_chart(build_deck(local, origin, radius), height=520, key="results_map",
                            on_select="rerun", selection_mode="single-object",
                            alt="Map of in-person results; the same results are listed.")
    return current_pick(state, marker_frame(local))


def selected_cards(results: SearchResults, ids: list[str], search: Search,
                   as_of: datetime, homepages: dict[str, str] | None = None) -> None:
    """The clicked marker's cards, whole: the same calendar (its cancelled dates included) and
    source link as in the list."""
    if not ids:
        return
    picked = results.local[results.local["id"].astype(str).isin(ids)]
    with st.container(key="map-selection"):
        st.subheader(f"Selected on the map ({len(picked)})")
        for row in picked.to_dict("records"):
            listing_id = str(row["id"])
            render_card(row, results.occurrences.get(listing_id, []), search.tz, as_of, "picked",
                        occurrences=results.calendar.get(listing_id, []),
                        homepage=(homepages or {}).get(str(row.get("source_id"))))
