"""A deterministic synthetic web of S sources x E events for benchmarks (fictional data).

Formats cycle ics (with RRULE series) → tribe (TEC REST API, 50 per page) → jsonld (organizer
page, every third event only linked, so detail pages are followed) → roster (CSV). Each loopback
address (127.0.0.2, 127.0.0.3, …) hosts `PER_HOST` sources under `/s/<id>/`, so per-host
politeness behaves as with real hosts. `changed_share` retitles that share of events
(deterministically), which changes the documents, ETags and Last-Modified that hold them.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from demo import ics_feeds, jsonld_pages, rosters, tribe_api
from demo.catalog import DemoEvent, DemoSupervisor
from demo.catalog_factory import RECURRENCES, EventFactory
from demo.catalog_people import _supervisor  # the demo's own roster-row builder
from demo.generate import DemoResource, resolve
from demo.places import EAST, HEARTLAND, NORTHWEST, ROCKIES, SOUTHEAST, TEXAS, City

FORMATS = ("ics", "tribe", "jsonld", "roster")
PER_HOST = 5
TEC_PER_PAGE = 50
_REGIONS: tuple[tuple[City, ...], ...] = (TEXAS, HEARTLAND, NORTHWEST, EAST, ROCKIES, SOUTHEAST)
_KINDS = ("consult_group", "peer_event", "supervision")
ROBOTS = b"# Fictional benchmark web\nUser-agent: *\nDisallow: /private/\nAllow: /\n"


@dataclass(frozen=True)
class WorldSource:
    id: str
    format: str
    host: str  # loopback address
    path: str  # start document, below the source's /s/<id> prefix (query included)
    timezone: str
    region: str

    def url(self, port: int) -> str:
        return f"http://{self.host}:{port}/s/{self.id}{self.path}"


def host_for(index: int) -> str:
    """Loopback address of the index-th host: 127.0.0.2, …, 127.0.0.251, 127.0.1.2, …"""
    return f"127.0.{index // 250}.{2 + index % 250}"


def world_sources(n_sources: int) -> list[WorldSource]:
    out = []
    for i in range(n_sources):
        fmt = FORMATS[i % len(FORMATS)]
        cities = _REGIONS[i % len(_REGIONS)]
        path = {"ics": "/calendar.ics",
                "tribe": f"{tribe_api.TEC_EVENTS_PATH}?per_page={TEC_PER_PAGE}",
                "jsonld": "/events/", "roster": rosters.CSV_PATH}[fmt]
        out.append(WorldSource(f"bench-{i:05d}-{fmt}", fmt, host_for(i // PER_HOST), path,
                               cities[0].timezone, cities[0].state))
    return out


def hosts(n_sources: int) -> list[str]:
    return [host_for(h) for h in range(-(-n_sources // PER_HOST))]


def is_changed(source_id: str, index: int, share: float) -> bool:
    """Whether event `index` of a source is among the changed `share` (stable per event)."""
    if share <= 0:
        return False
    digest = hashlib.blake2b(f"{source_id}:{index}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") < share * 2**32


def _events(src: WorldSource, n: int, as_of: datetime, seed: int) -> list[DemoEvent]:
    factory = EventFactory(as_of, seed)
    rng = factory.rng
    cities = tuple(c for c in _REGIONS[int(src.id.split("-")[1]) % len(_REGIONS)]
                   if c.timezone == src.timezone)
    out = []
    for j in range(n):
        city = rng.choice(cities)
        kind = _KINDS[j % 3]
        mode = rng.choices(("in_person", "online", "hybrid"), (5, 3, 2))[0]
        hour = rng.choice((9, 12, 17, 18, 19))
        title = f"{kind.replace('_', ' ').title()} {src.id[6:11]}-{j:04d} in {city.name}"
        fields: dict[str, object] = {**factory.cost(kind)}
        if kind != "peer_event" and rng.random() < 0.4:
            rule, text = rng.choice(RECURRENCES)
            start = factory.series_start(city, rule, hour)
            fields.update(rrule=rule, schedule_text=text)
        else:
            start = factory.on_day(city, rng.randint(2, 88), hour, rng.choice((0, 30)))
        paragraphs = [f"A synthetic {kind.replace('_', ' ')} for clinicians in {city.name}.",
                      f"<b>Cost:</b> {fields['cost_text']}"]
        out.append(factory.make(src.id, kind, title, city, start, 90, mode, paragraphs,
                                f"Bench Org {src.id[6:11]} (fictional)", **fields))
    return out


def _supervisors(src: WorldSource, n: int, seed: int) -> list[DemoSupervisor]:
    rng = random.Random(seed)
    cities = ROCKIES + SOUTHEAST  # the demo roster builder knows these states' area codes
    return [replace(_supervisor(rng, src.id, j, f"Bench Person {src.id[6:11]}-{j:04d}",
                                rng.choice(cities)), key=f"{src.id}-{j:04d}") for j in range(n)]


def source_site(src: WorldSource, n_events: int, as_of: datetime, port: int, *, seed: int = 11,
                changed_share: float = 0.0) -> dict[str, DemoResource]:
    """Every document of one source, keyed by path below its /s/<id> prefix."""
    base = f"http://{src.host}:{port}/s/{src.id}"
    src_seed = seed * 100_003 + int(src.id.split("-")[1])
    hour = as_of.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    changed = any(is_changed(src.id, j, changed_share) for j in range(n_events))
    stamp = hour - timedelta(hours=0 if changed else 6)

    def res(body: bytes, ctype: str) -> DemoResource:
        return DemoResource(body, ctype, stamp)

    if src.format == "roster":
        people = [replace(p, name=p.name + " Jr") if is_changed(src.id, j, changed_share) else p
                  for j, p in enumerate(_supervisors(src, n_events, src_seed))]
        return {src.path: res(rosters.roster_csv(people), "text/csv; charset=utf-8")}
    events = [replace(e, title=e.title + " (updated)") if is_changed(src.id, j, changed_share)
              else e for j, e in enumerate(_events(src, n_events, as_of, src_seed))]
    org = events[0].organizer if events else "Bench Org (fictional)"
    if src.format == "ics":
        body = ics_feeds.google_calendar(events, org, src.timezone, as_of)
        return {src.path: res(body, "text/calendar; charset=utf-8")}
    if src.format == "tribe":
        pages = tribe_api.api_pages(events, base, as_of, TEC_PER_PAGE)
        return {key: res(body, "application/json; charset=UTF-8") for key, body in pages.items()}
    site = {src.path: res(jsonld_pages.organizer_page(events, org, base), "text/html; charset=utf-8")}
    for path, body in jsonld_pages.event_pages(events[2::3], base).items():
        site[path] = res(body, "text/html; charset=utf-8")
    return site


@dataclass
class World:
    """The whole synthetic web: source list plus documents per (host, source)."""

    n_sources: int
    n_events: int
    as_of: datetime
    port: int
    changed_share: float = 0.0
    seed: int = 11

    def __post_init__(self) -> None:
        self.sources = world_sources(self.n_sources)
        self.by_id = {s.id: s for s in self.sources}
        self.sites = {s.id: source_site(s, self.n_events, self.as_of, self.port, seed=self.seed,
                                        changed_share=self.changed_share) for s in self.sources}

    def lookup(self, host: str, path: str, query: str) -> DemoResource | None:
        if path == "/robots.txt":
            return DemoResource(ROBOTS, "text/plain; charset=utf-8",
                                datetime(2026, 1, 1, tzinfo=UTC))
        parts = path.split("/", 3)  # "", "s", id, rest
        if len(parts) < 3 or parts[1] != "s":
            return None
        src = self.by_id.get(parts[2])
        if src is None or src.host != host:
            return None
        return resolve(self.sites[src.id], "/" + (parts[3] if len(parts) > 3 else ""), query)

    def documents(self) -> Iterator[tuple[WorldSource, str]]:
        for src in self.sources:
            for path in self.sites[src.id]:
                yield src, path

    def registry_toml(self, *, concurrency: int) -> str:
        """A sources.toml for this world (fast loopback settings)."""
        lines = ["[settings]", f"concurrency = {concurrency}", "download_delay = 0.0",
                 "source_retries = 0", "retry_delay_s = 0.1", ""]
        for src in self.sources:
            lines += ["[[source]]", f'id = "{src.id}"', f'name = "Bench source {src.id}"',
                      f'url = "{src.url(self.port)}"', f'format = "{src.format}"',
                      f'timezone = "{src.timezone}"', f'region = "{src.region}"',
                      "max_pages = 60", "timeout_s = 30.0", "allow_private = true"]
            if src.format == "roster":
                lines.append("[source.columns]")
                lines += [f'{k} = "{v}"' for k, v in rosters.CSV_COLUMNS.items()]
            lines.append("")
        return "\n".join(lines)
