"""The crawl layer's plain data: what to fetch (`FeedSpec`) and what parsers emit (`RawItem`).

No Scrapy import here, so parsers and `peermap preview` load fast; the Scrapy Items the spider
yields are in spiders/crawl_items.py.

Parsers (spiders/formats/*.py) are pure: bytes in, `ParseResult` out, no I/O. The same parsers
serve the Scrapy spider, `peermap preview`, tests and benchmarks. Normalizing and classifying
happen later (pipelines/normalize/); a parser only extracts and keeps what it saw.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class RawOccurrence:
    start: str  # ISO 8601: with offset when the source gave a zone; a date for all-day
    end: str | None = None
    status: str | None = None  # raw word, e.g. "CANCELLED"
    title: str | None = None  # when one occurrence was renamed


@dataclass
class RawItem:
    source_id: str
    format: str  # ics | tribe | jsonld | roster
    source_url: str  # the document the item was parsed from
    title: str
    uid: str | None = None  # the source's own identifier
    url: str | None = None  # the event's own page
    description: str | None = None  # may contain HTML: untrusted
    organizer: str | None = None
    start: str | None = None  # ISO 8601; with offset whenever known
    end: str | None = None
    all_day: bool = False
    timezone: str | None = None  # IANA name (Windows/UTC+N names already mapped)
    rrule: str | None = None  # RRULE value without the "RRULE:" prefix
    exdates: list[str] = field(default_factory=list)
    rdates: list[str] = field(default_factory=list)
    # Expanded by the parser when it knows better than a bare RRULE (ICS overrides/cancellations).
    occurrences: list[RawOccurrence] = field(default_factory=list)
    status: str | None = None  # raw, e.g. "CANCELLED", "EventPostponed", "canceled"
    attendance_mode: str | None = None  # raw hint, e.g. "OnlineEventAttendanceMode"
    location_text: str | None = None  # the location as one string, when not structured
    venue_name: str | None = None
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    online_url: str | None = None
    cost_text: str | None = None
    is_free: bool | None = None
    cost_min: float | None = None
    cost_max: float | None = None
    currency: str | None = None
    categories: list[str] = field(default_factory=list)
    contact_email: str | None = None
    contact_phone: str | None = None
    contact_url: str | None = None
    # Format-specific facts, e.g. roster: credential, license_type, accepting, telehealth.
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RawItem:
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["occurrences"] = [
            o if isinstance(o, RawOccurrence) else RawOccurrence(**o)
            for o in values.get("occurrences") or []
        ]
        return cls(**values)


@dataclass
class ParseContext:
    """What a parser may know besides the bytes."""

    source_id: str
    url: str
    as_of: datetime  # timezone-aware reference time
    default_timezone: str | None = None  # IANA, from the registry
    default_region: str | None = None  # US state code, from the registry
    horizon_days: int = 90
    columns: dict[str, str] = field(default_factory=dict)  # roster: field -> column header
    content_type: str | None = None


@dataclass
class ParseResult:
    items: list[RawItem] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # clear, counted; never raised
    next_urls: list[str] = field(default_factory=list)  # pagination / detail pages to fetch
    events_seen: int = 0  # components/rows/objects looked at, parsed or not
    # ics only: item index -> (start, end) POSIX seconds per expanded occurrence, in the order of
    # item.occurrences; lets spiders/parse_cache.py trim a wider-window parse to any as_of.
    occurrence_spans: dict[int, list[tuple[float, float]]] = field(default_factory=dict)
    # Repairs made to read the document, by kind (e.g. JSON-LD "php_escape": 3); not errors.
    repairs: dict[str, int] = field(default_factory=dict)

    def add_repairs(self, repairs: dict[str, int]) -> None:
        for kind, count in repairs.items():
            self.repairs[kind] = self.repairs.get(kind, 0) + count

    def extend(self, other: ParseResult) -> None:
        self.items.extend(other.items)
        self.errors.extend(other.errors)
        self.next_urls.extend(other.next_urls)
        offset = len(self.items) - len(other.items)
        self.occurrence_spans.update(
            {offset + i: spans for i, spans in other.occurrence_spans.items()})
        self.events_seen += other.events_seen
        self.add_repairs(other.repairs)


@dataclass(frozen=True)
class FeedSpec:
    """What the spider needs to fetch one source: the bottom layer's view of a registry entry."""

    source_id: str
    url: str
    format: str = "auto"  # a key of spiders.formats.registry.PARSERS, or "auto"
    timezone: str | None = None  # IANA, for times the source states without a zone
    region: str | None = None  # US state code for addresses without one
    columns: dict[str, str] = field(default_factory=dict)  # roster: field -> column header
    max_pages: int = 50
    timeout_s: float = 60.0
    max_bytes: int = 20 * 1024 * 1024
    follow_links: bool = True
    allow_private: bool = False  # loopback/private/link-local targets (demo, tests) only if set

