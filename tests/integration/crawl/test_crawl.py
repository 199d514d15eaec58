"""The reactorless crawl: robots.txt first, then the feed; a re-crawl is answered by 304."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipelines.core.registry import Settings, Source
from pipelines.crawl.runner import crawl_sources
from tests.support.fixture_server import FixtureServer, Route

AS_OF = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
ICS = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//PeerMap tests//EN\r
BEGIN:VEVENT\r
UID:consult-1@example.org\r
DTSTAMP:20261101T000000Z\r
DTSTART:20261110T180000Z\r
DTEND:20261110T193000Z\r
SUMMARY:EMDR peer consultation group\r
LOCATION:Zoom\r
END:VEVENT\r
END:VCALENDAR\r
"""
SETTINGS = Settings(contact_url="https://example.org/peermap-tests")


def source(url: str, **kw) -> Source:
    return Source(id=kw.pop("id", "test-ics"), name="Test", url=url, format="ics",
                  timeout_s=kw.pop("timeout_s", 10),
                  allow_private=kw.pop("allow_private", True), **kw)


@pytest.fixture
def server():
    with FixtureServer({"/feed.ics": Route(ICS, content_type="text/calendar")}) as srv:
        yield srv


def test_crawl_fetches_robots_then_feed(server, tmp_path: Path):
    crawl_sources([source(server.url("/feed.ics"))], SETTINGS, tmp_path, as_of=AS_OF, fast=True)
    assert server.paths()[:2] == ["/robots.txt", "/feed.ics"]


def test_crawl_yields_the_feeds_events(server, tmp_path: Path):
    result = crawl_sources([source(server.url("/feed.ics"))], SETTINGS, tmp_path, as_of=AS_OF,
                           fast=True)["test-ics"]
    assert result.ok
    assert [item.title for item in result.raw_items] == ["EMDR peer consultation group"]


def test_user_agent_names_peermap_and_contact(server, tmp_path: Path):
    crawl_sources([source(server.url("/feed.ics"))], SETTINGS, tmp_path, as_of=AS_OF, fast=True)
    agent = server.log[-1].headers["User-Agent"]
    assert agent.startswith("PeerMap/") and "https://example.org/peermap-tests" in agent


def test_second_crawl_of_unchanged_feed_is_a_304(server, tmp_path: Path):
    src = source(server.url("/feed.ics"))
    crawl_sources([src], SETTINGS, tmp_path, as_of=AS_OF, fast=True)
    again = crawl_sources([src], SETTINGS, tmp_path, as_of=AS_OF, fast=True)["test-ics"]
    assert server.paths(304) == ["/feed.ics"]
    assert again.not_modified == 1 and len(again.raw_items) == 1


def test_server_error_fails_the_source_with_reason(tmp_path: Path):
    with FixtureServer({"/feed.ics": Route(b"oops", status=500)}) as srv:
        result = crawl_sources([source(srv.url("/feed.ics"))], SETTINGS, tmp_path, as_of=AS_OF,
                               fast=True)["test-ics"]
    assert not result.ok and "HTTP 500" in (result.error_reason or "")


def test_robots_disallow_is_obeyed(tmp_path: Path):
    routes = {"/feed.ics": Route(ICS)}
    with FixtureServer(routes, robots=b"User-agent: *\nDisallow: /\n") as srv:
        result = crawl_sources([source(srv.url("/feed.ics"))], SETTINGS, tmp_path, as_of=AS_OF,
                               fast=True)["test-ics"]
    assert "/feed.ics" not in srv.paths()
    assert result.error_reason == "blocked by robots.txt"


def test_one_broken_source_does_not_stop_another(tmp_path: Path):
    routes = {"/feed.ics": Route(ICS), "/bad.ics": Route(b"x", status=500)}
    with FixtureServer(routes) as srv:
        results = crawl_sources(
            [source(srv.url("/bad.ics"), id="bad"), source(srv.url("/feed.ics"), id="good")],
            SETTINGS, tmp_path, as_of=AS_OF, fast=True,
        )
    assert not results["bad"].ok and results["good"].ok


def test_crawling_twice_in_one_process_works(server, tmp_path: Path):
    for _ in range(3):
        result = crawl_sources([source(server.url("/feed.ics"))], SETTINGS, tmp_path,
                               as_of=AS_OF, fast=True)["test-ics"]
        assert result.ok


def test_redirect_loop_is_named_in_the_reason(tmp_path: Path):
    routes = {"/a.ics": Route(b"", status=302, headers={"Location": "/b.ics"}, conditional=False),
              "/b.ics": Route(b"", status=302, headers={"Location": "/a.ics"}, conditional=False)}
    with FixtureServer(routes) as srv:
        result = crawl_sources([source(srv.url("/a.ics"))], SETTINGS, tmp_path, as_of=AS_OF,
                               fast=True)["test-ics"]
    assert not result.ok and "redirect" in (result.error_reason or "")
