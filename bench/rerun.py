"""A full refresh, then the unchanged next-day re-run, through the plain stages, on the loopback
world: the crawl's and the whole run's wall and CPU seconds, one line each.

    PYTHONPATH=$PWD python -m bench.rerun --scales 50x20,200x20
    PYTHONPATH=$PWD python -m bench.rerun --scales 50x20 --profile-crawl out.txt

With --profile-crawl only the crawl runs (full, then the unchanged one under pyinstrument,
whose flat self-time listing goes to the file).

Prints JSON lines, so two trees can be compared side by side in one sitting (run the file with
the other tree on PYTHONPATH). `python -m bench` (docs/benchmarks.md) measures everything else.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from bench.measure import RssSampler
from bench.run import AS_OF, NEXT_DAY
from bench.server import WorldServer
from bench.world import World
from pipelines.core.registry import load_registry


def rerun_scale(n_sources: int, n_events: int, work: Path, concurrency: int) -> list[dict]:
    from bench.stages import run_stages

    rows = []
    with WorldServer(n_sources, n_events, AS_OF) as server:
        sampler = RssSampler(exclude={server.pid or -1}).start()
        try:
            registry_path = work / "sources.toml"
            registry_path.write_text(World(n_sources, 0, AS_OF, server.port)
                                     .registry_toml(concurrency=concurrency))
            registry = load_registry(registry_path)
            for label, run_id, as_of in (("full", "r-1", AS_OF), ("unchanged", "r-2", NEXT_DAY)):
                run = run_stages(label, registry, work / "data", as_of, run_id, sampler)
                rows.append({"scale": f"{n_sources}x{n_events}", "run": label,
                             "total_s": round(run.total_s, 2), "cpu_s": round(run.cpu_s, 2),
                             "crawl_s": round(run.seconds.get("crawl", 0.0), 2),
                             "documents": run.documents, "not_modified": run.not_modified,
                             "failed": len(run.failed_sources), "http": server.counts(),
                             "load": round(os.getloadavg()[0], 1)})
        finally:
            sampler.stop()
    return rows


def profile_crawl(n_sources: int, n_events: int, work: Path, concurrency: int, out: Path
                  ) -> list[dict]:
    from pyinstrument import Profiler
    from pyinstrument.renderers import ConsoleRenderer

    from bench.stages import cpu_seconds
    from pipelines.crawl.runner import crawl_sources

    rows = []
    with WorldServer(n_sources, n_events, AS_OF) as server:
        registry_path = work / "sources.toml"
        registry_path.write_text(World(n_sources, 0, AS_OF, server.port)
                                 .registry_toml(concurrency=concurrency))
        registry = load_registry(registry_path)
        for label, as_of in (("full crawl", AS_OF), ("unchanged crawl", NEXT_DAY)):
            profiler = Profiler() if label.startswith("unchanged") else None
            cpu, started = cpu_seconds(), time.perf_counter()
            if profiler:
                profiler.start()
            crawls = crawl_sources(registry.enabled(), registry.settings, work / "data",
                                   as_of=as_of, fast=True)
            if profiler:
                profiler.stop()
                out.write_text(profiler.output(ConsoleRenderer(flat=True, show_all=True)))
            rows.append({"scale": f"{n_sources}x{n_events}", "run": label,
                         "wall_s": round(time.perf_counter() - started, 2),
                         "cpu_s": round(cpu_seconds() - cpu, 2),
                         "not_modified": sum(c.not_modified for c in crawls.values()),
                         "http": server.counts(), "load": round(os.getloadavg()[0], 1)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="50x20")
    parser.add_argument("--concurrency", type=int, default=16)  # as `make bench`
    parser.add_argument("--profile-crawl", type=Path, help="crawl only; profile to this file")
    args = parser.parse_args()
    for scale in args.scales.split(","):
        n_sources, n_events = (int(x) for x in scale.split("x"))
        with tempfile.TemporaryDirectory(prefix="peermap-rerun-") as tmp:
            started = time.perf_counter()
            rows = (profile_crawl(n_sources, n_events, Path(tmp), args.concurrency,
                                  args.profile_crawl) if args.profile_crawl
                    else rerun_scale(n_sources, n_events, Path(tmp), args.concurrency))
            for row in rows:
                print(json.dumps(row), flush=True)
            print(json.dumps({"scale": scale, "seconds": round(time.perf_counter() - started, 1)}),
                  flush=True)


if __name__ == "__main__":
    main()
