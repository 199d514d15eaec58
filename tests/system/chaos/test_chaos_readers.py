"""Concurrent readers: while refreshes publish back to back, the dashboard's query path and the
export read the published snapshot continuously, with zero errors and never a half-state."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest

from dashboard.queries import open_snapshot, search_all, snapshot_identity
from dashboard.search_state import Search
from pipelines.core.config import Paths
from pipelines.export import export_snapshot
from tests.support.chaos_sources import AS_OF, ics_feed, plain_refresh, write_registry
from tests.support.fixture_server import FixtureServer, Route
from tests.support.outcomes import record

pytestmark = [pytest.mark.reliability, pytest.mark.timeout(120)]
SOURCES = ("reader-a", "reader-b")
REFRESHES = 3


@dataclass
class ReaderStats:
    reads: int = 0
    reopens: int = 0
    counts: set[int] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)


def _dashboard_reader(path: Path, stop: threading.Event, stats: ReaderStats) -> None:
    """The dashboard's path: one read-only connection, reopened when the file's inode changes."""
    con, identity = None, None
    while not stop.is_set():
        try:
            now = snapshot_identity(path)
            if now != identity:
                if con is not None:
                    con.close()
                con, identity = open_snapshot(path), now
                stats.reopens += 1
            results = search_all(con, Search(), None, AS_OF)
            stats.counts.add(len(results.local) + len(results.online))
            stats.reads += 1
        except Exception as exc:  # noqa: BLE001 - every failure is the measurement
            stats.errors.append(f"{type(exc).__name__}: {exc}")
    if con is not None:
        con.close()


def _export_reader(path: Path, out: Path, stop: threading.Event, stats: ReaderStats) -> None:
    while not stop.is_set():
        try:
            summary = export_snapshot(path, out, as_of=AS_OF)
            stats.counts.add(len(summary.files))
            stats.reads += 1
        except Exception as exc:  # noqa: BLE001
            stats.errors.append(f"{type(exc).__name__}: {exc}")


@pytest.fixture(scope="module")
def concurrent_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("readers")
    published = Paths(tmp).published
    with FixtureServer() as server:
        def serve(count: int) -> None:
            for slot, sid in enumerate(SOURCES):
                server.routes[f"/{sid}.ics"] = Route(ics_feed(sid, count, slot=slot),
                                                     content_type="text/calendar")

        serve(2)
        registry = write_registry(tmp / "sources.toml",
                                  [(s, server.url(f"/{s}.ics"), "ics") for s in SOURCES])
        published_counts = {plain_refresh(registry, tmp, AS_OF, "readers-0")["published"]["listings"]}
        stop = threading.Event()
        dash, export = ReaderStats(), ReaderStats()
        threads = [threading.Thread(target=_dashboard_reader, args=(published, stop, dash)),
                   threading.Thread(target=_export_reader,
                                    args=(published, tmp / "reader-exports", stop, export))]
        for thread in threads:
            thread.start()
        try:
            for n in range(1, REFRESHES + 1):
                serve(2 + n)
                report = plain_refresh(registry, tmp, AS_OF + timedelta(hours=n), f"readers-{n}")
                published_counts.add(report["published"]["listings"])
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=60)
    record("readers", "dashboard-and-export", {
        "refreshes": REFRESHES, "dashboard_reads": dash.reads, "dashboard_reopens": dash.reopens,
        "dashboard_errors": len(dash.errors), "export_reads": export.reads,
        "export_errors": len(export.errors), "first_errors": (dash.errors + export.errors)[:3],
    })
    return dash, export, published_counts


def test_dashboard_reader_has_no_errors(concurrent_run):
    dash, _, _ = concurrent_run
    assert dash.errors == [] and dash.reads > REFRESHES


def test_dashboard_reader_follows_each_new_snapshot(concurrent_run):
    dash, _, _ = concurrent_run
    assert dash.reopens >= 2


def test_dashboard_reader_only_sees_whole_snapshots(concurrent_run):
    dash, _, published_counts = concurrent_run
    assert dash.counts <= published_counts


def test_export_reader_has_no_errors(concurrent_run):
    _, export, _ = concurrent_run
    assert export.errors == [] and export.reads >= 2
