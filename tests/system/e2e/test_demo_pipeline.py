"""Sources → spiders → flow → store → publish over the demo web on loopback, checked against the
demo's own ground-truth labels."""

from collections import Counter

from demo.homepages import homepage_path
from tests.support.demo_world import title_key


def test_publishes_at_least_150_listings(demo_world):
    assert demo_world.report["published"]["listings"] >= 150


def test_broken_source_is_reported_and_the_run_goes_on(demo_world):
    rows = {r["source"]: r for r in demo_world.report["sources"]}
    assert rows["demo-broken-feed"]["health"] == "broken"
    assert "HTTP 500" in rows["demo-broken-feed"]["reason"]
    assert all(r["health"] == "ok" for sid, r in rows.items() if sid != "demo-broken-feed")


def test_listings_span_at_least_ten_states(demo_world):
    states = demo_world.published("SELECT DISTINCT region FROM listings WHERE region IS NOT NULL")
    assert len(states) >= 10


def test_items_not_for_therapists_are_kept_but_never_published(demo_world):
    other_titles = {title_key(t["title"]) for t in demo_world.truth if t["kind"] == "other"}
    published = {title_key(r[0]) for r in demo_world.published("SELECT title FROM listings")}
    stored_other = {title_key(r[0]) for r in
                    demo_world.store("SELECT title FROM listings WHERE kind = 'other'")}
    assert other_titles <= stored_other
    assert not other_titles & published


def test_cross_source_duplicates_become_one_listing_linking_both(demo_world):
    groups = Counter(t["duplicate_group"] for t in demo_world.truth if t["duplicate_group"])
    linked = demo_world.store(
        "SELECT listing_id FROM listing_sources GROUP BY listing_id "
        "HAVING count(DISTINCT source_id) > 1")
    assert len(linked) == len(groups) >= 5


def test_cancelled_listings_are_marked(demo_world):
    cancelled = demo_world.published("SELECT count(*) FROM listings WHERE status = 'cancelled'")
    assert cancelled[0][0] >= 3


def test_online_listings_are_never_placed_on_the_map(demo_world):
    placed = demo_world.published(
        "SELECT count(*) FROM listings WHERE attendance_mode = 'online' AND lat IS NOT NULL")
    assert placed[0][0] == 0


def test_in_person_listings_are_geocoded(demo_world):
    total, placed = demo_world.published(
        "SELECT count(*), count(lat) FROM listings WHERE attendance_mode = 'in_person'")[0]
    assert placed / total >= 0.95


def test_precision_cap_keeps_home_based_supervisors_coarse(demo_world):
    rows = demo_world.published(
        "SELECT DISTINCT geo_precision FROM listings WHERE source_id = 'demo-southeast-roster-html'")
    assert {r[0] for r in rows} <= {"city", "county", "region", "none"}


def _truth_by_title(world):
    return {(t["source_id"], title_key(t["title"])): t for t in world.truth}


def test_kind_matches_ground_truth_for_nine_in_ten(demo_world):
    truth = _truth_by_title(demo_world)
    rows = demo_world.store("SELECT source_id, title, kind FROM listings")
    judged = [(truth[(s, title_key(t))]["kind"], k) for s, t, k in rows
              if (s, title_key(t)) in truth]
    assert len(judged) >= 150
    assert sum(a == b for a, b in judged) / len(judged) >= 0.9


def test_attendance_mode_matches_ground_truth_for_nine_in_ten(demo_world):
    truth = _truth_by_title(demo_world)
    rows = demo_world.store("SELECT source_id, title, attendance_mode FROM listings")
    judged = [(truth[(s, title_key(t))]["attendance_mode"], m) for s, t, m in rows
              if (s, title_key(t)) in truth and truth[(s, title_key(t))]["attendance_mode"]]
    assert sum(a == b for a, b in judged) / len(judged) >= 0.9


def test_city_is_known_for_in_person_listings(demo_world):
    total, with_city = demo_world.published(
        "SELECT count(*), count(city) FROM listings WHERE attendance_mode <> 'online'")[0]
    assert with_city / total >= 0.9


def test_fetched_sources_publish_their_human_homepage(demo_world):
    rows = demo_world.published("SELECT id, url, homepage FROM sources WHERE format <> 'submissions'")
    assert rows
    for source_id, url, homepage in rows:
        assert homepage == f"{demo_world.base_url}{homepage_path(source_id)}", source_id
        assert homepage != url
