"""Operator: moderate suggestions. Shown only when PEERMAP_OPERATOR_TOKEN is set and entered.

Each suggestion shows the pipeline's last check (dashboard/operator_review.py): likely duplicates
already on the map, and a flag when the classifier reads another kind than the organizer chose.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard.operator_access import operator_token, token_matches  # noqa: E402
from dashboard.operator_review import approval_reason, review_view, show_review  # noqa: E402
from dashboard.submission_form import preview_card  # noqa: E402
from pipelines.core.config import resolve_as_of, resolve_data_dir  # noqa: E402
from pipelines.submissions.reviews import load_reviews  # noqa: E402
from pipelines.submissions.states import STATES, TransitionError  # noqa: E402
from pipelines.submissions.store import SubmissionStore  # noqa: E402
from pipelines.submissions.to_raw import provenance_text  # noqa: E402

st.set_page_config(page_title="PeerMap · Operator")
expected = operator_token()
if expected is None:
    st.info("The operator page is off: set PEERMAP_OPERATOR_TOKEN on the server to use it.")
    st.stop()
if not st.session_state.get("operator_ok"):
    with st.form("operator_login"):
        entered = st.text_input("Operator token", type="password", key="operator_entered")
        if st.form_submit_button("Enter"):
            st.session_state["operator_ok"] = token_matches(entered, expected)
            if not st.session_state["operator_ok"]:
                st.error("That is not the operator token.")
    if not st.session_state.get("operator_ok"):
        st.stop()

st.title("Moderation")
path = resolve_data_dir(None).submissions
now = resolve_as_of(None)
with SubmissionStore(path) as store:
    counts = store.counts()
    status = st.selectbox("Status", STATES, key="operator_status")
    items = store.list((status,))
    histories = {i.id: store.history(i.id) for i in items}
    reviews = load_reviews(store)
st.caption(" · ".join(f"{k}: {v}" for k, v in counts.items()))
if not items:
    st.write(f"No {status} suggestions.")
for item in items:
    st.subheader(f"#{item.id}")
    preview_card(item.submission, provenance_text(item.confirmed_day))
    view = review_view(item, reviews.get(item.id))
    if item.state in ("pending", "approved"):
        show_review(view)
    st.text("\n".join(f"{h['at']}  {h['event']}  → {h['to_state']} by {h['actor']}"
                      + (f" — {h['reason']}" if h["reason"] else "") for h in histories[item.id]))
    if item.state != "pending":
        continue
    cols = st.columns([1, 3, 1])
    why = cols[1].text_input("Reason to reject", key=f"why-{item.id}")
    action = None
    if cols[0].button("Approve", key=f"approve-{item.id}"):
        action = ("approved", approval_reason(view))
    if cols[2].button("Reject", key=f"reject-{item.id}", disabled=not why.strip()):
        action = ("rejected", why.strip())
    if action:
        try:
            with SubmissionStore(path) as store:
                store.transition(item.id, action[0], now, actor="operator", reason=action[1])
            st.success(f"#{item.id} {action[0]}; the map changes at the next refresh.")
        except TransitionError as exc:
            st.error(str(exc))
