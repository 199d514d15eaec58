"""The in-person part of a hybrid location is what gets geocoded; the online part never is."""

from __future__ import annotations

import pytest

from pipelines.geocode.prep import prepare
from pipelines.normalize.address import fill_address_from_location
from pipelines.normalize.place import place_in_text, split_hybrid
from spiders.items import RawItem


@pytest.mark.parametrize(("text", "place"), [
    ("Hybrid: Salem, MA + Zoom", "Salem, MA"),
    ("in person in Eugene, OR or by Zoom", "Eugene, OR"),
    ("12 Main St, Salem, MA; Zoom link for those who can't make it", "12 Main St, Salem, MA"),
    ("In person at 410 E 6th St, Austin, TX or online via Zoom https://zoom.us/j/9",
     "410 E 6th St, Austin, TX"),
])
def test_split_hybrid_keeps_the_place(text, place):
    parts = split_hybrid(text)
    assert (parts.in_person, parts.online) == (place, True)


def test_split_hybrid_finds_the_link():
    assert split_hybrid("Chicago (hybrid) https://zoom.us/j/123").url == "https://zoom.us/j/123"


@pytest.mark.parametrize("text", ["Zoom", "Online", "meets at the office; Zoom link for others"])
def test_no_geocodable_place(text):
    assert split_hybrid(text).in_person is None


def test_plain_place_is_all_in_person():
    assert split_hybrid("Austin, TX") == split_hybrid("Austin, TX").__class__("Austin, TX",
                                                                              False, None)


def test_prepare_geocodes_only_the_in_person_part():
    assert (prepare("Hybrid: Salem, MA + Zoom").text,
            prepare("Hybrid: Salem, MA + Zoom").attendance_mode) == ("Salem, MA", "hybrid")


def _raw(**values) -> RawItem:
    return RawItem(source_id="t", format="ics", source_url="https://example.org",
                   title="Consultation Group",
                   **values)


def test_address_filled_from_hybrid_location_text():
    raw = _raw(location_text="Hybrid: Salem, MA + Zoom")
    fill_address_from_location(raw)
    assert (raw.city, raw.region) == ("Salem", "MA")


def test_address_filled_from_hybrid_description():
    raw = _raw(description="We meet in person in Eugene, OR or by Zoom on first Mondays.")
    fill_address_from_location(raw)
    assert (raw.city, raw.region) == ("Eugene", "OR")


def test_in_person_only_description_is_left_to_the_source():
    raw = _raw(description="We meet in person in Eugene, OR on first Mondays.")
    fill_address_from_location(raw)
    assert raw.city is None


def test_place_in_text_needs_a_state():
    assert place_in_text("Meets in the back room of the library.") is None


def test_hybrid_location_line_end_to_end_sets_place_mode_and_link():
    """One listing as ingest runs it (address fill, then raw_to_listing): the place part fills
    the address (what gets geocoded), the link sets online_url, and the mode is hybrid."""
    from datetime import UTC, datetime

    from pipelines.ingest.listing import raw_to_listing

    raw = RawItem(source_id="t", format="ics", source_url="https://example.org/cal.ics",
                  title="EMDR Consultation Group", uid="u-hybrid",
                  description="Monthly case consultation for EMDR therapists.",
                  location_text="In person at 410 E 6th St, Austin, TX or online via Zoom "
                                "https://zoom.us/j/9",
                  start="2026-02-05T12:00:00", timezone="America/Chicago")
    fill_address_from_location(raw)
    listing = raw_to_listing(raw, as_of=datetime(2026, 2, 1, tzinfo=UTC))
    assert listing.attendance_mode == "hybrid"
    assert listing.online_url == "https://zoom.us/j/9"
    assert (listing.city, listing.region) == ("Austin", "TX")
    assert listing.street == "410 E 6th St"
    assert prepare(raw.location_text).text == "410 E 6th St, Austin, TX"
