"""One result card, one function per section (so new lines merge cleanly).

Every scraped string is Markdown-escaped; links pass safe_url() again here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
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
NOT_STATED = "not stated"
# The roster parser writes these facts as "Label: value" lines of the description.
_ROSTER_LINE = re.compile(r"^(Accepting supervisees|Telehealth|Sliding scale|Fee):\s*(.+)$", re.M)
# accepting_members -> card line; "unknown" says nothing, so it shows nothing
ACCEPTING_LABELS = {"open": "Openings: taking new members", "waitlist": "Openings: waitlist",
                    "closed": "Openings: currently full"}


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return value is pd.NaT or (isinstance(value, str) and not value.strip())


def _text(row: Mapping[str, Any], key: str, limit: int = 200) -> str:
    value = row.get(key)
    return "" if _missing(value) else one_line(value, limit)


def _items(value: Any) -> list[str]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
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


# -- sections -----------------------------------------------------------------------------------
def heading_line(row: Mapping[str, Any]) -> str:
    kind = str(row.get("kind"))
    return f"{KIND_SWATCHES.get(kind, ':gray[●]')} **{escape_markdown(_text(row, 'title'))}**"


def when_line(row: Mapping[str, Any], starts: list[datetime], tz_name: str) -> str:
    """ONE time line, in the display zone. The schedule text is in the listing's own zone, so
    it is added only when that zone is the display zone (else it would contradict the times)."""
    schedule = _text(row, "schedule_text")
    same_zone = _text(row, "timezone") == tz_name
    if starts:
        line = "Next: " + format_starts(starts, tz_name)
        if schedule and same_zone:
            line += f" ({schedule})"
        return escape_markdown(line)
    if schedule:
        zone = _text(row, "timezone")
        return escape_markdown(schedule + (f" ({zone} time)" if zone and not same_zone else ""))
    return "No upcoming date listed"


TIME_ZONE_NOT_STATED = "Time zone not stated: times are read as UTC and may be off by hours"


def time_note(row: Mapping[str, Any]) -> str:
    """Says so when the source gave no zone and the times are a UTC guess (time_basis)."""
    return TIME_ZONE_NOT_STATED if row.get("time_basis") == "assumed_utc" else ""


def facts_line(row: Mapping[str, Any]) -> str:
    kind = str(row.get("kind"))
    facts = [KIND_LABELS.get(kind, escape_markdown(kind)),
             MODE_LABELS.get(str(row.get("attendance_mode")), "Format not stated")]
    if not _missing(row.get("distance_mi")):
        facts.append(f"{float(row['distance_mi']):.1f} mi away")
    facts.append(escape_markdown(cost_text(row)))
    return " · ".join(facts)


def place_line(row: Mapping[str, Any]) -> str:
    """Venue and street as published (the snapshot already withheld what precision_cap forbids)."""
    if str(row.get("attendance_mode")) == "online":
        return ""
    tail = " ".join(p for p in (_text(row, "region", 40), _text(row, "postal_code", 20)) if p)
    parts = [_text(row, k, 120) for k in ("venue_name", "street", "city")] + [tail]
    text = ", ".join(p for p in parts if p)
    return "📍 " + escape_markdown(text) if text else ""


def contact_line(row: Mapping[str, Any]) -> str:
    """Email, phone and web address where the source published them (links, never HTML)."""
    links = []
    email = _text(row, "contact_email", 200)
    if email and (url := safe_url(f"mailto:{email}")):
        links.append(f"[{escape_markdown(email)}]({url})")
    phone = _text(row, "contact_phone", 40)
    if phone:
        digits = re.sub(r"[^\d+]", "", phone)
        url = safe_url(f"tel:{digits}") if digits else None
        links.append(f"[{escape_markdown(phone)}]({url})" if url else escape_markdown(phone))
    web = safe_url(row.get("contact_url"))
    if web and web.startswith(("http://", "https://")):
        links.append(f"[Website]({web})")
    return "Contact: " + " · ".join(links) if links else ""


def roster_facts(description: Any) -> dict[str, str]:
    return {m.group(1): one_line(m.group(2), 80)
            for m in _ROSTER_LINE.finditer("" if _missing(description) else str(description))}


def supervision_line(row: Mapping[str, Any]) -> str:
    """For supervisors: fee, sliding scale, telehealth, accepting supervisees ("not stated")."""
    if str(row.get("kind")) != "supervision":
        return ""
    facts = roster_facts(row.get("description"))
    sliding = row.get("sliding_scale")
    sliding_text = "yes" if sliding is True else "no" if sliding is False else \
        facts.get("Sliding scale", NOT_STATED)
    mode = str(row.get("attendance_mode"))
    telehealth = "yes" if mode in ("online", "hybrid") else "no" if mode == "in_person" else \
        facts.get("Telehealth", NOT_STATED)
    fee = cost_text(row)
    fee = facts.get("Fee", NOT_STATED) if fee == "Cost not stated" else fee
    parts = [f"Fee: {fee}", f"Sliding scale: {sliding_text}", f"Telehealth: {telehealth}",
             f"Accepting supervisees: {facts.get('Accepting supervisees', NOT_STATED)}"]
    return escape_markdown(" · ".join(parts))


def eligibility_line(row: Mapping[str, Any]) -> str:
    if str(row.get("attendance_mode")) not in ("online", "hybrid"):
        return ""
    regions = _items(row.get("serves_regions"))
    if not regions:
        return "Online eligibility not stated"
    return "Open to clinicians licensed in: " + escape_markdown(", ".join(regions))


def details_line(row: Mapping[str, Any]) -> str:
    details = []
    audience = _items(row.get("audience"))
    details.append("For: " + (", ".join(AUDIENCE_LABELS.get(a, escape_markdown(a))
                                        for a in audience) or "all clinicians"))
    if not _missing(row.get("ce_credits")) and float(row["ce_credits"]) > 0:
        details.append(f"CE: {float(row['ce_credits']):g} credits")
    if modalities := _items(row.get("modalities")):
        details.append("Modality: " + escape_markdown(", ".join(modalities)))
    if accepting := ACCEPTING_LABELS.get(str(row.get("accepting_members"))):
        details.append(accepting)
    if organizer := _text(row, "organizer", 120):
        details.append("Organizer: " + escape_markdown(organizer))
    if provenance := _text(row, "provenance", 120):  # organizer-suggested listings
        details.append(escape_markdown(provenance))
    elif last_seen := _text(row, "last_seen"):
        details.append("Last confirmed " + escape_markdown(last_seen[:10]))
    return " · ".join(details)


@dataclass(frozen=True)
class SourceLink:
    url: str
    label: str  # says which page it is


def source_link(row: Mapping[str, Any], homepage: str | None) -> SourceLink | None:
    """The event's own page, else the source's page for people, else the raw feed (said so)."""
    if (url := safe_url(row.get("url"))) and url.startswith(("http://", "https://")):
        return SourceLink(url, "Event page")
    if (url := safe_url(homepage)) and url.startswith(("http://", "https://")):
        return SourceLink(url, "Source's website")
    if (url := safe_url(row.get("source_url"))) and url.startswith(("http://", "https://")):
        return SourceLink(url, "Source data (raw feed)")
    return None


@dataclass(frozen=True)
class CardText:
    """The card's lines, already escaped for st.markdown ("" = section not shown)."""

    heading: str
    when: str
    time_note: str
    facts: str
    place: str
    contact: str
    supervision: str
    eligibility: str
    details: str


def card_text(row: Mapping[str, Any], starts: list[datetime], tz_name: str) -> CardText:
    return CardText(heading_line(row), when_line(row, starts, tz_name), time_note(row),
                    facts_line(row),
                    place_line(row), contact_line(row), supervision_line(row),
                    eligibility_line(row), details_line(row))


def _actions(row: Mapping[str, Any], calendar: bytes | None, homepage: str | None,
             key_prefix: str) -> None:
    cols = st.columns(3)
    link = source_link(row, homepage)
    if link:
        cols[0].link_button(link.label, link.url)
    else:
        cols[0].caption("No safe source link")
    join = safe_url(row.get("online_url"))
    if join and join.startswith(("http://", "https://")) and \
            str(row.get("attendance_mode")) in {"online", "hybrid"}:
        cols[1].link_button("Online details", join)
    if calendar is not None:
        cols[2].download_button(
            "Add to calendar (.ics)", data=calendar, file_name="peermap-listing.ics",
            mime="text/calendar", key=f"{key_prefix}-ics-{row['id']}", on_click="ignore")
    else:
        cols[2].caption("No date to add to a calendar")


def render_card(row: Mapping[str, Any], starts: list[datetime], tz_name: str,
                as_of: datetime, key_prefix: str,
                occurrences: Sequence[Mapping[str, Any]] | None = None,
                homepage: str | None = None) -> None:
    text = card_text(row, starts, tz_name)
    # keyed by list and listing: the page (and its tests) can find one card ("st-key-card-…")
    with st.container(border=True, key=f"card-{key_prefix}-{row['id']}"):
        st.markdown(text.heading)
        st.markdown(text.when)
        if text.time_note:
            st.caption(text.time_note)
        st.caption(text.facts)
        for line in (text.place, text.supervision, text.eligibility, text.contact):
            if line:
                st.markdown(line)
        st.caption(text.details)
        description = few_lines(row.get("description"), 300)
        if description:
            st.text(description)
        calendar = listings_to_ics([row], {str(row["id"]): list(occurrences or [])}, as_of)
        _actions(row, calendar, homepage, key_prefix)
