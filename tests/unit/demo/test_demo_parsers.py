"""Each demo source parses with the project's own format parsers with zero errors."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from demo.catalog import BROKEN, JSONLD_PAGES, TEC_API, build_catalog
from demo.generate import SOURCE_PATHS, build_site, resolve
from pipelines.core.registry import load_registry
from spiders.formats.registry import PARSERS
from spiders.items import ParseContext
from tests.support.paths import DEMO_REGISTRY

AS_OF = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
BASE = "http://127.0.0.1:8765"
REGISTRY = load_registry(DEMO_REGISTRY,
                         variables={"demo": BASE})
SITE = build_site(AS_OF, base_url=BASE)
CATALOG = build_catalog(AS_OF)


def _parse(source_id: str, path: str | None = None):
    source = REGISTRY.get(source_id)
    path = path or SOURCE_PATHS[source_id]
    route, _, query = path.partition("?")
    resource = resolve(SITE, route, query)
    assert resource is not None, path
    ctx = ParseContext(source_id=source.id, url=BASE + path, as_of=AS_OF,
                       default_timezone=source.timezone, default_region=source.region,
                       columns=source.columns, content_type=resource.content_type)
    return PARSERS[source.format](resource.body, ctx)


@pytest.mark.parametrize("source_id", [s for s in SOURCE_PATHS if s != BROKEN])
def test_source_parses_without_errors(source_id):
    result = _parse(source_id)
    assert result.errors == []
    assert result.items


@pytest.mark.parametrize("source_id", ["demo-lonestar-google-ics", "demo-heartland-outlook-ics",
                                       "demo-rockies-roster-csv", "demo-southeast-roster-html"])
def test_single_document_sources_yield_every_catalog_entry(source_id):
    expected = len(CATALOG.events_for(source_id)) + len(CATALOG.supervisors_for(source_id))
    assert len(_parse(source_id).items) == expected


def test_tec_pages_together_yield_every_upcoming_event():
    seen = 0
    path: str | None = SOURCE_PATHS[TEC_API]
    while path:
        result = _parse(TEC_API, path)
        assert result.errors == []
        seen += len(result.items)
        path = result.next_urls[0].removeprefix(BASE) if result.next_urls else None
    upcoming = [e for e in CATALOG.events_for(TEC_API) if e.end >= AS_OF]
    assert seen == len(upcoming)


def test_jsonld_detail_pages_parse_without_errors():
    listing = _parse(JSONLD_PAGES)
    assert listing.next_urls
    for url in listing.next_urls:
        result = _parse(JSONLD_PAGES, url.removeprefix(BASE))
        assert result.errors == [] and len(result.items) == 1
