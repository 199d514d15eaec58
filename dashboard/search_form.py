"""The labelled search widgets, seeded from the URL once per session and written back to it."""

from __future__ import annotations

import dataclasses
from typing import Any

import streamlit as st

from dashboard.basemap import KIND_LABELS
from dashboard.cards import AUDIENCE_LABELS
from dashboard.search_state import (
    DAYS,
    RADIUS_MAX,
    RADIUS_MIN,
    SELECTED_PARAM,
    SORTS,
    TIMES_OF_DAY,
    US_STATES,
    VIEWER_TIMEZONES,
    WINDOWS,
    Search,
    from_query_params,
    selected_from_query_params,
    to_query_params,
)

_PREFIX = "search_"
_WINDOW_LABELS = {0: "Any date", 7: "Next 7 days", 30: "Next 30 days", 90: "Next 90 days"}


def _key(name: str) -> str:
    return _PREFIX + name


def seed_from_url() -> None:
    """First run of a session: copy the URL's search into the widgets' state."""
    if st.session_state.get("_search_seeded"):
        return
    search = from_query_params(st.query_params.to_dict())
    for f in dataclasses.fields(Search):
        value = getattr(search, f.name)
        st.session_state[_key(f.name)] = list(value) if isinstance(value, tuple) else value
    st.session_state["_search_seeded"] = True


def where_controls() -> None:
    cols = st.columns([3, 3, 2, 2])  # wide enough that "Include online" is never cut off
    cols[0].text_input("Where (ZIP or City, ST)", key=_key("where"), max_chars=120,
                       placeholder="e.g. 10001 or Portland, OR")
    cols[1].slider("Radius (miles)", RADIUS_MIN, RADIUS_MAX, key=_key("radius"), step=5)
    cols[2].toggle("Include online", key=_key("include_online"))
    cols[3].toggle("Online only", key=_key("online_only"))


def what_controls(options: dict[str, list[str]]) -> None:
    sb = st.sidebar
    sb.header("What")
    sb.multiselect("Kind", list(KIND_LABELS), key=_key("kinds"),
                   format_func=lambda k: KIND_LABELS[k], placeholder="All kinds")
    sb.text_input("Search title, description, organizer", key=_key("q"), max_chars=120)
    sb.subheader("Cost")
    sb.checkbox("Free", key=_key("free"))
    sb.checkbox("Sliding scale", key=_key("sliding"))
    sb.number_input("Max price ($, 0 = any)", min_value=0, max_value=100_000, step=5,
                    key=_key("max_price"))
    sb.subheader("Who and how")
    sb.multiselect("Audience", list(AUDIENCE_LABELS), key=_key("audience"),
                   format_func=lambda a: AUDIENCE_LABELS[a], placeholder="Anyone")
    _keep_known(_key("modalities"), options.get("modalities", []))
    sb.multiselect("Modality", options.get("modalities", []), key=_key("modalities"),
                   placeholder="Any modality")
    sb.checkbox("Offers CE credits", key=_key("ce_only"))
    sb.checkbox("Taking new members (groups, supervision)", key=_key("accepting"))
    languages = ["", *options.get("languages", [])]
    if st.session_state.get(_key("language")) not in languages:
        st.session_state[_key("language")] = ""
    sb.selectbox("Language", languages, key=_key("language"),
                 format_func=lambda v: v or "Any language")
    states = ["", *US_STATES]
    if st.session_state.get(_key("licensed_state")) not in states:
        st.session_state[_key("licensed_state")] = ""
    sb.selectbox("Online: I am licensed in", states, key=_key("licensed_state"),
                 format_func=lambda v: v or "Any state")
    sb.subheader("When")
    sb.selectbox("Next", WINDOWS, key=_key("within_days"),
                 format_func=lambda days: _WINDOW_LABELS.get(days, f"{days} days"))
    sb.multiselect("Day of week", DAYS, key=_key("days"), format_func=str.title,
                   placeholder="Any day")
    sb.multiselect("Time of day", TIMES_OF_DAY, key=_key("times"), format_func=str.title,
                   placeholder="Any time")
    zones = ["", *VIEWER_TIMEZONES]
    if st.session_state.get(_key("tz")) not in zones:
        zones.append(st.session_state[_key("tz")])
    sb.selectbox("Show times in", zones, key=_key("tz"),
                 format_func=lambda z: z or "Automatic (the place searched, else this device)")


def sort_control() -> None:
    st.selectbox("Sort by", SORTS, key=_key("sort"), format_func=_SORT_LABELS.__getitem__)


_SORT_LABELS = {"distance": "Distance", "date": "Next date", "cost": "Cost (free first)"}


def choose_place(label: str) -> None:
    """Put a candidate place in the Where box (button callback, before the widgets render)."""
    st.session_state[_key("where")] = label


def _keep_known(key: str, allowed: list[str]) -> None:
    st.session_state[key] = [v for v in st.session_state.get(key, []) if v in allowed]


def current_search() -> Search:
    values: dict[str, Any] = {}
    for f in dataclasses.fields(Search):
        value = st.session_state.get(_key(f.name), f.default)
        values[f.name] = tuple(value) if isinstance(value, list) else value
    values["radius"] = int(values["radius"])
    values["max_price"] = int(values["max_price"])
    values["where"] = " ".join(str(values["where"]).split())
    values["q"] = " ".join(str(values["q"]).split())
    return Search(**values)


def write_url(search: Search) -> None:
    wanted = to_query_params(search)
    if selected := selected_from_query_params(st.query_params.to_dict()):
        wanted[SELECTED_PARAM] = selected  # the map's pick survives; map_panel drops stale ones
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
