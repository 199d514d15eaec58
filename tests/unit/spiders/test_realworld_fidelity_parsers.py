"""Issue 13 regressions at the parser layer: real (tests/fixtures/realworld) or faithfully
reduced samples, a frozen as_of, one behaviour per test."""

from __future__ import annotations

from datetime import UTC, datetime

from spiders.common.dates import repair_iso
from spiders.common.rrule import clean_rrule
from spiders.formats import ics, roster, tribe
from spiders.formats.registry import detect_format
from spiders.items import ParseContext
from tests.support.paths import FIXTURES

CORPUS = FIXTURES / "realworld"
AS_OF = datetime(2015, 7, 1, tzinfo=UTC)


def ctx(as_of: datetime = AS_OF, **kw: object) -> ParseContext:
    return ParseContext(source_id="t", url="https://example.org/feed", as_of=as_of,
                        horizon_days=120, **kw)  # type: ignore[arg-type]


# ---------------------------------------------------------------- dates (class 2)
def test_unpadded_date_is_repaired() -> None:
    assert repair_iso("2019-9-20T08:30") == "2019-09-20T08:30:00"


def test_single_digit_zero_offset_is_repaired() -> None:
    assert repair_iso("2024-5-28T16:30+0:00") == "2024-05-28T16:30:00+00:00"


def test_dashes_in_the_time_are_repaired() -> None:
    assert repair_iso("2019-9-20T08-08-30-00") == "2019-09-20T08:30:00"


def test_unreadable_date_is_none_not_a_guess() -> None:
    assert repair_iso("next Tuesday") is None and repair_iso("2024-13-01") is None


# ---------------------------------------------------------------- RRULE (class 5)
def test_rrule_with_spaces_and_escapes_is_cleaned() -> None:
    rule, warnings = clean_rrule("FREQ=DAILY\\;UNTIL=20150722T080000Z\\;BYDAY=MO\\, TU\\, WE")
    assert rule == "FREQ=DAILY;UNTIL=20150722T080000Z;BYDAY=MO,TU,WE" and warnings


def test_rrule_unknown_part_dropped_with_a_warning() -> None:
    rule, warnings = clean_rrule("freq=weekly;byday=mo;X-FOO=1")
    assert rule == "FREQ=WEEKLY;BYDAY=MO"
    assert any("X-FOO" in w for w in warnings)


def test_unreadable_rrule_is_none_with_a_warning() -> None:
    rule, warnings = clean_rrule("FREQ=FORTNIGHTLY")
    assert rule is None and "single occurrence" in warnings[-1]


def test_ics_rule_with_spaces_folded_mid_rule_expands() -> None:
    body = (CORPUS / "ics" / "icalendar_cdo_gmt_plus_0100_tzid.ics").read_bytes()
    result = ics.parse(body, ctx())
    (item,) = result.items
    assert item.rrule is not None and " " not in item.rrule and "BYDAY=MO,TU,WE,TH,FR" in item.rrule


def test_ics_unreadable_rule_keeps_the_event() -> None:
    body = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x1\r\nSUMMARY:Peer group\r\n"
            b"DTSTART:20150706T170000Z\r\nRRULE:FREQ=SOMETIMES;BYDAY=MO\r\nEND:VEVENT\r\n"
            b"END:VCALENDAR\r\n")
    result = ics.parse(body, ctx())
    (item,) = result.items
    assert item.rrule is None and [o.start for o in item.occurrences] == [
        "2015-07-06T17:00:00+00:00"]
    assert any("cannot be read" in e for e in result.errors)


# ---------------------------------------------------------------- TEC single event (class 6)
def test_tec_single_event_object_is_one_item() -> None:
    body = (CORPUS / "tribe" / "cityscrapers_hacc_single_event.json").read_bytes()
    result = tribe.parse(body, ctx(datetime(2018, 5, 1, tzinfo=UTC)))
    (item,) = result.items
    assert item.title == "Entrepreneurship Boot Camp Session 2, Marketing Plan"
    assert item.start == "2018-05-11T15:00:00+00:00"


def test_tec_single_event_is_detected_as_tribe() -> None:
    body = (CORPUS / "tribe" / "cityscrapers_hacc_single_event.json").read_bytes()
    assert detect_format(body, "https://example.org/x.json", "application/json") == "tribe"


# ---------------------------------------------------------------- rosters (class 11)
def test_roster_first_and_last_name_columns_make_the_name() -> None:
    body = b"last_name,first_name,state,phone\nBrown,Sherrod,OH,202-224-2315\n"
    (item,) = roster.parse(body, ctx()).items
    assert item.organizer == "Sherrod Brown" and item.contact_phone == "202-224-2315"


def test_roster_credential_after_a_comma_in_the_name() -> None:
    body = b'id,name,title\n4,"Howard Lader, LCSW","Manager, Senior Peer Counseling"\n'
    (item,) = roster.parse(body, ctx()).items
    assert item.organizer == "Howard Lader" and item.extra["credential"] == "LCSW"


def test_roster_organization_column_beats_domain_name() -> None:
    body = (b"Domain name,Domain type,Organization name,City,State\n"
            b"access-board.gov,Federal,Access Board,Washington,DC\n")
    (item,) = roster.parse(body, ctx()).items
    assert item.organizer == "Access Board" and item.region == "DC"


def test_roster_same_person_on_two_rows_is_two_items() -> None:
    body = b"id,name,title\n8,Bart Charlow,Director\n9,Bart Charlow,Director\n"
    assert len(roster.parse(body, ctx()).items) == 2


def test_roster_contact_cell_becomes_the_phone() -> None:
    body = b"Name,Contact,Location\nAna Ruiz,(512) 555-0100,Austin TX 78701\n"
    (item,) = roster.parse(body, ctx()).items
    assert item.contact_phone == "(512) 555-0100" and item.location_text == "Austin TX 78701"


# ---------------------------------------------------------------- Windows display names (class 1)
def test_windows_display_names_map_to_iana() -> None:
    from spiders.common.timezones import to_iana
    assert to_iana("(UTC-05:00) Eastern Time (US & Canada)") == "America/New_York"
    assert to_iana("(GMT+10:00) Canberra, Melbourne, Sydney") == "Australia/Sydney"


def test_japanese_display_name_tzid_is_tokyo() -> None:
    body = (CORPUS / "ics" / "icalnet_google_japanese_display_tz.ics").read_bytes()
    (item,) = ics.parse(body, ctx(datetime(2010, 1, 1, tzinfo=UTC))).items
    assert item.timezone == "Asia/Tokyo"
