"""The "Subscribe" link of the current search: a calendar that stays current, served by the feed
server (dashboard/feed.py, `peermap feed`) at PEERMAP_FEED_URL; without it, how to enable it."""

from __future__ import annotations

import os

import streamlit as st

from dashboard.feed_calendar import subscribe_urls
from dashboard.search_state import Search

FEED_URL_ENV = "PEERMAP_FEED_URL"


def subscribe_bar(search: Search) -> None:
    """`search` is the page's search with its display zone, so the feed filters days and times
    in the same zone as the page."""
    base = os.environ.get(FEED_URL_ENV, "").strip()
    if not base:
        st.caption("Calendar subscription that stays current: an operator runs `peermap feed` "
                   f"and sets {FEED_URL_ENV} to its address (docs/operations.md).")
        return
    urls = subscribe_urls(base, search)
    if urls is None:
        st.caption(f"No subscription link: {FEED_URL_ENV} is not an http(s) address.")
        return
    http_url, webcal_url = urls
    st.link_button("Subscribe in a calendar app (webcal)", webcal_url)
    st.caption("Or paste this address where your calendar subscribes by URL (it updates with "
               "every publish):")
    st.code(http_url, language=None)
