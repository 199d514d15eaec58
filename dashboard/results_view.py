"""The result lists, their empty states and the download buttons."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from dashboard.cards import render_card
from dashboard.downloads import to_csv, to_geojson
from dashboard.ics_calendar import frame_to_ics
from dashboard.page_search import shown_frame
from dashboard.queries import SearchResults
from dashboard.safe_text import escape_markdown
from dashboard.search_form import choose_place
from dashboard.search_state import RADIUS_MAX, Search
from dashboard.where import Origin, PlaceAnswer

CARDS_PER_LIST = 50  # cards rendered at once; the rest are a page away


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
    at_max = search.radius >= RADIUS_MAX
    if results.nearest_outside_mi is not None:
        hints.append(f"the nearest match is {results.nearest_outside_mi:.0f} miles away"
                     + ("" if at_max else " — try a larger radius"))
    if not hints:
        hints.append("try fewer filters or a shorter search text" if at_max else
                     "try a larger radius, fewer filters or a shorter search text")
    return text + " — " + "; ".join(hints) + "."


def where_message(search: Search, answer: PlaceAnswer) -> str | None:
    """Why there is no search centre, with the places the user may have meant."""
    if not search.where or answer.origin is not None:
        return None
    where = escape_markdown(search.where)
    if answer.candidates:
        names = ", ".join(f"“{escape_markdown(c.label)}”" for c in answer.candidates)
        return f"“{where}” is several places: {names}. Pick one below, or add the state."
    if answer.suggestions:
        names = ", ".join(f"“{escape_markdown(s)}”" for s in answer.suggestions)
        return f"Couldn't find “{where}”. Did you mean {names}?"
    return (f"Couldn't find “{where}”. Try a 5-digit ZIP (10001) or “City, ST” "
            "(Portland, OR).")


def place_choices(answer: PlaceAnswer) -> list[str]:
    """The labels to offer as buttons (candidates first, then spellings)."""
    return [c.label for c in answer.candidates] or list(answer.suggestions)


def place_gate(search: Search, answer: PlaceAnswer) -> bool:
    """Explain a Where box without a centre and offer its places; False = do not search (an
    unknown place must never silently list everything)."""
    message = where_message(search, answer)
    if message is None:
        if answer.origin and answer.origin.ambiguous:
            st.warning(f"“{escape_markdown(search.where)}” matches several places; showing "
                       f"{escape_markdown(answer.origin.label)}.")
        return True
    st.warning(message)
    choices = place_choices(answer)
    if choices:
        cols = st.columns(min(4, len(choices)))
        for n, label in enumerate(choices[:8]):
            cols[n % len(cols)].button(label, key=f"place-{n}", on_click=choose_place,
                                       args=(label,))
    return False


def page_slice(total: int, page: int, size: int = CARDS_PER_LIST) -> tuple[int, int]:
    """[start, stop) of a 1-based page, clamped to the pages there are."""
    pages = max(1, -(-total // size))
    page = min(max(1, page), pages)
    return (page - 1) * size, min(total, page * size)


def card_list(frame: pd.DataFrame, results: SearchResults, search: Search, as_of: datetime,
              prefix: str, homepages: dict[str, str] | None = None) -> None:
    total = len(frame)
    page = 1
    if total > CARDS_PER_LIST:
        pages = -(-total // CARDS_PER_LIST)
        page = int(st.number_input(f"Page (of {pages})", min_value=1, max_value=pages, step=1,
                                   key=f"{prefix}-page"))
    start, stop = page_slice(total, page)
    if total > CARDS_PER_LIST:
        st.caption(f"Showing {start + 1}–{stop} of {total}.")
    for row in frame.iloc[start:stop].to_dict("records"):
        listing_id = str(row["id"])
        render_card(row, results.occurrences.get(listing_id, []), search.tz, as_of, prefix,
                    occurrences=results.calendar.get(listing_id, []),
                    homepage=(homepages or {}).get(str(row.get("source_id"))))


def result_lists(results: SearchResults, search: Search, origin: Origin | None,
                 as_of: datetime, homepages: dict[str, str] | None = None) -> None:
    if not search.online_only:
        heading = "Near you" if origin else "In person"
        st.subheader(f"{heading} ({len(results.local)})")
        if results.local.empty:
            st.info(local_empty_message(search, origin, results))
        else:
            card_list(results.local, results, search, as_of, "local", homepages)
    if search.include_online or search.online_only:
        st.subheader(f"Online ({len(results.online)})")
        if results.online.empty:
            extra = f" open to clinicians licensed in {search.licensed_state}" \
                if search.licensed_state else ""
            st.info(f"No online groups{extra} match — try fewer filters.")
        else:
            card_list(results.online, results, search, as_of, "online", homepages)


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
    calendar = frame_to_ics(frame, results.calendar, as_of)
    if calendar is None:
        cols[2].caption("No dated listing to add to a calendar.")
    else:
        cols[2].download_button("Add all to calendar (.ics)", calendar, "peermap-results.ics",
                                "text/calendar", key="dl-ics-all", on_click="ignore")
