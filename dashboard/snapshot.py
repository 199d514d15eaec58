"""Streamlit glue: one read-only connection per snapshot file, reopened when a publish replaces it,
and query results cached by (snapshot identity, search)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import queries, withdrawn
from dashboard.queries import SearchResults
from dashboard.search_state import Search
from dashboard.snapshot_reader import ConnectionHolder, Snapshot, reference_time
from dashboard.where import Origin, PlaceAnswer, resolve_place
from pipelines.core.config import resolve_data_dir
from pipelines.submissions.store import removed_ids


@st.cache_resource(show_spinner=False)
def _holder(path: str) -> ConnectionHolder:
    return ConnectionHolder(Path(path))


def current_snapshot() -> Snapshot | None:
    path = queries.snapshot_path().resolve()
    return _holder(str(path)).current()


def app_as_of() -> datetime:
    """The dashboard is a clock edge: now (to the minute, for caching), or PEERMAP_AS_OF."""
    return reference_time()


@st.cache_data(max_entries=256, show_spinner=False)
def cached_search(identity: tuple[int, int], search_key: tuple, origin: Origin | None,
                  as_of: datetime, _snapshot: Snapshot, _search: Search) -> SearchResults:
    return queries.search_all(_snapshot.con, _search, origin, as_of)


@st.cache_data(max_entries=8, show_spinner=False)
def cached_hidden(identity: tuple[int, int], removed: frozenset[int],
                  _snapshot: Snapshot) -> frozenset[str]:
    return withdrawn.hidden_listing_ids(_snapshot.con, removed)


def run_search(snapshot: Snapshot, search: Search, origin: Origin | None,
               as_of: datetime) -> SearchResults:
    """The search's results, without listings whose suggestion was removed since the publish
    (the removed ids are read on every run of the page: one small SQLite query)."""
    results = cached_search(snapshot.identity, search.cache_key(), origin, as_of, snapshot, search)
    removed = removed_ids(resolve_data_dir(None).submissions)
    return withdrawn.without(results, cached_hidden(snapshot.identity, removed, snapshot))


@st.cache_data(max_entries=512, show_spinner=False)
def cached_place(text: str) -> PlaceAnswer:
    return resolve_place(text)


def cached_where(text: str) -> Origin | None:
    return cached_place(text).origin


@st.cache_data(max_entries=8, show_spinner=False)
def cached_homepages(identity: tuple[int, int], _snapshot: Snapshot) -> dict[str, str]:
    """source id -> the source's page for people (registry `homepage`), where one is set."""
    sources = queries.load_sources(_snapshot.con)
    if sources.empty or "homepage" not in sources:
        return {}
    return {str(r["id"]): str(r["homepage"]) for r in sources.to_dict("records")
            if isinstance(r.get("homepage"), str) and r["homepage"]}


def browser_zone() -> str | None:
    """The viewer's zone as the browser reports it (None before the first round trip)."""
    try:
        return st.context.timezone
    except AttributeError:  # an older Streamlit without st.context
        return None


@st.cache_data(max_entries=8, show_spinner=False)
def cached_options(identity: tuple[int, int], _snapshot: Snapshot) -> dict[str, list[str]]:
    return queries.filter_options(_snapshot.con)


@st.cache_data(max_entries=8, show_spinner=False)
def cached_meta(identity: tuple[int, int], _snapshot: Snapshot) -> dict[str, str]:
    return queries.load_meta(_snapshot.con)


@st.cache_data(max_entries=8, show_spinner=False)
def cached_sources(identity: tuple[int, int], _snapshot: Snapshot) -> pd.DataFrame:
    return queries.load_sources(_snapshot.con)


@st.cache_data(max_entries=8, show_spinner=False)
def cached_source_history(identity: tuple[int, int], _snapshot: Snapshot) -> pd.DataFrame:
    return queries.load_source_history(_snapshot.con)


def no_data_page() -> None:
    st.title("PeerMap")
    st.info("No data published yet — run `peermap run` or `make demo`.")
    st.caption(f"Looked for {queries.snapshot_path()} (set PEERMAP_DATA_DIR to change).")
