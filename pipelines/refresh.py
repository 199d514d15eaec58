"""The refresh stages as plain functions: crawl → ingest → store → publish → export.

Prefect flows (pipelines/flows.py) wrap these as tasks; `peermap preview`, tests and benchmarks
call them directly. Each stage takes its inputs explicitly (sources, as_of, paths).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime

from pipelines.address import fill_address_from_location
from pipelines.config import Paths
from pipelines.crawl import CrawlResult
from pipelines.geocode import GeocoderChain, locate_listing
from pipelines.ingest import raw_items_to_listings
from pipelines.model import Listing
from pipelines.registry import Registry, Settings, Source
from pipelines.store import Store
from pipelines.store.types import PublishSummary, RunSummary, SourceResult


@dataclass
class IngestStats:
    parsed: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


def ingest_items(
    crawl: CrawlResult,
    source: Source,
    *,
    as_of: datetime,
    settings: Settings,
    chain: GeocoderChain | None = None,
) -> SourceResult:
    """Normalize and classify one source's raw items into listings (never raises); geocode too
    when a chain is given (the flow geocodes in the store step, where the cache lives)."""
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
    if chain is not None:
        geocode_listings(listings, chain, precision_cap=source.precision_cap)
    return SourceResult(
        source=source,
        ok=crawl.ok,
        listings=listings,
        raw_items=[item.to_dict() for item in crawl.raw_items],
        fetched=crawl.documents,
        errors=[*crawl.errors, *errors],
        duration_s=crawl.duration_s + (time.monotonic() - started),
        error_reason=crawl.error_reason,
    )


def geocode_listings(
    listings: list[Listing], chain: GeocoderChain, *, precision_cap: str | None
) -> None:
    for listing in listings:
        locate_listing(listing, chain, precision_cap=precision_cap)


def store_and_publish(
    paths: Paths,
    run_id: str,
    as_of: datetime,
    results: list[SourceResult],
    *,
    registry: Registry,
) -> tuple[RunSummary, PublishSummary]:
    """Geocode (through the store's persistent cache), record the run in one transaction, then
    publish a complete snapshot by atomic swap."""
    with Store(paths.store, grace_days=registry.settings.grace_days) as store:
        store.sync_sources(registry.sources)
        chain = GeocoderChain.from_config(registry.geocode, con=store.con)
        for result in results:
            geocode_listings(result.listings, chain, precision_cap=result.source.precision_cap)
        summary = store.record_run(run_id, as_of, results)
        published = store.publish(paths.published, as_of)
    return summary, published


def failed_crawl(source: Source, reason: str) -> CrawlResult:
    result = CrawlResult(source_id=source.id)
    result.fail(reason)
    return result
