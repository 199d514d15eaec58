"""What the crawl flow hands the store, and what the store reports back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipelines.core.model import Listing
from pipelines.core.registry import Source


@dataclass
class SourceResult:
    """One source's outcome in one run. `ok=False` means the fetch failed: nothing is changed."""

    source: Source
    ok: bool
    listings: list[Listing] = field(default_factory=list)
    raw_items: list[dict[str, Any]] = field(default_factory=list)
    fetched: int = 0
    errors: list[str] = field(default_factory=list)
    duration_s: float = 0.0
    error_reason: str | None = None
    events_seen: int = 0  # components/rows/objects the parsers looked at


@dataclass
class SourceRunSummary:
    source_id: str
    ok: bool
    fetched: int = 0
    parsed: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    linked: int = 0  # matched to a listing another source already holds (cross-source dedup)
    missing: int = 0  # listings this run newly marked missing from this source
    errors: int = 0
    error_sample: list[str] = field(default_factory=list)
    duration_s: float = 0.0
    health: str = "new"
    reason: str | None = None
    assumed_utc: int = 0  # listings whose times had no stated zone and were read as UTC


@dataclass
class RunSummary:
    run_id: str
    as_of: str
    status: str  # ok | partial | failed
    sources: list[SourceRunSummary] = field(default_factory=list)

    def totals(self) -> dict[str, int]:
        keys = ("fetched", "parsed", "new", "updated", "unchanged", "linked", "missing", "errors",
                "assumed_utc")
        return {k: sum(getattr(s, k) for s in self.sources) for k in keys}


@dataclass
class PublishSummary:
    path: str
    as_of: str
    listings: int
    occurrences: int
    sources: int
    withheld_suppressed: int
    withheld_missing: int
    withheld_other_kind: int
