"""The Where box never guesses: candidates for an ambiguous name, nothing listed for an unknown."""

from __future__ import annotations

from tests.support.apptest import card_titles, run_app


def test_ambiguous_place_offers_each_state_and_lists_nothing(data_dir):
    at = run_app({"where": "Kansas City"})
    assert not at.exception
    assert "Kansas City, MO" in at.warning[0].value and "Kansas City, KS" in at.warning[0].value
    assert {b.label for b in at.button} >= {"Kansas City, MO", "Kansas City, KS"}
    assert card_titles(at) == []


def test_unknown_place_never_silently_lists_everything(data_dir):
    at = run_app({"where": "Nowhereville, ZZ"})
    assert not at.exception
    assert "Couldn't find" in at.warning[0].value
    assert card_titles(at) == []


def test_navigation_names_the_main_page_and_cards_show_the_source_link_kind(data_dir):
    at = run_app({"where": "10001"})
    assert not at.exception
    assert card_titles(at)
    labels = {b.proto.label for b in at.get("link_button")}
    assert labels & {"Event page", "Source's website", "Source data (raw feed)"}
