"""`sources add` discovery fetches through the crawler's Scrapy path: robots.txt with our
User-Agent, every redirect hop checked, drip feeds cut off (127.0.0.1 servers and DNS stubs)."""

from __future__ import annotations

import ipaddress
import time
from pathlib import Path

import pytest

from pipelines.crawl.sources_add import SourceAddError, add_source
from spiders import middlewares
from spiders.common import address_policy
from tests.support.fixture_server import FixtureServer, Route

ICS = b"BEGIN:VCALENDAR\r\nX-WR-CALNAME:Secret\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
PUBLIC = ipaddress.ip_address("93.184.216.34")  # the stubbed answer; never dialled


@pytest.fixture
def public_localhost(monkeypatch: pytest.MonkeyPatch) -> None:
    real = address_policy.resolve
    monkeypatch.setattr(address_policy, "resolve",
                        lambda host, port: [PUBLIC] if host == "localhost" else real(host, port))


@pytest.mark.issue19(3)
def test_robots_txt_goes_out_with_our_user_agent(tmp_path: Path) -> None:
    with FixtureServer({"/cal.ics": Route(ICS, content_type="text/calendar")}) as server:
        add_source(server.url("/cal.ics"), tmp_path / "sources.toml", allow_private=True,
                   dry_run=True, echo=lambda _: None)
        robots = [r for r in server.log if r.path == "/robots.txt"]
    assert robots and robots[0].headers["User-Agent"].startswith("PeerMap/")


@pytest.mark.issue19(3)
def test_robots_disallow_is_honoured(tmp_path: Path) -> None:
    with FixtureServer({"/cal.ics": Route(ICS, content_type="text/calendar")},
                       robots=b"User-agent: *\nDisallow: /\n") as server:
        with pytest.raises(SourceAddError, match="robots"):
            add_source(server.url("/cal.ics"), tmp_path / "sources.toml", allow_private=True,
                       dry_run=True, echo=lambda _: None)
        assert "/cal.ics" not in server.paths()


@pytest.mark.issue19(3)
def test_a_redirect_to_loopback_is_refused(tmp_path: Path, public_localhost: None,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(middlewares, "check_connected", lambda *a, **k: None)
    with FixtureServer({"/secret.ics": Route(ICS, content_type="text/calendar")}) as server:
        server.routes["/go"] = Route(status=302, headers={"Location": server.url("/secret.ics")})
        with pytest.raises(SourceAddError, match="refused address"):
            add_source(server.url("/go").replace("127.0.0.1", "localhost"),
                       tmp_path / "sources.toml", dry_run=True, echo=lambda _: None)
        assert "/secret.ics" not in server.paths()


@pytest.mark.issue19(3)
def test_rebinding_name_is_refused_at_the_connected_address(
        tmp_path: Path, public_localhost: None) -> None:
    with (FixtureServer({"/cal.ics": Route(ICS, content_type="text/calendar")}) as server,
          pytest.raises(SourceAddError, match="DNS rebinding")):
        add_source(server.url("/cal.ics").replace("127.0.0.1", "localhost"),
                   tmp_path / "sources.toml", dry_run=True, echo=lambda _: None)


@pytest.mark.issue19(4)
def test_a_drip_feed_is_cut_off(tmp_path: Path) -> None:
    with FixtureServer({"/cal.ics": Route(ICS * 50, content_type="text/calendar",
                                          drip_s=0.5, conditional=False)}) as server:
        started = time.monotonic()
        with pytest.raises(SourceAddError, match="cannot fetch|longer than"):
            add_source(server.url("/cal.ics"), tmp_path / "sources.toml", allow_private=True,
                       dry_run=True, echo=lambda _: None, timeout_s=2.0)
    assert time.monotonic() - started < 60  # the whole drip would take > 20 minutes
