"""Operators: every source, its health, and the last successful run."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard import snapshot  # noqa: E402
from dashboard.safe_text import escape_markdown  # noqa: E402
from dashboard.source_health import COLUMNS, history_for, sources_table  # noqa: E402

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
    # st.dataframe renders cell values as text, never as HTML or Markdown.
    st.dataframe(sources_table(sources), hide_index=True, width="stretch",
                 column_config={COLUMNS["url"]: st.column_config.LinkColumn(COLUMNS["url"]),
                                COLUMNS["homepage"]: st.column_config.LinkColumn(
                                    COLUMNS["homepage"])})
    st.subheader("Health history (last runs)")
    history = snapshot.cached_source_history(snap.identity, snap)
    if history.empty:
        st.caption("This snapshot carries no run history yet.")
    for row in sources.to_dict("records"):
        runs = history_for(history, str(row["id"])) if not history.empty else history
        if runs.empty:
            continue
        broken = int((runs["Outcome"] == "broken").sum())
        st.markdown(f"**{escape_markdown(row['name'])}** — {len(runs)} runs, {broken} broken")
        st.bar_chart(runs, x="Run", y="Listings found", color="Outcome", height=160)
else:
    st.info("The snapshot lists no sources.")
