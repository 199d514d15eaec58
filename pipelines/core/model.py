"""The one definition of a PeerMap listing and its occurrences.

Field names are the contract shared by the store, the exports, the dashboard and `peermap preview`
(documented in docs/data-model.md). Add fields users need; never rename these.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

Kind = Literal["consult_group", "peer_event", "supervision", "other"]
AttendanceMode = Literal["in_person", "online", "hybrid", "unknown"]
Status = Literal["scheduled", "cancelled", "postponed", "rescheduled", "tentative"]
GeoPrecision = Literal["source", "address", "postal_code", "city", "county", "region", "none"]
Audience = Literal["counselor", "mft", "social_worker", "psychologist", "associate", "student"]
# How the zone of a listing's times was decided (pipelines/normalize/timebasis.py).
TimeBasis = Literal["explicit", "venue", "source", "assumed_utc"]
AcceptingMembers = Literal["open", "waitlist", "closed", "unknown"]  # issue 14

KINDS: tuple[str, ...] = get_args(Kind)
ATTENDANCE_MODES: tuple[str, ...] = get_args(AttendanceMode)
STATUSES: tuple[str, ...] = get_args(Status)
GEO_PRECISIONS: tuple[str, ...] = get_args(GeoPrecision)
AUDIENCES: tuple[str, ...] = get_args(Audience)
TIME_BASES: tuple[str, ...] = get_args(TimeBasis)
ACCEPTING_MEMBERS: tuple[str, ...] = get_args(AcceptingMembers)
PUBLISHED_KINDS: tuple[str, ...] = ("consult_group", "peer_event", "supervision")

# Finest first: a precision cap of "city" allows city, county, region, none.
PRECISION_ORDER: tuple[str, ...] = (
    "source", "address", "postal_code", "city", "county", "region", "none",
)


class ModelError(ValueError):
    """A record that breaks the data-model contract."""


@dataclass
class Occurrence:
    """One dated instance of a listing. `start`/`end` are ISO 8601 strings with offset."""

    start: str
    end: str | None = None
    status: Status = "scheduled"
    title: str | None = None  # set when one occurrence was renamed (RECURRENCE-ID override)


@dataclass
class Listing:
    """A series (recurring group, standing supervision offer, one-off event) with occurrences."""

    id: str
    kind: Kind
    title: str
    source_id: str
    source_url: str
    description: str = ""
    organizer: str | None = None
    attendance_mode: AttendanceMode = "unknown"
    status: Status = "scheduled"
    start: str | None = None
    end: str | None = None
    all_day: bool = False
    timezone: str | None = None
    rrule: str | None = None
    schedule_text: str | None = None
    next_occurrences: list[str] = field(default_factory=list)
    venue_name: str | None = None
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: GeoPrecision = "none"
    online_url: str | None = None
    is_free: bool | None = None
    sliding_scale: bool | None = None
    cost_min: float | None = None
    cost_max: float | None = None
    currency: str | None = None
    ce_credits: float | None = None
    audience: list[str] = field(default_factory=list)
    modalities: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    contact_email: str | None = None
    contact_url: str | None = None
    contact_phone: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    # Additions beyond the core contract.
    url: str | None = None  # the event's own page, when the source has one
    source_uid: str | None = None  # the source's identifier (ICS UID, TEC id, roster row key)
    serves_regions: list[str] = field(default_factory=list)  # US state codes for online listings
    status_evidence: str | None = None
    ce_approvals: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    last_changed: str | None = None
    missing_since: str | None = None
    source_ids: list[str] = field(default_factory=list)  # every source linked after dedup
    # Issue 13: which statement the times rest on; None when the listing has no times.
    time_basis: TimeBasis | None = None
    # Organizer-suggested listings: "Suggested by the organizer, confirmed on DATE" and that date.
    provenance: str | None = None
    confirmed_at: str | None = None
    # issue 14: does a consult group / supervisor take new members (always unknown otherwise)
    accepting_members: AcceptingMembers = "unknown"
    occurrences: list[Occurrence] = field(default_factory=list)

    def validate(self) -> Listing:
        """Raise ModelError if an enumerated field holds a value outside the contract."""
        checks = {
            "kind": (self.kind, KINDS),
            "attendance_mode": (self.attendance_mode, ATTENDANCE_MODES),
            "status": (self.status, STATUSES),
            "geo_precision": (self.geo_precision, GEO_PRECISIONS),
            "accepting_members": (self.accepting_members, ACCEPTING_MEMBERS),
        }
        for name, (value, allowed) in checks.items():
            if value not in allowed:
                raise ModelError(f"listing {self.id!r}: {name}={value!r} not in {allowed}")
        if self.time_basis is not None and self.time_basis not in TIME_BASES:
            raise ModelError(f"listing {self.id!r}: time_basis={self.time_basis!r}")
        bad = [a for a in self.audience if a not in AUDIENCES]
        if bad:
            raise ModelError(f"listing {self.id!r}: unknown audience codes {bad}")
        if not self.id or not self.title:
            raise ModelError(f"listing from {self.source_id!r}: id and title are required")
        if (self.lat is None) != (self.lon is None):
            raise ModelError(f"listing {self.id!r}: lat and lon must both be set or both empty")
        for occ in self.occurrences:
            if occ.status not in STATUSES:
                raise ModelError(f"listing {self.id!r}: occurrence status {occ.status!r}")
        return self

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Listing:
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["occurrences"] = [
            o if isinstance(o, Occurrence) else Occurrence(**o)
            for o in values.get("occurrences") or []
        ]
        return cls(**values)


LISTING_FIELDS: tuple[str, ...] = tuple(
    f.name for f in dataclasses.fields(Listing) if f.name != "occurrences"
)
LIST_FIELDS: frozenset[str] = frozenset(
    f.name for f in dataclasses.fields(Listing)
    if f.name != "occurrences" and "list" in str(f.type)
)


def precision_allowed(precision: str, cap: str | None) -> bool:
    """True when `precision` is no finer than the cap (e.g. cap 'city' refuses 'address')."""
    if cap is None:
        return True
    return PRECISION_ORDER.index(precision) >= PRECISION_ORDER.index(cap)
