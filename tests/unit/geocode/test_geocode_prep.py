"""Pre-processing of location text: attendance mode and noise removal."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.geocode.prep import Prepared, prepare


@pytest.mark.parametrize("text", ["Zoom", "Online", "Microsoft Teams Meeting", "Virtual",
                                  "Online via Zoom", "https://zoom.us/j/123456"])
def test_online_markers(text: str) -> None:
    assert prepare(text) == Prepared("", "online")


def test_hybrid_keeps_the_city() -> None:
    p = prepare("Chicago (hybrid)")
    assert (p.text, p.attendance_mode) == ("Chicago", "hybrid")


def test_in_person_and_online_is_hybrid() -> None:
    p = prepare("In person and online: Denver, CO")
    assert (p.text, p.attendance_mode) == ("Denver, CO", "hybrid")


def test_suite_is_stripped() -> None:
    assert prepare("1601 Congress Ave, Suite 200, Austin, TX 78701").text == (
        "1601 Congress Ave, Austin, TX 78701")


def test_floor_and_room_are_stripped() -> None:
    assert prepare("123 Main St, 3rd Floor, Room 12, Boston MA").text == "123 Main St, Boston MA"


def test_parenthetical_is_stripped() -> None:
    assert prepare("Brooklyn, NY (Park Slope)").text == "Brooklyn, NY"


def test_state_codes_that_look_like_words_survive() -> None:
    assert prepare("Online or in person - Eugene OR").text == "Eugene OR"


def test_florida_zip_is_not_a_floor_number() -> None:
    assert prepare("Miami, FL 33101").text == "Miami, FL 33101"


def test_placeholder_text_is_nothing() -> None:
    assert prepare("TBD").text == ""


def test_punctuation_only_is_nothing() -> None:
    assert prepare(",,,") == Prepared("", "unknown")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_any_text_geocodes_without_error(text: str) -> None:
    from pipelines.geocode.gazetteer import load
    from pipelines.geocode.resolve import resolve

    prepared = prepare(text)
    result = resolve(prepared.text, load()) if prepared.text else None
    assert result is None or result.precision in {"postal_code", "city", "county", "region",
                                                  "none"}
