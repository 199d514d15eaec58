"""The demo web over real HTTP on loopback: robots, conditional requests, errors, TEC paging."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import UTC, datetime

import pytest

from demo.catalog import BROKEN, TEC_API
from demo.generate import SOURCE_PATHS, build_site, site_builder
from demo.server import DemoServer

AS_OF = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def server():
    with DemoServer(site_builder(AS_OF)) as running:
        yield running


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_serves_only_on_loopback():
    with pytest.raises(ValueError):
        DemoServer(site_builder(AS_OF), host="0.0.0.0")


def test_base_url_is_loopback_with_ephemeral_port(server):
    assert server.base_url.startswith("http://127.0.0.1:")
    assert not server.base_url.endswith(":0")


def test_robots_txt(server):
    status, headers, body = fetch(server.url("/robots.txt"))
    assert status == 200
    assert headers["Content-Type"].startswith("text/plain")
    assert b"Disallow: /private/" in body


def test_conditional_request_by_etag_gets_304(server):
    url = server.url(SOURCE_PATHS[TEC_API])
    status, headers, _ = fetch(url)
    assert status == 200
    status, _, body = fetch(url, {"If-None-Match": headers["ETag"]})
    assert status == 304 and body == b""


def test_conditional_request_by_date_gets_304(server):
    url = server.url("/robots.txt")
    _, headers, _ = fetch(url)
    status, _, _ = fetch(url, {"If-Modified-Since": headers["Last-Modified"]})
    assert status == 304


def test_stale_etag_gets_full_body(server):
    status, _, body = fetch(server.url("/robots.txt"), {"If-None-Match": '"stale"'})
    assert status == 200 and body


def test_broken_source_answers_500(server):
    status, _, _ = fetch(server.url(SOURCE_PATHS[BROKEN]))
    assert status == 500


def test_unknown_path_is_404(server):
    assert fetch(server.url("/no/such/page"))[0] == 404


def test_tec_pages_link_by_next_rest_url_over_http(server):
    url: str | None = server.url(SOURCE_PATHS[TEC_API]) + "?per_page=15"
    ids: list[int] = []
    pages = 0
    while url:
        status, _, body = fetch(url.replace(" ", "%20"))
        assert status == 200
        data = json.loads(body)
        ids += [e["id"] for e in data["events"]]
        pages += 1
        url = data.get("next_rest_url")
        assert url is None or url.startswith(server.base_url)
    assert pages >= 3
    assert len(ids) == len(set(ids)) == data["total"]


def test_tec_page_size_query_is_honoured(server):
    _, headers, body = fetch(server.url(SOURCE_PATHS[TEC_API]) + "?per_page=5&page=2")
    data = json.loads(body)
    assert len(data["events"]) == 5
    assert "page=3&per_page=5" in data["next_rest_url"]
    assert headers["X-WP-TotalPages"] == str(data["total_pages"])


def test_request_log_records_method_path_status_headers(server):
    fetch(server.url("/robots.txt?probe=1"), {"User-Agent": "PeerMapTest/1"})
    method, path, status, headers = server.request_log[-1]
    assert (method, path, status) == ("GET", "/robots.txt?probe=1", 200)
    assert headers["User-Agent"] == "PeerMapTest/1"


def test_site_urls_use_the_servers_own_port(server):
    _, _, body = fetch(server.url("/"))
    assert server.base_url.encode() in body


def test_accepts_a_prebuilt_site_mapping():
    with DemoServer(build_site(AS_OF)) as plain:
        assert fetch(plain.url("/robots.txt"))[0] == 200


def test_head_request_sends_headers_only(server):
    request = urllib.request.Request(server.url("/robots.txt"), method="HEAD")
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.status == 200 and response.read() == b""
        assert int(response.headers["Content-Length"]) > 0


def test_cli_refuses_non_loopback_host():
    from demo.server import main

    with pytest.raises(SystemExit):
        main(["--host", "0.0.0.0", "--port", "0"])
