"""AppTest: the search widgets and the URL drive the results."""

from __future__ import annotations

from tests.support.apptest import run_app, section_titles, subheaders

BROOKLYN = "Brooklyn DBT Consult Group"
EMDR = "Manhattan EMDR Peer Supervision"
PHILLY = "Philadelphia Trauma Peer Event"
PLAY = "Online Play Therapy Consult"
ETHICS = "Telehealth Ethics Peer Group"


def test_zip_search_lists_nearest_first_and_online_separately(data_dir):
    at = run_app({"where": "10001"})
    assert not at.exception
    near = section_titles(at, "Near you")
    assert near[0] == EMDR and near[-1] == BROOKLYN and len(near) == 3
    assert section_titles(at, "Online") == [PLAY, ETHICS, PHILLY]


def test_typing_another_zip_changes_the_list(data_dir):
    at = run_app({"where": "10001"})
    at.text_input(key="search_where").input("19103").run()
    assert section_titles(at, "Near you") == [PHILLY]
    assert at.query_params["where"] == "19103"


def test_radius_widens_the_search(data_dir):
    at = run_app({"where": "10001"})
    at.slider(key="search_radius").set_value(100).run()
    assert PHILLY in section_titles(at, "Near you")


def test_kind_filter(data_dir):
    at = run_app({"where": "10001"})
    at.multiselect(key="search_kinds").select("supervision").run()
    assert section_titles(at, "Near you") == [EMDR]


def test_free_filter(data_dir):
    at = run_app({"where": "10001"})
    at.checkbox(key="search_free").check().run()
    assert section_titles(at, "Near you") == [BROOKLYN]
    assert section_titles(at, "Online") == [PLAY]


def test_taking_new_members_filter(data_dir):
    at = run_app({"where": "10001"})
    at.checkbox(key="search_accepting").check().run()
    assert section_titles(at, "Near you") == [EMDR]
    assert at.query_params["open"] == "1"


def test_online_only_hides_the_local_list(data_dir):
    at = run_app({"where": "10001"})
    at.toggle(key="search_online_only").set_value(True).run()
    assert not any(s.startswith("Near you") for s in subheaders(at))
    assert section_titles(at, "Online") == [PLAY, ETHICS, PHILLY]


def test_licensed_state_filters_online_listings(data_dir):
    at = run_app({"where": "10001"})
    at.selectbox(key="search_licensed_state").select("NY").run()
    assert section_titles(at, "Online") == [ETHICS, PHILLY]


def test_free_text_and_day_filters(data_dir):
    at = run_app({"where": "10001"})
    at.text_input(key="search_q").input("dbt").run()
    assert section_titles(at, "Near you") == [BROOKLYN]
    at.text_input(key="search_q").input("").run()
    at.multiselect(key="search_days").select("thu").run()
    assert section_titles(at, "Near you") == [EMDR]


def test_viewer_time_zone_changes_displayed_times(data_dir):
    at = run_app({"where": "10001", "kind": "supervision"})
    assert any("10\\:00 AM EDT" in m.value for m in at.markdown)
    at.selectbox(key="search_tz").select("America/Los_Angeles").run()
    assert any("7\\:00 AM PDT" in m.value for m in at.markdown)


def test_query_params_restore_the_same_search(data_dir):
    first = run_app({"where": "10001"})
    first.multiselect(key="search_kinds").select("supervision").run()
    first.slider(key="search_radius").set_value(50).run()
    shared = dict(first.query_params)
    assert shared == {"where": "10001", "radius": "50", "kind": "supervision"}
    second = run_app(shared)
    assert second.slider(key="search_radius").value == 50
    assert second.multiselect(key="search_kinds").value == ["supervision"]
    assert section_titles(second, "Near you") == section_titles(first, "Near you") == [EMDR]
