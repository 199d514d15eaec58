"""Suggest a listing: organizers add a group, event or supervision offer that has no feed."""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard.submission_form import (  # noqa: E402
    form_values,
    preview_card,
    rate_limit_message,
)
from pipelines.core.config import resolve_as_of, resolve_data_dir  # noqa: E402
from pipelines.submissions.store import SubmissionStore  # noqa: E402
from pipelines.submissions.validate import FORM, check_form  # noqa: E402

st.set_page_config(page_title="PeerMap · Suggest a listing")
st.title("Suggest a listing")
st.caption("For groups and supervisors that publish no calendar. An operator reviews every "
           "suggestion before it appears on the map; you get a private link to confirm, edit "
           "or remove it.")
now = resolve_as_of(None)
state = st.session_state
state.setdefault("sent_at", [])

values, honeypot, pressed = form_values(now.date())
if pressed:
    sub, errors = check_form(values, today=now.date(), honeypot=honeypot)
    state["checked"] = sub
    state["errors"] = errors
errors = state.get("errors") or {}
if errors:
    st.error(errors.get(FORM) or f"Please fix {len(errors)} field(s) before sending:")
    for name, message in errors.items():
        if name != FORM:
            st.warning(f"{name.replace('_', ' ')}: {message}")
checked = state.get("checked")
if checked is not None and not errors:
    st.subheader("Preview")
    preview_card(checked, "Suggested by the organizer (waiting for review)")
    if st.button("Send", key="sub_send", type="primary"):
        if limit := rate_limit_message(state["sent_at"], time.monotonic()):
            st.error(limit)
        else:
            with SubmissionStore(resolve_data_dir(None).submissions) as store:
                sid, token = store.submit(checked, resolve_as_of(None))
            state["sent_at"].append(time.monotonic())
            state["checked"] = None
            state["sent"] = (sid, token)
if sent := state.get("sent"):
    sid, token = sent
    st.success(f"Thank you: suggestion #{sid} is waiting for review.")
    st.write("Keep this private link: it lets you confirm \"still meeting\", edit or remove "
             "the listing. Anyone with the link can do that, so do not share it.")
    st.code(f"Manage_your_listing?token={token}", language=None)
    st.page_link("pages/4_Manage_your_listing.py", label="Open the manage page",
                 query_params={"token": token})
