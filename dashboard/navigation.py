"""The navigation: names the pages ("Find groups", not the script name "app").

st.navigation replaces the automatic pages/ listing. The main page's body stays in app.py: when
it is the current page, `route()` returns and app.py goes on; any other page runs and stops.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).resolve().parent / "pages"
MAIN_TITLE = "Find groups"


def _main() -> None:
    """Rendered inline by app.py (see route)."""


def route() -> None:
    main = st.Page(_main, title=MAIN_TITLE, icon="🗺️", default=True)
    current = st.navigation([
        main,
        st.Page(PAGES / "1_Sources_and_health.py", title="Sources and health", icon="🩺"),
        st.Page(PAGES / "2_Download_the_dataset.py", title="Download the dataset", icon="⬇️"),
        st.Page(PAGES / "3_Suggest_a_listing.py", title="Suggest a listing", icon="➕",
                url_path="Suggest_a_listing"),
        st.Page(PAGES / "4_Manage_your_listing.py", title="Manage your listing", icon="✏️",
                url_path="Manage_your_listing"),
        st.Page(PAGES / "5_Operator.py", title="Operator", icon="🔒", url_path="Operator"),
    ])
    if current.title != MAIN_TITLE:
        current.run()
        st.stop()
