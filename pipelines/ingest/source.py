"""Ingest one source's crawl: its raw items become listings (never raises for bad items)."""

from __future__ import annotations

import time
from datetime import datetime

from pipelines.core.registry import Settings, Source
from pipelines.core.results import SourceResult
from pipelines.crawl.result import CrawlResult
from pipelines.ingest.listing import raw_items_to_listings
from pipelines.normalize.address import fill_address_from_location


def ingest_source(
    crawl: CrawlResult, source: Source, *, as_of: datetime, settings: Settings
) -> SourceResult:
    """Normalize and classify one source's raw items into listings; errors are counted."""
    started = time.monotonic()
    for raw in crawl.raw_items:
        fill_address_from_location(raw)
    listings, errors = raw_items_to_listings(
        crawl.raw_items,
        as_of=as_of,
        horizon_days=settings.horizon_days,
        default_timezone=source.timezone,
        default_region=source.region,
    )
    return SourceResult(
        source=source,
        ok=crawl.ok,
        listings=listings,
        raw_items=[item.to_dict() for item in crawl.raw_items],
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
