"""The dashboard tests' sample listings and sources, published by the real store and publish step
(tests/support/snapshots.py). Listing uids below ("a-brooklyn", ...) are the tests' names for
them; `Published.ids` / `.uids` translate to and from the ids the store assigns."""

from __future__ import annotations

import atexit
import dataclasses
import functools
import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pipelines.core.config import Paths
from pipelines.core.model import Kind, Listing, Occurrence
from pipelines.core.registry import Source
from tests.support.snapshots import Published, publish_listings, source

AS_OF = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # a Monday
NYC = (40.7484, -73.9967)
PHILLY = (39.9526, -75.1652)
PORTLAND = (45.5078, -122.6897)
INJECTION_TITLE = "<script>alert(1)</script> [x](javascript:alert(1)) **bold** :red[x]"
NY = "America/New_York"


def _local(y: int, m: int, d: int, hh: int, tz: str) -> datetime:
    return datetime(y, m, d, hh, 0, tzinfo=ZoneInfo(tz))


def listing(uid: str, title: str, kind: Kind = "consult_group", *,
            next_start: datetime | None = None, source_id: str = "fixture",
            **values: Any) -> Listing:
    """A listing whose one dated occurrence (if any) is `next_start`."""
    start = next_start.isoformat() if next_start else None
    fields: dict[str, Any] = {"source_url": f"https://example.org/{uid}", "start": start,
                              "occurrences": [Occurrence(start=start)] if start else []}
    fields.update(values)
    return Listing(id=uid, kind=kind, title=title, source_id=source_id, source_uid=uid, **fields)


def sample_listings() -> list[Listing]:
    return [
        listing("a-brooklyn", "Brooklyn DBT Consult Group", attendance_mode="in_person",
                lat=40.6782, lon=-73.9442, city="Brooklyn", region="NY", is_free=True,
                audience=["counselor", "social_worker"], modalities=["DBT"], languages=["English"],
                timezone=NY, next_start=_local(2026, 3, 3, 18, NY), organizer="Kings County DBT",
                schedule_text="First Tuesday monthly, 6pm", description="Monthly DBT consult."),
        listing("b-emdr", "Manhattan EMDR Peer Supervision", "supervision",
                attendance_mode="in_person", lat=NYC[0], lon=NYC[1], city="New York", region="NY",
                sliding_scale=True, cost_min=40.0, cost_max=80.0, audience=["associate"],
                modalities=["EMDR"], ce_credits=1.5, languages=["English", "Spanish"],
                timezone=NY, next_start=_local(2026, 3, 19, 10, NY), accepting_members="open"),
        listing("c-philly", "Philadelphia Trauma Peer Event", "peer_event",
                attendance_mode="hybrid", lat=PHILLY[0], lon=PHILLY[1], city="Philadelphia",
                region="PA", cost_min=25.0, audience=["psychologist"], modalities=["Trauma"],
                languages=["English"], timezone=NY, next_start=_local(2026, 5, 16, 13, NY),
                online_url="https://meet.example.org/c"),
        listing("d-play", "Online Play Therapy Consult", attendance_mode="online",
                serves_regions=["CA", "OR"], is_free=True, audience=["mft"],
                modalities=["Play therapy"], languages=["English"], timezone="America/Los_Angeles",
                next_start=_local(2026, 3, 5, 20, "America/Los_Angeles")),
        listing("e-ethics", "Telehealth Ethics Peer Group", attendance_mode="online",
                cost_min=15.0, languages=["Spanish"], timezone="America/Chicago",
                next_start=_local(2026, 3, 10, 12, "America/Chicago"),
                organizer="O'Brien; DROP TABLE listings; --"),
        listing("f-portland", "Portland Supervision Circle", "supervision",
                attendance_mode="in_person", lat=PORTLAND[0], lon=PORTLAND[1], city="Portland",
                region="OR", is_free=True, timezone="America/Los_Angeles", next_start=None,
                schedule_text="By arrangement"),
        listing("g-inject", INJECTION_TITLE, "peer_event", attendance_mode="in_person",
                lat=40.73, lon=-73.99, city="New York", region="NY", timezone="Not/AZone",
                source_url="javascript:alert(1)", description="<img src=x onerror=alert(1)>",
                next_start=_local(2026, 3, 4, 9, NY)),
    ]


def map_sample_listings() -> list[Listing]:
    """The sample plus a second in-person Portland group stacked on the first pin: the snapshot
    the browser tests share (the map test clicks the stack; the others never search Portland)."""
    return [*sample_listings(), listing(
        "h-stack", "Portland Consultation Collective", attendance_mode="in_person",
        lat=PORTLAND[0], lon=PORTLAND[1], city="Portland", region="OR")]


def sample_sources() -> list[Source]:
    """One healthy calendar and a roster whose fetch fails (HTTP 500) at AS_OF."""
    return [
        source("fixture", "Fixture calendar", url="https://example.org/cal.ics",
               terms="public", attribution="Example Org"),
        source("broken-one", "Broken roster", "roster", url="https://example.org/roster",
               precision_cap="city"),
    ]


FAILED_SOURCES = {"broken-one": "HTTP 500"}


def publish_sample(dest: Path, listings: list[Listing] | None = None) -> Published:
    return publish_listings(dest, sample_listings() if listings is None else listings,
                            sample_sources(), as_of=AS_OF, failed=FAILED_SOURCES)


@functools.cache
def _published_once() -> Published:
    folder = Path(tempfile.mkdtemp(prefix="peermap-dashboard-sample-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return publish_sample(folder / "peermap.duckdb")


def build_sample_snapshot(data_dir: Path) -> Published:
    """The sample snapshot where the dashboard looks for it (data_dir/published/peermap.duckdb).

    Published once per session by the real code, then copied in and os.replace()d like a
    publish (so a second call is a new file to readers); tests may change their copy."""
    once = _published_once()
    dest = Paths(data_dir).published
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.copy")
    shutil.copyfile(once.path, tmp)
    os.replace(tmp, dest)
    return dataclasses.replace(once, path=dest)


def result_row(uid: str, title: str, kind: Kind = "consult_group", **values: Any) -> dict[str, Any]:
    """One row as the dashboard's queries return it (the published columns, `next_start`
    included) for unit tests of code that formats result rows (downloads, calendar)."""
    next_start = values.pop("next_start", None)
    row = listing(uid, title, kind, **values).to_dict()
    row.pop("occurrences")
    return {**row, "next_start": next_start}


def sample_ids() -> dict[str, str]:
    """Sample uid ("a-brooklyn") -> the id the store gave it in the sample snapshot."""
    return dict(_published_once().ids)


def sample_uids() -> dict[str, str]:
    """Published id -> sample uid, to read query results back in the tests' names."""
    return _published_once().uids
