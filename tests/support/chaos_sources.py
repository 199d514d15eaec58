"""Loopback sources for the chaos suite: feed builders, a registry writer, the plain refresh.

The plain refresh is crawl_sources → ingest_source → store_and_publish (pipelines/flows/stages.py):
the same stage functions the Prefect flow wraps, without its server start-up.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb

from pipelines.core.config import Paths
from pipelines.core.registry import load_registry
from pipelines.crawl.runner import crawl_sources
from pipelines.flows.report import report_dict
from pipelines.flows.stages import ingest_source, store_and_publish

AS_OF = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)


def slot_start(slot: int, n: int) -> datetime:
    """Start of event n of the source in `slot`: sources 20+ minutes apart, so cross-source
    dedup (±15 min, similar titles) never merges two chaos sources."""
    return datetime(2026, 11, 5 + n % 20, 6, 0, tzinfo=UTC) + timedelta(minutes=20 * slot)


def ics_feed(prefix: str, count: int, *, slot: int = 0, extra: str = "") -> bytes:
    """`count` events titled '<prefix> peer consultation group <n>'."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//PeerMap chaos//EN"]
    for n in range(count):
        start = slot_start(slot, n)
        end = start + timedelta(hours=1)
        lines += ["BEGIN:VEVENT", f"UID:{prefix}-{n}@chaos.test", "DTSTAMP:20261101T000000Z",
                  f"DTSTART:{start:%Y%m%dT%H%M%SZ}", f"DTEND:{end:%Y%m%dT%H%M%SZ}",
                  f"SUMMARY:{prefix} peer consultation group {n}{extra}",
                  "LOCATION:Austin, TX 78701", "END:VEVENT"]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def tec_page(prefix: str, count: int, next_url: str | None = None, *, slot: int = 0) -> bytes:
    """A The Events Calendar REST page; `next_url` makes it point to another (or itself)."""
    events = [{
        "id": 5000 + n, "title": f"{prefix} peer consultation group {n}",
        "description": "<p>Peer consultation for licensed clinicians.</p>",
        "url": f"https://tec.example.org/event/{prefix}-{n}/",
        "all_day": False, "timezone": "UTC",
        "start_date": f"{slot_start(slot, n):%Y-%m-%d %H:%M:%S}",
        "end_date": f"{slot_start(slot, n) + timedelta(hours=1):%Y-%m-%d %H:%M:%S}",
        "cost": "Free", "venue": {"venue": "Riverside Center", "city": "Austin",
                                  "stateprovince": "TX", "zip": "78701"},
    } for n in range(count)]
    page: dict[str, Any] = {"events": events, "total": count, "total_pages": 1}
    if next_url:
        page.update(next_rest_url=next_url, total_pages=10**6)
    return json.dumps(page).encode()


HEALTHY_TIMEOUT_S = 30.0  # a loaded machine answers loopback slowly; that is not a fault


def write_registry(path: Path, sources: list[tuple[str, str, str]], *,
                   overrides: dict[str, dict[str, Any]] | None = None, **per_source: Any) -> Path:
    """sources: (id, url, format). Every source gets a generous timeout, so a healthy source is
    never failed by a busy machine; `overrides` = {source id: options} gives a fault source the
    short timeout its fault must trip (e.g. {"timeout": {"timeout_s": 1.0}})."""
    text = ('[settings]\ncontact_url = "https://example.org/chaos"\nsource_retries = 0\n'
            'download_delay = 0.0\nconcurrency = 16\n')
    defaults = {"timezone": "America/Chicago", "region": "TX", "timeout_s": HEALTHY_TIMEOUT_S,
                "max_pages": 5, "max_bytes": 1_000_000, **per_source}
    for sid, url, fmt in sources:
        text += f'\n[[source]]\nid = "{sid}"\nname = "{sid}"\nurl = "{url}"\nformat = "{fmt}"\n'
        options = {**defaults, **(overrides or {}).get(sid, {})}
        text += "allow_private = true\n"
        for key, value in options.items():
            text += f"{key} = {json.dumps(value)}\n"
    path.write_text(text)
    return path


def plain_refresh(registry_path: Path, data_dir: Path, as_of: datetime,
                  run_id: str) -> dict[str, Any]:
    """One refresh through the plain stage functions; returns the run report dict."""
    registry = load_registry(registry_path)
    paths = Paths(data_dir).ensure()
    sources = registry.enabled()
    crawls = crawl_sources(sources, registry.settings, data_dir, as_of=as_of, fast=True)
    results = [ingest_source(crawls[s.id], s, as_of=as_of, settings=registry.settings)
               for s in sources]
    summary, published = store_and_publish(paths, run_id, as_of, results, registry=registry)
    return report_dict(summary, published)


def published_rows(data_dir: Path) -> list[tuple[str, str, str]]:
    """(source_id, id, title) of every published listing, read-only, sorted."""
    con = duckdb.connect(str(Paths(data_dir).published), read_only=True)
    try:
        rows = con.execute("SELECT source_id, id, title FROM listings ORDER BY 1, 2").fetchall()
    finally:
        con.close()
    return [tuple(r) for r in rows]


def titles_by_source(rows: list[tuple[str, str, str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for source_id, _, title in rows:
        out.setdefault(source_id, set()).add(title)
    return out
