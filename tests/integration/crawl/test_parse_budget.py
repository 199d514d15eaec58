"""A source whose document breaks its parse budget fails by name; the others are published.

Three healthy loopback ICS sources and two whose format is a test-only parser that spins on the
CPU or eats memory (tests/support/budget_parsers.py, loaded into every parse worker). The whole
refresh (crawl → ingest → store → publish) ends in bounded time.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from pipelines.core.config import Paths
from pipelines.core.registry import load_registry
from pipelines.crawl.runner import crawl_sources
from pipelines.flows.report import report_dict
from pipelines.flows.stages import ingest_source, store_and_publish
from tests.support import budget_formats as budget_parsers
from tests.support.chaos_sources import AS_OF, ics_feed, published_rows, write_registry
from tests.support.fixture_server import FixtureServer, Route

HEALTHY = ["ok0", "ok1", "ok2"]


@pytest.fixture()
def world(tmp_path: Path):  # noqa: ANN201
    routes = {f"/{sid}.ics": Route(ics_feed(sid, 3, slot=i + 1), content_type="text/calendar")
              for i, sid in enumerate(HEALTHY)}
    routes["/spin.ics"] = Route(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    routes["/hog.ics"] = Route(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    with FixtureServer(routes) as server, budget_parsers.budget_formats_registered():
        sources = [(sid, server.url(f"/{sid}.ics"), "ics") for sid in HEALTHY]
        sources += [("spin", server.url("/spin.ics"), budget_parsers.SPIN),
                    ("hog", server.url("/hog.ics"), budget_parsers.HOG)]
        yield write_registry(tmp_path / "sources.toml", sources), tmp_path / "data"


@pytest.mark.issue19(1)
def test_over_budget_sources_fail_by_name_and_healthy_ones_publish(world) -> None:  # noqa: ANN001
    registry_path, data_dir = world
    registry = load_registry(registry_path)
    settings = dataclasses.replace(registry.settings, parse_cpu_s=1, parse_memory_mb=256,
                                   parse_workers=2)
    sources = registry.enabled()
    started = time.monotonic()
    crawls = crawl_sources(sources, settings, data_dir, as_of=AS_OF, fast=True,
                           overrides={"PEERMAP_PARSER_PLUGINS": [budget_parsers.MODULE]})
    results = [ingest_source(crawls[s.id], s, as_of=AS_OF, settings=settings) for s in sources]
    summary, published = store_and_publish(Paths(data_dir).ensure(), "budget-run", AS_OF,
                                           results, registry=registry)
    elapsed = time.monotonic() - started
    report = {row["source"]: row for row in report_dict(summary, published)["sources"]}

    assert elapsed < 120  # budgets of 1 CPU-s; the old code never returned from the spin
    spin = str(crawls["spin"].error_reason)
    # The CPU budget speaks first; on a starved machine the wall backstop may ("… (budget 1 s CPU)").
    assert spin.startswith("parse exceeded") and "1 s CPU" in spin, spin
    assert crawls["hog"].error_reason == "parse exceeded 256 MB"
    assert report["spin"]["health"] != "ok" and report["hog"]["health"] != "ok"
    assert all(report[sid]["health"] == "ok" for sid in HEALTHY)
    published_by_source = {row[0] for row in published_rows(data_dir)}
    assert published_by_source == set(HEALTHY)
