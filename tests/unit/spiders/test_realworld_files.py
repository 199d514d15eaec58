"""Every real-world sample in ../shared/realworld/{ics,jsonld} parsed with the right parser.

Each file has its own facts (read off the file itself); a new file without facts fails
`test_every_file_has_facts`, so nobody adds samples that nothing checks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from spiders.discover import discover
from spiders.formats.html_data import jsonld_blocks
from spiders.formats.registry import PARSERS, detect_format
from spiders.items import ParseContext, ParseResult, RawItem
from tests.support.paths import REALWORLD

REALWORLD = REALWORLD
pytestmark = pytest.mark.skipif(
    not REALWORLD.is_dir(), reason=f"real-world samples not present at {REALWORLD}")


def utc(iso: str | None) -> str:
    assert iso is not None
    return datetime.fromisoformat(iso).astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


def parse(folder: str, name: str, as_of: datetime, fmt: str, **kw: object) -> ParseResult:
    body = (REALWORLD / folder / name).read_bytes()
    ctx = ParseContext(source_id="rw", url=kw.pop("url", f"https://example.org/{name}"),
                       as_of=as_of, **kw)  # type: ignore[arg-type]
    return PARSERS[fmt](body, ctx)


def by_title(result: ParseResult, title: str) -> RawItem:
    return next(i for i in result.items if i.title == title)


def at(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, tzinfo=UTC)


# ---------------------------------------------------------------- iCalendar facts, per file
def ics_basic_latin1() -> None:
    r = parse("ics", "icalevents__basic_latin1.ics", at(2017, 7, 1), "ics")
    assert len(r.items) == 95 and not r.errors
    item = by_title(r, "graue Restmülltonne")
    assert item.location_text == "Luitpoldstraße, Treuchtlingen"
    assert item.all_day and item.start == "2017-07-12"


def ics_cest_with_deleted() -> None:
    r = parse("ics", "icalevents__cest_with_deleted.ics", at(2021, 11, 11), "ics")
    (item,) = r.items
    assert item.timezone == "Europe/Berlin"  # Windows "W. Europe Standard Time"
    assert utc(item.start) == "2021-11-11T07:00Z"
    assert len(item.exdates) == 2
    assert [o.start[:10] for o in item.occurrences] == ["2021-11-11", "2021-11-13", "2021-11-15"]


def ics_duration() -> None:
    r = parse("ics", "icalevents__duration.ics", at(2018, 1, 1), "ics")
    ends = {(i.start, i.end) for i in r.items}
    assert ("2018-01-10", "2018-01-13") in ends  # DURATION:P3D
    assert ("2018-01-15T10:00:00", "2018-01-15T13:00:00") in ends  # PT3H, floating
    assert ("2018-01-20T12:00:00", None) in ends
    again = parse("ics", "icalevents__duration.ics", at(2018, 1, 1), "ics")
    assert [i.uid for i in r.items] == [i.uid for i in again.items]  # no UID: stable ids


def ics_empty() -> None:
    r = parse("ics", "icalevents__empty.ics", at(2024, 1, 1), "ics")
    assert r.items == [] and len(r.errors) == 1 and "empty" in r.errors[0]


def ics_floating() -> None:
    r = parse("ics", "icalevents__floating.ics", at(2021, 4, 1), "ics")
    assert utc(by_title(r, "Mobility reservation  (Economy 11307)").start) == "2021-04-08T06:30Z"
    assert by_title(r, "Bern").all_day


def ics_google_2024() -> None:
    r = parse("ics", "icalevents__google_2024.ics", at(2024, 3, 25), "ics")
    daily = by_title(r, "07:00-08:00-daily-30x")
    assert daily.rrule == "FREQ=DAILY;COUNT=30" and len(daily.occurrences) == 30
    assert utc(daily.occurrences[0].start) == "2024-03-25T06:00Z"
    assert utc(daily.occurrences[-1].start) == "2024-04-23T05:00Z"  # after the DST change
    two = by_title(r, "all 2 days")
    assert (two.start, two.end, two.extra["end_exclusive"]) == ("2024-03-27", "2024-03-29", True)


def ics_icloud() -> None:
    r = parse("ics", "icalevents__icloud.ics", at(2016, 1, 1), "ics")
    assert {i.title for i in r.items} == {
        "Friseur", "Weinabend Franken – Castell", "Geburtstag", "Kinderturnen"}
    assert r.errors  # its broken VTIMEZONE offset is reported, the events are kept
    assert len(by_title(r, "Kinderturnen").exdates) > 5


def ics_ms_tz() -> None:
    r = parse("ics", "icalevents__ms_tz.ics", at(2021, 3, 20), "ics")
    (item,) = r.items
    assert item.timezone == "Europe/Berlin"  # from the only VTIMEZONE, a Windows name
    assert (item.start, item.end, item.all_day) == ("2021-03-24", "2021-03-27", True)


def ics_multi_exdate() -> None:
    r = parse("ics", "icalevents__multi_exdate_same_line_ms.ics", at(2022, 3, 10), "ics")
    (item,) = r.items
    assert item.timezone == "America/New_York"
    assert len(item.exdates) == 3
    assert [utc(o.start) for o in item.occurrences] == [
        "2022-03-11T16:00Z", "2022-03-25T15:00Z", "2022-04-15T15:00Z", "2022-04-22T15:00Z",
        "2022-04-29T15:00Z"]
    assert item.location_text == "Microsoft Teams Meeting" and item.attendance_mode == "online"


def ics_no_uid() -> None:
    (item,) = parse("ics", "icalevents__no_uid.ics", at(2021, 5, 1), "ics").items
    assert item.uid and item.uid.startswith("sha1:")


def ics_per_event_timezone() -> None:
    r = parse("ics", "icalevents__per_event_timezone.ics", at(2024, 3, 20), "ics")
    perth = by_title(r, "Perth")
    assert perth.timezone == "Australia/Perth" and utc(perth.start) == "2024-03-24T23:00Z"
    assert utc(by_title(r, "Zürich").start) == "2024-03-25T06:00Z"


def ics_recurrenceid_google() -> None:
    r = parse("ics", "icalevents__recurrenceid_google.ics", at(2021, 3, 20), "ics")
    (item,) = r.items  # four components, one UID
    assert [utc(o.start) for o in item.occurrences] == [
        f"2021-03-{d}T11:00Z" for d in (24, 25, 26, 27)]


def ics_rrule_until_all_day() -> None:
    (item,) = parse("ics", "icalevents__rrule_until_all_day_google.ics", at(2021, 3, 20),
                    "ics").items
    assert [o.start for o in item.occurrences] == ["2021-03-24", "2021-03-31", "2021-04-07"]


def ics_status_and_url() -> None:
    r = parse("ics", "icalevents__status_and_url.ics", at(2018, 10, 29), "ics")
    assert by_title(r, "Cancelled Event").status == "CANCELLED"
    assert by_title(r, "XPARAM Event").status == "CANCELLED"
    assert by_title(r, "Confirmed Event").url == "https://example.com/"
    tentative = by_title(r, "Tentative Event w/ Recurrance to test copy")
    assert tentative.status == "TENTATIVE" and tentative.rrule == "FREQ=WEEKLY;BYDAY=TU"
    assert len(tentative.occurrences) == 13


def ics_transparent() -> None:
    r = parse("ics", "icalevents__transparent.ics", at(2021, 5, 1), "ics")
    busy = by_title(r, "Busy")
    assert busy.timezone == "Europe/Warsaw" and utc(busy.start) == "2021-05-21T05:00Z"


def ics_family_action_bad() -> None:
    r = parse("ics", "placecal__family_action_bad.ics", at(2024, 1, 1), "ics")
    assert r.items == [] and "not an iCalendar feed" in r.errors[0]


def ics_hulme() -> None:
    r = parse("ics", "placecal__google_public_feed_hulme_moss_side.ics", at(2018, 5, 1), "ics",
              horizon_days=40)
    assert r.events_seen == 139 and len(r.items) == 136 and not r.errors
    carers = by_title(r, "Carers Support drop in (1st Thursday of the month)")
    assert carers.rrule == "FREQ=MONTHLY;BYDAY=1TH"
    # the 3 May occurrence was moved from 11:30 to 16:00 by a RECURRENCE-ID override
    assert [utc(o.start) for o in carers.occurrences] == ["2018-05-03T15:00Z",
                                                          "2018-06-07T10:30Z"]
    library = by_title(r, "Hulme Library Assistance")
    assert len(library.exdates) == 2


def ics_meetup() -> None:
    r = parse("ics", "placecal__meetup_group_feed.ics", at(2026, 1, 1), "ics")
    assert len(r.items) == 8
    assert utc(r.items[0].start) == "2026-01-30T19:00Z"


def ics_discourse() -> None:
    r = parse("ics", "recurring_ical_events__discourse_no_dtend.ics", at(2019, 1, 1), "ics")
    assert len(r.items) == 4 and not r.errors
    assert by_title(r, "2019-01-17 openLab").end is None


def ics_fablab() -> None:
    r = parse("ics", "recurring_ical_events__fablab_cottbus.ics", at(2016, 11, 1), "ics")
    assert len(r.items) == 28
    cafe = by_title(r, "Weihnachts Repair-Café")
    assert cafe.cost_text == "free" and cafe.is_free is True
    assert "<HTML>" in cafe.extra["description_html"]
    assert utc(cafe.start) == "2016-12-03T13:00Z"


def ics_issue_18_cancel() -> None:
    r = parse("ics", "recurring_ical_events__issue_18_cancel_status.ics", at(2020, 1, 28), "ics")
    (item,) = r.items
    assert [(o.start, o.status) for o in item.occurrences] == [
        ("2020-01-28T22:00:00+01:00", None), ("2020-01-29T22:00:00+01:00", "CANCELLED"),
        ("2020-01-30T22:00:00+01:00", None)]


def ics_x_wr_timezone() -> None:
    r = parse("ics", "recurring_ical_events__x_wr_timezone_simple_events_issue_59.ics",
              at(2021, 12, 1), "ics")
    noon = r.items[0]
    assert noon.start == "2021-12-22T12:00:00-05:00" and noon.timezone == "America/New_York"


# ---------------------------------------------------------------- JSON-LD / microdata facts
def jl_capital_nature() -> None:
    r = parse("jsonld", "capital_nature__tec_events_archive_page.html", at(2019, 2, 1), "jsonld",
              url="https://caseytrees.org/events/")
    (item,) = r.items
    assert item.title == "Trees 101" and utc(item.start) == "2019-02-09T15:30Z"
    assert item.description and item.description.startswith("<p>Do you want")  # was &lt;p&gt;
    assert item.location_text == ("Fort Stanton Recreation Center 1812 Erie St SE Washington, "
                                  "DC 20020")
    assert (item.lat, item.lon, item.is_free) == (38.8576033, -76.9786498, True)


def _recovered(name: str) -> dict:
    from selectolax.lexbor import LexborHTMLParser

    blocks, errors, _repairs = jsonld_blocks(LexborHTMLParser((REALWORLD / "jsonld" / name).read_text()))
    assert errors == [] and len(blocks) == 1
    return blocks[0]


def jl_js_comment() -> None:
    assert _recovered("extruct__invalid_jsonld_with_JS_comment.html")["articleSection"] == "商情"
    r = parse("jsonld", "extruct__invalid_jsonld_with_JS_comment.html", at(2020, 1, 1), "jsonld")
    assert r.items == [] and r.errors == []  # a NewsArticle: recovered, but not an event


def jl_control_characters() -> None:
    assert "line 2" in _recovered("extruct__invalid_jsonld_with_control_characters.html")["data"]


def jl_control_characters_comment() -> None:
    data = _recovered("extruct__invalid_jsonld_with_control_characters_comment.html")["data"]
    assert data.startswith("<!-- John joined the festival. --><b>some")


def jl_event_001() -> None:
    (item,) = parse("jsonld", "extruct__schemaorg_event_001.html", at(2016, 4, 1), "jsonld").items
    assert (item.start, item.city, item.region, item.cost_min) == (
        "2016-04-21T20:00", "Philadelphia", "PA", 35.0)


def jl_event_002() -> None:
    r = parse("jsonld", "extruct__schemaorg_event_002.html", at(2011, 5, 1), "jsonld")
    assert [(i.title, i.start) for i in r.items] == [
        ("FedExForum", "2011-05-20"), ("Mid America Center", "2011-05-23")]


def jl_event_003() -> None:
    (item,) = parse("jsonld", "extruct__schemaorg_event_003.html", at(2013, 9, 1), "jsonld").items
    assert (item.venue_name, item.postal_code, item.cost_min, item.currency) == (
        "The Hi-Dive", "80209", 13.0, "USD")


def jl_event_004() -> None:
    (item,) = parse("jsonld", "extruct__schemaorg_event_004.html", at(2013, 9, 1), "jsonld").items
    assert item.status == "EventCancelled" and item.title.startswith("CANCELLED -")


def jl_event_008() -> None:
    (item,) = parse("jsonld", "extruct__schemaorg_event_008.html", at(2014, 9, 1), "jsonld").items
    assert item.extra["schema_type"] == "TheaterEvent"
    assert (item.venue_name, item.location_text) == ("Shakespeare's Globe", "London, UK")


def jl_songkick_artist() -> None:
    r = parse("jsonld", "extruct__songkick_artist_page.html", at(2015, 10, 1), "jsonld")
    assert len(r.items) == 13 and not r.errors
    assert r.items[0].venue_name == "Cliffs Pavillion"


def jl_songkick_venue() -> None:
    r = parse("jsonld", "extruct__songkick_venue_page.html", at(2016, 10, 1), "jsonld")
    assert len(r.items) == 4
    assert r.items[0].start == "2017-06-10T19:30:00-04:00"  # "-0400" normalized


def jl_eventbrite() -> None:
    r = parse("jsonld", "placecal__eventbrite_organizer_page.html", at(2024, 10, 1), "jsonld",
              url="https://www.eventbrite.co.uk/o/queer-lit-social-refuge-48062165483")
    assert len(r.items) == 24 and not r.errors
    quiz = by_title(r, "Ancoats Quiz Night")
    assert utc(quiz.start) == "2024-10-03T18:00Z"
    assert (quiz.cost_min, quiz.currency, quiz.organizer) == (
        2.5, "GBP", "Queer Lit & Social Refuge")
    assert quiz.attendance_mode == "OfflineEventAttendanceMode"
    assert (quiz.postal_code, quiz.lat) == ("M4 5AJ", 53.48422)
    assert by_title(r, "Woolly Club").is_free is True


FACTS: dict[str, Callable[[], None]] = {
    "ics/icalevents__basic_latin1.ics": ics_basic_latin1,
    "ics/icalevents__cest_with_deleted.ics": ics_cest_with_deleted,
    "ics/icalevents__duration.ics": ics_duration,
    "ics/icalevents__empty.ics": ics_empty,
    "ics/icalevents__floating.ics": ics_floating,
    "ics/icalevents__google_2024.ics": ics_google_2024,
    "ics/icalevents__icloud.ics": ics_icloud,
    "ics/icalevents__ms_tz.ics": ics_ms_tz,
    "ics/icalevents__multi_exdate_same_line_ms.ics": ics_multi_exdate,
    "ics/icalevents__no_uid.ics": ics_no_uid,
    "ics/icalevents__per_event_timezone.ics": ics_per_event_timezone,
    "ics/icalevents__recurrenceid_google.ics": ics_recurrenceid_google,
    "ics/icalevents__rrule_until_all_day_google.ics": ics_rrule_until_all_day,
    "ics/icalevents__status_and_url.ics": ics_status_and_url,
    "ics/icalevents__transparent.ics": ics_transparent,
    "ics/placecal__family_action_bad.ics": ics_family_action_bad,
    "ics/placecal__google_public_feed_hulme_moss_side.ics": ics_hulme,
    "ics/placecal__meetup_group_feed.ics": ics_meetup,
    "ics/recurring_ical_events__discourse_no_dtend.ics": ics_discourse,
    "ics/recurring_ical_events__fablab_cottbus.ics": ics_fablab,
    "ics/recurring_ical_events__issue_18_cancel_status.ics": ics_issue_18_cancel,
    "ics/recurring_ical_events__x_wr_timezone_simple_events_issue_59.ics": ics_x_wr_timezone,
    "jsonld/capital_nature__tec_events_archive_page.html": jl_capital_nature,
    "jsonld/extruct__invalid_jsonld_with_JS_comment.html": jl_js_comment,
    "jsonld/extruct__invalid_jsonld_with_control_characters.html": jl_control_characters,
    "jsonld/extruct__invalid_jsonld_with_control_characters_comment.html":
        jl_control_characters_comment,
    "jsonld/extruct__schemaorg_event_001.html": jl_event_001,
    "jsonld/extruct__schemaorg_event_002.html": jl_event_002,
    "jsonld/extruct__schemaorg_event_003.html": jl_event_003,
    "jsonld/extruct__schemaorg_event_004.html": jl_event_004,
    "jsonld/extruct__schemaorg_event_008.html": jl_event_008,
    "jsonld/extruct__songkick_artist_page.html": jl_songkick_artist,
    "jsonld/extruct__songkick_venue_page.html": jl_songkick_venue,
    "jsonld/placecal__eventbrite_organizer_page.html": jl_eventbrite,
}


def _all_files() -> list[str]:
    if not REALWORLD.is_dir():
        return []
    return sorted(f"{p.parent.name}/{p.name}" for folder in ("ics", "jsonld")
                  for p in (REALWORLD / folder).iterdir() if p.is_file())


def test_every_file_has_facts() -> None:
    assert set(_all_files()) == set(FACTS)


@pytest.mark.parametrize("relpath", _all_files())
def test_file_parses_without_exception(relpath: str) -> None:
    folder, name = relpath.split("/")
    result = parse(folder, name, at(2024, 1, 1), "ics" if folder == "ics" else "jsonld")
    assert isinstance(result, ParseResult)
    assert all(item.title and item.uid for item in result.items)


@pytest.mark.parametrize("relpath", sorted(FACTS))
def test_file_facts(relpath: str) -> None:
    if relpath not in _all_files():
        pytest.skip(f"{relpath} is not in this copy of the samples")
    FACTS[relpath]()


def test_detect_format_on_samples() -> None:
    for relpath in _all_files():
        body = (REALWORLD / relpath).read_bytes()
        guess = detect_format(body, f"https://example.org/{relpath}", None)
        if relpath.startswith("jsonld/") and "invalid" not in relpath:
            assert guess == "jsonld", relpath
        elif relpath.startswith("ics/") and body.lstrip().startswith(b"BEGIN:VCALENDAR"):
            assert guess == "ics", relpath


def test_discovery_finds_tec_api_and_ical_link() -> None:
    body = (REALWORLD / "jsonld" / "capital_nature__tec_events_archive_page.html").read_bytes()
    found = discover(body, "https://caseytrees.org/events/", "text/html")
    pairs = {(f.format, f.url) for f in found}
    assert ("tribe", "https://caseytrees.org/wp-json/tribe/events/v1/events") in pairs
    assert ("ics", "https://caseytrees.org/events/?ical=1") in pairs
    assert ("jsonld", "https://caseytrees.org/events/") in pairs
    assert found[0].format == "tribe"  # the richest source first
