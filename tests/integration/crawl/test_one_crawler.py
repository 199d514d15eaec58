"""One crawler for many sources gives every source exactly what a crawler of its own gave.

The demo web plus loopback fixtures that fail in each way a source can (HTTP 500, a server that
never answers, robots.txt forbidding the feed, a redirect loop, a private address refused, a page
cap, an unknown format, two sources listing the same URL) are crawled twice (a first run, then
the next day's, answered by 304s) through the crawler-per-source path
(PEERMAP_CRAWLER_PER_SOURCE) and through the one-crawler path, each in its own data folder.
Every CrawlResult field but the duration, and every raw item, must be equal.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from demo.generate import site_builder
from demo.server import DemoServer
from pipelines.core.registry import Settings, Source, load_registry
from pipelines.crawl.result import CrawlResult
from pipelines.crawl.runner import crawl_sources
from tests.support.fixture_server import FixtureServer, Route
from tests.support.paths import DEMO_REGISTRY

AS_OF = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
NEXT_DAY = AS_OF + timedelta(days=1)
ICS = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//PeerMap tests//EN\r\nBEGIN:VEVENT\r\n"
       b"UID:one@example.org\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261210T180000Z\r\n"
       b"DTEND:20261210T193000Z\r\nSUMMARY:DBT peer consultation\r\nLOCATION:Zoom\r\n"
       b"END:VEVENT\r\nEND:VCALENDAR\r\n")
SETTINGS = Settings(contact_url="https://example.org/peermap-tests", concurrency=4)


def _source(sid: str, url: str, **kw: Any) -> Source:
    return Source(id=sid, name=sid, url=url, format=kw.pop("format", "ics"),
                  allow_private=kw.pop("allow_private", True), timeout_s=kw.pop("timeout_s", 30),
                  **kw)


@pytest.fixture(scope="module")
def sources() -> Iterator[list[Source]]:
    faults = {
        "/feed.ics": Route(ICS, content_type="text/calendar"),
        "/error.ics": Route(b"oops", status=500),
        "/a.ics": Route(b"", status=302, headers={"Location": "/b.ics"}, conditional=False),
        "/b.ics": Route(b"", status=302, headers={"Location": "/a.ics"}, conditional=False),
        "/notes.txt": Route(b"just some words, no calendar here"),
    }
    with DemoServer(site_builder(AS_OF)) as demo, FixtureServer(faults) as srv, \
            FixtureServer({"/feed.ics": Route(ICS)}, robots=b"User-agent: *\nDisallow: /\n"
                          ) as forbidding, \
            FixtureServer({"/slow.ics": Route(ICS, delay_s=20)}) as hanging:
        registry = load_registry(DEMO_REGISTRY, variables={"demo": demo.base_url})
        demo_sources = [s for s in registry.enabled() if s.id != "submissions"]
        tribe = next(s for s in demo_sources if s.format == "tribe")
        yield demo_sources + [
            _source("good", srv.url("/feed.ics")),
            _source("server-error", srv.url("/error.ics")),
            _source("redirect-loop", srv.url("/a.ics")),
            _source("unknown-format", srv.url("/notes.txt"), format="auto"),
            _source("private-refused", srv.url("/feed.ics"), allow_private=False),
            _source("robots-forbidden", forbidding.url("/feed.ics")),
            _source("times-out", hanging.url("/slow.ics"), timeout_s=1, max_pages=1),
            # Its own URL: two sources of one URL in one run share the HTTP cache, so which of
            # them gets the 304 depends on which was first, in either path.
            dataclasses.replace(tribe, id="page-capped", url=tribe.url + "?per_page=5",
                                max_pages=1),
        ]


def _crawl_twice(sources: list[Source], data_dir: Path, *, per_source: bool
                 ) -> list[dict[str, CrawlResult]]:
    overrides = {"PEERMAP_CRAWLER_PER_SOURCE": per_source}
    return [crawl_sources(sources, SETTINGS, data_dir, as_of=as_of, fast=True, overrides=overrides)
            for as_of in (AS_OF, NEXT_DAY)]


def _comparable(result: CrawlResult) -> dict[str, Any]:
    """Every field but the duration. A source's pages are fetched concurrently, so the order
    of its documents (their items and errors) is the order they arrived, in either path."""
    fields = dataclasses.asdict(result)
    fields.pop("duration_s")
    fields["raw_items"] = sorted(fields["raw_items"], key=repr)
    fields["errors"] = sorted(fields["errors"])
    return fields


@pytest.fixture(scope="module")
def both_paths(sources: list[Source], tmp_path_factory: pytest.TempPathFactory
               ) -> tuple[list[dict[str, CrawlResult]], list[dict[str, CrawlResult]]]:
    old = _crawl_twice(sources, tmp_path_factory.mktemp("per-source"), per_source=True)
    new = _crawl_twice(sources, tmp_path_factory.mktemp("one-crawler"), per_source=False)
    return old, new


@pytest.mark.parametrize("run", [0, 1], ids=["first run", "next day (304s)"])
def test_every_source_gets_the_same_result_from_one_crawler(both_paths, sources, run: int
                                                            ) -> None:  # noqa: ANN001
    old, new = both_paths[0][run], both_paths[1][run]
    assert sorted(new) == sorted(old) == sorted(s.id for s in sources)
    for sid in old:
        assert _comparable(new[sid]) == _comparable(old[sid]), sid


def test_the_fixtures_cover_each_way_a_source_fails(both_paths) -> None:  # noqa: ANN001
    first = both_paths[1][0]
    reasons = {sid: first[sid].error_reason for sid in first if not first[sid].ok}
    assert "HTTP 500" in str(reasons["server-error"])
    assert "redirect" in str(reasons["redirect-loop"])
    assert reasons["robots-forbidden"] == "blocked by robots.txt"
    assert reasons["times-out"] == "timed out after 2 s"
    assert "cannot tell the format" in str(reasons["unknown-format"])
    assert "private-refused" in reasons
    assert any("page cap of 1 reached" in e for e in first["page-capped"].errors)
    assert first["good"].raw_items


def test_the_next_day_is_answered_from_the_http_cache(both_paths) -> None:  # noqa: ANN001
    again = both_paths[1][1]
    assert again["good"].not_modified == again["good"].documents == 1
    assert sum(r.not_modified for r in again.values()) >= 8


def test_two_sources_of_one_url_each_get_its_documents(tmp_path: Path) -> None:
    """Duplicate requests are filtered per source, not across the sources of one crawler."""
    with FixtureServer({"/feed.ics": Route(ICS, content_type="text/calendar")}) as srv:
        both = crawl_sources([_source("one", srv.url("/feed.ics")),
                              _source("other", srv.url("/feed.ics"))],
                             SETTINGS, tmp_path, as_of=AS_OF, fast=True)
    assert both["one"].ok and both["other"].ok
    assert [i.title for i in both["other"].raw_items] == ["DBT peer consultation"]


def test_a_source_out_of_time_fails_alone_beside_a_healthy_one_on_its_host(tmp_path: Path
                                                                           ) -> None:
    """The two share the host's download slot; only the hanging one runs out of its budget."""
    routes = {"/slow.ics": Route(ICS, delay_s=20), "/feed.ics": Route(ICS)}
    with FixtureServer(routes) as srv:
        both = crawl_sources([_source("hangs", srv.url("/slow.ics"), timeout_s=1, max_pages=1),
                              _source("healthy", srv.url("/feed.ics"))],
                             SETTINGS, tmp_path, as_of=AS_OF, fast=True)
    assert both["hangs"].error_reason == "timed out after 2 s"
    assert both["hangs"].raw_items == []
    assert both["healthy"].ok and len(both["healthy"].raw_items) == 1
