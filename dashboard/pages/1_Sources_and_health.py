"""Operators: every source, its health, and the last successful run."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard import snapshot  # noqa: E402
from dashboard.safe_text import safe_url  # noqa: E402

st.set_page_config(page_title="PeerMap · Sources", layout="wide")
snap = snapshot.current_snapshot()
if snap is None:
    snapshot.no_data_page()
    st.stop()

st.title("Sources and health")
meta = snapshot.cached_meta(snap.identity, snap)
sources = snapshot.cached_sources(snap.identity, snap)
cols = st.columns(4)
cols[0].metric("Sources", len(sources))
cols[1].metric("Healthy", int((sources["health"] == "ok").sum()) if not sources.empty else 0)
cols[2].metric("Broken", int((sources["health"] == "broken").sum()) if not sources.empty else 0)
cols[3].metric("Snapshot run", str(meta.get("run_id", "unknown")))
st.caption(f"Published {meta.get('published_at', 'unknown')} · as of {meta.get('as_of', 'unknown')}"
           f" · schema {meta.get('schema_version', '?')}")
if not sources.empty:
    last_success = sources["last_success_at"].dropna()
    st.write("Last successful run of any source: "
             + (str(last_success.max()) if not last_success.empty else "never"))
    table = sources.copy()
    table["url"] = table["url"].map(lambda u: safe_url(u) or "")
    # st.dataframe renders cell values as text, never as HTML or Markdown.
    st.dataframe(
        table[["name", "health", "enabled", "last_run_at", "last_success_at", "item_count",
               "last_error", "format", "url", "precision_cap", "attribution", "terms"]],
        hide_index=True, width="stretch",
        column_config={"url": st.column_config.LinkColumn("url")},
    )
else:
    st.info("The snapshot lists no sources.")
