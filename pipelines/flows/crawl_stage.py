"""The refresh flow's crawl and ingest tasks: one task per batch of sources, not per source.

With the thread-pool runner a run is ONE batch by default: every Scrapy crawl of the run goes
through one `crawl_sources` call in one thread (crawl_rounds.py says why), and one ingest task
follows it. Smaller batches (`crawl_batch_size`) are chained on the thread pool, so two batches
never crawl at once, and each batch's ingest runs while the next batch crawls. On Dask, batches
run in worker processes side by side (processes, not threads: no shared interpreter).

A source's failure is data: a failed CrawlResult / SourceResult, never an exception that fails
its batch. The UI shows each source's outcome in a table artifact per batch.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from prefect import get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture, as_completed
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from pipelines.core.config import Paths
from pipelines.core.registry import Settings, Source
from pipelines.core.results import SourceResult
from pipelines.crawl.result import CrawlResult
from pipelines.flows.crawl_rounds import crawl_with_retries
from pipelines.ingest.source import failed_crawl, ingest_source

T = TypeVar("T")
DASK_BATCHES = 8  # on Dask, a run is split into about this many batches (free workers take them)
# Called with (source_id, ok, done, total) as each source's outcome is final.
Report = Callable[[str, bool, int, int], None]


@dataclass(frozen=True)
class CrawlBatch:
    index: int  # 1-based
    count: int  # batches in this run
    sources: tuple[Source, ...]

    @property
    def name(self) -> str:
        return f"{self.index}/{self.count} ({len(self.sources)} sources)"


def make_batches(sources: list[Source], size: int | None) -> list[CrawlBatch]:
    """`size` sources per batch (None or 0: all in one), in registry order."""
    if not sources:
        return []
    size = size or len(sources)
    chunks = [tuple(sources[i:i + size]) for i in range(0, len(sources), size)]
    return [CrawlBatch(n, len(chunks), chunk) for n, chunk in enumerate(chunks, start=1)]


def dask_batch_size(n_sources: int) -> int:
    return max(1, math.ceil(n_sources / DASK_BATCHES))


class RunProgress:
    """Reports each source once, as its outcome is final, with a run-wide done count. Crawl tasks
    running in the flow's process find it by run key and report live; the flow reports the rest
    (tasks in Dask worker processes, crashed tasks) when their batch comes back."""

    def __init__(self, total: int, report: Report) -> None:
        self.total, self._report = total, report
        self._done: set[str] = set()
        self._lock = threading.Lock()

    def source_done(self, result: CrawlResult) -> None:
        with self._lock:
            if result.source_id in self._done:
                return
            self._done.add(result.source_id)
            done = len(self._done)
        self._report(result.source_id, result.ok, done, self.total)


_live: dict[str, RunProgress] = {}


def register_progress(run_key: str, progress: RunProgress) -> None:
    _live[run_key] = progress


def unregister_progress(run_key: str) -> None:
    _live.pop(run_key, None)


def live_progress(run_key: str) -> RunProgress | None:
    """This run's progress when the task runs in the flow's process, else None. (A function, so
    that a task pickled for Dask refers to it by name instead of carrying the registry's lock.)"""
    return _live.get(run_key)


def crawl_rows(results: list[CrawlResult]) -> list[dict[str, object]]:
    """One row per source for the batch's table artifact."""
    return [{"source": r.source_id, "ok": r.ok, "attempts": r.attempts,
             "documents": r.documents, "not_modified": r.not_modified,
             "items": len(r.raw_items), "errors": len(r.errors),
             "seconds": round(r.duration_s, 2), "reason": r.error_reason or ""}
            for r in results]


@task(name="crawl", task_run_name="crawl {batch.name}", cache_policy=NO_CACHE)
def crawl_batch_task(
    batch: CrawlBatch, settings: Settings, data_dir: str, as_of: datetime, fast: bool = False,
    run_key: str = "",
) -> list[CrawlResult]:
    """Crawl a batch (failed sources retried in rounds): every source's result, never raising
    for a source. The table artifact shows every source; one log line names the failed ones.
    (Plain data, not a State carrying it: a Dask worker sends plain data back intact.)"""
    progress = live_progress(run_key)
    results = list(crawl_with_retries(
        list(batch.sources), settings, Path(data_dir), as_of=as_of, fast=fast,
        on_final=progress.source_done if progress else None).values())
    create_table_artifact(table=crawl_rows(results), key=f"peermap-crawl-batch-{batch.index}",
                          description=f"PeerMap crawl, batch {batch.name}")
    failed = [r.source_id for r in results if not r.ok]
    if failed:
        get_run_logger().warning("%d of %d sources failed: %s", len(failed), len(results),
                                 ", ".join(failed[:10]) + (" …" if len(failed) > 10 else ""))
    return results


@task(name="ingest", task_run_name="ingest {batch.name}", cache_policy=NO_CACHE)
def ingest_batch_task(
    crawls: list[CrawlResult], batch: CrawlBatch, settings: Settings, as_of: datetime,
    data_dir: str,
) -> list[SourceResult]:
    cache_dir = Paths(Path(data_dir)).ingest_cache
    return [_ingest_one(crawl, source, settings, as_of, cache_dir)
            for crawl, source in zip(crawls, batch.sources, strict=True)]


def _ingest_one(crawl: CrawlResult, source: Source, settings: Settings, as_of: datetime,
                cache_dir: Path) -> SourceResult:
    try:
        return ingest_source(crawl, source, as_of=as_of, settings=settings, cache_dir=cache_dir)
    except Exception as exc:  # a normalizer bug in one source keeps that source's old listings
        return ingest_failed(crawl, source, f"{type(exc).__name__}: {exc}")


def ingest_failed(crawl: CrawlResult, source: Source, why: str) -> SourceResult:
    return SourceResult(
        source=source, ok=False, fetched=crawl.documents, errors=[f"ingest failed: {why}"],
        error_reason=f"ingest failed: {why.split(':', 1)[0]}", duration_s=crawl.duration_s,
    )


def batch_crawls(future: PrefectFuture[Any], batch: CrawlBatch
                 ) -> list[CrawlResult]:
    """The batch's results in source order; a crashed or cancelled task fails its sources."""
    try:
        got = future.result(raise_on_failure=False)
        if isinstance(got, list) and all(isinstance(r, CrawlResult) for r in got):
            by_id = {r.source_id: r for r in got}
            return [by_id.get(s.id) or failed_crawl(s, "crawl task lost this source")
                    for s in batch.sources]
        reason = f"crawl task ended {future.state.name}: {got!r}"
    except Exception as exc:  # timeouts, crashes, cancellations: the sources failed, run goes on
        reason = f"{type(exc).__name__}: {exc}" if str(exc) else repr(exc)
    return [failed_crawl(s, reason) for s in batch.sources]


def batch_results(future: PrefectFuture[list[SourceResult]], crawls: list[CrawlResult],
                  batch: CrawlBatch) -> list[SourceResult]:
    try:
        got = future.result()
        if isinstance(got, list) and len(got) == len(batch.sources):
            return got
        why = f"ingest task returned {type(got).__name__}"
    except Exception as exc:  # the ingest worker died: these sources keep their old listings
        why = f"{type(exc).__name__}: {exc}"
    return [ingest_failed(c, s, why) for c, s in zip(crawls, batch.sources, strict=True)]


def crawl_and_ingest(
    sources: list[Source], settings: Settings, data_dir: str, as_of: datetime, *, fast: bool,
    batch_size: int | None, run_key: str, report: Report,
) -> tuple[list[CrawlResult], list[SourceResult]]:
    """In the flow: crawl the batches, ingest each as it comes back; results in source order.

    On the thread pool a batch is submitted only when the previous one has crawled (threads
    must never crawl side by side); on process runners (Dask) every batch is submitted at once."""
    sequential = _runs_in_threads()
    if batch_size is None and not sequential:
        batch_size = dask_batch_size(len(sources))
    batches = make_batches(sources, batch_size)
    progress = RunProgress(len(sources), report)
    register_progress(run_key, progress)
    ingests: list[tuple[CrawlBatch, list[CrawlResult], PrefectFuture[list[SourceResult]]]] = []

    def crawled(batch: CrawlBatch, future: PrefectFuture[Any]) -> None:
        crawls = batch_crawls(future, batch)
        for crawl in crawls:  # sources a worker process or a crashed task could not report
            progress.source_done(crawl)
        ingests.append((batch, crawls, ingest_batch_task.submit(
            unvisited(crawls), batch, settings, as_of, data_dir)))

    def submit(batch: CrawlBatch) -> PrefectFuture[Any]:
        return crawl_batch_task.submit(batch, settings, data_dir, as_of, fast, run_key)

    try:
        if sequential:
            for batch in batches:
                crawled(batch, _waited(submit(batch)))
        else:
            futures = {id(f): (f, b) for f, b in ((submit(b), b) for b in batches)}
            for future in as_completed([f for f, _ in futures.values()]):
                crawled(futures[id(future)][1], future)
    finally:
        unregister_progress(run_key)
    crawl_by_id: dict[str, CrawlResult] = {}
    result_by_id: dict[str, SourceResult] = {}
    for batch, crawls, ingest in ingests:
        for crawl, result in zip(crawls, batch_results(ingest, crawls, batch), strict=True):
            crawl_by_id[crawl.source_id], result_by_id[crawl.source_id] = crawl, result
    return [crawl_by_id[s.id] for s in sources], [result_by_id[s.id] for s in sources]


def unvisited(value: T) -> T:
    """`value` passed to a task without Prefect visiting every element for futures (its task-
    dependency tracking): on ~10k listings that walk cost more than the geocode and store stages
    themselves. Prefect unwraps it before a task in this process runs; a process runner (Dask)
    would receive the wrapper itself, so there the value goes as it is (it is pickled anyway)."""
    return cast(T, quote(value)) if _runs_in_threads() else value


def _waited(future: PrefectFuture[T]) -> PrefectFuture[T]:
    future.wait()
    return future


def _runs_in_threads() -> bool:
    """Whether this flow run's tasks share this process (the thread-pool runner)."""
    context = FlowRunContext.get()
    return context is None or isinstance(context.task_runner, ThreadPoolTaskRunner)
