"""One-line US locations split into venue, street, city, state, ZIP — and nothing invented."""

import pytest

from pipelines.normalize.address import AddressParts, fill_address_from_location, split_us_address
from spiders.items import RawItem


def test_full_line_with_venue_suite_and_country():
    assert split_us_address(
        "Hill Country Counseling Center, 1601 Congress Ave, Suite 200, Austin, TX 78701, USA"
    ) == AddressParts(venue_name="Hill Country Counseling Center", street="1601 Congress Ave",
                      city="Austin", region="TX", postal_code="78701", country="US")


def test_state_name_spelled_out():
    parts = split_us_address("Boise, Idaho")
    assert (parts.city, parts.region, parts.postal_code) == ("Boise", "ID", None)


def test_zip_in_its_own_part():
    parts = split_us_address("200 Pine St, Portland, OR, 97205")
    assert (parts.street, parts.city, parts.region, parts.postal_code) == (
        "200 Pine St", "Portland", "OR", "97205")


@pytest.mark.parametrize("text", ["Zoom", "Microsoft Teams Meeting", "London, UK", "", None,
                                  "Community Hall"])
def test_not_an_address_gives_none(text):
    assert split_us_address(text) is None


def test_fill_keeps_structured_fields():
    raw = RawItem(source_id="s", format="ics", source_url="u", title="t", city="Dallas",
                  location_text="Austin, TX 78701")
    fill_address_from_location(raw)
    assert raw.city == "Dallas" and raw.postal_code is None


def test_fill_from_location_text():
    raw = RawItem(source_id="s", format="ics", source_url="u", title="t",
                  location_text="Library, 5 Elm St, Burlington, VT 05401")
    fill_address_from_location(raw)
    assert (raw.venue_name, raw.street, raw.city, raw.region, raw.postal_code) == (
        "Library", "5 Elm St", "Burlington", "VT", "05401")


def test_fill_skips_online_locations():
    raw = RawItem(source_id="s", format="ics", source_url="u", title="t",
                  location_text="Zoom (link after registration), Texas")
    fill_address_from_location(raw)
    assert raw.city is None
