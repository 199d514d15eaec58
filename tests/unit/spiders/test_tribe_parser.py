"""The Events Calendar REST parser on tests/fixtures/tribe/events_page1.json."""

from __future__ import annotations

import json

import pytest

from spiders.formats import tribe
from spiders.items import ParseResult, RawItem
from tests.support.parser_fixtures import fixture_bytes, make_ctx

PAGE1 = "https://peer.example.org/wp-json/tribe/events/v1/events"


@pytest.fixture(scope="module")
def result() -> ParseResult:
    return tribe.parse(fixture_bytes("tribe/events_page1.json"), make_ctx(PAGE1))


def item(result: ParseResult, tribe_id: int) -> RawItem:
    return next(i for i in result.items if i.extra.get("tribe_id") == tribe_id)


def test_good_events_kept_bad_ones_counted(result: ParseResult) -> None:
    assert len(result.items) == 3 and result.events_seen == 5
    assert len(result.errors) == 2


def test_next_rest_url_goes_to_next_urls(result: ParseResult) -> None:
    assert result.next_urls == [PAGE1 + "?page=2"]


def test_never_emits_its_own_url_as_next() -> None:
    data = json.loads(fixture_bytes("tribe/events_page1.json"))
    data["next_rest_url"] = PAGE1 + "?page=2"
    body = json.dumps(data).encode()
    assert tribe.parse(body, make_ctx(PAGE1 + "?page=2")).next_urls == []


def test_title_entities_decoded_description_kept(result: ParseResult) -> None:
    first = item(result, 4101)
    assert first.title == "Peer Consultation Group – Trauma & EMDR"
    assert first.description == "<p>Monthly peer consultation for licensed clinicians.</p>"


def test_utc_start_preferred_and_timezone_kept(result: ParseResult) -> None:
    first = item(result, 4101)
    assert (first.start, first.end) == ("2025-02-05T00:30:00+00:00", "2025-02-05T02:00:00+00:00")
    assert first.timezone == "America/Chicago"


def test_utc_offset_zone_names_mapped(result: ParseResult) -> None:
    assert item(result, 4102).timezone == "Etc/GMT+5"
    assert item(result, 4103).timezone == "UTC"


def test_venue_object_with_geo(result: ParseResult) -> None:
    first = item(result, 4101)
    assert (first.venue_name, first.street, first.city, first.region, first.postal_code) == (
        "Riverside Counseling Center", "100 Main St", "Austin", "TX", "78701")
    assert (first.lat, first.lon) == (30.2672, -97.7431)


def test_venue_empty_list_means_no_venue(result: ParseResult) -> None:
    second = item(result, 4102)
    assert second.venue_name is None and second.lat is None


def test_blank_geo_strings_are_no_coordinates(result: ParseResult) -> None:
    assert item(result, 4103).lat is None


def test_organizer_list_and_object(result: ParseResult) -> None:
    assert item(result, 4101).organizer == "Austin Peer Network, Jo Smith, LPC-S"
    assert item(result, 4101).contact_email == "hello@peer.example.org"
    assert item(result, 4103).organizer == "Austin Peer Network"


def test_cost_and_cost_details(result: ParseResult) -> None:
    first = item(result, 4101)
    assert (first.cost_text, first.cost_min, first.cost_max, first.currency) == (
        "$10 – $25", 10.0, 25.0, "USD")


def test_categories_and_tags(result: ParseResult) -> None:
    assert item(result, 4101).categories == ["Consultation", "EMDR"]


def test_url_and_website(result: ParseResult) -> None:
    first = item(result, 4101)
    assert first.url == "https://peer.example.org/event/peer-consultation-trauma/"
    assert first.contact_url == "https://peer.example.org/contact/"


def test_cancel_hint_in_title_is_raw_status(result: ParseResult) -> None:
    assert item(result, 4102).status == "CANCELED"


def test_zoom_link_in_description(result: ParseResult) -> None:
    assert item(result, 4102).online_url == "https://us02web.zoom.us/j/123456789"


def test_all_day_keeps_local_date(result: ParseResult) -> None:
    third = item(result, 4103)
    assert (third.all_day, third.start) == (True, "2025-03-01")


def test_not_json_is_a_clear_error() -> None:
    result = tribe.parse(b"<html>maintenance</html>", make_ctx(PAGE1))
    assert result.items == [] and result.errors[0].startswith("tribe: response is not JSON")


def test_rest_error_object_is_a_clear_error() -> None:
    body = b'{"code":"rest_no_route","message":"No route","data":{"status":404}}'
    assert "rest_no_route" in tribe.parse(body, make_ctx(PAGE1)).errors[0]
