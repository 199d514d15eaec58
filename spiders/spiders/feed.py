"""One generic spider for every registry format: fetch, hand bytes to the format parser, follow.

The spider does I/O only. Parsing lives in spiders/formats/ (pure), so `peermap preview`, tests
and benchmarks run exactly the parser the crawl runs. It is built either by the runner (a
`FeedSpec`) or from the command line:

    scrapy crawl feed -a url=https://example.org/events.ics -a format=ics -O out.jsonl

which writes one JSON line per raw item (spiders/exporters.py). Items leave the spider as one
`DocumentItem` per fetched document; the item pipeline (spiders/pipelines.py) hands them on.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from spiders.crawl_items import DocumentItem, FetchErrorItem
from spiders.formats.registry import PARSERS, detect_format
from spiders.items import FeedSpec, ParseContext, ParseResult
from spiders.parse_cache import parse_cached, parse_cached_async
from spiders.parse_pool import ParseFailed, ParsePool


@dataclass
class SourceCrawl:
    """One source's state inside a spider: pages read, requests made (the page cap counts the
    first one) and, for the batch spider, its fetches still under way."""

    spec: FeedSpec
    pages: int = 0
    requested: int = 1
    host: str | None = None
    open_fetches: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.host = urlparse(self.spec.url).hostname


class FeedSpider(scrapy.Spider):
    name = "feed"

    def __init__(
        self,
        spec: FeedSpec | None = None,
        as_of: datetime | str | None = None,
        horizon_days: int | str = 90,
        parse_pool: ParsePool | None = None,
        **kwargs: Any,
    ) -> None:
        spec = spec or spec_from_arguments(kwargs)
        super().__init__(name=f"feed-{spec.source_id}" if spec.url else "feed", **kwargs)
        self.spec = spec
        self.as_of = _as_of(as_of)
        self.horizon_days = int(horizon_days)
        self.parse_pool = parse_pool
        self.source = SourceCrawl(spec)

    def source_of(self, request: scrapy.Request | None) -> SourceCrawl | None:
        """The source a request (or its response) belongs to; None when the spider has none."""
        return self.source

    def allows_private(self, request: scrapy.Request | None) -> bool:
        """Whether the address policy may let this request reach a private address."""
        state = self.source_of(request)
        return bool(state and state.spec.allow_private)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.spec.url:  # `scrapy check` builds its own requests from the contracts
            yield self._request(self.source, self.spec.url, kind="feed")

    def _request(self, state: SourceCrawl, url: str, kind: str) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_document,
            errback=self.on_error,
            meta={
                "download_timeout": state.spec.timeout_s,
                "download_maxsize": state.spec.max_bytes,
                "peermap_kind": kind,
                "peermap_source": state.spec.source_id,
            },
        )

    def _state(self, response: Response) -> SourceCrawl:
        return self.source_of(response.request) or self.source

    async def parse_document(self, response: Response
                             ) -> AsyncIterator[scrapy.Item | scrapy.Request]:
        """Parse with the source's format (or the detected one), then follow its next pages.

        With a parse pool (the runner's) the parse runs in a worker process within its CPU and
        memory budget and this callback awaits it; without one (`scrapy crawl`, contracts) it
        runs here. A cached document never reaches the pool."""
        state = self._state(response)
        if self.parse_pool is None:
            for output in self._parse_as(response, state.spec.format):
                yield output
            return
        ctx, fmt = self._context(response, state.spec.format)
        if fmt not in PARSERS:
            yield self._unknown_format(response)
            return
        try:
            result, reused = await parse_cached_async(fmt, response.body, ctx,
                                                      self._cache_folder(), self.parse_pool.parse)
        except ParseFailed as exc:
            yield FetchErrorItem(url=response.url, fatal=state.pages == 1, error=str(exc))
            return
        for output in self._emit(response, fmt, result, reused):
            yield output

    # One callback per format so `scrapy check feed` checks each parser on a saved fixture.
    def parse_ics(self, response: Response) -> Iterator[scrapy.Item | scrapy.Request]:
        """An iCalendar feed: a weekly series and a one-off event.

        @fixture tests/fixtures/ics/peer_group.ics
        @returns items 1 1
        @raw_items 1
        @parse_errors 1
        """
        yield from self._parse_as(response, "ics")

    def parse_tribe(self, response: Response) -> Iterator[scrapy.Item | scrapy.Request]:
        """A page of The Events Calendar REST API, which names its next page.

        @fixture tests/fixtures/tribe/events_page1.json
        @returns items 1 1
        @raw_items 3
        @parse_errors 2
        """
        yield from self._parse_as(response, "tribe")

    def parse_jsonld(self, response: Response) -> Iterator[scrapy.Item | scrapy.Request]:
        """An HTML page with schema.org events in JSON-LD, one script broken beyond repair.

        @fixture tests/fixtures/jsonld/graph_schedule.html
        @returns items 1 1
        @raw_items 3
        @parse_errors 1
        """
        yield from self._parse_as(response, "jsonld")

    def parse_roster(self, response: Response) -> Iterator[scrapy.Item | scrapy.Request]:
        """A CSV roster of supervisors.

        @fixture tests/fixtures/roster/supervisors.csv
        @returns items 1 1
        @raw_items 3
        @parse_errors 1
        """
        yield from self._parse_as(response, "roster")

    def parse_site(self, response: Response) -> Iterator[scrapy.Item | scrapy.Request]:
        """A site-specific parser: the peer groups directory page (one group meets "by arrangement").

        @fixture tests/fixtures/sites/peer_groups_directory.html
        @format site:peer_groups_directory
        @returns items 1 1
        @raw_items 5
        @parse_errors 1
        """
        yield from self._parse_as(response, response.meta.get("peermap_format",
                                                              self._state(response).spec.format))

    def _parse_as(self, response: Response, fmt: str) -> Iterator[scrapy.Item | scrapy.Request]:
        ctx, fmt = self._context(response, fmt)
        if fmt not in PARSERS:
            yield self._unknown_format(response)
            return
        result, reused = parse_cached(fmt, response.body, ctx, self._cache_folder())
        yield from self._emit(response, fmt, result, reused)

    def _context(self, response: Response, fmt: str) -> tuple[ParseContext, str]:
        """This page's parse context and format ("auto" resolved; "" when nothing fits)."""
        state = self._state(response)
        state.pages += 1
        spec = state.spec
        ctx = ParseContext(
            source_id=spec.source_id,
            url=response.url,
            as_of=self.as_of,
            default_timezone=spec.timezone,
            default_region=spec.region,
            horizon_days=self.horizon_days,
            columns=dict(spec.columns),
            content_type=_header(response, b"Content-Type"),
        )
        if fmt == "auto":
            fmt = detect_format(response.body, response.url, ctx.content_type) or ""
        return ctx, fmt

    def _unknown_format(self, response: Response) -> FetchErrorItem:
        return FetchErrorItem(url=response.url, fatal=self._state(response).pages == 1,
                              error=f"cannot tell the format of {response.url}")

    def _cache_folder(self) -> Path | None:
        folder = self.settings.get("PEERMAP_PARSE_CACHE_DIR") if self.settings else None
        return Path(folder) if folder else None

    def _emit(self, response: Response, fmt: str, result: ParseResult, reused: bool
              ) -> Iterator[scrapy.Item | scrapy.Request]:
        """The document item, then requests for its next pages (within the page cap)."""
        if reused and self.crawler and self.crawler.stats:
            self.crawler.stats.inc_value("peermap/parse_cache_hits")
        yield DocumentItem(url=response.url, status=response.status,
                           cached="cached" in response.flags, bytes=len(response.body),
                           format=fmt, result=result)
        state = self._state(response)
        for url in result.next_urls:
            if not _may_follow(state, url):
                continue
            if state.requested >= state.spec.max_pages:
                yield FetchErrorItem(url=url, fatal=False,
                                     error=f"page cap of {state.spec.max_pages} reached")
                break
            state.requested += 1
            yield self._request(state, url, kind="follow")

    def on_error(self, failure: Failure) -> Iterator[scrapy.Item]:
        request = failure.request  # type: ignore[attr-defined]
        yield FetchErrorItem(url=request.url, error=describe_failure(failure),
                             fatal=request.meta.get("peermap_kind") == "feed")


def _may_follow(state: SourceCrawl, url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https"):
        return False
    return state.spec.follow_links and parsed.hostname == state.host


def spec_from_arguments(arguments: dict[str, Any]) -> FeedSpec:
    """A FeedSpec from `scrapy crawl feed -a name=value` strings (consumed from `arguments`)."""
    url = str(arguments.pop("url", "") or "")
    columns = arguments.pop("columns", None)
    spec = FeedSpec(
        source_id=str(arguments.pop("source_id", "") or "cli"),
        url=url,
        format=str(arguments.pop("format", "auto")),
        timezone=arguments.pop("timezone", None) or None,
        region=arguments.pop("region", None) or None,
        columns=json.loads(columns) if isinstance(columns, str) else dict(columns or {}),
        max_pages=int(arguments.pop("max_pages", 50)),
        timeout_s=float(arguments.pop("timeout_s", 60.0)),
        follow_links=str(arguments.pop("follow_links", "true")).lower() not in ("0", "false", "no"),
        allow_private=str(arguments.pop("allow_private", "false")).lower() in ("1", "true", "yes"),
    )
    if spec.format != "auto" and spec.format not in PARSERS:
        raise ValueError(f"unknown format {spec.format!r}; use auto or one of {sorted(PARSERS)}")
    return spec


def _as_of(value: datetime | str | None) -> datetime:
    if value is None:
        return datetime.now(UTC)
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


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
