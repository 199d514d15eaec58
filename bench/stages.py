"""One refresh through the plain stage functions (no Prefect), every stage timed separately.

Same calls as `pipelines.flows.stages.store_and_publish` and the flow, split so geocode, store,
publish and export each get their own clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import psutil

from bench.measure import RssSampler, Timer
from pipelines.core.config import Paths
from pipelines.core.registry import Registry
from pipelines.crawl.runner import crawl_sources
from pipelines.export import export_snapshot
from pipelines.flows.stages import ingest_source
from pipelines.geocode import GeocoderChain
from pipelines.geocode.batch import geocode_listings
from pipelines.publish import publish_store
from pipelines.store import Store


@dataclass
class StageRun:
    label: str
    seconds: dict[str, float] = field(default_factory=dict)
    total_s: float = 0.0
    listings: int = 0
    raw_items: int = 0
    documents: int = 0
    not_modified: int = 0
    failed_sources: list[str] = field(default_factory=list)
    published: int = 0
    peak_rss_mb: float = 0.0
    cpu_s: float = 0.0  # user+system CPU of this process (all threads) during the run
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def listings_per_s(self) -> float:
        return self.listings / self.total_s if self.total_s else 0.0


def run_stages(label: str, registry: Registry, data_dir: Path, as_of: datetime, run_id: str,
               sampler: RssSampler, *, export: bool = True,
               log: Callable[[str], object] | None = None) -> StageRun:
    paths = Paths(data_dir).ensure()
    sources = registry.enabled()
    settings = registry.settings
    timer = Timer(log=log)
    sampler.reset()
    cpu = cpu_seconds()
    with timer.phase("crawl"):
        crawls = crawl_sources(sources, settings, paths.data_dir, as_of=as_of, fast=True)
    with timer.phase("normalize+classify"):
        results = [ingest_source(crawls[s.id], s, as_of=as_of, settings=settings,
                                 cache_dir=paths.ingest_cache) for s in sources]
    with Store(paths.store, grace_days=settings.grace_days) as store:
        with timer.phase("geocode"):
            store.sync_sources(registry.sources)
            chain = GeocoderChain.from_config(registry.geocode, con=store.con)
            for result in results:
                geocode_listings(result.listings, chain, precision_cap=result.source.precision_cap)
        with timer.phase("store"):
            store.record_run(run_id, as_of, results)
        with timer.phase("publish"):
            published = publish_store(store, paths.published, as_of)
    if export:
        with timer.phase("export"):
            export_snapshot(paths.published, paths.exports, as_of=as_of)
    return StageRun(
        label=label, seconds=dict(timer.seconds), total_s=timer.total,
        listings=sum(len(r.listings) for r in results),
        raw_items=sum(len(c.raw_items) for c in crawls.values()),
        documents=sum(c.documents for c in crawls.values()),
        not_modified=sum(c.not_modified for c in crawls.values()),
        failed_sources=[c.source_id for c in crawls.values() if not c.ok],
        published=published.listings, peak_rss_mb=sampler.peak_mb, cpu_s=cpu_seconds() - cpu,
    )


def cpu_seconds() -> float:
    times = psutil.Process().cpu_times()
    return times.user + times.system
