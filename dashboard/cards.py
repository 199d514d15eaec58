"""One result card. Every scraped string is Markdown-escaped; links pass safe_url() again here."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
import streamlit as st

from dashboard.basemap import KIND_LABELS, KIND_SWATCHES
from dashboard.ics_calendar import listings_to_ics
from dashboard.safe_text import escape_markdown, few_lines, one_line, safe_url

MODE_LABELS = {"in_person": "In person", "online": "Online", "hybrid": "Hybrid",
               "unknown": "Format not stated"}
AUDIENCE_LABELS = {"counselor": "Counselors", "mft": "MFTs", "social_worker": "Social workers",
                   "psychologist": "Psychologists", "associate": "Associates",
                   "student": "Students"}
# accepting_members -> card line; "unknown" says nothing, so it shows nothing
ACCEPTING_LABELS = {"open": "Openings: taking new members", "waitlist": "Openings: waitlist",
                    "closed": "Openings: currently full"}


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return value is pd.NaT


def _items(value: Any) -> list[str]:
    if _missing(value):
        return []
    return [str(v) for v in (value.tolist() if hasattr(value, "tolist") else value)]


def format_starts(starts: list[datetime], tz_name: str) -> str:
    zone = ZoneInfo(tz_name)
    shown = [pd.Timestamp(s).tz_convert(zone) if pd.Timestamp(s).tzinfo else
             pd.Timestamp(s).tz_localize("UTC").tz_convert(zone) for s in starts]
    return "; ".join(f"{t:%a %b} {t.day}, {t:%I:%M %p}".replace(" 0", " ") + f" {t:%Z}"
                     for t in shown)


def cost_text(row: Mapping[str, Any]) -> str:
    if row.get("is_free") is True:
        return "Free"
    low, high = row.get("cost_min"), row.get("cost_max")
    parts = []
    if not _missing(low) and not _missing(high) and low != high:
        parts.append(f"${low:,.0f}–${high:,.0f}")
    elif not _missing(low) or not _missing(high):
        parts.append(f"${(low if not _missing(low) else high):,.0f}")
    if row.get("sliding_scale") is True:
        parts.append("sliding scale")
    return ", ".join(parts) or "Cost not stated"


@dataclass(frozen=True)
class CardText:
    """The card's lines, already escaped for st.markdown."""

    heading: str
    when: str
    facts: str
    details: str


def card_text(row: Mapping[str, Any], starts: list[datetime], tz_name: str) -> CardText:
    kind = str(row.get("kind"))
    heading = f"{KIND_SWATCHES.get(kind, ':gray[●]')} **{escape_markdown(one_line(row.get('title'), 200))}**"
    when_parts = []
    if starts:
        when_parts.append(escape_markdown(format_starts(starts, tz_name)))
    if not _missing(row.get("schedule_text")) and row.get("schedule_text"):
        when_parts.append(escape_markdown(one_line(row.get("schedule_text"), 200)))
    when = " — ".join(when_parts) or "No upcoming date listed"
    facts = [KIND_LABELS.get(kind, escape_markdown(kind)),
             MODE_LABELS.get(str(row.get("attendance_mode")), "Format not stated")]
    if not _missing(row.get("distance_mi")):
        facts.append(f"{float(row['distance_mi']):.1f} mi away")
    place = ", ".join(one_line(row.get(k), 80) for k in ("city", "region")
                      if not _missing(row.get(k)) and row.get(k))
    if place:
        facts.append(escape_markdown(place))
    facts.append(escape_markdown(cost_text(row)))
    details = []
    audience = _items(row.get("audience"))
    details.append("For: " + (", ".join(AUDIENCE_LABELS.get(a, escape_markdown(a))
                                        for a in audience) or "all clinicians"))
    if not _missing(row.get("ce_credits")) and float(row["ce_credits"]) > 0:
        details.append(f"CE: {float(row['ce_credits']):g} credits")
    if modalities := _items(row.get("modalities")):
        details.append("Modality: " + escape_markdown(", ".join(modalities)))
    if regions := _items(row.get("serves_regions")):
        details.append("Licensed in: " + escape_markdown(", ".join(regions)))
    if accepting := ACCEPTING_LABELS.get(str(row.get("accepting_members"))):
        details.append(accepting)
    if not _missing(row.get("organizer")) and row.get("organizer"):
        details.append("Organizer: " + escape_markdown(one_line(row.get("organizer"), 120)))
    if not _missing(row.get("last_seen")) and row.get("last_seen"):
        details.append("Last confirmed " + escape_markdown(str(row["last_seen"])[:10]))
    return CardText(heading, when, " · ".join(facts), " · ".join(details))


def render_card(row: Mapping[str, Any], starts: list[datetime], tz_name: str,
                as_of: datetime, key_prefix: str) -> None:
    text = card_text(row, starts, tz_name)
    with st.container(border=True):
        st.markdown(text.heading)
        st.markdown(text.when)
        st.caption(text.facts)
        st.caption(text.details)
        description = few_lines(row.get("description"), 300)
        if description:
            st.text(description)
        cols = st.columns(3)
        source = safe_url(row.get("url")) or safe_url(row.get("source_url"))
        if source:
            cols[0].link_button("Source page", source)
        else:
            cols[0].caption("No safe source link")
        join = safe_url(row.get("online_url"))
        if join and str(row.get("attendance_mode")) in {"online", "hybrid"}:
            cols[1].link_button("Online details", join)
        cols[2].download_button(
            "Add to calendar (.ics)", data=listings_to_ics([row], {row["id"]: starts}, as_of),
            file_name="peermap-listing.ics", mime="text/calendar",
            key=f"{key_prefix}-ics-{row['id']}", on_click="ignore",
        )
