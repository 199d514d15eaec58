"""spiders/sites/peer_groups_directory.py against a saved directory page (City Scrapers style).

as_of is Friday 2026-10-30 20:00 UTC: after that day's "last Friday" group, two days before US
daylight saving time ends, so every first start below falls in standard time.
"""

from __future__ import annotations

from datetime import UTC, datetime

from spiders.formats.registry import PARSERS
from spiders.items import ParseContext
from spiders.sites.peer_groups_directory import parse
from tests.support.parser_fixtures import fixture_bytes

AS_OF = datetime(2026, 10, 30, 20, 0, tzinfo=UTC)
URL = "https://example.org/directory/peer-groups.html"
CTX = ParseContext(source_id="test-directory", url=URL, as_of=AS_OF,
                   default_timezone="America/Denver", default_region="WY")
RESULT = parse(fixture_bytes("sites/peer_groups_directory.html"), CTX)
BY_TITLE = {item.title: item for item in RESULT.items}
CASPER = BY_TITLE["EMDR Peer Consultation Group — Casper"]
BISMARCK = BY_TITLE["DBT Consultation Team (Bismarck)"]
PERINATAL = BY_TITLE["Perinatal Mental Health Peer Consult (online)"]
RURAL = BY_TITLE["Rural Clinicians Weekly Check-in"]
IFS = BY_TITLE["IFS Study & Consultation Circle"]


def test_is_registered_as_a_site_format():
    assert PARSERS["site:peer_groups_directory"] is parse


def test_every_card_is_an_item():
    assert RESULT.events_seen == 5
    assert len(RESULT.items) == 5


def test_title_decodes_entities():
    assert "EMDR Peer Consultation Group — Casper" in BY_TITLE


def test_uid_is_the_card_id():
    assert CASPER.uid == "casper-emdr"
    assert CASPER.url == URL + "#casper-emdr"


def test_uid_falls_back_to_a_stable_hash_of_the_title():
    again = parse(fixture_bytes("sites/peer_groups_directory.html"), CTX)
    rural_again = next(i for i in again.items if i.title == RURAL.title)
    assert RURAL.uid and RURAL.uid.startswith("sha1:")
    assert rural_again.uid == RURAL.uid


def test_nth_weekday_becomes_a_monthly_rule():
    assert CASPER.rrule == "FREQ=MONTHLY;BYDAY=2TU"


def test_two_ordinals_become_one_monthly_rule():
    assert BISMARCK.rrule == "FREQ=MONTHLY;BYDAY=1TH,3TH"


def test_last_weekday_becomes_minus_one():
    assert PERINATAL.rrule == "FREQ=MONTHLY;BYDAY=-1FR"


def test_every_weekday_becomes_a_weekly_rule():
    assert RURAL.rrule == "FREQ=WEEKLY;BYDAY=WE"


def test_first_start_crosses_the_dst_change_in_local_time():
    # as_of is in MDT (-06:00); the next last Friday (Nov 27) is in MST (-07:00), still at noon.
    assert PERINATAL.start == "2026-11-27T12:00:00-07:00"
    assert PERINATAL.end == "2026-11-27T13:00:00-07:00"


def test_first_start_is_the_next_occurrence_after_as_of():
    assert CASPER.start == "2026-11-10T12:00:00-07:00"
    assert RURAL.start == "2026-11-04T08:00:00-07:00"


def test_pm_on_the_end_time_applies_to_the_start_and_zone_suffix_wins():
    assert BISMARCK.start == "2026-11-05T19:00:00-06:00"
    assert BISMARCK.end == "2026-11-05T20:30:00-06:00"
    assert BISMARCK.timezone == "America/Chicago"


def test_online_card_has_no_address():
    assert PERINATAL.attendance_mode == "online"
    assert PERINATAL.location_text is None


def test_address_line_is_location_text():
    assert CASPER.location_text == "Cedar Hall Community Room, 410 S Center St, Casper, WY 82601"
    assert CASPER.attendance_mode is None


def test_hybrid_card_keeps_the_address_without_the_zoom_words():
    assert BISMARCK.attendance_mode == "hybrid"
    assert BISMARCK.location_text == "200 E Main Ave, Bismarck, ND 58501"


def test_fee_text_is_kept_as_written():
    assert BISMARCK.cost_text == "$15 per session, sliding scale available"


def test_contact_links_become_email_and_url():
    assert CASPER.contact_email == "emdr.casper@example.org"
    assert CASPER.contact_url == "https://example.org/groups/casper-emdr"


def test_mailto_query_is_dropped():
    assert PERINATAL.contact_email == "perinatal@example.org"


def test_plain_text_email_is_found():
    assert RURAL.contact_email == "rural.checkin@example.org"


def test_javascript_link_is_dropped():
    assert BISMARCK.contact_url is None
    assert BISMARCK.contact_email is None
    assert BISMARCK.contact_phone == "+17015550142"


def test_audience_reaches_the_description():
    assert PERINATAL.description and "Audience: LMFTs, LPCs, LCSWs" in PERINATAL.description


def test_unreadable_when_keeps_the_item_without_a_start():
    assert IFS.start is None and IFS.rrule is None


def test_unreadable_when_is_counted_as_an_error():
    assert RESULT.errors == [
        "'IFS Study & Consultation Circle': cannot read When "
        "'By arrangement with the facilitator'"]


def test_page_without_cards_is_one_error():
    result = parse(b"<html><body><p>Moved</p></body></html>", CTX)
    assert result.items == [] and len(result.errors) == 1
