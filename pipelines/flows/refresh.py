"""Prefect flows: the refresh reads like a table of contents; the work lives in plain functions.

crawl (one task per source, mapped, own timeout + retries) → ingest (one task per source) →
geocode → store (one transaction) → publish (atomic snapshot; then the suggestions' review for the
operator page) → export → report artifact.
Each task is named after its stage folder. A source's failure is data (a failed CrawlResult),
never an exception that fails the flow.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from prefect import Flow, flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture, as_completed
from prefect.states import Failed, State
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner
from prefect.utilities.annotations import unmapped

from pipelines.core.config import Paths, parse_as_of, resolve_as_of
from pipelines.core.logging_setup import install_failed_task_filter
from pipelines.core.registry import Registry, Settings, Source, load_registry
from pipelines.core.results import RunSummary, SourceResult
from pipelines.crawl.runner import CrawlResult, crawl_sources
from pipelines.export import export_snapshot
from pipelines.flows.preflight import preflight
from pipelines.flows.report import report_dict, report_markdown
from pipelines.flows.stages import geocode_stage, publish_stage, review_stage, store_stage
from pipelines.ingest.source import failed_crawl, ingest_source

install_failed_task_filter()
log = logging.getLogger(__name__)

DEFAULT_CONCURRENCY = 4
# Called with (source_id, ok, done, total) as each crawl finishes, in the flow's process.
ProgressHook = Callable[[str, bool, int, int], None]
progress_hooks: list[ProgressHook] = []


def make_task_runner(
    concurrency: int = DEFAULT_CONCURRENCY,
    dask_address: str | None = None,
    dask_cluster_kwargs: dict[str, Any] | None = None,
) -> TaskRunner[Any]:
    """Threads on this machine by default; Dask when given a scheduler address (or cluster
    options for a temporary local cluster). Tasks only receive picklable dataclasses."""
    if dask_address or dask_cluster_kwargs is not None:
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(cluster_kwargs=dask_cluster_kwargs)
    return ThreadPoolTaskRunner(max_workers=max(1, concurrency))


def default_task_runner() -> TaskRunner[Any]:
    """The task runner deployments get: PEERMAP_DASK_ADDRESS / PEERMAP_CONCURRENCY, read once
    when the flow module is imported (the flow edge), so workers are configured by env."""
    concurrency = os.environ.get("PEERMAP_CONCURRENCY", "")
    return make_task_runner(
        int(concurrency) if concurrency.isdigit() else DEFAULT_CONCURRENCY,
        os.environ.get("PEERMAP_DASK_ADDRESS") or None,
    )


def _report_progress(source_id: str, ok: bool, done: int, total: int) -> None:
    for hook in list(progress_hooks):
        try:
            hook(source_id, ok, done, total)
        except Exception:  # a broken progress display never fails a refresh
            progress_hooks.remove(hook)


@task(name="crawl", task_run_name="crawl {source.id}", cache_policy=NO_CACHE)
def crawl_source_task(
    source: Source, settings: Settings, data_dir: str, as_of: datetime, fast: bool = False
) -> CrawlResult | State:
    """Crawl one source. A failed source ends the task Failed (so Prefect retries it and the UI
    shows it) while still carrying its CrawlResult, so the flow can report why."""
    result = crawl_sources([source], settings, Path(data_dir), as_of=as_of, fast=fast)[source.id]
    if not result.ok:
        return Failed(message=result.error_reason or "source failed", data=result)
    return result


@task(name="ingest", task_run_name="ingest {source.id}", cache_policy=NO_CACHE)
def ingest_source_task(
    crawl: CrawlResult, source: Source, settings: Settings, as_of: datetime, data_dir: str
) -> SourceResult:
    return ingest_source(crawl, source, as_of=as_of, settings=settings,
                         cache_dir=Paths(Path(data_dir)).ingest_cache)


@task(name="geocode", cache_policy=NO_CACHE)
def geocode_task(data_dir: str, registry: Registry, results: list[SourceResult]
                 ) -> list[SourceResult]:
    geocode_stage(Paths(Path(data_dir)), registry, results)
    return results


@task(name="store", cache_policy=NO_CACHE)
def store_task(data_dir: str, run_id: str, as_of: datetime, results: list[SourceResult],
               registry: Registry) -> RunSummary:
    return store_stage(Paths(Path(data_dir)), run_id, as_of, results, registry=registry)


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(data_dir: str, run_id: str, as_of: datetime, summary: RunSummary,
                 registry: Registry) -> dict[str, Any]:
    try:
        published = publish_stage(Paths(Path(data_dir)), as_of, registry=registry)
        failure = None
    except Exception as exc:  # read-only or full published/: the store keeps the run, unpublished
        published, failure = None, f"publish failed: {type(exc).__name__}: {exc}"
    review = _review(data_dir, as_of) if published is not None else None
    markdown = report_markdown(summary, published, review)
    if failure:
        markdown += (f"\n\n**Not published** ({failure}). The store has this run; the next "
                     "successful run republishes it.\n")
    create_markdown_artifact(markdown=markdown, key="peermap-run-report",
                             description=f"PeerMap refresh {run_id}")
    report = {**report_dict(summary, published), "markdown": markdown}
    if failure:
        report["unpublished"] = failure
    if review is not None:
        report["submissions_review"] = review
    return report


def _review(data_dir: str, as_of: datetime) -> dict[str, Any]:
    """The suggestions' review after publish; its failure is reported, never fails the run."""
    try:
        return review_stage(Paths(Path(data_dir)), as_of)
    except Exception as exc:  # noqa: BLE001 - a broken submission store must not undo a publish
        log.warning("submission review failed: %s", exc)
        return {"checked": 0, "with_duplicates": 0, "kind_flags": [],
                "error": f"{type(exc).__name__}: {exc}"}


@task(name="export", cache_policy=NO_CACHE)
def export_task(data_dir: str, as_of: datetime) -> dict[str, Any]:
    paths = Paths(Path(data_dir))
    summary = export_snapshot(paths.published, paths.exports, as_of=as_of)
    return {"folder": str(summary.folder), "files": len(summary.files)}


def _crawl_outcome(future: PrefectFuture[CrawlResult], source: Source) -> CrawlResult:
    try:
        result = future.result(raise_on_failure=False)
        if isinstance(result, CrawlResult):
            return result
        return failed_crawl(source, f"crawl task ended {future.state.name}: {result!r}")
    except Exception as exc:  # timeouts, crashes, cancellations: the source failed, the run goes on
        return failed_crawl(source, f"{type(exc).__name__}: {exc}" if str(exc) else repr(exc))


@flow(name="peermap-refresh", log_prints=False, task_runner=default_task_runner())
def refresh_flow(
    registry_path: str = "sources.toml",
    data_dir: str = "./var",
    as_of: str | None = None,
    source_ids: list[str] | None = None,
    fast: bool = False,
    export: bool = True,
    variables: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Crawl every enabled source, ingest, geocode, store, publish a snapshot, export the dataset."""
    registry = load_registry(registry_path, variables=variables)
    when = parse_as_of(as_of) if as_of else resolve_as_of(None)
    paths = Paths(Path(data_dir).resolve())
    checked = preflight(paths)  # writable, room, store readable, leftovers swept: before crawling
    paths.ensure()
    sources = select_sources(registry, source_ids)
    settings = registry.settings
    run_id = f"{when:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"

    delay = settings.retry_delay_s
    crawl = crawl_source_task.with_options(
        retries=0 if fast else settings.source_retries,
        retry_delay_seconds=[delay * 4**n for n in range(max(1, settings.source_retries))],
    )
    crawl_futures = crawl.map(
        sources, unmapped(settings), unmapped(str(paths.data_dir)), unmapped(when),
        unmapped(fast),
    )
    crawls = _collect_crawls(list(crawl_futures), sources)
    ingest_futures = ingest_source_task.map(crawls, sources, unmapped(settings), unmapped(when),
                                            unmapped(str(paths.data_dir)))
    results = [
        _ingest_outcome(f, c, s)
        for f, c, s in zip(ingest_futures, crawls, sources, strict=True)
    ]
    results = geocode_task(str(paths.data_dir), registry, results)
    summary = store_task(str(paths.data_dir), run_id, when, results, registry)
    report = publish_task(str(paths.data_dir), run_id, when, summary, registry)
    report["preflight"] = [*checked.notes, *(f"swept {p}" for p in checked.swept)]
    if export and not report.get("unpublished"):
        report["export"] = export_task(str(paths.data_dir), when)
    return report


def _collect_crawls(
    futures: list[PrefectFuture[Any]], sources: list[Source]
) -> list[CrawlResult]:
    """Outcomes in source order; progress reported as each crawl finishes."""
    by_future = {id(f): s for f, s in zip(futures, sources, strict=True)}
    outcomes: dict[str, CrawlResult] = {}
    for done, future in enumerate(as_completed(futures), start=1):
        source = by_future[id(future)]
        outcomes[source.id] = _crawl_outcome(future, source)
        _report_progress(source.id, outcomes[source.id].ok, done, len(sources))
    return [outcomes[s.id] for s in sources]


def refresh_flow_for(
    concurrency: int = DEFAULT_CONCURRENCY,
    dask_address: str | None = None,
    dask_cluster_kwargs: dict[str, Any] | None = None,
) -> Flow[..., dict[str, Any]]:
    """The refresh flow with a task runner chosen at run time (CLI options, tests)."""
    return refresh_flow.with_options(
        task_runner=make_task_runner(concurrency, dask_address, dask_cluster_kwargs)
    )


def _ingest_outcome(
    future: PrefectFuture[SourceResult], crawl: CrawlResult, source: Source
) -> SourceResult:
    try:
        return future.result()
    except Exception as exc:  # a normalizer bug in one source keeps that source's old listings
        return SourceResult(
            source=source, ok=False, fetched=crawl.documents,
            errors=[f"ingest failed: {type(exc).__name__}: {exc}"],
            error_reason=f"ingest failed: {type(exc).__name__}", duration_s=crawl.duration_s,
        )


def select_sources(registry: Registry, source_ids: list[str] | None) -> list[Source]:
    if not source_ids:
        return registry.enabled()
    return [registry.get(sid) for sid in source_ids]
