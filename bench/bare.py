"""The baseline: plain asyncio + aiohttp fetch of the same sources, plus the same pure parsers.

Same politeness as the crawl (at most `per_host` connections per host), follows the parsers'
next_urls on the same host, no robots.txt, no cache, no retries, no Scrapy: the floor that
PeerMap's crawl is compared against.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlparse

import aiohttp

from pipelines.core.registry import Source
from spiders.formats.registry import parser_for
from spiders.items import ParseContext


@dataclass
class BareResult:
    seconds: float
    documents: int
    items: int
    bytes: int
    errors: int


async def _source(session: aiohttp.ClientSession, source: Source, as_of: datetime,
                  horizon_days: int, totals: BareResult) -> None:
    host = urlparse(source.url).hostname
    queue, seen = [source.url], {source.url}
    while queue and len(seen) <= source.max_pages:
        batch, queue = queue, []
        bodies = await asyncio.gather(*(_get(session, u) for u in batch))
        for url, (body, ctype) in zip(batch, bodies, strict=True):
            if body is None:
                totals.errors += 1
                continue
            ctx = ParseContext(source_id=source.id, url=url, as_of=as_of,
                               default_timezone=source.timezone, default_region=source.region,
                               horizon_days=horizon_days, columns=dict(source.columns),
                               content_type=ctype)
            result = parser_for(source.format)(body, ctx)
            totals.documents += 1
            totals.bytes += len(body)
            totals.items += len(result.items)
            for nxt in result.next_urls:
                if nxt not in seen and urlparse(nxt).hostname == host:
                    seen.add(nxt)
                    queue.append(nxt)


async def _get(session: aiohttp.ClientSession, url: str) -> tuple[bytes | None, str | None]:
    try:
        async with session.get(url) as response:
            if response.status != 200:
                return None, None
            return await response.read(), response.headers.get("Content-Type")
    except (aiohttp.ClientError, TimeoutError):
        return None, None


async def bare_fetch_async(sources: list[Source], *, as_of: datetime, horizon_days: int = 90,
                           concurrency: int = 16, per_host: int = 2) -> BareResult:
    totals = BareResult(0.0, 0, 0, 0, 0)
    started = time.perf_counter()
    connector = aiohttp.TCPConnector(limit=concurrency * per_host, limit_per_host=per_host)
    gate = asyncio.Semaphore(concurrency)

    async def one(source: Source) -> None:
        async with gate:
            await _source(session, source, as_of, horizon_days, totals)

    async with aiohttp.ClientSession(connector=connector,
                                     timeout=aiohttp.ClientTimeout(total=60)) as session:
        await asyncio.gather(*(one(s) for s in sources))
    totals.seconds = time.perf_counter() - started
    return totals


def bare_fetch(sources: list[Source], *, as_of: datetime, horizon_days: int = 90,
               concurrency: int = 16, per_host: int = 2) -> BareResult:
    return asyncio.run(bare_fetch_async(sources, as_of=as_of, horizon_days=horizon_days,
                                        concurrency=concurrency, per_host=per_host))
