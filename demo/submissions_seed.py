"""Fictional organizer suggestions for the demo, one per state a reviewer should see:
approved (on the map), pending (in `peermap submissions list --status pending`), rejected,
and one approved so long ago that the demo run expires it. Dates are relative to `as_of`."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from pipelines.submissions.store import SubmissionStore
from pipelines.submissions.validate import check_form

_BASE: dict[str, Any] = {
    "description": "Fictional demo data.", "time": "12:00", "duration_min": 60,
    "timezone": "America/Chicago", "attendance_mode": "in_person", "cost_type": "free",
    "audience": ["counselor", "social_worker"], "languages": ["en"], "consent": True,
    "accepting_members": "open", "publish_contact": True,
}
SEEDS: list[tuple[str, dict[str, Any]]] = [
    ("approved", {"kind": "consult_group", "title": "Hill Country DBT Consultation Team",
                  "pattern": "weekly", "street": "100 Main St", "city": "Fredericksburg",
                  "region": "TX", "postal_code": "78624", "modalities": ["DBT"],
                  "organizer_name": "Dana Ortiz (fictional)", "public_contact": "dana@example.org",
                  "associates_welcome": True}),
    ("approved", {"kind": "supervision", "title": "Sliding-scale LPC-S supervision, Big Bend",
                  "pattern": "biweekly", "hide_address": True, "city": "Alpine", "region": "TX",
                  "postal_code": "79830", "attendance_mode": "hybrid",
                  "online_url": "https://zoom.us/j/0000000000", "cost_type": "sliding",
                  "cost_min": 20, "cost_max": 60, "organizer_name": "R. Vega, LPC-S (fictional)",
                  "public_contact": "https://example.org/vega"}),
    ("pending", {"kind": "peer_event", "title": "Rural Clinicians Peer Lunch",
                 "pattern": "monthly_nth", "street": "2 Court Sq", "city": "Marfa",
                 "region": "TX", "postal_code": "79843", "organizer_name": "Sam Lee (fictional)",
                 "public_contact": "sam@example.org"}),
    ("rejected", {"kind": "consult_group", "title": "Buy followers fast", "pattern": "weekly",
                  "street": "1 Spam Rd", "city": "Austin", "region": "TX", "postal_code": "78701",
                  "organizer_name": "spam", "public_contact": "https://spam.example"}),
    ("expired", {"kind": "consult_group", "title": "Panhandle EMDR Consultation (lapsed)",
                 "pattern": "weekly", "street": "9 Polk St", "city": "Amarillo", "region": "TX",
                 "postal_code": "79101", "modalities": ["EMDR"],
                 "organizer_name": "J. Moss (fictional)", "public_contact": "moss@example.org"}),
]


def seed_submissions(path: Path, as_of: datetime, ttl_days: int = 120) -> int:
    """Write the demo suggestions once (an existing store is left alone); return how many."""
    if path.exists():
        return 0
    first = (as_of - timedelta(days=7)).date()
    with SubmissionStore(path) as store:
        for n, (state, fields) in enumerate(SEEDS, start=1):
            values = {**_BASE, "date": first.isoformat(),
                      "submitter_email": f"organizer{n}@private.example", **fields}
            sub, errors = check_form(values, today=first)
            if sub is None:
                raise ValueError(f"demo submission {fields['title']!r}: {errors}")
            # The lapsed one was approved longer ago than the TTL: the demo run expires it.
            when = as_of - timedelta(days=ttl_days + 10 if state == "expired" else 3)
            sid, _token = store.submit(sub, when)
            if state in ("approved", "expired"):
                store.transition(sid, "approved", when, actor="operator")
            elif state == "rejected":
                store.transition(sid, "rejected", when, actor="operator",
                                 reason="spam, not a peer group")
    return len(SEEDS)
