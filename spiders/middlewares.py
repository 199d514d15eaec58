"""Downloader middlewares and cache policy that make PeerMap a polite, honest client."""

from __future__ import annotations

import asyncio
import email.utils
import logging
import time
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcache import HttpCacheMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.dupefilters import RFPDupeFilter
from scrapy.exceptions import IgnoreRequest
from scrapy.extensions.httpcache import RFC2616Policy
from scrapy.http import Response
from scrapy.http.request import NO_CALLBACK
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from spiders.common.address_policy import AddressRefused, check_connected, check_url

logger = logging.getLogger("scrapy.downloadermiddlewares.robotstxt")
ALLOWED_SCHEMES = frozenset({"http", "https", "file"})


class RevalidatingCachePolicy(RFC2616Policy):
    """RFC 2616 caching that always revalidates and never hides a server error.

    Every cached response is sent back with If-None-Match / If-Modified-Since, so an unchanged
    feed costs one 304 and a changed one is fetched in full. Unlike the stock policy, a 5xx is
    passed through: a broken source must be reported broken, not served silently from cache.
    """

    def is_cached_response_fresh(self, cachedresponse: Response, request: Request) -> bool:
        self._set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(
        self, cachedresponse: Response, response: Response, request: Request
    ) -> bool:
        return response.status == 304


class HonestHttpCacheMiddleware(HttpCacheMiddleware):
    """The stock middleware answers a timeout or reset with the cached copy, silently. A source
    that stopped answering must be reported broken (its listings are kept by the store anyway)."""

    def process_exception(
        self, request: Request, exception: Exception, spider: Any = None
    ) -> Request | Response | None:
        request.meta.pop("cached_response", None)
        return None


class SafeSchemeMiddleware:
    """Refuse javascript:, data: and other non-fetchable schemes before they reach a handler."""

    def process_request(self, request: Request, spider: Any = None) -> None:
        scheme = request.url.split(":", 1)[0].lower()
        if scheme not in ALLOWED_SCHEMES:
            raise IgnoreRequest(f"refused URL scheme {scheme!r}: {request.url[:80]}")


class AddressPolicyMiddleware:
    """The address policy on every request the crawler makes: the first URL, every redirect hop
    (3xx and <meta refresh> come back through here as new requests), followed links and
    robots.txt. The request's host is resolved and checked before anything is sent, and the
    address the response actually came from is checked again (DNS rebinding).
    Private targets pass only for a request whose source's FeedSpec says `allow_private`."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AddressPolicyMiddleware:
        return cls(crawler)

    def _allow_private(self, request: Request) -> bool:
        spider = self.crawler.spider
        allows = getattr(spider, "allows_private", None)  # per source (FeedSpider and batch)
        if callable(allows):
            return bool(allows(request))
        return bool(getattr(getattr(spider, "spec", None), "allow_private", False))

    def process_request(self, request: Request, spider: Any = None) -> None:
        if request.url.split(":", 1)[0].lower() not in ("http", "https"):
            return  # file: (tests, `scrapy check`) and data: are handled by SafeScheme
        try:
            check_url(request.url, allow_private=self._allow_private(request))
        except AddressRefused as exc:
            if self.crawler.stats:
                self.crawler.stats.inc_value("peermap/address_refused")
            raise IgnoreRequest(str(exc)) from exc

    def process_response(self, request: Request, response: Response,
                         spider: Any = None) -> Response:
        try:
            check_connected(response.url, response.ip_address, self._allow_private(request))
        except AddressRefused as exc:
            if self.crawler.stats:
                self.crawler.stats.inc_value("peermap/address_refused")
            raise IgnoreRequest(str(exc)) from exc
        return response


class SourceDupeFilter(RFPDupeFilter):
    """Scrapy's duplicate filter, per source: two sources may list the same URL (each fetches
    it, as with a crawler each); within a source a repeated URL is fetched once."""

    def _fingerprint(self, request: Request) -> bytes:
        source = str(request.meta.get("peermap_source", "")).encode()
        return source + b"\0" + super()._fingerprint(request)


class SourceRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware (one robots.txt per host per crawler), except that the
    robots.txt request names the source whose request needed it, so the address policy applies
    that source's `allow_private` to it, and a refusal is counted for that source."""

    async def robot_parser(self, request: Request) -> RobotParser | None:
        # Scrapy's own, with the source's id in the robots.txt request's meta.
        url = urlparse_cached(request)
        netloc = url.netloc
        if netloc not in self._parsers:
            self._parsers[netloc] = Deferred()
            meta = {"dont_obey_robotstxt": True}
            if "peermap_source" in request.meta:
                meta["peermap_source"] = request.meta["peermap_source"]
            robotsreq = Request(f"{url.scheme}://{netloc}/robots.txt",
                                priority=self.DOWNLOAD_PRIORITY, meta=meta, callback=NO_CALLBACK)
            try:
                resp = await self.crawler.engine.download_async(robotsreq)
                await self._parse_robots(resp, netloc, request)
            except Exception as exc:
                if not isinstance(exc, IgnoreRequest):
                    logger.error("Error downloading %(request)s: %(f_exception)s",
                                 {"request": request, "f_exception": exc}, exc_info=True,
                                 extra={"spider": self.crawler.spider})
                self._robots_error(exc, netloc)
            self._stats.inc_value("robotstxt/request_count")
        parser = self._parsers[netloc]
        if isinstance(parser, Deferred):
            return await maybe_deferred_to_future(parser)
        return parser

    def process_request_2(self, rp: RobotParser | None, request: Request) -> None:
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest:
            note = getattr(self.crawler.spider, "note_stat", None)
            if callable(note):
                note(request, "robotstxt/forbidden")
            raise


class SourceBookkeepingMiddleware:
    """Per-source bookkeeping for a spider that crawls many sources (spiders/feed_batch.py):
    a request of a source the runner gave up on (its time budget ran out) is refused here, and
    every status is counted for its source, as Scrapy's DownloaderStats (850) counts it for the
    crawler. A no-op for a spider without `is_abandoned` / `note_stat`."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SourceBookkeepingMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Any = None) -> None:
        abandoned = getattr(self.crawler.spider, "is_abandoned", None)
        if callable(abandoned) and abandoned(request):
            raise IgnoreRequest("source abandoned: its time budget ran out")

    def process_response(self, request: Request, response: Response,
                         spider: Any = None) -> Response:
        note = getattr(self.crawler.spider, "note_stat", None)
        if callable(note):
            note(request, f"downloader/response_status_count/{response.status}")
        return response


class BackoffRetryMiddleware:
    """Retry with exponential backoff, honouring (capped) Retry-After on 429/503.

    Wraps Scrapy's RetryMiddleware (its codes, exceptions, counters and stats) and only adds the
    wait; the methods are coroutines, which Scrapy awaits."""

    def __init__(self, crawler: Crawler):
        self.base = RetryMiddleware.from_crawler(crawler)
        self.retry_http_codes = self.base.retry_http_codes
        self.exceptions_to_retry = self.base.exceptions_to_retry
        self.backoff_base = crawler.settings.getfloat("PEERMAP_RETRY_BACKOFF_BASE", 1.0)
        self.retry_after_max = crawler.settings.getfloat("PEERMAP_RETRY_AFTER_MAX", 120.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        return cls(crawler)

    async def process_response(
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry = self.base._retry(request, f"HTTP {response.status}")
        if retry is None:
            return response
        await asyncio.sleep(self._delay(request, response))
        return retry

    async def process_exception(
        self, request: Request, exception: Exception, spider: Any = None
    ) -> Request | Response | None:
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry"):
            return None
        retry = self.base._retry(request, exception)
        if retry is not None:
            await asyncio.sleep(self._delay(request, None))
        return retry

    def _delay(self, request: Request, response: Response | None) -> float:
        attempt = int(request.meta.get("retry_times", 0))
        delay = self.backoff_base * (2**attempt)
        if response is not None and response.status in (429, 503):
            after = retry_after_seconds(response.headers.get(b"Retry-After"))
            if after is not None:
                delay = max(delay, after)
        return min(delay, self.retry_after_max)


def retry_after_seconds(value: bytes | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, parsed.timestamp() - (now if now is not None else time.time()))
