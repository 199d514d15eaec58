"""`python -m bench`: every measurement side by side in one run, then docs/benchmarks.md.

Per scale S x E: serve the synthetic world (child process, loopback addresses), then
1. bare aiohttp fetch + plain parsing of the same sources (the floor),
2. a full refresh through the plain stage functions (fresh data dir),
3. the same through the Prefect flow (fresh data dir),
4. an unchanged re-run (stages, then flow), 5. a re-run with 1% of events changed (stages).
Then the dashboard query path at 10k / 100k / 1M listings; first of all the commands' start-up
(bench/startup.py).
"""

from __future__ import annotations

import os
import platform
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.bare import BareResult, bare_fetch
from bench.measure import RssSampler
from bench.query_path import QueryRow, query_bench
from bench.server import WorldServer
from bench.stages import StageRun, cpu_seconds, run_stages
from bench.startup import StartupResult, startup_bench
from bench.world import World
from pipelines.core.config import Paths
from pipelines.core.registry import load_registry

AS_OF = datetime(2026, 3, 2, 12, tzinfo=UTC)
NEXT_DAY = AS_OF + timedelta(days=1)  # re-runs are the next scheduled (daily) run
CHANGED_SHARE = 0.01


@dataclass
class ScaleResult:
    sources: int
    events: int
    documents: int
    bare: BareResult
    bare_rss_mb: float
    bare_cpu_s: float
    runs: dict[str, StageRun] = field(default_factory=dict)


@dataclass
class BenchResult:
    started: str
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float] = (0.0, 0.0, 0.0)
    scales: list[ScaleResult] = field(default_factory=list)
    queries: list[QueryRow] = field(default_factory=list)
    machine: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    startup: StartupResult | None = None


def _flow_run(label: str, registry_path: Path, data_dir: Path, sampler: RssSampler,
              as_of: datetime) -> StageRun:
    from pipelines.cli.run import run_refresh

    sampler.reset()
    cpu = cpu_seconds()
    started = time.perf_counter()
    report = run_refresh(registry=registry_path, paths=Paths(data_dir), as_of=as_of, fast=True)
    seconds = time.perf_counter() - started
    totals = {k: sum(int(s.get(k) or 0) for s in report["sources"])
              for k in ("fetched", "parsed")}
    return StageRun(label=label, seconds={"flow": seconds}, total_s=seconds,
                    listings=totals["parsed"], documents=totals["fetched"],
                    failed_sources=[s["source"] for s in report["sources"]
                                    if s.get("health") == "broken"],
                    peak_rss_mb=sampler.peak_mb, cpu_s=cpu_seconds() - cpu,
                    extra={"status": report["status"]})


def bench_scale(n_sources: int, n_events: int, work: Path, *, concurrency: int,
                flow: bool = True, changed: bool = True, unchanged: bool = True,
                changed_share: float = CHANGED_SHARE, log: Any = print) -> ScaleResult:
    with WorldServer(n_sources, n_events, AS_OF) as server:
        sampler = RssSampler(exclude={server.pid or -1}).start()
        try:
            world = World(n_sources, 0, AS_OF, server.port)  # URLs only: no documents built
            registry_path = work / f"sources-{n_sources}x{n_events}.toml"
            registry_path.write_text(world.registry_toml(concurrency=concurrency))
            registry = load_registry(registry_path)
            log(f"[{n_sources}x{n_events}] {server.documents} documents on "
                f"{-(-n_sources // 5)} loopback hosts, port {server.port}")
            sampler.reset()
            cpu = cpu_seconds()
            bare = bare_fetch(registry.enabled(), as_of=AS_OF, concurrency=concurrency)
            result = ScaleResult(n_sources, n_events, server.documents, bare, sampler.peak_mb,
                                 cpu_seconds() - cpu)
            log(f"  bare fetch+parse {bare.seconds:.1f}s, {bare.items} items")
            server.counts()
            stages_dir, flow_dir = work / f"stages-{n_sources}", work / f"flow-{n_sources}"

            def stage(label: str, run_id: str, as_of: datetime) -> None:
                run = run_stages(label, registry, stages_dir, as_of, run_id, sampler, log=log)
                run.extra["http"] = server.counts()
                result.runs[label] = run
                log(f"  {label}: {run.total_s:.1f}s {run.seconds} http={run.extra['http']}")

            def flow_run(label: str, as_of: datetime) -> None:
                run = _flow_run(label, registry_path, flow_dir, sampler, as_of)
                run.extra["http"] = server.counts()
                result.runs[label] = run
                log(f"  {label}: {run.total_s:.1f}s")

            stage("full", "bench-1", AS_OF)
            if flow:
                flow_run("flow full", AS_OF)
            if unchanged:
                stage("unchanged", "bench-2", NEXT_DAY)
            if flow and unchanged:
                flow_run("flow unchanged", NEXT_DAY)
            if changed:
                server.mutate(changed_share)
                server.counts()
                stage("1% changed", "bench-3", NEXT_DAY + timedelta(hours=1))
        finally:
            sampler.stop()
    return result


def machine_info() -> dict[str, Any]:
    import aiohttp
    import duckdb
    import prefect
    import psutil
    import scrapy

    return {
        "python": platform.python_version(), "platform": platform.platform(),
        "cpus": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "scrapy": scrapy.__version__, "prefect": prefect.__version__,
        "duckdb": duckdb.__version__, "aiohttp": aiohttp.__version__,
    }


def run_bench(scales: list[tuple[int, int]], *, query_sizes: tuple[int, ...],
              concurrency: int = 16, flow: bool = True, full_only_from: int = 500,
              growth_only_from: int = 5000,
              startup: bool = True, log: Any = print,
              on_progress: Callable[[BenchResult], None] | None = None) -> BenchResult:
    """Small scales first, then the query path, then the big scales (run once, near the end;
    from `full_only_from` sources only the plain-stage full and unchanged runs: the flow and the
    1%-changed run are measured at the smaller scales; from `growth_only_from` sources only the
    full run, which shows how cost grows with the number of sources). `on_progress` gets the partial result
    after each part, so a report exists even if a long run is cut short."""
    result = BenchResult(started=datetime.now(UTC).isoformat(timespec="seconds"),
                         load_before=os.getloadavg(), machine=machine_info())
    started = time.perf_counter()

    def progress() -> None:
        result.load_after = os.getloadavg()
        result.seconds = time.perf_counter() - started
        if on_progress:
            on_progress(result)

    if startup:
        result.startup = startup_bench()
        log(f"  start-up: {result.startup}")
        progress()
    small = [s for s in scales if s[0] < full_only_from]
    big = [s for s in scales if s[0] >= full_only_from]
    with tempfile.TemporaryDirectory(prefix="peermap-bench-") as tmp:
        for n_sources, n_events in small:
            result.scales.append(bench_scale(n_sources, n_events, Path(tmp),
                                             concurrency=concurrency, flow=flow, log=log))
            progress()
        if query_sizes:
            result.queries = query_bench(query_sizes)
            for row in result.queries:
                log(f"  query {row.listings}: p50 {row.path_p50_ms} ms p95 {row.path_p95_ms} "
                    f"ms (bare p50 {row.bare_p50_ms} ms)")
            progress()
        for n_sources, n_events in big:
            result.scales.append(bench_scale(n_sources, n_events, Path(tmp),
                                             concurrency=concurrency, flow=False,
                                             changed=False,
                                             unchanged=n_sources < growth_only_from, log=log))
            progress()
    return result
