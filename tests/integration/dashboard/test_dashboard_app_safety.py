"""AppTest: empty states, untrusted text, hostile input, missing/replaced snapshots, pages."""

from __future__ import annotations

import pytest

from tests.support.apptest import PAGES, card_titles, run_app, section_titles
from tests.support.dashboard_samples import listing, publish_sample, sample_listings


def _all_markdown_protos(at):
    return [el.proto for el in [*at.markdown, *at.caption, *at.info, *at.warning]]


def test_no_groups_within_radius_explains_what_to_try(data_dir):
    at = run_app({"where": "59001"})
    message = at.info[0].value
    assert message.startswith("No groups within 25 miles of Absarokee, MT")
    assert "3 online groups match" in message
    assert "nearest match is" in message and "larger radius" in message


def test_unknown_place_is_explained(data_dir):
    at = run_app({"where": "Atlantis, ZZ"})
    assert "Couldn't find" in at.warning[0].value
    assert "5\\-digit ZIP" not in at.warning[0].value  # our own text is not escaped


def test_filters_that_match_nothing_suggest_loosening(data_dir):
    at = run_app({"where": "10001", "q": "no such words anywhere"})
    texts = [i.value for i in at.info]
    assert any("try a larger radius, fewer filters" in t for t in texts)
    assert any(t.startswith("No online groups") for t in texts)


def test_injection_title_is_shown_as_escaped_text(data_dir):
    at = run_app({"where": "10001"})
    title = next(t for t in card_titles(at) if "script" in t)
    assert title.startswith("\\<script\\>alert\\(1\\)\\<\\/script\\>")
    assert "\\[x\\]\\(javascript\\:alert\\(1\\)\\)" in title
    assert "\\*\\*bold\\*\\*" in title and "\\:red\\[x\\]" in title
    assert not any(p.allow_html for p in _all_markdown_protos(at) if hasattr(p, "allow_html"))


def test_description_html_goes_through_st_text(data_dir):
    at = run_app({"where": "10001"})
    assert "<img src=x onerror=alert(1)>" in [t.value for t in at.text]


def test_unsafe_source_link_is_not_rendered(data_dir):
    at = run_app({"where": "10001"})
    urls = [el.proto.url for el in at.get("link_button")]
    assert urls and all(u.startswith(("https://", "http://", "mailto:", "tel:")) for u in urls)
    assert any(c.value == "No safe source link" for c in at.caption)


@pytest.mark.parametrize("payload", ["'; DROP TABLE listings; --", "\" OR 1=1 --", "%_\\",
                                     "$olat", "?", "Robert'); DELETE FROM meta;--",
                                     "<script>alert(1)</script>"])
def test_sql_fragments_in_text_inputs_do_not_error(data_dir, payload):
    at = run_app({"where": "10001"})
    at.text_input(key="search_q").input(payload).run()
    at.text_input(key="search_where").input(payload).run()
    assert not at.exception
    assert "Couldn't find" in at.warning[0].value


def test_hostile_query_params_fall_back_to_defaults(data_dir):
    at = run_app({"radius": "1e309", "kind": "x') OR 1=1", "tz": "../../etc", "within": "-1"})
    assert not at.exception
    assert at.slider(key="search_radius").value == 25


def test_missing_snapshot_shows_a_friendly_page(tmp_path, monkeypatch):
    monkeypatch.setenv("PEERMAP_DATA_DIR", str(tmp_path / "empty"))
    at = run_app()
    assert not at.exception
    assert "No data published yet" in at.info[0].value and "make demo" in at.info[0].value


def test_replaced_snapshot_is_reopened(data_dir):
    at = run_app({"where": "10001"})
    assert "Fresh Tribeca Group" not in card_titles(at)
    fresh = listing("z-new", "Fresh Tribeca Group", attendance_mode="in_person", lat=40.72,
                    lon=-74.0)
    publish_sample(data_dir / "published" / "peermap.duckdb", [*sample_listings(), fresh])
    at.run()
    assert "Fresh Tribeca Group" in section_titles(at, "Near you")


def test_sources_page_shows_health_and_last_success(data_dir):
    at = run_app(script=PAGES / "1_Sources_and_health.py")
    assert not at.exception
    assert [m.value for m in at.metric][:3] == ["2", "1", "1"]
    assert any("Last successful run" in m.value for m in at.markdown)


def test_dataset_page_explains_a_missing_export(data_dir):
    at = run_app(script=PAGES / "2_Download_the_dataset.py")
    assert not at.exception
    assert "No dataset export yet" in at.info[0].value
