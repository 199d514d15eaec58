"""sources.toml (the demo registry) loads and points at the demo web."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from demo.catalog import BROKEN, SOURCE_FORMATS
from demo.generate import HTML as HTML_TYPE
from demo.generate import SOURCE_PATHS, build_site
from demo.rosters import CSV_COLUMNS, HTML_COLUMNS
from pipelines.core.registry import FORMATS, LOCAL_FORMATS, load_registry
from tests.support.paths import DEMO_REGISTRY


@pytest.fixture(scope="module")
def registry():
    return load_registry(DEMO_REGISTRY, variables={"demo": "http://127.0.0.1:8765"})


def test_every_format_is_present(registry):
    formats = {s.format for s in registry.sources}
    assert set(FORMATS) <= formats
    assert {f for f in formats if f not in FORMATS} == {"site:peer_groups_directory"}


def test_registry_matches_the_demo_site_paths(registry):
    site = build_site(datetime(2026, 11, 26, tzinfo=UTC))
    for source in registry.sources:
        if source.format in LOCAL_FORMATS:  # read from the submission store, not the demo web
            continue
        path = source.url.removeprefix("http://127.0.0.1:8765")
        assert SOURCE_PATHS[source.id] == path
        assert source.format == SOURCE_FORMATS[source.id]
        assert path in site


def test_broken_source_is_enabled(registry):
    assert registry.get(BROKEN).enabled


def test_roster_columns_match_the_files(registry):
    assert registry.get("demo-rockies-roster-csv").columns == CSV_COLUMNS
    assert registry.get("demo-southeast-roster-html").columns == HTML_COLUMNS


def test_home_based_rosters_cap_precision(registry):
    rosters = [s for s in registry.sources if s.format == "roster"]
    assert rosters and all(s.precision_cap in ("postal_code", "city") for s in rosters)


def test_demo_var_can_be_overridden(registry):
    moved = load_registry(DEMO_REGISTRY, variables={"demo": "http://127.0.0.1:9999/"})
    fetched = [s for s in moved.sources if s.format not in LOCAL_FORMATS]
    assert fetched and all(s.url.startswith("http://127.0.0.1:9999/") for s in fetched)


def test_every_fetched_source_has_a_human_homepage_on_the_demo_web(registry):
    site = build_site(datetime(2026, 11, 26, tzinfo=UTC))
    fetched = [s for s in registry.sources if s.format not in LOCAL_FORMATS]
    for source in fetched:
        assert source.homepage and source.homepage != source.url, source.id
        page = site[source.homepage.removeprefix("http://127.0.0.1:8765")]
        assert page.content_type == HTML_TYPE
        assert b"Fictional demo data" in page.body
        assert source.url.encode() in page.body  # it says where the data it publishes is
