"""Addresses real pages write without commas, in parentheses, with an online suffix or a suite.

Samples are quoted from the real-world corpus and issue 13 (class 8)."""

from __future__ import annotations

import pytest

from pipelines.normalize.address import (
    fill_address_from_location,
    split_street_and_city,
    split_us_address,
)
from pipelines.normalize.attendance import attendance_hint
from pipelines.normalize.street_line import split_street_city
from spiders.common.us_states import state_for_zip
from spiders.items import RawItem


def raw(**kw: object) -> RawItem:
    base: dict[str, object] = {"source_id": "t", "format": "jsonld",
                               "source_url": "https://example.org/p", "title": "Board meeting"}
    return RawItem(**{**base, **kw})  # type: ignore[arg-type]


def filled(**kw: object) -> RawItem:
    item = raw(**kw)
    fill_address_from_location(item)
    return item


def test_comma_less_street_city_and_zip_without_state() -> None:
    parts = split_us_address("1000 Scotten Detroit 48209")
    assert (parts.street, parts.city, parts.region, parts.postal_code) == (
        "1000 Scotten", "Detroit", "MI", "48209")


def test_city_read_from_the_last_word_is_flagged() -> None:
    item = filled(location_text="1000 Scotten Detroit 48209")
    assert "no street-type word" in item.extra["address_guess"]


def test_street_and_city_run_together_before_a_state() -> None:
    # jsonld/cityscrapers_atconj_county_commission.html location.address
    parts = split_us_address("Atlantic County Institute of Technology, 5080 Atlantic Avenue "
                             "Mays Landing, New Jersey 08330")
    assert (parts.venue_name, parts.street, parts.city, parts.region) == (
        "Atlantic County Institute of Technology", "5080 Atlantic Avenue", "Mays Landing", "NJ")


def test_cut_after_a_street_type_word_is_not_flagged() -> None:
    item = filled(location_text="5080 Atlantic Avenue Mays Landing, New Jersey 08330")
    assert item.city == "Mays Landing" and "address_guess" not in item.extra


def test_whole_line_without_commas() -> None:
    parts = split_us_address("100 Main St Suite 200 Austin TX 78701")
    assert (parts.street, parts.city, parts.region, parts.postal_code) == (
        "100 Main St Suite 200", "Austin", "TX", "78701")


def test_parenthesised_address_gives_venue_and_parts() -> None:
    parts = split_us_address("Project Tempe (1415 E University Dr. #103A, Tempe, AZ 85281)")
    assert (parts.venue_name, parts.street, parts.city, parts.region, parts.postal_code) == (
        "Project Tempe", "1415 E University Dr. #103A", "Tempe", "AZ", "85281")


def test_note_in_parentheses_after_an_address_is_dropped() -> None:
    parts = split_us_address("12 Elm St, Lawrence, KS 66044 (enter at the back)")
    assert (parts.street, parts.city, parts.region) == ("12 Elm St", "Lawrence", "KS")


def test_street_in_the_city_field_is_split() -> None:
    item = filled(city="3631 Perkins Avenue Cleveland", region="OH")
    assert (item.street, item.city) == ("3631 Perkins Avenue", "Cleveland")


def test_street_then_city_with_a_floor_and_no_state() -> None:
    # jsonld/cityscrapers_cle_cpc_detail.html location.address
    assert split_street_and_city("3631 Perkins Ave., Cleveland 4th Fl") is not None
    item = filled(location_text="3631 Perkins Ave., Cleveland 4th Fl")
    assert (item.street, item.city, item.region) == ("3631 Perkins Ave.", "Cleveland", None)


def test_suite_after_the_street_stays_with_the_street() -> None:
    split = split_street_city("2079 East 9th Street Suite 4-407 Cleveland")
    assert (split.street, split.city) == ("2079 East 9th Street Suite 4-407", "Cleveland")


def test_directional_after_the_street_type() -> None:
    split = split_street_city("1812 Erie St SE Washington")
    assert (split.street, split.city) == ("1812 Erie St SE", "Washington")


def test_online_suffix_in_a_street_field_is_cut_and_makes_hybrid() -> None:
    item = filled(street="2400 Crestmoor Rd & Online", city="Nashville", region="TN")
    assert item.street == "2400 Crestmoor Rd" and attendance_hint(item) == "hybrid"


def test_or_zoom_suffix_on_a_location_line() -> None:
    item = filled(location_text="12 Elm St, Lawrence, KS 66044 or Zoom")
    assert (item.street, item.postal_code, attendance_hint(item)) == (
        "12 Elm St", "66044", "hybrid")


@pytest.mark.parametrize("text", ["Zoom 12345", "Hauptstr 5, Berlin 10115", "Room 12",
                                  "Community Hall 2024"])
def test_a_number_at_the_end_is_not_enough_for_an_address(text: str) -> None:
    assert split_us_address(text) is None


@pytest.mark.parametrize(("zip_code", "state"), [
    ("48209", "MI"), ("85281", "AZ"), ("08330", "NJ"), ("20020", "DC"), ("37211", "TN"),
    ("99501-1234", "AK"), ("00901", "PR")])
def test_state_for_zip(zip_code: str, state: str) -> None:
    assert state_for_zip(zip_code) == state


@pytest.mark.parametrize("text", ["", "ABCDE", "1234", None])
def test_state_for_zip_needs_five_digits(text: str | None) -> None:
    assert state_for_zip(text) is None
