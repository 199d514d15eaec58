"""Prefect flows: the refresh reads like a table of contents; the work lives in plain functions.

crawl (one task per batch of sources: every Scrapy crawl of a batch on one loop in one thread,
failed sources retried in rounds; pipelines/flows/crawl_stage.py) → ingest (one task per batch) →
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
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from pipelines.core.config import Paths, parse_as_of, resolve_as_of
from pipelines.core.logging_setup import install_failed_task_filter
from pipelines.core.registry import Registry, Source, load_registry
from pipelines.core.results import RunSummary, SourceResult
from pipelines.crawl.result import CrawlResult
from pipelines.export import export_snapshot
from pipelines.flows.crawl_stage import crawl_and_ingest, unvisited
from pipelines.flows.preflight import preflight
from pipelines.flows.report import report_dict, report_markdown
from pipelines.flows.stages import geocode_stage, publish_stage, review_stage, store_stage

install_failed_task_filter()
log = logging.getLogger(__name__)

DEFAULT_CONCURRENCY = 4
# Called with (source_id, ok, done, total) as each source's crawl outcome is final (after its
# retries), in the flow's process: from the crawl thread, or when a Dask batch comes back.
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


@flow(name="peermap-refresh", log_prints=False, task_runner=default_task_runner())
def refresh_flow(
    registry_path: str = "sources.toml",
    data_dir: str = "./var",
    as_of: str | None = None,
    source_ids: list[str] | None = None,
    fast: bool = False,
    export: bool = True,
    variables: dict[str, str] | None = None,
    crawl_batch_size: int | None = None,
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

    crawls, results = crawl_and_ingest(sources, settings, str(paths.data_dir), when, fast=fast,
                                       batch_size=crawl_batch_size, run_key=run_id,
                                       report=_report_progress)
    results = geocode_task(str(paths.data_dir), registry, unvisited(results))
    summary = store_task(str(paths.data_dir), run_id, when, unvisited(results), registry)
    report = publish_task(str(paths.data_dir), run_id, when, summary, registry)
    _add_attempts(report, crawls)
    report["preflight"] = [*checked.notes, *(f"swept {p}" for p in checked.swept)]
    if export and not report.get("unpublished"):
        report["export"] = export_task(str(paths.data_dir), when)
    return report


def _add_attempts(report: dict[str, Any], crawls: list[CrawlResult]) -> None:
    """How many crawls each source took this run (retries happen inside the crawl task)."""
    attempts = {c.source_id: c.attempts for c in crawls}
    for row in report["sources"]:
        row["attempts"] = attempts.get(row["source"], 0)


def refresh_flow_for(
    concurrency: int = DEFAULT_CONCURRENCY,
    dask_address: str | None = None,
    dask_cluster_kwargs: dict[str, Any] | None = None,
) -> Flow[..., dict[str, Any]]:
    """The refresh flow with a task runner chosen at run time (CLI options, tests)."""
    return refresh_flow.with_options(
        task_runner=make_task_runner(concurrency, dask_address, dask_cluster_kwargs)
    )


def select_sources(registry: Registry, source_ids: list[str] | None) -> list[Source]:
    if not source_ids:
        return registry.enabled()
    return [registry.get(sid) for sid in source_ids]
