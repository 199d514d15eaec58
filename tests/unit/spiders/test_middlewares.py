"""Polite-client pieces: Retry-After parsing and the revalidating cache policy."""

from scrapy import Request
from scrapy.http import Response
from scrapy.settings import Settings

from spiders.middlewares import RevalidatingCachePolicy, retry_after_seconds


def test_retry_after_delta_seconds():
    assert retry_after_seconds(b"7") == 7.0


def test_retry_after_http_date():
    now = 1_700_000_000.0  # 2023-11-14T22:13:20Z
    assert retry_after_seconds(b"Tue, 14 Nov 2023 22:13:50 GMT", now=now) == 30.0


def test_retry_after_garbage_is_ignored():
    assert retry_after_seconds(b"soon") is None


def test_cached_response_is_always_revalidated():
    policy = RevalidatingCachePolicy(Settings())
    cached = Response("http://x/feed.ics", headers={"ETag": '"abc"', "Cache-Control": "max-age=999"})
    request = Request("http://x/feed.ics")
    assert policy.is_cached_response_fresh(cached, request) is False
    assert request.headers[b"If-None-Match"] == b'"abc"'


def test_server_error_is_not_hidden_by_cache():
    policy = RevalidatingCachePolicy(Settings())
    cached = Response("http://x/feed.ics", status=200)
    assert not policy.is_cached_response_valid(cached, Response("http://x", status=500),
                                               Request("http://x"))
