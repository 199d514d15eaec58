"""Prefect flows: the refresh reads like a table of contents; the work lives in plain functions.

crawl (one task per source, mapped, own timeout + retries) → ingest (one task per source) →
store + publish (one transaction, atomic snapshot) → export → report artifact.
A source's failure is data (a failed CrawlResult), never an exception that fails the flow.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.futures import PrefectFuture
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import unmapped

from pipelines.config import Paths, parse_as_of, resolve_as_of
from pipelines.crawl import CrawlResult, crawl_sources
from pipelines.export import export_snapshot
from pipelines.geocode import GeocoderChain
from pipelines.refresh import failed_crawl, ingest_items, store_and_publish
from pipelines.registry import Registry, Settings, Source, load_registry
from pipelines.report import report_dict, report_markdown
from pipelines.store.types import SourceResult


class SourceFetchFailed(RuntimeError):
    """Raised inside a crawl task so Prefect retries it; carries the failed result."""

    def __init__(self, result: CrawlResult):
        super().__init__(result.error_reason or "source failed")
        self.result = result

    def __reduce__(self) -> tuple[Any, ...]:  # keep `result` when Prefect pickles the exception
        return (SourceFetchFailed, (self.result,))


@task(name="crawl-source", task_run_name="crawl {source.id}", retries=1, retry_delay_seconds=10)
def crawl_source_task(
    source: Source, settings: Settings, data_dir: str, as_of: datetime, fast: bool = False
) -> CrawlResult:
    result = crawl_sources([source], settings, Path(data_dir), as_of=as_of, fast=fast)[source.id]
    if not result.ok:
        raise SourceFetchFailed(result)
    return result


@task(name="ingest-source", task_run_name="ingest {source.id}")
def ingest_source_task(
    crawl: CrawlResult, source: Source, settings: Settings, as_of: datetime
) -> SourceResult:
    return ingest_items(crawl, source, as_of=as_of, settings=settings,
                        chain=GeocoderChain.offline())


@task(name="store-and-publish")
def store_publish_task(
    data_dir: str, run_id: str, as_of: datetime, results: list[SourceResult], grace_days: int
) -> dict[str, Any]:
    summary, published = store_and_publish(
        Paths(Path(data_dir)), run_id, as_of, results, grace_days=grace_days
    )
    markdown = report_markdown(summary, published)
    create_markdown_artifact(markdown=markdown, key="peermap-run-report",
                             description=f"PeerMap refresh {run_id}")
    return {**report_dict(summary, published), "markdown": markdown}


@task(name="export-dataset")
def export_task(data_dir: str, as_of: datetime) -> dict[str, Any]:
    paths = Paths(Path(data_dir))
    summary = export_snapshot(paths.published, paths.exports, as_of=as_of)
    return {"folder": str(summary.folder), "files": len(summary.files)}


def _crawl_outcome(future: PrefectFuture[CrawlResult], source: Source) -> CrawlResult:
    try:
        return future.result()
    except SourceFetchFailed as exc:
        return exc.result
    except Exception as exc:  # timeouts, crashes, cancellations: the source failed, the run goes on
        return failed_crawl(source, f"{type(exc).__name__}: {exc}" if str(exc) else repr(exc))


@flow(name="peermap-refresh", log_prints=False, task_runner=ThreadPoolTaskRunner(max_workers=4))
def refresh_flow(
    registry_path: str = "sources.toml",
    data_dir: str = "./var",
    as_of: str | None = None,
    source_ids: list[str] | None = None,
    fast: bool = False,
    export: bool = True,
    variables: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Crawl every enabled source, ingest, store, publish a snapshot, export the dataset."""
    registry = load_registry(registry_path, variables=variables)
    when = parse_as_of(as_of) if as_of else resolve_as_of(None)
    paths = Paths(Path(data_dir).resolve()).ensure()
    sources = select_sources(registry, source_ids)
    settings = registry.settings
    run_id = f"{when:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"

    crawl = crawl_source_task.with_options(
        timeout_seconds=max(s.timeout_s for s in sources) * 12 if sources else None,
        retries=0 if fast else 1,
        retry_delay_seconds=1 if fast else 30,
    )
    crawl_futures = crawl.map(
        sources, unmapped(settings), unmapped(str(paths.data_dir)), unmapped(when),
        unmapped(fast),
    )
    crawls = [_crawl_outcome(f, s) for f, s in zip(crawl_futures, sources, strict=True)]
    ingest_futures = ingest_source_task.map(crawls, sources, unmapped(settings), unmapped(when))
    results = [
        _ingest_outcome(f, c, s)
        for f, c, s in zip(ingest_futures, crawls, sources, strict=True)
    ]
    report = store_publish_task(str(paths.data_dir), run_id, when, results, settings.grace_days)
    if export:
        report["export"] = export_task(str(paths.data_dir), when)
    return report


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
