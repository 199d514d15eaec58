"""The fictional listings behind the demo web, with ground-truth labels.

Every format module renders from this one catalog, so tests elsewhere can check classification
(`kind`), cancellation (`status`) and dedup (`duplicate_group`) against the truth here. All dates
are generated relative to `as_of`, so the demo never goes stale.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from demo.places import City, Venue

GOOGLE_ICS = "demo-lonestar-google-ics"
OUTLOOK_ICS = "demo-heartland-outlook-ics"
TEC_API = "demo-northwest-tec"
JSONLD_PAGES = "demo-clinician-connect-jsonld"
ROSTER_CSV = "demo-rockies-roster-csv"
ROSTER_HTML = "demo-southeast-roster-html"
BROKEN = "demo-broken-feed"
PEER_GROUPS_DIRECTORY = "demo-peer-groups-directory"  # a site-specific parser's demo page

SOURCE_FORMATS: dict[str, str] = {
    GOOGLE_ICS: "ics", OUTLOOK_ICS: "ics", TEC_API: "tribe", JSONLD_PAGES: "jsonld",
    ROSTER_CSV: "roster", ROSTER_HTML: "roster", BROKEN: "ics",
    PEER_GROUPS_DIRECTORY: "site:peer_groups_directory",
}


@dataclass(frozen=True)
class OccurrenceChange:
    """One RECURRENCE-ID override of a recurring event: moved, renamed or cancelled."""

    recurrence_id: datetime
    start: datetime | None = None
    title: str | None = None
    cancelled: bool = False


@dataclass(frozen=True)
class DemoEvent:
    """A dated listing (recurring series or one-off) as the fictional organizer published it."""

    key: str  # unique in the catalog; also the feed UID / post slug stem
    source_id: str
    kind: str  # ground truth: consult_group | peer_event | supervision | other
    title: str
    description_html: str
    organizer: str
    start: datetime  # aware, in the city's zone; first occurrence for a series
    duration: timedelta
    attendance_mode: str  # ground truth: in_person | online | hybrid
    city: City  # the venue's city, or the organizer's home city when online
    venue: Venue | None = None
    online_url: str | None = None
    rrule: str | None = None
    schedule_text: str | None = None
    exdates: tuple[datetime, ...] = ()
    changes: tuple[OccurrenceChange, ...] = ()
    status: str = "scheduled"  # ground truth for the whole listing
    cost_text: str | None = None
    is_free: bool | None = None
    sliding_scale: bool | None = None
    cost_min: float | None = None
    cost_max: float | None = None
    ce_credits: float | None = None
    audience: tuple[str, ...] = ()  # pipelines.core.model.AUDIENCES codes
    modalities: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("en",)
    serves_regions: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    duplicate_group: str | None = None  # same real-world event listed by another source
    contact_email: str | None = None
    contact_phone: str | None = None
    numeric_id: int = 0  # the source's numeric id (TEC post id, Eventbrite event id)

    @property
    def end(self) -> datetime:
        return self.start + self.duration

    @property
    def state(self) -> str:
        return self.city.state

    @property
    def timezone(self) -> str:
        return self.city.timezone


@dataclass(frozen=True)
class DemoSupervisor:
    """One row of a supervisor roster: a standing supervision offer (kind `supervision`)."""

    key: str
    source_id: str
    name: str
    credential: str
    license_type: str
    designation: str
    city: City
    address: str | None
    modalities: tuple[str, ...]
    fee_text: str
    sliding_scale: bool
    telehealth: bool
    accepting: bool
    email: str
    phone: str
    website: str | None
    languages: tuple[str, ...] = ("English",)
    notes: str = ""
    kind: str = "supervision"
    status: str = "scheduled"
    duplicate_group: str | None = None
    audience: tuple[str, ...] = ("associate",)

    @property
    def state(self) -> str:
        return self.city.state

    @property
    def title(self) -> str:
        return f"Clinical supervision with {self.name}, {self.credential}"


@dataclass(frozen=True)
class Catalog:
    as_of: datetime
    seed: int
    events: tuple[DemoEvent, ...]
    supervisors: tuple[DemoSupervisor, ...]

    def entries(self) -> Iterator[DemoEvent | DemoSupervisor]:
        yield from self.events
        yield from self.supervisors

    def events_for(self, source_id: str) -> list[DemoEvent]:
        return [e for e in self.events if e.source_id == source_id]

    def supervisors_for(self, source_id: str) -> list[DemoSupervisor]:
        return [s for s in self.supervisors if s.source_id == source_id]

    def distinct_listing_keys(self) -> set[str]:
        """One key per real-world listing: cross-source duplicates count once."""
        return {e.duplicate_group or e.key for e in self.entries() if e.source_id != BROKEN}

    def states(self) -> set[str]:
        return {e.state for e in self.entries()}

    def cancelled(self) -> list[DemoEvent]:
        return [e for e in self.events if e.status == "cancelled"]

    def duplicate_groups(self) -> dict[str, list[DemoEvent]]:
        groups: dict[str, list[DemoEvent]] = {}
        for event in self.events:
            if event.duplicate_group:
                groups.setdefault(event.duplicate_group, []).append(event)
        return groups

    def by_kind(self, kind: str) -> list[DemoEvent | DemoSupervisor]:
        return [e for e in self.entries() if e.kind == kind]

    def truth(self) -> list[dict[str, Any]]:
        """One row of ground-truth labels per entry, for classification/dedup evaluations."""
        rows = []
        for e in self.entries():
            event = e if isinstance(e, DemoEvent) else None
            rows.append({
                "key": e.key, "source_id": e.source_id, "title": e.title, "kind": e.kind,
                "status": e.status, "duplicate_group": e.duplicate_group,
                "attendance_mode": event.attendance_mode if event else None,
                "city": e.city.name, "state": e.state, "postal_code": e.city.postal_code,
                "audience": list(e.audience),
                "languages": list(event.languages) if event else None,
                "recurring": bool(event and event.rrule),
                "start": event.start.isoformat() if event else None,
            })
        return rows


def build_catalog(as_of: datetime, seed: int = 7) -> Catalog:
    """All fictional listings for `as_of` (timezone-aware); deterministic for (as_of, seed)."""
    if as_of.tzinfo is None:
        raise ValueError("as_of must be timezone-aware")
    from demo.catalog_events import build_events
    from demo.catalog_people import build_supervisors

    return Catalog(
        as_of=as_of, seed=seed,
        events=tuple(build_events(as_of, seed)),
        supervisors=tuple(build_supervisors(seed)),
    )
