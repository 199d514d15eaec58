"""The parameterized snapshot queries: one filter per test, over the sample snapshot."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from bench.dashboard_queries import build_synthetic_snapshot
from dashboard import queries, search_sql
from dashboard.search_state import Search
from dashboard.where import Origin
from tests.support.dashboard_samples import (
    AS_OF,
    NYC,
    build_sample_snapshot,
    sample_ids,
    sample_uids,
)

ORIGIN_NYC = Origin(NYC[0], NYC[1], "New York, NY")


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    connection = queries.open_snapshot(build_sample_snapshot(tmp_path).path)
    yield connection
    connection.close()


def local_ids(con, search: Search, origin: Origin | None = ORIGIN_NYC) -> list[str]:
    """The local results' sample uids, in result order."""
    uids = sample_uids()
    return [uids[i] for i in queries.local_results(con, search, origin, AS_OF)["id"]]


def online_ids(con, search: Search) -> list[str]:
    uids = sample_uids()
    return [uids[i] for i in queries.online_results(con, search, AS_OF)["id"]]


def test_local_results_sorted_by_distance_within_radius(con):
    assert local_ids(con, Search(radius=25)) == ["b-emdr", "g-inject", "a-brooklyn"]


def test_larger_radius_reaches_philadelphia(con):
    assert "c-philly" in local_ids(con, Search(radius=100))


def test_kind_filter(con):
    assert local_ids(con, Search(radius=25, kinds=("supervision",))) == ["b-emdr"]


def test_free_filter(con):
    assert local_ids(con, Search(radius=25, free=True)) == ["a-brooklyn"]


def test_sliding_scale_filter(con):
    assert local_ids(con, Search(radius=25, sliding=True)) == ["b-emdr"]


def test_max_price_keeps_free_and_cheap(con):
    assert sorted(online_ids(con, Search(max_price=20))) == ["d-play", "e-ethics"]
    assert online_ids(con, Search(max_price=10)) == ["d-play"]


def test_audience_filter_keeps_open_to_all(con):
    # g-inject has no audience (open to all); b-emdr is for associates only.
    assert local_ids(con, Search(radius=25, audience=("counselor",))) == ["g-inject", "a-brooklyn"]


def test_taking_new_members_filter(con):
    assert local_ids(con, Search(radius=25, accepting=True)) == ["b-emdr"]


def test_modality_filter(con):
    assert local_ids(con, Search(radius=25, modalities=("EMDR",))) == ["b-emdr"]


def test_ce_filter(con):
    assert local_ids(con, Search(radius=25, ce_only=True)) == ["b-emdr"]


def test_day_of_week_uses_listing_timezone(con):
    # a-brooklyn: Tue 6pm New York == Tue 23:00 UTC; still Tuesday locally.
    assert local_ids(con, Search(radius=25, days=("tue",))) == ["a-brooklyn"]


def test_time_of_day_is_judged_in_the_display_zone(con):
    # d-play is 8pm Los Angeles (04:00 UTC the next day), e-ethics noon Chicago: shown in
    # Los Angeles time, only d-play is an evening; shown in UTC, e-ethics (18:00) is too.
    # c-philly (hybrid, 1pm New York) is a Los Angeles morning.
    assert online_ids(con, Search(times=("evening",), tz="America/Los_Angeles")) == ["d-play"]
    assert online_ids(con, Search(times=("morning",), tz="America/Los_Angeles")) == [
        "e-ethics", "c-philly"]
    assert "e-ethics" in online_ids(con, Search(times=("evening",), tz="UTC"))


def test_invalid_listing_timezone_does_not_matter_to_the_filters(con):
    # g-inject's zone is "Not/AZone"; its 9am New York start is still a New York morning.
    assert local_ids(con, Search(radius=25, times=("morning",), tz="America/New_York")) == [
        "b-emdr", "g-inject"]


def test_next_7_days_window(con):
    assert local_ids(con, Search(radius=25, within_days=7)) == ["g-inject", "a-brooklyn"]


def test_language_filter(con):
    assert online_ids(con, Search(language="Spanish")) == ["e-ethics"]


def test_free_text_matches_organizer(con):
    assert local_ids(con, Search(radius=25, q="kings county")) == ["a-brooklyn"]


@pytest.mark.parametrize("payload", ["Brien; DROP TABLE listings; --", "%", "_", "\\", "' OR 1=1 --",
                                     "\" OR \"\"=\"", "O'Brien"])
def test_free_text_treats_sql_and_wildcards_literally(con, payload):
    ids = online_ids(con, Search(q=payload))
    expected = ["e-ethics"] if payload in {"Brien; DROP TABLE listings; --", "O'Brien"} else []
    assert ids == expected  # "%" and "_" are escaped, so they match only literal characters


def test_licensed_state_keeps_open_listings(con):
    assert sorted(online_ids(con, Search(licensed_state="NY"))) == ["c-philly", "e-ethics"]
    assert "d-play" in online_ids(con, Search(licensed_state="CA"))


def test_no_origin_lists_every_in_person_listing(con):
    assert "f-portland" in local_ids(con, Search(), origin=None)


def test_nearest_match_outside_radius(con):
    montana = Origin(45.5, -109.5, "Absarokee, MT")
    assert local_ids(con, Search(radius=25), montana) == []
    distance = queries.nearest_match_mi(con, Search(radius=25), montana, AS_OF)
    assert distance is not None and 500 < distance < 700  # Portland, OR


def test_search_all_does_not_list_local_hybrid_twice(con):
    results = queries.search_all(con, Search(radius=100), ORIGIN_NYC, AS_OF)
    philly = sample_ids()["c-philly"]
    assert philly in set(results.local["id"])
    assert philly not in set(results.online["id"])


def test_upcoming_starts_skip_cancelled_and_past(con):
    ids = sample_ids()
    starts = queries.upcoming_starts(con, [ids["a-brooklyn"], ids["f-portland"]], AS_OF)
    assert list(starts) == [ids["a-brooklyn"]]


def test_snapshot_identity_changes_on_replace(tmp_path):
    path = build_sample_snapshot(tmp_path).path
    before = queries.snapshot_identity(path)
    build_sample_snapshot(tmp_path)
    assert queries.snapshot_identity(path) != before
    assert queries.snapshot_identity(tmp_path / "missing.duckdb") is None


def test_bounding_box_holds_every_point_on_the_radius():
    origin = Origin(47.6, -122.3, "Seattle, WA")
    clause, params = search_sql.bounding_box(origin, 100.0)
    assert "lon BETWEEN" in clause
    con = duckdb.connect()
    # Points exactly 99.9 miles away in many directions must all fall inside the box.
    inside = con.execute(
        "SELECT bool_and(lat BETWEEN $box_s AND $box_n AND lon BETWEEN $box_w AND $box_e) FROM ("
        "SELECT degrees(asin(sin(radians($lat)) * cos(d) + cos(radians($lat)) * sin(d) * cos(b))) "
        "AS lat, $lon + degrees(atan2(sin(b) * sin(d) * cos(radians($lat)), "
        "cos(d) - sin(radians($lat)) * sin(radians($lat)))) AS lon FROM ("
        "SELECT radians(range * 10.0) AS b, 99.9 / 3958.7613 AS d FROM range(36)))",
        {**params, "lat": origin.lat, "lon": origin.lon},
    ).fetchone()[0]
    assert inside is True


def test_bounding_box_skipped_near_the_pole():
    assert search_sql.bounding_box(Origin(88.5, 10.0, "North"), 200.0) is None


def test_search_all_occurrences_cover_listed_rows(con):
    results = queries.search_all(con, Search(radius=25), ORIGIN_NYC, AS_OF)
    assert sample_ids()["a-brooklyn"] in results.occurrences
    assert set(results.occurrences) <= set(results.local["id"]) | set(results.online["id"])


@pytest.mark.parametrize("search, origin", [
    (Search(radius=100), ORIGIN_NYC),
    (Search(radius=25, free=True), ORIGIN_NYC),
    (Search(times=("evening",), licensed_state="CA"), None),
    (Search(radius=25), Origin(45.5, -109.5, "Absarokee, MT")),
    (Search(radius=25, q="kings county"), ORIGIN_NYC),
])
def test_search_all_frames_equal_the_single_list_queries(con, search, origin):
    results = queries.search_all(con, search, origin, AS_OF)
    local = queries.local_results(con, search, origin, AS_OF)
    online = queries.online_results(con, search, AS_OF)
    online = online[~online["id"].isin(local["id"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(results.local, local)
    pd.testing.assert_frame_equal(results.online, online)


@pytest.mark.parametrize("search", [
    Search(radius=100),
    Search(radius=100, kinds=("consult_group",), free=True, days=("tue",), within_days=30,
           q="group 1"),
    Search(radius=300, licensed_state="NY", ce_only=True),
])
def test_search_all_frames_equal_on_a_synthetic_snapshot(tmp_path, search):
    path = build_synthetic_snapshot(tmp_path / "synthetic.duckdb", 3000)
    connection = queries.open_snapshot(path)
    try:
        test_search_all_frames_equal_the_single_list_queries(connection, search, ORIGIN_NYC)
    finally:
        connection.close()


def test_text_search_matches_every_word_in_any_order_without_case_or_accents(con):
    assert local_ids(con, Search(radius=25, q="emdr supervision")) == ["b-emdr"]
    assert local_ids(con, Search(radius=25, q="SUPERVISIÓN manhattan")) == ["b-emdr"]
    assert local_ids(con, Search(radius=25, q="emdr brooklyn")) == []


def test_sort_by_date_and_by_cost(con):
    assert local_ids(con, Search(radius=25, sort="date")) == ["a-brooklyn", "g-inject",
                                                             "b-emdr"]
    assert local_ids(con, Search(radius=25, sort="cost"))[0] == "a-brooklyn"  # free first


def test_online_eligibility_not_stated_ranks_after_known_matches(con):
    ids = online_ids(con, Search(licensed_state="CA"))
    assert ids.index("d-play") < ids.index("e-ethics")  # d-play serves CA; e-ethics says nothing


@pytest.mark.parametrize("when", [AS_OF, AS_OF + pd.Timedelta(days=20).to_pytimedelta()])
def test_one_occurrence_scan_gives_the_card_starts_and_the_calendars(con, when):
    from dashboard.listed_occurrences import calendar_occurrences, listed_occurrences, upcoming

    cur = queries._cursor(con)
    ids = [r[0] for r in cur.execute("SELECT id FROM listings ORDER BY id").fetchall()]
    starts, calendar = listed_occurrences(cur, ids, when, 3)
    assert calendar, "the sample snapshot has upcoming occurrences"
    assert starts == upcoming(cur, ids, when, 3)
    assert calendar == calendar_occurrences(cur, ids, when)


def test_nearest_match_is_the_closest_in_person_row_outside_the_radius(con):
    far = Search(radius=1)
    rows = queries.local_results(con, Search(radius=5000), ORIGIN_NYC, AS_OF)
    expected = float(rows["distance_mi"].dropna().min())
    assert queries.nearest_match_mi(con, far, ORIGIN_NYC, AS_OF) == pytest.approx(expected)
