"""Approved submissions → RawItem → Listing: schedule, privacy choices, organizer's kind kept."""

from __future__ import annotations

from datetime import UTC, datetime

from pipelines.ingest.listing import raw_to_listing
from pipelines.ingest.submitted import kind_disagreement
from pipelines.submissions.model import Submission
from pipelines.submissions.store import StoredSubmission
from pipelines.submissions.to_raw import rrule_for, to_raw_item
from tests.support.submissions import SECRET_EMAIL, good_submission

AS_OF = datetime(2026, 3, 2, 15, tzinfo=UTC)


def _item(sub: Submission, state: str = "approved") -> StoredSubmission:
    return StoredSubmission(7, state, sub, "2026-03-01T10:00:00+00:00",
                            "2026-03-02T10:00:00+00:00", "2026-03-02T10:00:00+00:00",
                            "2026-03-02T10:00:00+00:00")


def test_patterns_become_rrules_from_the_first_date():
    assert rrule_for(good_submission(pattern="weekly", date="2026-03-10")) == "FREQ=WEEKLY;BYDAY=TU"
    assert rrule_for(good_submission(pattern="biweekly", date="2026-03-10")) == \
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    assert rrule_for(good_submission(pattern="monthly_nth", date="2026-03-10")) == \
        "FREQ=MONTHLY;BYDAY=2TU"
    assert rrule_for(good_submission(pattern="monthly_nth", date="2026-03-31")) == \
        "FREQ=MONTHLY;BYDAY=-1TU"
    assert rrule_for(good_submission(pattern="once", date="2026-03-10")) is None


def test_the_listing_keeps_provenance_and_never_the_submitter_email():
    sub = good_submission()
    sub.submitter_email = SECRET_EMAIL  # even if it were loaded, it must not travel
    raw = to_raw_item(_item(sub), "submissions", "https://peermap.example/suggest")
    assert SECRET_EMAIL not in repr(raw.to_dict())
    listing = raw_to_listing(raw, as_of=AS_OF)
    assert listing.source_id == "submissions"
    assert listing.provenance == "Suggested by the organizer, confirmed on 2026-03-02"
    assert listing.confirmed_at == "2026-03-02"
    assert listing.schedule_text and "Tue" in listing.schedule_text
    assert listing.next_occurrences[0].startswith("2026-03-10T12:00:00-05:00")
    assert SECRET_EMAIL not in repr(listing.to_dict())
    assert listing.contact_email == "dana@example.org"
    assert "associate" in listing.audience and listing.modalities == ["DBT"]


def test_hidden_address_and_unticked_online_link_stay_private():
    sub = good_submission(attendance_mode="hybrid", street="", venue_name="Home office",
                          hide_address=True, online_url="https://zoom.us/j/123",
                          publish_online_url=False, publish_contact=False)
    listing = raw_to_listing(to_raw_item(_item(sub), "submissions", "https://x.example/s"),
                             as_of=AS_OF)
    assert listing.street is None and listing.venue_name is None and listing.postal_code is None
    assert listing.city == "Fredericksburg" and listing.online_url is None
    assert "contact the organizer" in listing.description
    assert listing.contact_email is None and listing.contact_url is None


def test_the_organizers_kind_is_kept_and_a_disagreement_is_flagged():
    sub = good_submission(kind="supervision", title="DBT consultation group",
                          description="A peer consultation group for DBT therapists.")
    raw = to_raw_item(_item(sub), "submissions", "https://x.example/s")
    assert raw_to_listing(raw, as_of=AS_OF).kind == "supervision"
    flag = kind_disagreement(raw, "consult_group")
    assert flag is not None and "'supervision' (kept)" in flag
    assert kind_disagreement(raw, "supervision") is None
