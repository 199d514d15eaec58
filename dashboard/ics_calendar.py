"""iCalendar (.ics) export of search results: one listing or all of them.

Named ics_calendar, not calendar: `streamlit run dashboard/app.py` puts dashboard/ first on
sys.path, where a `calendar.py` would shadow the standard library module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import icalendar
import pandas as pd

from dashboard.safe_text import one_line, safe_url

PRODID = "-//PeerMap//Dashboard//EN"
DEFAULT_DURATION = timedelta(hours=1)


def _aware(value: Any) -> datetime | None:
    if value is None or pd.isna(value):  # NaT is a datetime too
        return None
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize(UTC)
    return stamp.to_pydatetime()


def _event(row: Mapping[str, Any], start: datetime, as_of: datetime) -> icalendar.Event:
    event = icalendar.Event()
    # Stable across exports: the listing id plus the occurrence start identify one meeting.
    event.add("uid", f"{row['id']}-{start.astimezone(UTC):%Y%m%dT%H%M%SZ}@peermap")
    event.add("dtstamp", as_of.astimezone(UTC))
    event.add("dtstart", start)
    event.add("dtend", start + DEFAULT_DURATION)
    event.add("summary", one_line(row.get("title"), 200))
    details = [one_line(row.get("schedule_text"), 300), one_line(row.get("description"), 1500)]
    organizer = one_line(row.get("organizer"), 200)
    if organizer:
        details.append(f"Organizer: {organizer}")
    event.add("description", "\n\n".join(d for d in details if d))
    place = ", ".join(str(row.get(k)) for k in ("venue_name", "street", "city", "region")
                      if row.get(k) and not pd.isna(row.get(k)))
    if place:
        event.add("location", one_line(place, 300))
    link = safe_url(row.get("url")) or safe_url(row.get("source_url"))
    if link and link.startswith(("http://", "https://")):
        event.add("url", link)
    return event


def listings_to_ics(rows: Iterable[Mapping[str, Any]],
                    starts: Mapping[str, list[datetime]], as_of: datetime) -> bytes:
    """A VCALENDAR with one VEVENT per upcoming start (falls back to the row's next_start)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "PeerMap")
    for row in rows:
        times = [t for t in (_aware(s) for s in starts.get(row["id"], [])) if t]
        if not times and (next_start := _aware(row.get("next_start"))):
            times = [next_start]
        for start in times:
            cal.add_component(_event(row, start, as_of))
    return cal.to_ical()


def frame_to_ics(frame: pd.DataFrame, starts: Mapping[str, list[datetime]],
                 as_of: datetime) -> bytes:
    return listings_to_ics(frame.to_dict("records") if not frame.empty else [], starts, as_of)
