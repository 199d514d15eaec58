"""Crawl many sources on one Scrapy crawler (spiders/feed_batch.py), each with its own result.

Per source exactly what a crawler of its own gave (pipelines/crawl/runner.py keeps that path
behind PEERMAP_CRAWLER_PER_SOURCE for the equivalence test): `concurrency` sources at a time,
each within `timeout_s × max(2, min(max_pages, 10))` from the moment it is let in; a source over
its budget fails by itself ("timed out after N s"), its remaining requests are refused and its
late output dropped, and the others go on. One crawler means one settings copy, one set of
middlewares, robots.txt once per host and per-host politeness across sources.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from scrapy.crawler import AsyncCrawlerRunner, Crawler

from pipelines.core.registry import Source
from pipelines.crawl.result import CrawlResult
from spiders.feed_batch import BatchFeedSpider, SourceBatch
from spiders.items import FeedSpec
from spiders.parse_pool import ParsePool


async def crawl_batch_async(
    runner: AsyncCrawlerRunner,
    sources: Sequence[Source],
    specs: Callable[[Source], FeedSpec],
    collect: Callable[[CrawlResult, Any], None],
    why_nothing: Callable[[dict[str, Any]], str],
    *,
    as_of: datetime,
    horizon_days: int,
    concurrency: int,
    parse_pool: ParsePool | None,
    on_done: Callable[[CrawlResult], None] | None = None,
) -> list[CrawlResult]:
    loop = asyncio.get_running_loop()
    results = {s.id: CrawlResult(source_id=s.id) for s in sources}
    finished: dict[str, asyncio.Future[dict[str, int]]] = {}

    def on_item(source_id: str, item: Any) -> None:
        collect(results[source_id], item)

    def on_finished(source_id: str, counters: dict[str, int]) -> None:
        future = finished.get(source_id)
        if future is not None and not future.done():
            future.set_result(counters)

    batch = SourceBatch(on_item, on_finished)
    crawler = Crawler(BatchFeedSpider, runner.settings.copy())
    crawl = asyncio.ensure_future(runner.crawl(crawler, batch=batch, as_of=as_of,
                                               horizon_days=horizon_days, parse_pool=parse_pool))
    gate = asyncio.Semaphore(max(1, concurrency))

    async def one(source: Source) -> CrawlResult:
        result = results[source.id]
        async with gate:
            started = time.monotonic()
            done = finished[source.id] = loop.create_future()
            batch.begin(specs(source))
            budget = source.timeout_s * max(2, min(source.max_pages, 10))
            await asyncio.wait({done, crawl}, timeout=budget,
                               return_when=asyncio.FIRST_COMPLETED)
            if not done.done():
                _stopped_early(result, crawl, budget)
                batch.abandon(source.id)
            counters = done.result() if done.done() else {}
            if result.documents == 0 and result.ok:
                result.fail(why_nothing(counters))
            result.duration_s = time.monotonic() - started
        if on_done:
            on_done(result)
        return result

    completed = False
    try:
        out = await asyncio.gather(*(one(s) for s in sources))
        completed = True
    finally:
        batch.close()
        # Requests of abandoned sources may be in flight, and a cancelled call has sources
        # under way: stop rather than wait for them.
        if (batch.abandoned or not completed) and not crawl.done():
            await crawler.stop_async()
        await asyncio.gather(crawl, return_exceptions=True)
    return list(out)


def _stopped_early(result: CrawlResult, crawl: asyncio.Future[Any], budget: float) -> None:
    """Why a source did not finish: its budget ran out, or the shared crawler ended under it."""
    if not crawl.done():
        result.fail(f"timed out after {budget:.0f} s")
    elif crawl.exception() is not None:
        exc = crawl.exception()
        result.fail(f"crawler crashed: {type(exc).__name__}: {exc}")
    else:
        result.fail("crawler stopped before the source finished")
