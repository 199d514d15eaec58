"""JSON-LD / microdata parser on tests/fixtures/jsonld/graph_schedule.html."""

from __future__ import annotations

import pytest

from spiders.formats import jsonld
from spiders.items import ParseResult, RawItem
from tests.support.parser_fixtures import fixture_bytes, make_ctx

PAGE = "https://groups.example.org/events/"


@pytest.fixture(scope="module")
def result() -> ParseResult:
    return jsonld.parse(fixture_bytes("jsonld/graph_schedule.html"), make_ctx(PAGE))


def by_title(result: ParseResult, title: str) -> RawItem:
    return next(i for i in result.items if i.title == title)


def test_graph_event_subtypes_found(result: ParseResult) -> None:
    assert {i.extra["schema_type"] for i in result.items} == {
        "EducationEvent", "SocialEvent", "BusinessEvent"}


def test_unrecoverable_script_is_one_counted_error(result: ParseResult) -> None:
    assert len(result.errors) == 1 and "script #3" in result.errors[0]


def test_comments_and_trailing_commas_recovered(result: ParseResult) -> None:
    meetup = by_title(result, "Trailing comma meetup")
    assert meetup.start == "2025-03-03T09:00:00+00:00"
    assert meetup.location_text == "12 Elm St, Austin, TX 78701"


def test_event_schedule_becomes_rrule(result: ParseResult) -> None:
    dbt = by_title(result, "DBT Peer Consultation Team")
    assert dbt.rrule == "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20250626T235959"
    assert (dbt.start, dbt.end, dbt.timezone) == (
        "2025-01-07T18:00:00", "2025-01-07T19:30:00", "America/Chicago")


def test_graph_id_references_resolved(result: ParseResult) -> None:
    dbt = by_title(result, "DBT Peer Consultation Team")
    assert (dbt.venue_name, dbt.street, dbt.postal_code) == ("Community Hall", "5 Oak Ave",
                                                              "78702")
    assert (dbt.lat, dbt.lon) == (30.26, -97.72)
    assert dbt.organizer == "Texas Peer Consult Network"


def test_virtual_location_and_attendance_mode(result: ParseResult) -> None:
    dbt = by_title(result, "DBT Peer Consultation Team")
    assert dbt.online_url == "https://meet.example.org/dbt"
    assert dbt.attendance_mode == "MixedEventAttendanceMode"


def test_entity_escaped_html_description_unescaped_once(result: ParseResult) -> None:
    dbt = by_title(result, "DBT Peer Consultation Team")
    assert dbt.description == "<p>Weekly DBT consultation &amp; case review.</p>"


def test_relative_url_resolved_against_page(result: ParseResult) -> None:
    dbt = by_title(result, "DBT Peer Consultation Team")
    assert dbt.url == "https://groups.example.org/events/dbt-consult"


def test_free_flag(result: ParseResult) -> None:
    assert by_title(result, "DBT Peer Consultation Team").is_free is True


def test_offer_list_with_aggregate_offer(result: ParseResult) -> None:
    mixer = by_title(result, "New Clinicians Mixer")
    assert (mixer.cost_min, mixer.cost_max, mixer.currency) == (5.0, 25.0, "USD")


def test_compact_offset_normalized_and_status_raw(result: ParseResult) -> None:
    mixer = by_title(result, "New Clinicians Mixer")
    assert mixer.start == "2025-02-14T18:00:00+01:00"
    assert mixer.status == "EventPostponed"
    assert mixer.organizer == "Jo Smith"


def test_dateless_list_events_become_same_site_next_urls(result: ParseResult) -> None:
    assert result.next_urls == ["https://groups.example.org/events/ethics-circle",
                                "https://groups.example.org/events/play-therapy"]


def test_plain_page_links_are_not_followed() -> None:
    body = (b'<html><body><a href="https://groups.example.org/events/a">A</a>'
            b'<a href="javascript:go()">B</a></body></html>')
    result = jsonld.parse(body, make_ctx(PAGE))
    assert (result.items, result.next_urls, result.errors) == ([], [], [])


def test_microdata_event() -> None:
    body = (b'<div itemscope itemtype="https://schema.org/SocialEvent">'
            b'<span itemprop="name">Peer lunch</span>'
            b'<time itemprop="startDate" datetime="2025-02-01T12:00-0600">Feb 1</time>'
            b'<div itemprop="location" itemscope itemtype="https://schema.org/Place">'
            b'<span itemprop="name">Cafe</span></div></div>')
    (item,) = jsonld.parse(body, make_ctx(PAGE)).items
    assert (item.title, item.start, item.venue_name) == ("Peer lunch", "2025-02-01T12:00-06:00",
                                                         "Cafe")


def test_top_level_array_of_events() -> None:
    body = (b'<script type="application/ld+json">[{"@type":"Event","name":"A",'
            b'"startDate":"2025-02-01"},{"@type":"Event","name":"B","startDate":"2025-02-02"}]'
            b"</script>")
    assert [i.title for i in jsonld.parse(body, make_ctx(PAGE)).items] == ["A", "B"]


def test_empty_page_is_a_clear_error() -> None:
    assert jsonld.parse(b"  ", make_ctx(PAGE)).errors == ["jsonld: empty page"]
