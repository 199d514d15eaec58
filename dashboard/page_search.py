"""The search exactly as the results page runs it, without Streamlit: the place gate, the display
zone, the two lists minus withdrawn suggestions, and the rows the page lists (in its order).
The calendar feed server (dashboard/feed.py) lists what the page lists through this module."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import duckdb
import pandas as pd

from dashboard import queries, withdrawn
from dashboard.queries import SearchResults
from dashboard.search_state import Search, display_zone
from dashboard.where import Origin, PlaceAnswer


def zoned(search: Search, origin: Origin | None, browser_zone: str | None = None) -> Search:
    """The search with the zone its times are shown and day/time-filtered in (see
    display_zone): what a share or subscribe link should carry so every reader agrees."""
    return dataclasses.replace(search, tz=display_zone(
        search, origin.timezone if origin else None, browser_zone))


def place_problem(search: Search, answer: PlaceAnswer) -> str | None:
    """One plain line when the Where text gives no centre (the page then lists nothing)."""
    if not search.where or answer.origin is not None:
        return None
    if answer.candidates:
        names = "; ".join(c.label for c in answer.candidates)
        return f"where={search.where!r} is several places ({names}): add the state"
    if answer.suggestions:
        return f"where={search.where!r} not found; did you mean {'; '.join(answer.suggestions)}?"
    return f"where={search.where!r} not found: use a 5-digit ZIP or 'City, ST'"


def run(con: duckdb.DuckDBPyConnection, search: Search, origin: Origin | None,
        as_of: datetime, removed: frozenset[int]) -> SearchResults:
    """Both lists, without listings whose suggestion was removed since the publish."""
    results = queries.search_all(con, search, origin, as_of)
    return withdrawn.without(results, withdrawn.hidden_listing_ids(con, removed))


def shown_frame(results: SearchResults, search: Search) -> pd.DataFrame:
    """The rows the page lists, in its order: in person first, then online when it is shown."""
    parts = []
    if not search.online_only and not results.local.empty:
        parts.append(results.local)
    if (search.include_online or search.online_only) and not results.online.empty:
        parts.append(results.online)
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
