"""Ingest one source's crawl: its raw items become listings (never raises for bad items)."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

from pipelines.core.registry import Settings, Source
from pipelines.core.results import SourceResult
from pipelines.crawl.result import CrawlResult
from pipelines.ingest.reuse import BaseCache, ingest_items
from pipelines.normalize.address import fill_address_from_location


def ingest_source(
    crawl: CrawlResult, source: Source, *, as_of: datetime, settings: Settings,
    cache_dir: Path | None = None,
) -> SourceResult:
    """Normalize and classify one source's raw items into listings; errors are counted.

    With `cache_dir` (the data dir's ingestcache/), raw items seen in an earlier run reuse their
    normalized, classified part (pipelines/ingest/reuse.py); the listings are the same."""
    started = time.monotonic()
    for raw in crawl.raw_items:
        fill_address_from_location(raw)
    dicts = [item.to_dict() for item in crawl.raw_items]
    cache = BaseCache(cache_dir, source.id)
    listings, errors = ingest_items(
        crawl.raw_items, dicts, cache,
        as_of=as_of,
        horizon_days=settings.horizon_days,
        default_timezone=source.timezone,
        default_region=source.region,
    )
    if crawl.ok:
        cache.save()  # a failed crawl's partial items must not evict the stored bases
    return SourceResult(
        source=source,
        ok=crawl.ok,
        listings=listings,
        raw_items=dicts,
        fetched=crawl.documents,
        errors=[*crawl.errors, *errors],
        duration_s=crawl.duration_s + (time.monotonic() - started),
        error_reason=crawl.error_reason,
        events_seen=crawl.events_seen,
    )


def failed_crawl(source: Source, reason: str) -> CrawlResult:
    result = CrawlResult(source_id=source.id)
    result.fail(reason)
    return result
