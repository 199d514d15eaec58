"""Manage your listing: reached only by the private link sent after a suggestion.

The token in the link is a capability for the organizer: it is looked up by hash, never shown
again, never logged. Confirm keeps the listing fresh; edit sends it back to moderation;
remove takes it off the map at once (dashboard/withdrawn.py) and the next refresh suppresses it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard.submission_form import preview_card  # noqa: E402
from pipelines.core.config import resolve_as_of, resolve_data_dir  # noqa: E402
from pipelines.submissions.states import TransitionError  # noqa: E402
from pipelines.submissions.store import SubmissionError, SubmissionStore  # noqa: E402
from pipelines.submissions.to_raw import provenance_text  # noqa: E402
from pipelines.submissions.validate import check_form  # noqa: E402

STATE_TEXT = {"pending": "waiting for review", "approved": "on the map",
              "rejected": "not published (rejected by an operator)",
              "expired": "off the map: not confirmed for a while — confirm to bring it back",
              "removed": "removed"}

st.set_page_config(page_title="PeerMap · Manage your listing")
st.title("Manage your listing")
token = st.query_params.get("token", "")
if not token:
    st.info("Open this page with the private link you got after suggesting a listing.")
    st.stop()
path = resolve_data_dir(None).submissions
try:
    with SubmissionStore(path) as store:
        item = store.by_token(token)
except SubmissionError:
    st.error("This manage link does not match any listing. Check that you copied all of it.")
    st.stop()

st.write(f"Suggestion #{item.id}: **{STATE_TEXT.get(item.state, item.state)}**.")
preview_card(item.submission, provenance_text(item.confirmed_day))
now = resolve_as_of(None)


def _act(event: str, reason: str, done: str) -> None:
    try:
        with SubmissionStore(path) as store:
            store.transition(item.id, event, now, actor="organizer", reason=reason)
    except (TransitionError, SubmissionError) as exc:
        st.error(str(exc))
        return
    st.success(done)


if item.state in ("approved", "expired") and st.button(
        "Still meeting: confirm", key="manage_confirm", type="primary"):
    _act("confirmed", "", "Thank you: confirmed. The map shows today's date at the next "
                              "refresh.")
if item.state != "removed":
    with st.expander("Edit (goes back to review)"), st.form("manage_edit"):
        title = st.text_input("Title", value=item.submission.title, key="edit_title")
        description = st.text_area("Description", value=item.submission.description,
                                   key="edit_description")
        when = st.text_input("Start time (HH:MM)", value=item.submission.time, key="edit_time")
        contact = st.text_input("Public contact", value=item.submission.public_contact,
                                key="edit_contact")
        if st.form_submit_button("Save changes"):
            with SubmissionStore(path) as store:
                email = store.submitter_email(item.id)
            values = {**item.submission.to_dict(), "title": title,
                      "description": description, "time": when, "public_contact": contact,
                      "submitter_email": email, "pattern": item.submission.pattern}
            sub, errors = check_form(values, today=now.date())
            if errors:
                for name, message in errors.items():
                    st.warning(f"{name.replace('_', ' ')}: {message}")
            elif sub is not None:
                with SubmissionStore(path) as store:
                    store.edit(item.id, sub, now)
                st.success("Saved: an operator will review the change.")
    sure = st.checkbox("Yes, remove this listing from PeerMap", key="manage_sure")
    if st.button("Remove", key="manage_remove", disabled=not sure):
        _act("removed", "removed by the organizer",
             "Removed: it is off the map now and will not be published again (the downloadable "
             "dataset drops it at the next refresh).")
