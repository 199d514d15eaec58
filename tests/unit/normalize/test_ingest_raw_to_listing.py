"""raw_to_listing: the one path from a parser's RawItem to a validated Listing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipelines.ingest.listing import provisional_id, raw_items_to_listings, raw_to_listing
from spiders.items import ParseContext, RawItem, RawOccurrence
from tests.support.paths import REALWORLD

AS_OF = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)
REALWORLD = REALWORLD


def _raw(**overrides) -> RawItem:
    base = dict(
        source_id="austin-peers", format="ics", source_url="https://example.org/cal.ics",
        title="EMDR Consultation Group", uid="uid-1",
        description="<p>Monthly EMDR case consultation for therapists.</p>",
        start="2026-02-05T12:00:00", end="2026-02-05T13:00:00", timezone="America/Chicago",
    )
    base.update(overrides)
    return RawItem(**base)


def test_title_status_marker_is_stripped_and_sets_status():
    listing = raw_to_listing(_raw(title="CANCELLED - EMDR Consultation Group"), as_of=AS_OF)
    assert (listing.title, listing.status) == ("EMDR Consultation Group", "cancelled")
    assert listing.status_evidence == "title: CANCELLED -"


def test_unrelated_cancelled_sentence_keeps_listing_scheduled():
    raw = _raw(description="Late-cancelled sessions are billed. Cancellation policy applies.")
    assert raw_to_listing(raw, as_of=AS_OF).status == "scheduled"


def test_description_html_becomes_plain_text_without_scripts():
    raw = _raw(description="<p>Hello &amp; welcome</p><script>steal()</script>"
                           '<a href="javascript:x()">click</a>')
    assert raw_to_listing(raw, as_of=AS_OF).description == "Hello & welcome\nclick"


def test_naive_times_get_the_event_zone_offset():
    listing = raw_to_listing(_raw(), as_of=AS_OF)
    assert (listing.start, listing.end, listing.timezone) == (
        "2026-02-05T12:00:00-06:00", "2026-02-05T13:00:00-06:00", "America/Chicago")


def test_default_timezone_used_when_item_has_none():
    listing = raw_to_listing(_raw(timezone=None), as_of=AS_OF, default_timezone="America/New_York")
    assert listing.start == "2026-02-05T12:00:00-05:00"


def test_utc_times_are_shown_in_the_event_zone():
    listing = raw_to_listing(_raw(start="2026-02-05T18:00:00Z", end=None), as_of=AS_OF)
    assert listing.start == "2026-02-05T12:00:00-06:00"


def test_all_day_keeps_dates():
    listing = raw_to_listing(_raw(start="2026-02-10", end="2026-02-11", all_day=True),
                             as_of=AS_OF)
    assert (listing.start, listing.end, listing.all_day) == ("2026-02-10", "2026-02-11", True)
    assert listing.next_occurrences == ["2026-02-10"]


def test_rrule_gives_schedule_text_and_next_occurrences():
    listing = raw_to_listing(_raw(rrule="FREQ=MONTHLY;BYDAY=1TH"), as_of=AS_OF)
    assert listing.schedule_text == "1st Thursday, 12:00–13:00 Central"
    assert listing.next_occurrences == [
        "2026-02-05T12:00:00-06:00", "2026-03-05T12:00:00-06:00", "2026-04-02T12:00:00-05:00",
    ]


def test_next_occurrences_capped_at_five():
    listing = raw_to_listing(_raw(rrule="FREQ=WEEKLY"), as_of=AS_OF)
    assert len(listing.next_occurrences) == 5
    assert len(listing.occurrences) > 5


def test_exdate_removes_an_occurrence():
    raw = _raw(rrule="FREQ=WEEKLY", exdates=["2026-02-12T12:00:00-06:00"])
    starts = [o.start for o in raw_to_listing(raw, as_of=AS_OF).occurrences]
    assert "2026-02-12T12:00:00-06:00" not in starts and "2026-02-19T12:00:00-06:00" in starts


def test_parser_occurrences_are_used_and_cancelled_ones_skipped_in_next():
    raw = _raw(rrule="FREQ=WEEKLY", occurrences=[
        RawOccurrence(start="2026-02-05T12:00:00-06:00", status="CANCELLED"),
        RawOccurrence(start="2026-02-12T12:00:00-06:00", title="[Rescheduled] EMDR"),
        RawOccurrence(start="2026-01-01T12:00:00-06:00"),
    ])
    listing = raw_to_listing(raw, as_of=AS_OF)
    assert [(o.start, o.status) for o in listing.occurrences] == [
        ("2026-02-05T12:00:00-06:00", "cancelled"), ("2026-02-12T12:00:00-06:00", "scheduled")]
    assert listing.occurrences[1].title == "EMDR"
    assert listing.next_occurrences == ["2026-02-12T12:00:00-06:00"]
    assert listing.status == "scheduled"


def test_past_one_off_has_no_upcoming_occurrence():
    listing = raw_to_listing(_raw(start="2025-05-01T12:00:00", end=None), as_of=AS_OF)
    assert listing.occurrences == [] and listing.next_occurrences == []


def test_source_coordinates_kept_for_in_person():
    raw = _raw(lat=30.27, lon=-97.74, venue_name=" Eastside Hub ", street="", city="Austin",
               description="Meets in person.")
    listing = raw_to_listing(raw, as_of=AS_OF)
    assert (listing.lat, listing.lon, listing.geo_precision) == (30.27, -97.74, "source")
    assert (listing.venue_name, listing.street, listing.city) == ("Eastside Hub", None, "Austin")


def test_online_listing_keeps_no_coordinates():
    raw = _raw(lat=30.27, lon=-97.74, online_url="https://zoom.us/j/123",
               attendance_mode="OnlineEventAttendanceMode")
    listing = raw_to_listing(raw, as_of=AS_OF)
    assert (listing.attendance_mode, listing.lat, listing.geo_precision) == ("online", None, "none")
    assert listing.online_url == "https://zoom.us/j/123"


def test_contacts_are_validated():
    raw = _raw(contact_url="javascript:alert(1)", contact_email="Lead@Example.ORG",
               contact_phone="(512) 555-0142", url="data:text/html,x")
    listing = raw_to_listing(raw, as_of=AS_OF)
    assert (listing.contact_url, listing.contact_email, listing.contact_phone, listing.url) == (
        None, "Lead@example.org", "+15125550142", None)


def test_online_url_found_in_description():
    raw = _raw(description="Join at https://us02web.zoom.us/j/555?pwd=x.")
    assert raw_to_listing(raw, as_of=AS_OF).online_url == "https://us02web.zoom.us/j/555?pwd=x"


def test_id_is_deterministic_and_provisional():
    a, b = raw_to_listing(_raw(), as_of=AS_OF), raw_to_listing(_raw(), as_of=AS_OF)
    assert a.id == b.id == provisional_id(_raw()) and len(a.id) == 16
    assert raw_to_listing(_raw(uid="uid-2"), as_of=AS_OF).id != a.id


def test_classification_fields_are_copied():
    raw = _raw(description="For TX LPC-Associates. $30 for associates, $60 licensed. "
                           "3 CE hours (NBCC). Via Zoom.", categories=[" Consultation ", ""])
    listing = raw_to_listing(raw, as_of=AS_OF)
    assert listing.kind == "consult_group"
    assert (listing.cost_min, listing.cost_max, listing.currency) == (30, 60, "USD")
    assert (listing.ce_credits, listing.ce_approvals) == (3.0, ["NBCC"])
    assert listing.audience == ["counselor", "associate"]
    assert listing.serves_regions == ["TX"]
    assert listing.categories == ["Consultation"]


def test_roster_row_becomes_a_supervision_offer():
    raw = RawItem(source_id="tx-roster", format="roster", source_url="https://example.org/r.csv",
                  title="Jane Doe, LPC-S", uid="row-7", city="Austin", region="TX",
                  cost_text="$40/hr", contact_email="jane@example.org",  # as the roster parser
                  extra={"license_type": "LPC-S", "sliding_scale": "Yes", "telehealth": "yes"})
    listing = raw_to_listing(raw, as_of=AS_OF)
    assert (listing.kind, listing.start, listing.sliding_scale) == ("supervision", None, True)
    assert (listing.cost_min, listing.attendance_mode) == (40, "online")
    assert listing.serves_regions == ["TX"]
    assert listing.contact_email == "jane@example.org"


def test_batch_turns_a_bad_item_into_an_error():
    good = _raw()
    bad = _raw(uid="broken-uid", title="   ")
    listings, errors = raw_items_to_listings([good, bad], as_of=AS_OF)
    assert len(listings) == 1
    assert len(errors) == 1 and "broken-uid" in errors[0]


def test_naive_as_of_is_refused():
    with pytest.raises(ValueError):
        raw_to_listing(_raw(), as_of=datetime(2026, 2, 1))


def test_realworld_cancelled_jsonld_event():
    page = REALWORLD / "jsonld" / "extruct__schemaorg_event_004.html"
    if not page.exists():
        pytest.skip(f"real-world samples not present at {page}")
    from spiders.formats import jsonld

    as_of = datetime(2013, 9, 1, tzinfo=UTC)
    result = jsonld.parse(page.read_bytes(), ParseContext(
        source_id="extruct", url="https://example.org/event", as_of=as_of))
    listings, errors = raw_items_to_listings(result.items, as_of=as_of)
    assert errors == [] and listings
    assert listings[0].status == "cancelled"
    assert not listings[0].title.upper().startswith("CANCELLED")


def test_address_fields_are_capped_one_line_text():
    from datetime import UTC, datetime

    from pipelines.ingest.listing import raw_to_listing
    from spiders.items import RawItem

    raw = RawItem(source_id="s", format="ics", source_url="https://example.org/f.ics",
                  title="Peer consultation group", city="<b>Austin</b>\n" + "x" * 20_000)
    listing = raw_to_listing(raw, as_of=datetime(2026, 11, 1, tzinfo=UTC))
    assert listing.city.startswith("Austin x") and len(listing.city) <= 200
