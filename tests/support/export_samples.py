"""Sample listings and sources for the export tests (kind other, suppressed, injection, capped)."""

from __future__ import annotations

from datetime import UTC, datetime

from pipelines.core.model import Listing, Occurrence
from pipelines.core.registry import Source

AS_OF = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
INJECTION = ('Evil <script>alert("x")</script>, group; \\ "quoted"\r\nBEGIN:VEVENT\n'
             'END:VCALENDAR </script><!--')
LONG_TEXT = ("Peer consultation für Therapeut:innen — ümlauts, emoji 🧠 and a long line. " * 8)


def sample_listings() -> list[Listing]:
    return [
        Listing(
            id="tx-austin-consult", kind="consult_group", title="Austin Peer Consultation",
            source_id="tx-cal", source_url="https://example.org/cal.ics",
            description=LONG_TEXT, organizer="Austin Counselors Network",
            attendance_mode="in_person", start="2026-11-03T18:00:00-06:00",
            end="2026-11-03T19:30:00-06:00", timezone="America/Chicago",
            rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270601T000000Z",
            schedule_text="Every other Tuesday 6-7:30pm", venue_name="Community Room",
            street="100 Congress Ave", city="Austin", region="TX", postal_code="78701",
            country="US", lat=30.2671534, lon=-97.7430608, geo_precision="address",
            is_free=True, audience=["counselor", "mft"], languages=["en", "es"],
            contact_email="host@example.org", contact_phone="+1 512 555 0100",
            url="https://example.org/groups/austin",
            occurrences=[
                Occurrence("2026-11-03T18:00:00-06:00", "2026-11-03T19:30:00-06:00"),
                Occurrence("2026-12-01T18:00:00-06:00", "2026-12-01T19:30:00-06:00"),
                Occurrence("2026-12-15T18:00:00-06:00", "2026-12-15T19:30:00-06:00",
                           status="cancelled"),
                Occurrence("2026-12-29T18:00:00-06:00", "2026-12-29T19:30:00-06:00",
                           title="Holiday special session"),
            ],
        ),
        Listing(
            id="ce-ethics-online", kind="peer_event", title="Ethics CE workshop",
            source_id="ce-feed", source_url="https://example.com/events/",
            attendance_mode="online", start="2026-12-05T10:00:00-08:00",
            end="2026-12-05T13:00:00-08:00", timezone="America/Los_Angeles",
            online_url="https://zoom.example.com/j/1", serves_regions=["CA", "TX"],
            cost_min=25.0, cost_max=40.0, currency="USD", ce_credits=3.0,
            ce_approvals=["NBCC"], organizer="Pacific CE Collective",
            occurrences=[Occurrence("2026-12-05T10:00:00-08:00", "2026-12-05T13:00:00-08:00")],
        ),
        Listing(
            id="roster-supervisor-1", kind="supervision", title="Low-cost LPC supervision",
            source_id="roster", source_url="https://example.net/roster.csv",
            attendance_mode="in_person", city="Houston", region="TX", country="US",
            street="1 Private Home Ln", postal_code="77002", lat=29.7589382, lon=-95.3676974,
            geo_precision="address", sliding_scale=True, cost_min=40.0, cost_max=40.0,
            currency="USD",
        ),
        Listing(
            id="hybrid-injection", kind="peer_event", title=INJECTION,
            source_id="ce-feed", source_url="https://example.com/events/",
            description="Line one\nLine two; with, punctuation \\ backslash",
            attendance_mode="hybrid", venue_name="Hall <b>A</b>", city="Denver", region="CO",
            country="US", lat=39.7392358, lon=-104.990251, geo_precision="city",
            url="javascript:alert(1)", online_url="https://meet.example.com/x",
            all_day=True, timezone="America/Denver", start="2026-12-10", end="2026-12-11",
            occurrences=[Occurrence("2026-12-10T00:00:00-07:00", "2026-12-11T00:00:00-07:00")],
        ),
        Listing(
            id="zz-other", kind="other", title="Yoga retreat", source_id="ce-feed",
            source_url="https://example.com/events/",
            occurrences=[Occurrence("2026-12-02T10:00:00-08:00")],
        ),
        Listing(
            id="zz-suppressed", kind="consult_group", title="Asked to be removed",
            source_id="tx-cal", source_url="https://example.org/cal.ics", region="TX",
            occurrences=[Occurrence("2026-12-03T10:00:00-06:00")],
        ),
    ]


SOURCES = [
    Source(id="tx-cal", name="Texas Counselors Calendar", url="https://example.org/cal.ics",
           format="ics", terms="Public calendar; reuse with attribution",
           attribution="Texas Counselors Calendar (example.org)"),
    Source(id="ce-feed", name="CE Events", url="https://example.com/events/", format="tribe",
           precision_cap="address"),
    Source(id="roster", name="Supervisor Roster", url="https://example.net/roster.csv",
           format="roster", terms="Individuals' data: city-level only",
           attribution="Example Board roster", precision_cap="city"),
]
