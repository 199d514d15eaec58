"""The "Suggest a listing" form: widgets, per-session rate limit, card preview, sending.

Widgets only collect values; `pipelines.submissions.validate.check_form` decides. Everything
the organizer typed is shown back as text (Markdown-escaped or st.text), never as HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import streamlit as st

from dashboard.safe_text import escape_markdown, few_lines, one_line
from pipelines.submissions.model import (
    ACCEPTING,
    COST_TYPES,
    KIND_LABELS,
    LICENCES,
    MAX_DESCRIPTION,
    MAX_TITLE,
    MODES,
    PATTERN_LABELS,
    PATTERNS,
    SUBMISSION_KINDS,
    Submission,
)
from pipelines.submissions.to_raw import ACCEPTING_TEXT, rrule_for
from spiders.common.us_states import US_STATES

ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
         "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico")
MODE_LABELS = {"in_person": "In person", "online": "Online", "hybrid": "Hybrid"}
COST_LABELS = {"free": "Free", "sliding": "Sliding scale", "range": "A fee (amount or range)"}
LICENCE_LABELS = {"counselor": "Counselors", "mft": "MFTs", "social_worker": "Social workers",
                  "psychologist": "Psychologists", "student": "Students"}
MAX_PER_SESSION = 3
MIN_GAP_S = 30.0
HONEYPOT_KEY = "sub_website"  # bots fill every field; people are told to leave it empty


def _label(labels: dict[str, str]) -> Callable[[str], str]:
    return lambda key: labels.get(key, key)


def rate_limit_message(sent_at: list[float], now: float) -> str | None:
    """None when this session may send another suggestion, else why not (pure)."""
    if len(sent_at) >= MAX_PER_SESSION:
        return (f"You have sent {MAX_PER_SESSION} suggestions from this page; thank you. "
                "Reload later to send more.")
    if sent_at and now - sent_at[-1] < MIN_GAP_S:
        return f"Please wait {MIN_GAP_S - (now - sent_at[-1]):.0f} s before sending another."
    return None


def form_values(today: date) -> tuple[dict[str, Any], str, bool]:
    """Draw the form; return (values, honeypot text, whether "Check and preview" was pressed)."""
    with st.form("suggest"):
        v: dict[str, Any] = {}
        st.subheader("What")
        v["kind"] = st.selectbox("Kind", list(SUBMISSION_KINDS), format_func=_label(KIND_LABELS),
                                 key="sub_kind")
        v["title"] = st.text_input("Title", max_chars=MAX_TITLE, key="sub_title")
        v["description"] = st.text_area("Description (plain text)", key="sub_description",
                                        help=f"At most {MAX_DESCRIPTION:,} characters.")
        st.subheader("When")
        v["pattern"] = st.selectbox("How often", list(PATTERNS), format_func=_label(PATTERN_LABELS),
                                    key="sub_pattern")
        v["date"] = st.date_input("Date (the one-off date, or the first meeting of a series)",
                                  value=today, key="sub_date")
        v["time"] = st.text_input("Start time (HH:MM, 24-hour)", value="12:00", key="sub_time")
        v["duration_min"] = st.number_input("Length (minutes)", 15, 480, 60, 15, key="sub_len")
        v["timezone"] = st.selectbox("Time zone", ZONES, key="sub_zone")
        st.subheader("Where")
        v["attendance_mode"] = st.selectbox("Attendance", list(MODES), format_func=_label(MODE_LABELS),
                                            key="sub_mode")
        v["venue_name"] = st.text_input("Venue", key="sub_venue")
        v["street"] = st.text_input("Street address", key="sub_street")
        v["city"] = st.text_input("City", key="sub_city")
        v["region"] = st.selectbox("State", sorted(US_STATES), key="sub_state")
        v["postal_code"] = st.text_input("ZIP code", key="sub_zip")
        v["hide_address"] = st.checkbox("Don't show my address (home office): show the city only",
                                        key="sub_hide")
        v["online_url"] = st.text_input("Online meeting link (https://…)", key="sub_online")
        v["publish_online_url"] = st.checkbox(
            "Publish the link (otherwise the card says: contact the organizer)", key="sub_pub_link")
        st.subheader("Cost, credits, who may join")
        v["cost_type"] = st.selectbox("Cost", list(COST_TYPES), format_func=_label(COST_LABELS),
                                      key="sub_cost")
        v["cost_min"] = st.number_input("Fee from ($)", 0.0, 10_000.0, None, key="sub_cost_min")
        v["cost_max"] = st.number_input("Fee to ($)", 0.0, 10_000.0, None, key="sub_cost_max")
        v["ce_credits"] = st.number_input("CE credits", 0.0, 100.0, None, key="sub_ce")
        v["audience"] = st.multiselect("Licence types", list(LICENCES), format_func=_label(LICENCE_LABELS),
                                       key="sub_audience")
        v["associates_welcome"] = st.checkbox("Associates (pre-licensed) welcome", key="sub_assoc")
        v["modalities"] = st.text_input("Modalities (comma-separated, e.g. DBT, EMDR)",
                                        key="sub_modalities")
        v["languages"] = st.text_input("Languages (comma-separated)", value="en", key="sub_lang")
        v["accepting_members"] = st.selectbox("New members", ACCEPTING,
                                              format_func=_label(ACCEPTING_TEXT), key="sub_accepting")
        st.subheader("Who")
        v["organizer_name"] = st.text_input("Organizer name", key="sub_organizer")
        v["public_contact"] = st.text_input("Public contact (email or https:// link)",
                                            key="sub_contact")
        v["publish_contact"] = st.checkbox("Publish this contact", key="sub_pub_contact")
        v["submitter_email"] = st.text_input(
            "Your email (private: never published, used for the manage link)", key="sub_email")
        honeypot = st.text_input("Leave this field empty (spam check)", key=HONEYPOT_KEY)
        v["consent"] = st.checkbox("I run or help run this group and agree that PeerMap may "
                                   "publish the details above.", key="sub_consent")
        pressed = st.form_submit_button("Check and preview")
    return v, honeypot, pressed


def when_text(sub: Submission) -> str:
    rule = rrule_for(sub) or ""
    label = {"once": "On", "weekly": "Weekly from", "biweekly": "Every 2 weeks from",
             "monthly_nth": "Monthly (" + rule.rsplit("=", 1)[-1] + ") from"}[sub.pattern]
    return f"{label} {sub.date}, {sub.time} ({sub.timezone}), {sub.duration_min} min"


def preview_card(sub: Submission, provenance: str) -> None:
    """The card as the map will show it (escaped text only)."""
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(one_line(sub.title, 200))}**")
        st.markdown(escape_markdown(when_text(sub)))
        place = sub.city + ", " + sub.region
        cost = COST_LABELS.get(sub.cost_type, "")
        st.caption(" · ".join(escape_markdown(p) for p in (
            KIND_LABELS.get(sub.kind, sub.kind), MODE_LABELS.get(sub.attendance_mode, ""),
            place, cost) if p))
        st.caption(escape_markdown(f"Organizer: {one_line(sub.organizer_name, 120)} · "
                                   f"{ACCEPTING_TEXT.get(sub.accepting_members, '')} · "
                                   f"{provenance}"))
        if description := few_lines(sub.description, 300):
            st.text(description)
        if sub.attendance_mode != "in_person" and not sub.publish_online_url:
            st.caption("Online link: contact the organizer.")
