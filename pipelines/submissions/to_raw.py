"""Approved submissions as `RawItem`s (format "submissions"), so they take the crawled path.

What the organizer stated and the classifier cannot be trusted to re-derive (the kind, audience,
modalities, languages, CE credits, sliding scale, provenance) travels in `extra["stated"]`; the
ingest stage applies it after classifying (pipelines/ingest/submitted.py). The private
submitter email is never part of a RawItem.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pipelines.submissions.model import Submission
from pipelines.submissions.store import StoredSubmission
from spiders.items import RawItem

FORMAT = "submissions"
SOURCE_ID = "submissions"
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", -1: "last"}
ACCEPTING_TEXT = {"open": "Open to new members.", "waitlist": "Waitlist for new members.",
                  "closed": "Not taking new members right now."}


def provenance_text(confirmed_day: str | None) -> str:
    return f"Suggested by the organizer, confirmed on {confirmed_day or 'not yet'}"


def nth_weekday(day: date) -> int:
    """Which weekday of its month `day` is: 1..4, or -1 for a fifth (kept as 'last')."""
    nth = (day.day - 1) // 7 + 1
    return -1 if nth == 5 else nth


def rrule_for(sub: Submission) -> str | None:
    if sub.pattern == "once":
        return None
    day = date.fromisoformat(sub.date)
    weekday = _DAYS[day.weekday()]
    if sub.pattern == "weekly":
        return f"FREQ=WEEKLY;BYDAY={weekday}"
    if sub.pattern == "biweekly":
        return f"FREQ=WEEKLY;INTERVAL=2;BYDAY={weekday}"
    return f"FREQ=MONTHLY;BYDAY={nth_weekday(day)}{weekday}"


def start_end(sub: Submission) -> tuple[datetime, datetime]:
    start = datetime.combine(date.fromisoformat(sub.date), time.fromisoformat(sub.time),
                             tzinfo=ZoneInfo(sub.timezone))
    return start, start + timedelta(minutes=sub.duration_min)


def _notes(sub: Submission) -> list[str]:
    notes = [ACCEPTING_TEXT.get(sub.accepting_members, "")]
    if sub.attendance_mode in ("online", "hybrid") and not sub.publish_online_url:
        notes.append("Online link: contact the organizer.")
    if sub.associates_welcome:
        notes.append("Associates (pre-licensed clinicians) welcome.")
    return [n for n in notes if n]


def to_raw_item(item: StoredSubmission, source_id: str, source_url: str) -> RawItem:
    sub = item.submission
    start, end = start_end(sub)
    contact = sub.public_contact if sub.publish_contact else ""
    email = contact.removeprefix("mailto:") if "@" in contact and "://" not in contact else None
    audience = list(sub.audience) + (["associate"] if sub.associates_welcome else [])
    return RawItem(
        source_id=source_id,
        format=FORMAT,
        source_url=f"{source_url}#submission-{item.id}",
        title=sub.title,
        uid=f"submission-{item.id}",
        description="\n\n".join(p for p in (sub.description, " ".join(_notes(sub))) if p),
        organizer=sub.organizer_name or None,
        start=start.isoformat(),
        end=end.isoformat(),
        timezone=sub.timezone,
        rrule=rrule_for(sub),
        attendance_mode=sub.attendance_mode,
        venue_name=None if sub.hide_address else (sub.venue_name or None),
        street=None if sub.hide_address else (sub.street or None),
        city=sub.city,
        region=sub.region,
        postal_code=None if sub.hide_address else (sub.postal_code or None),
        country="US",
        online_url=sub.online_url if sub.publish_online_url else None,
        cost_text="Sliding scale" if sub.cost_type == "sliding" else None,
        is_free=sub.cost_type == "free",
        cost_min=sub.cost_min,
        cost_max=sub.cost_max,
        currency="USD" if sub.cost_min is not None or sub.cost_max is not None else None,
        contact_email=email,
        contact_url=contact if contact and email is None else None,
        extra={"submission_id": item.id, "stated": {
            "kind": sub.kind, "audience": audience, "modalities": list(sub.modalities),
            "languages": list(sub.languages), "ce_credits": sub.ce_credits,
            "sliding_scale": sub.cost_type == "sliding",
            "hide_address": sub.hide_address,
            "provenance": provenance_text(item.confirmed_day),
            "confirmed_at": item.confirmed_day,
        }},
    )
