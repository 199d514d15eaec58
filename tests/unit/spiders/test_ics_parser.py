"""ICS parser, one behaviour per test, on tests/fixtures/ics/peer_group.ics (as_of 2025-01-06)."""

from __future__ import annotations

import pytest

from spiders.formats import ics
from spiders.items import ParseResult, RawItem
from tests.support.parser_fixtures import fixture_bytes, make_ctx

URL = "https://example.org/groups.ics"


@pytest.fixture(scope="module")
def result() -> ParseResult:
    return ics.parse(fixture_bytes("ics/peer_group.ics"), make_ctx(URL))


@pytest.fixture(scope="module")
def series(result: ParseResult) -> RawItem:
    return next(i for i in result.items if i.uid == "weekly-consult@example.org")


def test_one_item_per_uid(result: ParseResult) -> None:
    assert [i.uid for i in result.items] == ["weekly-consult@example.org"]
    assert result.events_seen == 4


def test_bad_event_is_a_counted_error_not_an_exception(result: ParseResult) -> None:
    assert len(result.errors) == 1 and "broken@example.org" in result.errors[0]


def test_floating_times_take_x_wr_timezone(series: RawItem) -> None:
    assert series.start == "2025-01-07T18:00:00-06:00"
    assert series.timezone == "America/Chicago"


def test_default_timezone_wins_over_x_wr_timezone() -> None:
    result = ics.parse(fixture_bytes("ics/peer_group.ics"),
                       make_ctx(URL, default_timezone="America/New_York"))
    assert result.items[0].start == "2025-01-07T18:00:00-05:00"


def test_rrule_exdate_rdate_kept_as_text(series: RawItem) -> None:
    assert series.rrule == "FREQ=WEEKLY;COUNT=6;BYDAY=TU"
    assert series.exdates == ["2025-01-14T18:00:00-06:00"]
    assert series.rdates == ["2025-01-16T18:00:00-06:00"]


def test_occurrences_expand_with_exdate_and_rdate(series: RawItem) -> None:
    starts = [o.start[:10] for o in series.occurrences]
    assert starts == ["2025-01-07", "2025-01-16", "2025-01-21", "2025-01-28", "2025-02-04",
                      "2025-02-11"]


def test_recurrence_id_override_moves_and_renames(series: RawItem) -> None:
    moved = series.occurrences[2]
    assert moved.start == "2025-01-21T19:00:00-06:00"
    assert moved.title == "Weekly peer consultation (ethics special)"


def test_recurrence_id_cancellation_marks_one_occurrence(series: RawItem) -> None:
    statuses = {o.start[:10]: o.status for o in series.occurrences}
    assert statuses["2025-01-28"] == "CANCELLED"
    assert statuses["2025-02-04"] == "CONFIRMED"


def test_horizon_limits_expansion() -> None:
    result = ics.parse(fixture_bytes("ics/peer_group.ics"), make_ctx(URL, horizon_days=11))
    assert [o.start[:10] for o in result.items[0].occurrences] == ["2025-01-07", "2025-01-16"]


def test_zoom_link_in_location_becomes_online_url(series: RawItem) -> None:
    assert series.online_url == "https://us02web.zoom.us/j/987654321"
    assert series.attendance_mode == "online"


def test_cost_type_and_url_and_categories(series: RawItem) -> None:
    assert (series.cost_text, series.is_free) == ("free", True)
    assert series.url == "https://example.org/groups/weekly"
    assert series.categories == ["Consultation", "Peer"]


def test_html_description_kept_as_is(series: RawItem) -> None:
    assert series.description == "A <b>weekly</b> group."


def test_latin1_bytes_are_decoded() -> None:
    body = ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Supervisión für Gruppe\r\n"
            "DTSTART:20250110T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode("latin-1")
    assert ics.parse(body, make_ctx(URL)).items[0].title == "Supervisión für Gruppe"


def test_windows_zone_name_maps_to_iana() -> None:
    body = (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:w\r\nSUMMARY:x\r\n"
            b"DTSTART;TZID=Pacific Standard Time:20250110T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    item = ics.parse(body, make_ctx(URL)).items[0]
    assert item.timezone == "America/Los_Angeles"


def test_all_day_keeps_exclusive_end() -> None:
    body = (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:d\r\nSUMMARY:Retreat\r\n"
            b"DTSTART;VALUE=DATE:20250110\r\nDTEND;VALUE=DATE:20250112\r\nEND:VEVENT\r\n"
            b"END:VCALENDAR\r\n")
    item = ics.parse(body, make_ctx(URL)).items[0]
    assert (item.all_day, item.start, item.end, item.extra["end_exclusive"]) == (
        True, "2025-01-10", "2025-01-12", True)


def test_duration_gives_end() -> None:
    body = (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:d\r\nSUMMARY:x\r\n"
            b"DTSTART:20250110T100000Z\r\nDURATION:PT90M\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    assert ics.parse(body, make_ctx(URL)).items[0].end == "2025-01-10T11:30:00+00:00"


def test_missing_uid_gets_stable_content_uid() -> None:
    body = (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\n"
            b"DTSTART:20250110T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    first = ics.parse(body, make_ctx(URL)).items[0].uid
    assert first and first == ics.parse(body, make_ctx(URL)).items[0].uid


def test_empty_feed_is_a_clear_error() -> None:
    result = ics.parse(b"", make_ctx(URL))
    assert (result.items, result.errors) == ([], ["ics: empty feed (0 bytes of calendar data)"])


def test_html_instead_of_calendar_is_a_clear_error() -> None:
    result = ics.parse(b"<html><body>Sign in</body></html>", make_ctx(URL))
    assert result.errors == ["ics: not an iCalendar feed (no BEGIN:VCALENDAR)"]


def test_good_events_survive_a_broken_feed() -> None:
    body = (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:ok\r\nSUMMARY:Kept\r\n"
            b"DTSTART:20250110T100000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:bad\r\n"
            b"DTSTART;TZID=Nowhere:garbage\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    result = ics.parse(body, make_ctx(URL))
    assert [i.title for i in result.items] == ["Kept"] and result.errors


def test_minutely_rule_is_not_expanded() -> None:
    body = (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:m\r\nSUMMARY:x\r\n"
            b"DTSTART:20250106T100000Z\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    result = ics.parse(body, make_ctx(URL))
    assert result.items[0].rrule == "FREQ=SECONDLY" and len(result.items[0].occurrences) <= 1
    assert "not expanded" in result.errors[0]


def test_bare_vevent_without_vcalendar_is_read() -> None:
    body = b"BEGIN:VEVENT\r\nUID:b\r\nSUMMARY:Bare\r\nDTSTART:20250110T100000Z\r\nEND:VEVENT\r\n"
    result = ics.parse(body, make_ctx(URL))
    assert [i.title for i in result.items] == ["Bare"]
