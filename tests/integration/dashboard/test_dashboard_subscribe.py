"""AppTest: the page offers the current search as a calendar subscription when a feed server is
configured (PEERMAP_FEED_URL), and says how to enable one when it is not."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.support.apptest import run_app

SUBSCRIBE = "Subscribe in a calendar app (webcal)"


def _subscribe_buttons(at):
    return [b for b in at.get("link_button") if b.proto.label == SUBSCRIBE]


def test_subscribe_links_carry_the_share_link_search_and_its_zone(data_dir, monkeypatch):
    monkeypatch.setenv("PEERMAP_FEED_URL", "http://127.0.0.1:8502/")
    at = run_app({"where": "10001", "kind": "supervision", "radius": "50"})
    assert not at.exception
    (button,) = _subscribe_buttons(at)
    webcal = button.proto.url
    assert webcal.startswith("webcal://127.0.0.1:8502/calendar.ics?")
    (code,) = [c.value for c in at.code if c.value.startswith("http://")]
    assert code == "http" + webcal.removeprefix("webcal")
    params = parse_qs(urlsplit(code).query)
    assert params == {"where": ["10001"], "kind": ["supervision"], "radius": ["50"],
                      "tz": ["America/New_York"]}  # the page's zone, so day filters agree


def test_without_a_feed_server_the_page_says_how_to_enable_it(data_dir, monkeypatch):
    monkeypatch.delenv("PEERMAP_FEED_URL", raising=False)
    at = run_app({"where": "10001"})
    assert not at.exception
    assert _subscribe_buttons(at) == []
    assert any("peermap feed" in c.value and "PEERMAP_FEED_URL" in c.value for c in at.caption)


def test_a_feed_url_that_is_not_http_gets_no_link(data_dir, monkeypatch):
    monkeypatch.setenv("PEERMAP_FEED_URL", "javascript:alert(1)")
    at = run_app({"where": "10001"})
    assert _subscribe_buttons(at) == []
    assert any("not an http(s) address" in c.value for c in at.caption)
