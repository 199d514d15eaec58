"""The refresh stages as plain functions, in flow order: crawl → ingest → geocode → store →
publish (then the review of organizers' suggestions against the new snapshot) → export. The Prefect flow (pipelines/flows/refresh.py) runs each as a task of the same
name; `peermap preview`, tests and benchmarks call them directly. Inputs are explicit.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pipelines.core.config import Paths
from pipelines.core.registry import Registry
from pipelines.core.results import PublishSummary, RunSummary, SourceResult
from pipelines.crawl.runner import CrawlResult, crawl_sources
from pipelines.flows.submission_sync import sync_submission_suppressions
from pipelines.geocode import GeocoderChain
from pipelines.geocode.batch import geocode_results
from pipelines.ingest.source import failed_crawl, ingest_source
from pipelines.publish import publish_store
from pipelines.publish.submission_review import review_submissions
from pipelines.store import Store

__all__ = ["CrawlResult", "crawl_sources", "failed_crawl", "geocode_stage", "ingest_source",
           "publish_stage", "review_stage", "store_and_publish", "store_stage"]


def geocode_stage(paths: Paths, registry: Registry, results: list[SourceResult]) -> int:
    """Geocode every listing through the chain whose cache lives in the store."""
    with Store(paths.store, grace_days=registry.settings.grace_days) as store:
        chain = GeocoderChain.from_config(registry.geocode, con=store.con)
        return geocode_results(results, chain)


def store_stage(paths: Paths, run_id: str, as_of: datetime, results: list[SourceResult],
                *, registry: Registry) -> RunSummary:
    """Merge the run into the store (ids, dedup links, missing marks, change log): one
    transaction, so a failure changes nothing."""
    with Store(paths.store, grace_days=registry.settings.grace_days) as store:
        store.sync_sources(registry.sources)
        summary = store.record_run(run_id, as_of, results)
        sync_submission_suppressions(store, paths.submissions, [
            s.id for s in registry.sources if s.format == "submissions"], as_of)
        return summary


def publish_stage(paths: Paths, as_of: datetime, *, registry: Registry) -> PublishSummary:
    """Publish the store's visible listings as the read-only snapshot, by atomic swap."""
    with Store(paths.store, grace_days=registry.settings.grace_days) as store:
        summary = publish_store(store, paths.published, as_of)
        store.mark_published(as_of)  # this run and any earlier one whose publish failed
        return summary


def review_stage(paths: Paths, as_of: datetime) -> dict[str, Any]:
    """Check pending and approved suggestions against the snapshot just published (likely
    duplicates, the classifier's kind) and save the checks for the operator page."""
    reviews = review_submissions(paths.submissions, paths.published, as_of)
    return {"checked": len(reviews),
            "with_duplicates": sum(1 for r in reviews if r.duplicates),
            "kind_flags": [f"#{r.submission_id}: {r.kind_flag}" for r in reviews if r.kind_flag]}


def store_and_publish(paths: Paths, run_id: str, as_of: datetime, results: list[SourceResult],
                      *, registry: Registry) -> tuple[RunSummary, PublishSummary]:
    """Geocode, store and publish, in that order (the plain path; the flow runs them as tasks)."""
    geocode_stage(paths, registry, results)
    summary = store_stage(paths, run_id, as_of, results, registry=registry)
    return summary, publish_stage(paths, as_of, registry=registry)
