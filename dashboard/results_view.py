"""The result lists, their empty states and the download buttons."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from dashboard.cards import render_card
from dashboard.downloads import to_csv, to_geojson
from dashboard.ics_calendar import frame_to_ics
from dashboard.queries import SearchResults
from dashboard.safe_text import escape_markdown
from dashboard.search_state import Search
from dashboard.where import Origin

CARDS_PER_LIST = 50


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def local_empty_message(search: Search, origin: Origin | None, results: SearchResults) -> str:
    online = len(results.online)
    if origin:
        text = f"No groups within {search.radius} miles of {escape_markdown(origin.label)}"
    else:
        text = "No in-person groups match these filters"
    hints = []
    if online:
        hints.append(f"{_plural(online, 'online group')} match"
                     + ("" if search.include_online else " — turn on “Include online”"))
    if results.nearest_outside_mi is not None:
        hints.append(f"the nearest match is {results.nearest_outside_mi:.0f} miles away — "
                     "try a larger radius")
    if not hints:
        hints.append("try a larger radius, fewer filters or a shorter search text")
    return text + " — " + "; ".join(hints) + "."


def where_message(search: Search, origin: Origin | None) -> str | None:
    if search.where and origin is None:
        return (f"Couldn't find “{escape_markdown(search.where)}”. "
                "Try a 5-digit ZIP (10001) or “City, ST” (Portland, OR).")
    if origin and origin.ambiguous:
        return f"“{escape_markdown(search.where)}” matches several places; showing {escape_markdown(origin.label)}."
    return None


def card_list(frame: pd.DataFrame, results: SearchResults, search: Search, as_of: datetime,
              prefix: str) -> None:
    shown = frame.head(CARDS_PER_LIST)
    if len(frame) > len(shown):
        st.caption(f"Showing the first {len(shown)} of {len(frame)} — narrow the search or "
                   "download all results below.")
    for row in shown.to_dict("records"):
        render_card(row, results.occurrences.get(row["id"], []), search.tz, as_of, prefix)


def result_lists(results: SearchResults, search: Search, origin: Origin | None,
                 as_of: datetime) -> None:
    if not search.online_only:
        heading = "Near you" if origin else "In person"
        st.subheader(f"{heading} ({len(results.local)})")
        if results.local.empty:
            st.info(local_empty_message(search, origin, results))
        else:
            card_list(results.local, results, search, as_of, "local")
    if search.include_online or search.online_only:
        st.subheader(f"Online ({len(results.online)})")
        if results.online.empty:
            extra = f" open to clinicians licensed in {search.licensed_state}" \
                if search.licensed_state else ""
            st.info(f"No online groups{extra} match — try fewer filters.")
        else:
            card_list(results.online, results, search, as_of, "online")


def shown_frame(results: SearchResults, search: Search) -> pd.DataFrame:
    parts = []
    if not search.online_only and not results.local.empty:
        parts.append(results.local)
    if (search.include_online or search.online_only) and not results.online.empty:
        parts.append(results.online)
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def download_bar(results: SearchResults, search: Search, as_of: datetime) -> None:
    frame = shown_frame(results, search)
    st.subheader("Take these results with you")
    if frame.empty:
        st.caption("Nothing to download for this search.")
        return
    cols = st.columns(3)
    cols[0].download_button("Download CSV", to_csv(frame), "peermap-results.csv", "text/csv",
                            key="dl-csv", on_click="ignore")
    cols[1].download_button("Download GeoJSON", to_geojson(frame), "peermap-results.geojson",
                            "application/geo+json", key="dl-geojson", on_click="ignore")
    cols[2].download_button("Add all to calendar (.ics)",
                            frame_to_ics(frame, results.occurrences, as_of),
                            "peermap-results.ics", "text/calendar", key="dl-ics-all",
                            on_click="ignore")
