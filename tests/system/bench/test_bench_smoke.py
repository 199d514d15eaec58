"""The benchmark harness works end to end at toy scale (no timing assertions): the smallest world
that still has a changed and an unchanged document (4 sources x 5 events, a quarter retitled)."""

from __future__ import annotations

import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bench.bare import bare_fetch
from bench.report import write_report
from bench.run import AS_OF, BenchResult, bench_scale
from bench.server import WorldServer
from bench.world import World, host_for, world_sources

pytestmark = pytest.mark.timeout(120)


def test_world_is_deterministic_and_spread_over_loopback_hosts() -> None:
    as_of = datetime(2026, 3, 2, 12, tzinfo=UTC)
    first, second = World(12, 5, as_of, 8000), World(12, 5, as_of, 8000)
    assert {s.host for s in first.sources} == {host_for(0), host_for(1), host_for(2)}
    assert all(s.host.startswith("127.") and s.host != "127.0.0.1" for s in first.sources)
    assert [r.body for r in first.sites[first.sources[0].id].values()] == \
        [r.body for r in second.sites[second.sources[0].id].values()]
    assert {s.format for s in world_sources(4)} == {"ics", "tribe", "jsonld", "roster"}


def test_changed_share_changes_only_some_documents() -> None:
    same, changed = World(40, 20, AS_OF, 8000), World(40, 20, AS_OF, 8000, changed_share=0.05)
    differs = [sid for sid in same.sites if same.sites[sid] != changed.sites[sid]]
    assert 0 < len(differs) < 40


def test_server_answers_304_to_a_matching_etag() -> None:
    with WorldServer(5, 3, AS_OF) as server:
        src = World(5, 0, AS_OF, server.port).sources[0]
        with urllib.request.urlopen(src.url(server.port), timeout=10) as response:
            etag = response.headers["ETag"]
        request = urllib.request.Request(src.url(server.port), headers={"If-None-Match": etag})
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(request, timeout=10)
        assert caught.value.code == 304


def test_bare_fetch_follows_pagination_and_detail_pages() -> None:
    with WorldServer(4, 60, AS_OF) as server:
        world = World(4, 0, AS_OF, server.port)
        import tomllib

        from pipelines.core.registry import parse_registry
        registry = parse_registry(tomllib.loads(world.registry_toml(concurrency=4)))
        result = bare_fetch(list(registry.sources), as_of=AS_OF)
    # ics 1 + tribe 1 page (series that began before as_of are not "upcoming") + jsonld 1
    # + 20 linked detail pages + roster 1
    assert result.documents == 24 and result.errors == 0


def test_harness_runs_full_unchanged_and_changed_and_writes_report(tmp_path: Path) -> None:
    scale = bench_scale(4, 5, tmp_path, concurrency=4, flow=False, changed_share=0.25,
                        log=lambda *_: None)
    full, unchanged, changed = (scale.runs[k] for k in ("full", "unchanged", "1% changed"))
    assert full.listings > 0 and not full.failed_sources
    assert unchanged.not_modified == unchanged.documents
    assert 0 < changed.extra["http"].get(200, 0) < changed.documents
    result = BenchResult(started="test", load_before=(0.0, 0.0, 0.0), scales=[scale])
    text = write_report(result, tmp_path / "benchmarks.md", ["- a note"])
    assert "| full |" in text and "bare aiohttp fetch + parse" in text and "- a note" in text
