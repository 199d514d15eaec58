"""A re-run that reuses stored listing parts (pipelines/ingest/reuse.py) publishes exactly what
a run without reuse publishes: same listings, same occurrences, day after day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipelines.core.config import Paths
from pipelines.core.registry import Settings
from pipelines.crawl.result import CrawlResult
from pipelines.ingest import reuse
from pipelines.ingest.source import ingest_source
from pipelines.publish import publish_store
from pipelines.store import Store
from spiders.formats.registry import parse_document
from spiders.items import ParseContext
from tests.support.parser_fixtures import fixture_bytes
from tests.support.snapshots import source

DAY1 = datetime(2025, 1, 6, 12, 0, tzinfo=UTC)
FEEDS = [("ics", "ics/peer_group.ics"), ("tribe", "tribe/events_page1.json")]
SOURCES = [source(f"reuse-{fmt}", fmt=fmt, timezone="America/Chicago", region="TX")
           for fmt, _ in FEEDS]
SETTINGS = Settings()


def _crawl(index: int, as_of: datetime) -> CrawlResult:
    fmt, path = FEEDS[index]
    src = SOURCES[index]
    ctx = ParseContext(source_id=src.id, url=src.url, as_of=as_of, default_timezone=src.timezone)
    parsed = parse_document(fmt, fixture_bytes(path), ctx)
    return CrawlResult(source_id=src.id, raw_items=parsed.items, documents=1)


def _refresh(data_dir: Path, as_of: datetime, run_id: str, *, reuse_parts: bool) -> None:
    paths = Paths(data_dir).ensure()
    results = [ingest_source(_crawl(i, as_of), src, as_of=as_of, settings=SETTINGS,
                             cache_dir=paths.ingest_cache if reuse_parts else None)
               for i, src in enumerate(SOURCES)]
    with Store(paths.store) as store:
        store.sync_sources(SOURCES)
        store.record_run(run_id, as_of, results)
        publish_store(store, paths.published, as_of)


def _published(data_dir: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = duckdb.connect(str(Paths(data_dir).published), read_only=True)
    try:
        return {table: con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()  # noqa: S608
                for table in ("listings", "occurrences")}
    finally:
        con.close()


def test_reused_parts_publish_the_same_listings_as_a_fresh_ingest(tmp_path: Path) -> None:
    for day in range(3):  # full run, then unchanged next-day re-runs
        as_of = DAY1 + timedelta(days=day)
        _refresh(tmp_path / "reuse", as_of, f"run-{day}", reuse_parts=True)
        _refresh(tmp_path / "fresh", as_of, f"run-{day}", reuse_parts=False)
        reused, fresh = _published(tmp_path / "reuse"), _published(tmp_path / "fresh")
        assert reused["listings"] and reused["occurrences"]
        assert reused == fresh, f"day {day}"
    assert list(Paths(tmp_path / "reuse").ingest_cache.glob("*.json.z"))


def test_an_unchanged_rerun_does_not_normalize_or_classify_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = reuse.listing_base

    def counting(raw: Any, **kw: Any) -> Any:
        calls.append(raw.title)
        return original(raw, **kw)

    monkeypatch.setattr(reuse, "listing_base", counting)
    first = ingest_source(_crawl(0, DAY1), SOURCES[0], as_of=DAY1, settings=SETTINGS,
                          cache_dir=tmp_path)
    assert first.listings and len(calls) == len(first.listings)
    calls.clear()
    later = DAY1 + timedelta(days=1)
    again = ingest_source(_crawl(0, later), SOURCES[0], as_of=later, settings=SETTINGS,
                          cache_dir=tmp_path)
    assert calls == []
    assert [x.id for x in again.listings] == [x.id for x in first.listings]
