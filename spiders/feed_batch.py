"""One crawler for many sources: the feed spider's per-source work, keyed by request meta.

A Scrapy crawler costs ~0.1 s of CPU to build (settings copy, middlewares, extensions) and
fetches robots.txt for itself, which is most of what an unchanged source (one 304) costs. So the
runner (pipelines/crawl/batch.py) starts one `BatchFeedSpider` and feeds it sources through a
`SourceBatch` as its concurrency gate lets them in. Every request carries `peermap_source`;
per source the spider keeps a `SourceCrawl` (pages, page cap, follow rule, fetches under way)
and the few counters the runner's "why nothing" reason needs. Per host, Scrapy's download slots
keep DOWNLOAD_DELAY and CONCURRENT_REQUESTS_PER_DOMAIN, and robots.txt is fetched once.

A fetch is open from the moment its request is made until its callback or errback ends, or the
scheduler drops it as a duplicate (a redirect back to a page already fetched). Redirects and
retries keep the request's meta, so they are the same fetch. Documents and fetch errors go to
`SourceBatch.on_item` from inside the callback, before it ends, so a source is reported finished
only after all of its output has been delivered; then `on_finished` gets its counters.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from spiders.items import FeedSpec
from spiders.pipelines import check_raw_items
from spiders.spiders.feed import FeedSpider, SourceCrawl

_BLANK = FeedSpec(source_id="batch", url="")


class SourceBatch:
    """The runner's handle on a batch spider: sources in, documents and ends out."""

    def __init__(self, on_item: Callable[[str, Any], None],
                 on_finished: Callable[[str, dict[str, int]], None]) -> None:
        self.on_item = on_item
        self.on_finished = on_finished
        self.queue: asyncio.Queue[FeedSpec | None] = asyncio.Queue()
        self.abandoned: set[str] = set()

    def begin(self, spec: FeedSpec) -> None:
        self.queue.put_nowait(spec)

    def close(self) -> None:
        """No more sources: the spider closes once the ones begun are done."""
        self.queue.put_nowait(None)

    def abandon(self, source_id: str) -> None:
        """Give up on a source (its budget ran out): its later requests are refused and its
        later output is dropped; other sources go on."""
        self.abandoned.add(source_id)


class BatchFeedSpider(FeedSpider):
    name = "feed-batch"

    def __init__(self, batch: SourceBatch, **kwargs: Any) -> None:
        super().__init__(spec=_BLANK, **kwargs)
        self.batch = batch
        self.sources: dict[str, SourceCrawl] = {}
        self.counters: dict[str, Counter[str]] = {}
        self._fetch_ids = itertools.count(1)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> BatchFeedSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._dropped, signal=signals.request_dropped)
        assert isinstance(spider, BatchFeedSpider)
        return spider

    def source_of(self, request: scrapy.Request | None) -> SourceCrawl | None:
        if request is None:
            return None
        return self.sources.get(str(request.meta.get("peermap_source", "")))

    def is_abandoned(self, request: scrapy.Request) -> bool:
        return request.meta.get("peermap_source") in self.batch.abandoned

    def note_stat(self, request: scrapy.Request, key: str) -> None:
        counter = self.counters.get(str(request.meta.get("peermap_source", "")))
        if counter is not None:
            counter[key] += 1

    async def start(self) -> AsyncIterator[scrapy.Request]:
        while (spec := await self.batch.queue.get()) is not None:
            state = self.sources[spec.source_id] = SourceCrawl(spec)
            self.counters[spec.source_id] = Counter()
            request = self._request(state, spec.url, kind="feed")
            if state.open_fetches:
                yield request
            else:  # a URL Scrapy's length limit drops unseen: nothing will come back
                self.batch.on_finished(spec.source_id, {})

    def _request(self, state: SourceCrawl, url: str, kind: str) -> scrapy.Request:
        request = super()._request(state, url, kind)
        fetch = next(self._fetch_ids)
        request.meta["peermap_fetch"] = fetch
        limit = self.settings.getint("URLLENGTH_LIMIT", 2083) if self.settings else 2083
        if not limit or len(request.url) <= limit:  # else UrlLengthMiddleware drops it silently
            state.open_fetches.add(fetch)
        return request

    async def parse_document(self, response: Response
                             ) -> AsyncIterator[scrapy.Item | scrapy.Request]:
        state = self._state(response)
        try:
            if state.spec.source_id in self.batch.abandoned:
                return
            async for output in super().parse_document(response):
                if isinstance(output, scrapy.Request):
                    yield output
                else:
                    self._deliver(state, output)
        finally:
            self._end_fetch(state, response.request)

    def on_error(self, failure: Failure) -> Iterator[scrapy.Item]:
        """Delivers the fetch error itself (yields nothing), then ends the fetch."""
        request: scrapy.Request | None = getattr(failure, "request", None)
        state = self.source_of(request)
        if state is None:
            return
        try:
            if state.spec.source_id not in self.batch.abandoned:
                for item in super().on_error(failure):
                    self._deliver(state, item)
        finally:
            self._end_fetch(state, request)
        yield from ()

    def _deliver(self, state: SourceCrawl, item: Any) -> None:
        if state.spec.source_id in self.batch.abandoned:
            return
        check_raw_items(item)
        self.batch.on_item(state.spec.source_id, item)

    def _dropped(self, request: scrapy.Request, spider: Any = None) -> None:
        state = self.source_of(request)
        if state is not None:
            self._end_fetch(state, request)

    def _end_fetch(self, state: SourceCrawl, request: scrapy.Request | None) -> None:
        if request is None or not state.open_fetches:
            return
        state.open_fetches.discard(request.meta.get("peermap_fetch", -1))
        if not state.open_fetches:
            self.batch.on_finished(state.spec.source_id, dict(self.counters[state.spec.source_id]))
