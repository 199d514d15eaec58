"""`CrawlResult`: what one source yielded in one crawl. Scrapy-free, so ingest, preview of a
local file and the report can use it without importing the crawler."""

from __future__ import annotations

from dataclasses import dataclass, field

from spiders.items import RawItem


@dataclass
class CrawlResult:
    """What one source yielded in one crawl: raw items plus what operators need to judge it."""

    source_id: str
    ok: bool = True
    raw_items: list[RawItem] = field(default_factory=list)
    documents: int = 0
    not_modified: int = 0  # documents answered 304 and served from the HTTP cache
    bytes: int = 0
    events_seen: int = 0
    errors: list[str] = field(default_factory=list)
    repairs: dict[str, int] = field(default_factory=dict)  # by kind, summed over documents
    error_reason: str | None = None  # set when the source as a whole failed
    duration_s: float = 0.0
    attempts: int = 1  # crawls of this source in this run (failed ones are retried in rounds)

    def __repr__(self) -> str:  # Prefect logs failed states: keep it one readable line
        state = "ok" if self.ok else f"failed: {self.error_reason}"
        return (f"CrawlResult({self.source_id!r}, {state}, documents={self.documents}, "
                f"items={len(self.raw_items)}, errors={len(self.errors)})")

    def add_repairs(self, repairs: dict[str, int]) -> None:
        for kind, count in repairs.items():
            self.repairs[kind] = self.repairs.get(kind, 0) + count

    def fail(self, reason: str) -> None:
        self.ok = False
        self.error_reason = self.error_reason or reason
        self.errors.append(reason)
