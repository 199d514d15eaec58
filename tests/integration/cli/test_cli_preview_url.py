"""`peermap preview URL` crawls through the flow's spider (robots.txt, User-Agent) and prints JSON."""

import json

from typer.testing import CliRunner

from pipelines.cli.main import app
from tests.integration.crawl.test_crawl import ICS
from tests.support.fixture_server import FixtureServer, Route


def test_preview_url_prints_listings_and_asks_robots_first(tmp_path):
    with FixtureServer({"/feed.ics": Route(ICS, content_type="text/calendar")}) as server:
        result = CliRunner().invoke(app, ["preview", server.url("/feed.ics"), "--as-of",
                                          "2026-11-02T12:00:00Z", "--data-dir", str(tmp_path),
                                          "--allow-private"])
        paths = server.paths()
    assert result.exit_code == 0, result.output
    listings = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [item["title"] for item in listings] == ["EMDR peer consultation group"]
    assert listings[0]["attendance_mode"] == "online"
    assert paths[:2] == ["/robots.txt", "/feed.ics"]


def test_preview_url_that_fails_reports_why(tmp_path):
    with FixtureServer({"/feed.ics": Route(b"x", status=404)}) as server:
        result = CliRunner().invoke(app, ["preview", server.url("/feed.ics"), "--data-dir",
                                          str(tmp_path), "--allow-private"])
    assert result.exit_code == 2
    assert "could not read" in result.stderr and "HTTP 404" in result.stderr


def test_preview_of_a_loopback_url_needs_allow_private(tmp_path):
    with FixtureServer({"/feed.ics": Route(ICS, content_type="text/calendar")}) as server:
        result = CliRunner().invoke(app, ["preview", server.url("/feed.ics"), "--data-dir",
                                          str(tmp_path)])
        requested = server.paths()
    assert result.exit_code == 2 and "refused address" in result.stderr
    assert requested == []
