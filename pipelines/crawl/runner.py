"""Run the Scrapy FeedSpider for sources, reactorless, many times in one process.

Scrapy's `AsyncCrawlerRunner` with `TWISTED_REACTOR_ENABLED=False` runs on a plain asyncio loop,
so a flow, a test suite or a long-lived worker can crawl again and again (a `CrawlerProcess`
could run only once). One crawler serves all the sources of a call (pipelines/crawl/batch.py),
each with its own result, timeout and failure; with PEERMAP_CRAWLER_PER_SOURCE every source
gets a crawler of its own, the older path, kept for the test that compares the two.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from scrapy.crawler import AsyncCrawlerRunner, Crawler
from scrapy.settings import Settings as ScrapySettings
from scrapy.utils.project import get_project_settings

from pipelines.core.registry import Settings, Source
from pipelines.crawl.batch import crawl_batch_async
from pipelines.crawl.result import CrawlResult
from spiders.crawl_items import DocumentItem
from spiders.items import FeedSpec
from spiders.parse_pool import ParseBudget, ParsePool, shared_pool
from spiders.spiders.feed import FeedSpider

T = TypeVar("T")


class _DropExperimentalHandlerNotice(logging.Filter):
    """Scrapy warns on every crawler that its aiohttp handler (reactorless mode) is experimental;
    once per process in the docs is enough, not once per source per run in operators' logs."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "is experimental" not in record.getMessage()


logging.getLogger("scrapy.core.downloader.handlers._base_streaming").addFilter(
    _DropExperimentalHandlerNotice()
)


def scrapy_settings(
    settings: Settings, data_dir: Path, *, fast: bool = False, overrides: dict[str, Any] | None = None
) -> ScrapySettings:
    """Project settings plus this run's User-Agent, cache folder and (in tests) short delays."""
    result = get_project_settings()
    if not result.get("SPIDER_MODULES"):
        result.setmodule("spiders.settings", priority="project")
    result.set("USER_AGENT", settings.user_agent_string, priority="cmdline")
    result.set("HTTPCACHE_DIR", str((data_dir / "httpcache").resolve()), priority="cmdline")
    result.set("PEERMAP_PARSE_CACHE_DIR", str((data_dir / "parsecache").resolve()),
               priority="cmdline")
    result.set("DOWNLOAD_DELAY", settings.download_delay, priority="cmdline")
    result.set("PEERMAP_PARSE_WORKERS", settings.parse_workers, priority="cmdline")
    result.set("PEERMAP_PARSE_CPU_S", settings.parse_cpu_s, priority="cmdline")
    result.set("PEERMAP_PARSE_MEMORY_MB", settings.parse_memory_mb, priority="cmdline")
    if fast:
        result.set("DOWNLOAD_DELAY", 0.0, priority="cmdline")
        result.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
        result.set("PEERMAP_RETRY_BACKOFF_BASE", 0.05, priority="cmdline")
        result.set("PEERMAP_RETRY_AFTER_MAX", 1.0, priority="cmdline")
    for key, value in (overrides or {}).items():
        result.set(key, value, priority="cmdline")
    return result


async def crawl_source_async(
    runner: AsyncCrawlerRunner,
    source: Source,
    *,
    as_of: datetime,
    horizon_days: int,
    parse_pool: ParsePool | None = None,
) -> CrawlResult:
    """Crawl one source to completion (or its timeout); never raises for the source's faults.
    With `parse_pool` its documents are parsed in worker processes within the pool's budget."""
    result = CrawlResult(source_id=source.id)
    started = time.monotonic()
    crawler = Crawler(FeedSpider, runner.settings.copy())

    def on_item(item: Any) -> None:  # called by spiders.pipelines.CheckRawItemsPipeline
        _collect(result, item)

    task = runner.crawl(crawler, spec=feed_spec(source), as_of=as_of, horizon_days=horizon_days,
                        on_item=on_item, parse_pool=parse_pool)
    budget = source.timeout_s * max(2, min(source.max_pages, 10))
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=budget)
    except TimeoutError:
        result.fail(f"timed out after {budget:.0f} s")
        await crawler.stop_async()
        await asyncio.gather(task, return_exceptions=True)
    except Exception as exc:  # a bug in a spider/parser must not take down the run
        result.fail(f"crawler crashed: {type(exc).__name__}: {exc}")
    if result.documents == 0 and result.ok:
        result.fail(_why_nothing(crawler.stats.get_stats() if crawler.stats else {}))
    result.duration_s = time.monotonic() - started
    return result


def _why_nothing(stats: dict[str, Any]) -> str:
    """A reason for a crawl that ended without a document and without an error callback."""
    redirects = sum(v for k, v in stats.items()
                    if k.startswith("downloader/response_status_count/3"))
    if redirects:
        return f"no document fetched: redirect loop or too many redirects ({redirects} followed)"
    if stats.get("robotstxt/forbidden"):
        return "blocked by robots.txt"
    return "no document fetched"


def feed_spec(source: Source) -> FeedSpec:
    """The spider's view of a registry entry."""
    return FeedSpec(
        source_id=source.id, url=source.url, format=source.format, timezone=source.timezone,
        region=source.region, columns=dict(source.columns), max_pages=source.max_pages,
        timeout_s=source.timeout_s, max_bytes=source.max_bytes, follow_links=source.follow_links,
        allow_private=source.allow_private,
    )


def _collect(result: CrawlResult, item: Any) -> None:
    if isinstance(item, DocumentItem):
        parsed = item["result"]
        result.documents += 1
        result.not_modified += int(item["cached"])
        result.bytes += item["bytes"]
        result.events_seen += parsed.events_seen
        result.raw_items.extend(parsed.items)
        result.errors.extend(f"{item['url']}: {e}" for e in parsed.errors)
        result.add_repairs(parsed.repairs)
    elif item.get("fatal"):
        result.fail(item["error"])
    else:
        result.errors.append(f"{item['url']}: {item['error']}")


async def crawl_sources_async(
    sources: Iterable[Source],
    scrapy_conf: ScrapySettings,
    *,
    as_of: datetime,
    horizon_days: int = 90,
    concurrency: int = 4,
    on_done: Callable[[CrawlResult], None] | None = None,
) -> dict[str, CrawlResult]:
    runner = AsyncCrawlerRunner(scrapy_conf)
    pool = parse_pool_from(scrapy_conf)
    if not scrapy_conf.getbool("PEERMAP_CRAWLER_PER_SOURCE"):
        listed = list(sources)
        if not listed:
            return {}
        batch = await crawl_batch_async(
            runner, listed, feed_spec, _collect, _why_nothing, as_of=as_of,
            horizon_days=horizon_days, concurrency=concurrency, parse_pool=pool, on_done=on_done)
        return {r.source_id: r for r in batch}
    gate = asyncio.Semaphore(max(1, concurrency))

    async def one(source: Source) -> CrawlResult:
        async with gate:
            res = await crawl_source_async(runner, source, as_of=as_of, horizon_days=horizon_days,
                                           parse_pool=pool)
        if on_done:
            on_done(res)
        return res

    results = await asyncio.gather(*(one(s) for s in sources))
    return {r.source_id: r for r in results}


def parse_pool_from(conf: ScrapySettings) -> ParsePool | None:
    """The process's parse pool for these limits (shared by every crawl here, so the Prefect
    flow's per-source tasks do not start workers each): PEERMAP_PARSE_WORKERS workers (0: one
    per core; -1: parse in process, as `scrapy crawl` does), each document within budget."""
    workers = conf.getint("PEERMAP_PARSE_WORKERS", 0)
    if workers < 0:
        return None
    budget = ParseBudget(cpu_s=conf.getint("PEERMAP_PARSE_CPU_S", 30),
                         memory_mb=conf.getint("PEERMAP_PARSE_MEMORY_MB", 1024))
    return shared_pool(workers or None, budget, tuple(conf.getlist("PEERMAP_PARSER_PLUGINS")))


def run_coroutine(factory: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine to completion from sync code, even when a loop is already running here
    (Prefect tasks, Streamlit, Jupyter): then it runs on a fresh loop in a helper thread."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(factory())  # type: ignore[arg-type]
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(factory())  # type: ignore[arg-type]
        except BaseException as exc:  # re-raised in the caller's thread
            box["error"] = exc

    thread = threading.Thread(target=target, name="peermap-crawl")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def crawl_sources(
    sources: Iterable[Source],
    settings: Settings,
    data_dir: Path,
    *,
    as_of: datetime,
    fast: bool = False,
    concurrency: int | None = None,
    on_done: Callable[[CrawlResult], None] | None = None,
    overrides: dict[str, Any] | None = None,
) -> dict[str, CrawlResult]:
    from pipelines.crawl.submissions_source import crawl_submission_sources

    local, sources = crawl_submission_sources(sources, settings, data_dir, as_of=as_of,
                                              on_done=on_done)
    if not sources:
        return local
    conf = scrapy_settings(settings, data_dir, fast=fast, overrides=overrides)
    return local | run_coroutine(
        lambda: crawl_sources_async(
            sources, conf, as_of=as_of, horizon_days=settings.horizon_days,
            concurrency=concurrency or settings.concurrency, on_done=on_done,
        )
    )
