"""Build a small published snapshot (docs/data-model.md) for dashboard tests.

The one place that knows the snapshot layout on the test side: swap `write_snapshot` for the real
publish step once it exists.
"""

from __future__ import annotations

import dataclasses
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb

from pipelines.core.model import LIST_FIELDS, LISTING_FIELDS, Listing

AS_OF = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # a Monday
NYC = (40.7484, -73.9967)
PHILLY = (39.9526, -75.1652)
PORTLAND = (45.5078, -122.6897)
INJECTION_TITLE = "<script>alert(1)</script> [x](javascript:alert(1)) **bold** :red[x]"


def _sql_type(name: str) -> str:
    if name in LIST_FIELDS:
        return "VARCHAR[]"
    kind = {f.name: str(f.type) for f in dataclasses.fields(Listing)}[name]
    if "float" in kind:
        return "DOUBLE"
    if "bool" in kind:
        return "BOOLEAN"
    return "VARCHAR"


def _local(y: int, m: int, d: int, hh: int, tz: str) -> datetime:
    return datetime(y, m, d, hh, 0, tzinfo=ZoneInfo(tz))


def listing(id: str, title: str, kind: str = "consult_group", **values: Any) -> dict[str, Any]:
    """A listing row: Listing defaults, plus `next_start` (aware datetime or None)."""
    base = Listing(id=id, kind=kind, title=title, source_id="fixture",  # type: ignore[arg-type]
                   source_url=f"https://example.org/{id}").to_dict()
    base.pop("occurrences")
    base["next_start"] = None
    base["last_seen"] = "2026-03-01T08:00:00+00:00"
    base.update(values)
    return base


def sample_listings() -> list[dict[str, Any]]:
    ny = "America/New_York"
    return [
        listing("a-brooklyn", "Brooklyn DBT Consult Group", attendance_mode="in_person",
                lat=40.6782, lon=-73.9442, city="Brooklyn", region="NY", is_free=True,
                audience=["counselor", "social_worker"], modalities=["DBT"], languages=["English"],
                timezone=ny, next_start=_local(2026, 3, 3, 18, ny), organizer="Kings County DBT",
                schedule_text="First Tuesday monthly, 6pm", description="Monthly DBT consult."),
        listing("b-emdr", "Manhattan EMDR Peer Supervision", "supervision",
                attendance_mode="in_person", lat=NYC[0], lon=NYC[1], city="New York", region="NY",
                sliding_scale=True, cost_min=40.0, cost_max=80.0, audience=["associate"],
                modalities=["EMDR"], ce_credits=1.5, languages=["English", "Spanish"],
                timezone=ny, next_start=_local(2026, 3, 19, 10, ny), accepting_members="open"),
        listing("c-philly", "Philadelphia Trauma Peer Event", "peer_event",
                attendance_mode="hybrid", lat=PHILLY[0], lon=PHILLY[1], city="Philadelphia",
                region="PA", cost_min=25.0, audience=["psychologist"], modalities=["Trauma"],
                languages=["English"], timezone=ny, next_start=_local(2026, 5, 16, 13, ny),
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
                next_start=_local(2026, 3, 4, 9, ny)),
    ]


def sample_sources() -> list[dict[str, Any]]:
    return [
        {"id": "fixture", "name": "Fixture calendar", "url": "https://example.org/cal.ics",
         "format": "ics", "enabled": True, "health": "ok", "last_run_at": AS_OF,
         "last_success_at": AS_OF, "last_error": None, "item_count": 7, "terms": "public",
         "attribution": "Example Org", "precision_cap": None},
        {"id": "broken-one", "name": "Broken roster", "url": "https://example.org/roster",
         "format": "roster", "enabled": True, "health": "broken", "last_run_at": AS_OF,
         "last_success_at": AS_OF - timedelta(days=3), "last_error": "HTTP 500",
         "item_count": 0, "terms": None, "attribution": None, "precision_cap": "city"},
    ]


def write_snapshot(path: Path, listings: list[dict[str, Any]],
                   sources: list[dict[str, Any]] | None = None,
                   occurrences: list[dict[str, Any]] | None = None,
                   as_of: datetime = AS_OF) -> Path:
    """Write the four snapshot tables beside `path`, then os.replace() it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        columns = [*LISTING_FIELDS, "next_start"]
        ddl = ", ".join(f'"{c}" {_sql_type(c)}' for c in LISTING_FIELDS)
        con.execute(f"CREATE TABLE listings ({ddl}, next_start TIMESTAMPTZ)")
        placeholders = ", ".join("?" for _ in columns)
        con.executemany(f"INSERT INTO listings VALUES ({placeholders})",  # noqa: S608 - test DDL
                        [[row.get(c) for c in columns] for row in listings])
        con.execute('CREATE TABLE occurrences (listing_id VARCHAR, start TIMESTAMPTZ, '
                    '"end" TIMESTAMPTZ, status VARCHAR, title VARCHAR)')
        if occurrences is None:
            occurrences = [{"listing_id": r["id"], "start": r["next_start"], "end": None,
                            "status": "scheduled", "title": None}
                           for r in listings if r.get("next_start")]
        con.executemany("INSERT INTO occurrences VALUES (?, ?, ?, ?, ?)",
                        [[o["listing_id"], o["start"], o["end"], o["status"], o["title"]]
                         for o in occurrences])
        con.execute("CREATE TABLE sources (id VARCHAR, name VARCHAR, url VARCHAR, format VARCHAR,"
                    " enabled BOOLEAN, health VARCHAR, last_run_at TIMESTAMPTZ,"
                    " last_success_at TIMESTAMPTZ, last_error VARCHAR, item_count INTEGER,"
                    " terms VARCHAR, attribution VARCHAR, precision_cap VARCHAR)")
        keys = ["id", "name", "url", "format", "enabled", "health", "last_run_at",
                "last_success_at", "last_error", "item_count", "terms", "attribution",
                "precision_cap"]
        con.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [[s.get(k) for k in keys] for s in (sources or sample_sources())])
        con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
        con.executemany("INSERT INTO meta VALUES (?, ?)", [
            ["published_at", as_of.isoformat()], ["as_of", as_of.isoformat()],
            ["run_id", "test-run"], ["schema_version", "1"]])
    finally:
        con.close()
    os.replace(tmp, path)
    return path


def build_sample_snapshot(data_dir: Path) -> Path:
    return write_snapshot(data_dir / "published" / "peermap.duckdb", sample_listings())
