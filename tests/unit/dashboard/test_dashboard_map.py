"""The offline map's layers: labels per zoom, counted pins, fitted view, plain-text tooltips."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from dashboard.basemap import BIG_CITY, Bounds, View, county_lines, min_population, view_labels
from dashboard.map_view import MIXED_COLOR, build_deck, fit_view, marker_frame, marker_ids_for
from dashboard.search_state import selected_from_query_params

NATIONAL = View(39.5, -98.35, 3.0, Bounds(-124.8, 24.5, -66.9, 49.4))
CITY = View(45.5, -122.68, 9.5, Bounds(-122.8, 45.4, -122.5, 45.6))


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame([{"kind": "consult_group", **r} for r in rows])


def test_national_view_labels_only_big_places_and_city_view_adds_towns():
    _states, national = view_labels(NATIONAL)
    _states, city = view_labels(CITY)
    names = {label["name"] for label in city}
    assert national and all(p["priority"] >= 500 for p in national)  # ≥ 100,000 people
    assert "Los Angeles" in {p["name"] for p in national}
    assert min_population(9.5) < min_population(3.0)
    assert "Portland" in names and len(names) > 5
    assert min(p["priority"] for p in city) < 400  # towns under 10,000 people appear


def test_labels_do_not_overlap_at_the_opening_zoom():
    states, places = view_labels(NATIONAL)
    assert len(states) < 53  # crowded north-eastern names give way
    assert any(p["priority"] >= round(100 * math.log10(BIG_CITY)) for p in places)


def test_county_lines_only_near_a_regional_view():
    assert county_lines(NATIONAL) == []
    lines = county_lines(CITY)
    assert 0 < len(lines) < 1000


def test_listings_on_one_point_become_one_counted_marker_coloured_by_their_kinds():
    markers = marker_frame(frame(
        {"id": "a", "title": "A", "lat": 45.5, "lon": -122.6},
        {"id": "b", "title": "B", "lat": 45.5, "lon": -122.6, "kind": "supervision"},
        {"id": "c", "title": "C", "lat": 40.7, "lon": -74.0}))
    stacked = markers[markers["count"] == 2].iloc[0]
    assert len(markers) == 2
    assert stacked["ids"] == ["a", "b"] and stacked["count_text"] == "2"
    assert stacked["color"] == list(MIXED_COLOR)
    assert marker_ids_for(markers, "b") == ["a", "b"]
    assert marker_ids_for(markers, "zzz") == []


def test_tooltip_is_plain_text_with_every_title_and_no_html_mode():
    hostile = "<img src=x onerror=alert(1)> & **x**"
    deck = json.loads(build_deck(frame({"id": "a", "title": hostile, "lat": 45.5, "lon": -122.6},
                                       {"id": "b", "title": "Two", "lat": 45.5, "lon": -122.6}),
                                 None, 25).to_json())
    markers = next(layer for layer in deck["layers"] if layer["id"] == "listings")["data"]
    assert "2 listings here" in markers[0]["tooltip"]
    assert hostile in markers[0]["tooltip"] and "Two" in markers[0]["tooltip"]
    build = build_deck(frame({"id": "a", "title": "x", "lat": 1.0, "lon": 1.0}), None, 25)
    assert build._tooltip == {"text": "{tooltip}"}  # innerText, never innerHTML


def test_fit_view_holds_both_coasts_and_alaska():
    view = fit_view([(-122.68, 45.5), (-73.99, 40.75), (-149.9, 61.2)], None, 25)
    assert view.bounds.west <= -149.9 and view.bounds.east >= -73.99
    assert 1.0 <= view.zoom < 3.0
    city = fit_view([(-122.68, 45.5)], None, 25)
    assert city.zoom > fit_view([(-122.68, 45.5), (-73.99, 40.75)], None, 25).zoom


@pytest.mark.issue19(9)
def test_no_outside_map_style_without_tiles(monkeypatch):
    monkeypatch.delenv("PEERMAP_TILES_URL", raising=False)
    spec = build_deck(frame({"id": "a", "title": "x", "lat": 45.5, "lon": -122.6}),
                      None, 25).to_json()
    assert "cartocdn" not in spec and "mapbox" not in spec and "http" not in spec
    assert json.loads(spec)["mapStyle"] == "__MAP_STYLE__"  # Streamlit's "no basemap" sentinel


def test_selected_param_accepts_ids_and_drops_junk():
    assert selected_from_query_params({"selected": "f-portland"}) == "f-portland"
    assert selected_from_query_params({"selected": "<script>"}) == ""
    assert selected_from_query_params({}) == ""
