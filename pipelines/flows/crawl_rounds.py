"""Crawl a batch of sources in one thread, re-crawling failed sources in later rounds.

Scrapy crawls running in several threads at once hit a CPython 3.11 race (`ast.parse` in
`scrapy.utils.misc.warn_on_generator_with_return_value`: "SystemError: AST constructor recursion
depth mismatch") that fails a healthy source under load. So the flow no longer maps one crawl
task per source onto a thread pool: a batch is crawled by one `crawl_sources` call (one
`AsyncCrawlerRunner` on one event loop, its concurrency gate doing the fan-out), and the sources
that failed are crawled again in later rounds from the same thread, after `retry_delay_s` × 4ⁿ,
as Prefect's task retries did. Each round is one loop; rounds never overlap.

No Prefect here: the flow's tasks (crawl_stage.py) call `crawl_with_retries`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Protocol

from pipelines.core.registry import Settings, Source
from pipelines.crawl.result import CrawlResult

log = logging.getLogger(__name__)

FAST_RETRY_DELAY_S = 0.2  # `fast` (tests, benchmarks) keeps the retries, not the long waits
OnFinal = Callable[[CrawlResult], None]


class CrawlFn(Protocol):
    def __call__(self, sources: Iterable[Source], settings: Settings, data_dir: Path, *,
                 as_of: datetime, fast: bool = ...,
                 on_done: Callable[[CrawlResult], None] | None = ...,
                 ) -> dict[str, CrawlResult]: ...


def retry_delays(settings: Settings, *, fast: bool = False) -> list[float]:
    """The wait before each retry round: retry_delay_s, then ×4 (one per `source_retries`)."""
    first = min(settings.retry_delay_s, FAST_RETRY_DELAY_S) if fast else settings.retry_delay_s
    return [first * 4**n for n in range(settings.source_retries)]


def _default_crawl() -> CrawlFn:
    from pipelines.crawl.runner import crawl_sources  # Scrapy: only when a crawl really runs

    return crawl_sources


def crawl_with_retries(
    sources: list[Source],
    settings: Settings,
    data_dir: Path,
    *,
    as_of: datetime,
    fast: bool = False,
    delays: list[float] | None = None,
    on_final: OnFinal | None = None,
    crawl: CrawlFn | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> dict[str, CrawlResult]:
    """Every source's last result, in `sources` order, with `attempts` set. `on_final` is called
    once per source, as soon as its outcome is final (ok, or failed with no retry left)."""
    crawl = crawl or _default_crawl()
    delays = retry_delays(settings, fast=fast) if delays is None else delays
    results: dict[str, CrawlResult] = {}
    reported: set[str] = set()
    lock = threading.Lock()
    pending = list(sources)
    for attempt in range(1, len(delays) + 2):
        last = attempt > len(delays)

        def finished(result: CrawlResult, attempt: int = attempt, last: bool = last) -> None:
            result.attempts = attempt
            if on_final and (result.ok or last):
                with lock:
                    if result.source_id in reported:
                        return
                    reported.add(result.source_id)
                on_final(result)

        for result in _one_round(crawl, pending, settings, data_dir, as_of, fast, finished):
            results[result.source_id] = result
            finished(result)  # once more for a result the crawl returned without on_done
        failed = [s for s in pending if not results[s.id].ok]
        if not failed or last:
            break
        delay = delays[attempt - 1]
        log.warning("%d source(s) failed; retry %d/%d in %.1f s: %s", len(failed), attempt,
                    len(delays), delay, "; ".join(
                        f"{s.id}: {results[s.id].error_reason}" for s in failed[:5]))
        sleep(delay)
        pending = failed
    return {s.id: results[s.id] for s in sources}


def _one_round(crawl: CrawlFn, pending: list[Source], settings: Settings, data_dir: Path,
               as_of: datetime, fast: bool, on_done: OnFinal) -> list[CrawlResult]:
    """One `crawl_sources` call; a crash of the whole call fails each of its sources (with the
    reason) instead of the batch, so they are retried like any failed source."""
    try:
        got = crawl(pending, settings, data_dir, as_of=as_of, fast=fast, on_done=on_done)
    except Exception as exc:  # noqa: BLE001 - the crawler's own bug must not lose the batch
        got = {}
        reason = f"crawler crashed: {type(exc).__name__}: {exc}"
    else:
        reason = "crawl returned no result for this source"
    out = []
    for source in pending:
        result = got.get(source.id)
        if result is None:
            result = CrawlResult(source_id=source.id)
            result.fail(reason)
        out.append(result)
    return out
