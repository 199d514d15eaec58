"""One generic spider for every registry format: fetch, hand bytes to the format parser, follow.

The spider does I/O only. Parsing lives in spiders/formats/ (pure), so `peermap preview`, tests
and benchmarks run exactly the parser the crawl runs. Items leave the spider as one batch per
fetched document (Scrapy costs ~0.25 ms per item; a 100-event feed is one item, not 100).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from pipelines.registry import Source
from spiders.formats import PARSERS, detect_format, parser_for
from spiders.items import ParseContext, ParseResult


class FeedSpider(scrapy.Spider):
    name = "feed"

    def __init__(
        self,
        source: Source,
        as_of: datetime,
        horizon_days: int = 90,
        **kwargs: Any,
    ) -> None:
        super().__init__(name=f"feed-{source.id}", **kwargs)
        self.source = source
        self.as_of = as_of
        self.horizon_days = horizon_days
        self.pages = 0
        self.requested = 1
        self.host = urlparse(source.url).hostname

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield self._request(self.source.url, kind="feed")

    def _request(self, url: str, kind: str) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_document,
            errback=self.on_error,
            meta={
                "download_timeout": self.source.timeout_s,
                "download_maxsize": self.source.max_bytes,
                "peermap_kind": kind,
            },
        )

    def parse_document(self, response: Response) -> Iterator[dict[str, Any] | scrapy.Request]:
        self.pages += 1
        ctx = ParseContext(
            source_id=self.source.id,
            url=response.url,
            as_of=self.as_of,
            default_timezone=self.source.timezone,
            default_region=self.source.region,
            horizon_days=self.horizon_days,
            columns=dict(self.source.columns),
            content_type=_header(response, b"Content-Type"),
        )
        fmt = self.source.format
        if fmt == "auto":
            fmt = detect_format(response.body, response.url, ctx.content_type) or ""
        if fmt not in PARSERS:
            yield {"type": "error", "url": response.url, "fatal": self.pages == 1,
                   "error": f"cannot tell the format of {response.url}"}
            return
        result: ParseResult = parser_for(fmt)(response.body, ctx)
        yield {
            "type": "document",
            "url": response.url,
            "status": response.status,
            "cached": "cached" in response.flags,
            "bytes": len(response.body),
            "result": result,
        }
        for url in result.next_urls:
            if not self._may_follow(url, response.meta["peermap_kind"]):
                continue
            if self.requested >= self.source.max_pages:
                yield {"type": "error", "url": url,
                       "error": f"page cap of {self.source.max_pages} reached"}
                break
            self.requested += 1
            yield self._request(url, kind="follow")

    def _may_follow(self, url: str, kind: str) -> bool:
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https"):
            return False
        return self.source.follow_links and parsed.hostname == self.host

    def on_error(self, failure: Failure) -> Iterator[dict[str, Any]]:
        request = failure.request  # type: ignore[attr-defined]
        yield {
            "type": "error",
            "url": request.url,
            "error": describe_failure(failure),
            "fatal": request.meta.get("peermap_kind") == "feed",
        }


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def describe_failure(failure: Failure) -> str:
    """A one-line, operator-readable reason for a failed fetch."""
    from scrapy.exceptions import IgnoreRequest
    from scrapy.spidermiddlewares.httperror import HttpError

    exc = failure.value
    if isinstance(exc, HttpError):
        response = exc.response
        return f"HTTP {response.status} from {response.url}"
    if isinstance(exc, IgnoreRequest):
        text = str(exc) or "request ignored"
        return "blocked by robots.txt" if "robots" in text.lower() else text
    name = type(exc).__name__
    return f"{name}: {exc}" if str(exc) else name
