"""A full refresh, then the unchanged next-day re-run, through the plain stages, on the loopback
world: the crawl's and the whole run's wall and CPU seconds, one line each.

    PYTHONPATH=$PWD python -m bench.rerun --scales 50x20,200x20

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="50x20")
    parser.add_argument("--concurrency", type=int, default=16)  # as `make bench`
    args = parser.parse_args()
    for scale in args.scales.split(","):
        n_sources, n_events = (int(x) for x in scale.split("x"))
        with tempfile.TemporaryDirectory(prefix="peermap-rerun-") as tmp:
            started = time.perf_counter()
            for row in rerun_scale(n_sources, n_events, Path(tmp), args.concurrency):
                print(json.dumps(row), flush=True)
            print(json.dumps({"scale": scale, "seconds": round(time.perf_counter() - started, 1)}),
                  flush=True)


if __name__ == "__main__":
    main()
