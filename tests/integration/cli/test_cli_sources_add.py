"""`peermap sources add`: discovery from a homepage appends a valid entry; unsafe targets refused."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli.main import app
from pipelines.core.registry import load_registry
from tests.support.fixture_server import FixtureServer, Route

HOME = b"""<html><head>
<meta name="tec-api-version" content="v1">
<link rel="alternate" type="text/calendar" title="Events iCal" href="/events/?ical=1">
<link rel="https://api.w.org/" href="/wp-json/">
</head><body>Texas Association of Peer Consultation (fictional)</body></html>"""

REGISTRY = '[settings]\ncontact_url = "https://example.org/tests"\n'


@pytest.fixture
def site():
    with FixtureServer({"/": Route(HOME, content_type="text/html; charset=utf-8")}) as srv:
        yield srv


def add(tmp_path: Path, *args: str):
    registry = tmp_path / "sources.toml"
    if not registry.exists():
        registry.write_text(REGISTRY)
    return CliRunner().invoke(app, ["sources", "add", *args, "--sources", str(registry)])


def test_loopback_target_is_refused_without_allow_private(tmp_path, site):
    result = add(tmp_path, site.url("/"))
    assert result.exit_code == 2
    assert "private" in result.stderr.lower() or "loopback" in result.stderr.lower()
    assert site.paths() == []


def test_file_target_is_refused(tmp_path):
    result = add(tmp_path, "file:///etc/passwd")
    assert result.exit_code == 2 and "file" in result.stderr.lower()


def test_tec_site_is_discovered_and_appended(tmp_path, site):
    result = add(tmp_path, site.url("/"), "--allow-private", "--id", "tx-peer")
    assert result.exit_code == 0, result.output
    source = load_registry(tmp_path / "sources.toml").get("tx-peer")
    assert source.format == "tribe"
    assert source.url.endswith("/wp-json/tribe/events/v1/events")


def test_discovery_fetches_robots_then_the_page_with_our_user_agent(tmp_path, site):
    add(tmp_path, site.url("/"), "--allow-private")
    assert site.paths()[-1] == "/"
    assert site.log[-1].headers["User-Agent"].startswith("PeerMap/")


def test_dry_run_leaves_the_registry_alone(tmp_path, site):
    add(tmp_path, site.url("/"), "--allow-private", "--dry-run")
    assert (tmp_path / "sources.toml").read_text() == REGISTRY


def test_page_without_feeds_is_a_clear_error(tmp_path):
    with FixtureServer({"/": Route(b"<html><body>hello</body></html>",
                                   content_type="text/html")}) as srv:
        result = add(tmp_path, srv.url("/"), "--allow-private")
    assert result.exit_code == 2 and "no calendar feed" in result.stderr


def test_loopback_refusal_names_the_flag(tmp_path, site):
    result = add(tmp_path, site.url("/"))
    assert "--allow-private" in result.stderr and "allow_private" not in result.stderr


def test_new_source_is_disabled_until_terms_are_read_and_next_steps_printed(tmp_path, site):
    result = add(tmp_path, site.url("/"), "--allow-private", "--id", "tx-peer")
    assert result.exit_code == 0, result.output
    assert load_registry(tmp_path / "sources.toml").get("tx-peer").enabled is False
    steps = [line for line in result.stdout.splitlines() if line.startswith("next:")]
    assert len(steps) == 3
    assert "terms" in steps[0] and "peermap preview" in steps[1] and "enabled = true" in steps[2]


def test_a_feed_already_in_the_registry_is_not_added_twice(tmp_path, site):
    assert add(tmp_path, site.url("/"), "--allow-private", "--id", "tx-peer").exit_code == 0
    before = (tmp_path / "sources.toml").read_text()
    again = add(tmp_path, site.url("/"), "--allow-private", "--id", "tx-peer-2")
    assert again.exit_code == 2
    assert "already in the registry as source 'tx-peer'" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1
    assert (tmp_path / "sources.toml").read_text() == before
