"""The calm page shown when the published snapshot cannot be read (being replaced, truncated,
corrupt): therapists see that data is being refreshed, never a traceback; operators get the
reason in the server log and the recovery in docs/reliability.md."""

from __future__ import annotations

import logging

import streamlit as st

from dashboard import queries, snapshot

log = logging.getLogger("peermap.dashboard")


def readable_snapshot() -> snapshot.Snapshot | None:
    """The current snapshot, checked to answer a query; on failure the calm page and a stop."""
    try:
        snap = snapshot.current_snapshot()
        if snap is not None:
            cur = snap.con.cursor()
            cur.execute("USE snapshot")
            cur.execute("SELECT count(*) FROM listings").fetchall()
        return snap
    except Exception as exc:  # noqa: BLE001 - any read failure gets the same calm page
        log.error("published snapshot %s is unreadable: %s: %s", queries.snapshot_path(),
                  type(exc).__name__, str(exc).splitlines()[0] if str(exc) else "")
        unavailable_page()
        st.stop()
        raise  # st.stop() raises; this line only satisfies the type checker


def unavailable_page() -> None:
    st.title("PeerMap")
    st.info("The data is being refreshed or is temporarily unavailable. Please try again in a "
            "few minutes.")
    st.caption("Operators: the published snapshot could not be read; see the server log and "
               "docs/reliability.md (Storage faults).")
