"""Feed discovery and the crawl-target check."""

from __future__ import annotations

import socket

import pytest

from spiders.discover import check_target_allowed, discover
from tests.support.parser_fixtures import fixture_bytes

PAGE = "https://peer.example.org/events/"


def test_webcal_link_becomes_http() -> None:
    body = b'<html><body><a href="webcal://peer.example.org/cal.ics">Subscribe</a></body></html>'
    (found,) = discover(body, PAGE, "text/html")
    assert (found.format, found.url) == ("ics", "http://peer.example.org/cal.ics")


def test_calendar_alternate_link() -> None:
    body = (b'<html><head><link rel="alternate" type="text/calendar" title="Feed" '
            b'href="/events/?ical=1"></head></html>')
    (found,) = discover(body, PAGE, "text/html")
    assert (found.format, found.url, found.title) == (
        "ics", "https://peer.example.org/events/?ical=1", "Feed")


def test_tec_meta_without_link_gives_endpoint() -> None:
    body = (b'<html><head><meta name="tec-api-version" content="v1">'
            b'<meta name="tec-api-origin" content="https://peer.example.org"></head></html>')
    (found,) = discover(body, PAGE, "text/html")
    assert found.url == "https://peer.example.org/wp-json/tribe/events/v1/events"


def test_direct_ics_body() -> None:
    body = b"BEGIN:VCALENDAR\r\nX-WR-CALNAME:Groups\r\nEND:VCALENDAR\r\n"
    (found,) = discover(body, "https://peer.example.org/feed", "text/calendar")
    assert (found.format, found.title) == ("ics", "Groups")


def test_csv_roster_body() -> None:
    (found,) = discover(fixture_bytes("roster/supervisors.csv"),
                        "https://board.example.org/r.csv", "text/csv")
    assert found.format == "roster"


def test_html_table_roster() -> None:
    found = discover(fixture_bytes("roster/supervisors.html"),
                     "https://board.example.org/r.html", "text/html")
    assert [f.format for f in found] == ["roster"]


def test_jsonld_page() -> None:
    found = discover(fixture_bytes("jsonld/graph_schedule.html"), PAGE, "text/html")
    assert [f.format for f in found] == ["jsonld"]


def test_nothing_found_on_plain_page() -> None:
    assert discover(b"<html><body><a href='/about'>About</a></body></html>", PAGE, None) == []


def test_file_url_refused() -> None:
    with pytest.raises(ValueError, match="file:"):
        check_target_allowed("file:///etc/passwd", allow_private=True)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/x", "http://10.1.2.3/", "http://[::1]/",
                                 "http://169.254.169.254/latest", "http://[::ffff:192.168.0.1]/"])
def test_private_literal_ips_refused(url: str) -> None:
    with pytest.raises(ValueError, match="private"):
        check_target_allowed(url, allow_private=False)


def test_private_allowed_when_asked() -> None:
    check_target_allowed("http://127.0.0.1:8080/x", allow_private=True)


def test_public_literal_ip_allowed() -> None:
    check_target_allowed("https://93.184.216.34/", allow_private=False)


def test_name_resolving_to_loopback_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_getaddrinfo(host: str, port: int, **_: object) -> list[tuple]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(ValueError, match="127.0.0.1"):
        check_target_allowed("https://sneaky.example.org/", allow_private=False)
