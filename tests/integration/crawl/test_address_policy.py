"""SSRF: every fetch route is checked by the one address policy (only 127.0.0.1 servers and
DNS stubs are used: a name is made to "resolve public" by monkeypatching the policy's lookup)."""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipelines.core.registry import Settings, Source
from pipelines.crawl.runner import crawl_sources
from spiders import middlewares
from spiders.common import address_policy
from tests.support.fixture_server import FixtureServer, Route

AS_OF = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
ICS = (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:secret@internal\r\nSUMMARY:Internal secret\r\n"
       b"DTSTART:20261110T180000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
SETTINGS = Settings(contact_url="https://example.org/peermap-tests")
PUBLIC = ipaddress.ip_address("93.184.216.34")  # what the stubbed lookup answers; never dialled


def _source(url: str, allow_private: bool = False) -> Source:
    return Source(id="s", name="S", url=url, format="ics", timeout_s=10,
                  allow_private=allow_private)


def _crawl(url: str, tmp_path: Path, allow_private: bool = False):  # type: ignore[no-untyped-def]
    return crawl_sources([_source(url, allow_private)], SETTINGS, tmp_path, as_of=AS_OF,
                         fast=True)["s"]


@pytest.fixture
def public_localhost(monkeypatch: pytest.MonkeyPatch) -> None:
    """`localhost` resolves public for the policy's check; the connection still goes to 127.0.0.1."""
    real = address_policy.resolve
    monkeypatch.setattr(address_policy, "resolve",
                        lambda host, port: [PUBLIC] if host == "localhost" else real(host, port))


def _secret_server(extra: dict[str, Route]) -> FixtureServer:
    return FixtureServer({"/secret.ics": Route(ICS, content_type="text/calendar"), **extra})


@pytest.mark.issue19(2)
def test_a_loopback_source_is_refused_without_a_connection(tmp_path: Path) -> None:
    with _secret_server({}) as server:
        result = _crawl(server.url("/secret.ics"), tmp_path)
    assert not result.ok and "refused address" in (result.error_reason or "")
    assert result.raw_items == [] and server.log == []


@pytest.mark.issue19(2)
def test_allow_private_lets_the_demo_and_tests_crawl_loopback(tmp_path: Path) -> None:
    with _secret_server({}) as server:
        result = _crawl(server.url("/secret.ics"), tmp_path, allow_private=True)
    assert result.ok and [i.title for i in result.raw_items] == ["Internal secret"]


@pytest.mark.issue19(2)
def test_rebinding_public_for_the_check_loopback_for_the_connection(
        tmp_path: Path, public_localhost: None) -> None:
    with _secret_server({}) as server:
        result = _crawl(server.url("/secret.ics").replace("127.0.0.1", "localhost"), tmp_path)
    assert not result.ok and "DNS rebinding" in (result.error_reason or "")
    assert result.raw_items == []


@pytest.mark.parametrize("target", ["http://127.0.0.1:{port}/secret.ics",
                                    "http://[::1]:{port}/secret.ics"])
@pytest.mark.issue19(2)
def test_a_redirect_hop_to_a_private_address_is_refused(
        tmp_path: Path, public_localhost: None, monkeypatch: pytest.MonkeyPatch,
        target: str) -> None:
    # The first hop plays a genuinely public host: its connected address is accepted.
    monkeypatch.setattr(middlewares, "check_connected", lambda *a, **k: None)
    with _secret_server({}) as server:
        port = server.base_url.rsplit(":", 1)[1]
        server.routes["/go"] = Route(status=302, headers={"Location": target.format(port=port)})
        result = _crawl(server.url("/go").replace("127.0.0.1", "localhost"), tmp_path)
    assert not result.ok and result.raw_items == []
    assert "/secret.ics" not in server.paths()
    assert "refused address" in " ".join(result.errors)


@pytest.mark.issue19(2)
def test_a_meta_refresh_to_a_private_address_is_refused(
        tmp_path: Path, public_localhost: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(middlewares, "check_connected", lambda *a, **k: None)
    with _secret_server({}) as server:
        page = (f'<html><head><meta http-equiv="refresh" content="0;url='
                f'{server.url("/secret.ics")}"></head><body>moved</body></html>').encode()
        server.routes["/page"] = Route(page, content_type="text/html")
        result = _crawl(server.url("/page").replace("127.0.0.1", "localhost"), tmp_path)
    assert result.raw_items == [] and "/secret.ics" not in server.paths()
    assert "refused address" in " ".join(result.errors)
