"""`python -m bench.flow_overhead [S] [E] [--reps N]`: the Prefect flow against the plain stages.

One loopback world (bench/server.py), then N repetitions of: plain stages full → flow full →
plain stages unchanged → flow unchanged, each on its own data dir (the same calls as
`python -m bench`, bench/run.py `bench_scale`, without the bare fetch and the query path).
Prints each run and the flow/plain ratio of wall and CPU seconds, repetition by repetition.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from bench.measure import RssSampler
from bench.run import AS_OF, NEXT_DAY, _flow_run
from bench.server import WorldServer
from bench.stages import StageRun, run_stages
from bench.world import World
from pipelines.core.registry import load_registry


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.flow_overhead", description=__doc__)
    parser.add_argument("sources", type=int, nargs="?", default=100)
    parser.add_argument("events", type=int, nargs="?", default=100)
    parser.add_argument("--reps", type=int, default=1)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args(argv)
    # As in `python -m bench` (machine_info), Prefect is imported before the first run, so each
    # flow run starts Prefect's temporary API server (a server PeerMap binds itself could not be
    # started twice in one process); its start-up gets PeerMap's 180 s, not Prefect's 20 s.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    os.environ.setdefault("PREFECT_HOME", str(Path(tempfile.gettempdir(), "peermap-bench-prefect")))
    import prefect  # noqa: F401
    with tempfile.TemporaryDirectory(prefix="peermap-flow-overhead-") as tmp, \
            WorldServer(args.sources, args.events, AS_OF) as server:
        work = Path(tmp)
        sampler = RssSampler(exclude={server.pid or -1}).start()
        try:
            registry_path = work / "sources.toml"
            registry_path.write_text(World(args.sources, 0, AS_OF, server.port)
                                     .registry_toml(concurrency=args.concurrency))
            registry = load_registry(registry_path)
            print(f"{args.sources}x{args.events}: {server.documents} documents; "
                  f"load {os.getloadavg()[0]:.1f}", flush=True)
            for rep in range(1, args.reps + 1):
                runs: dict[str, StageRun] = {}
                stages_dir, flow_dir = work / f"stages-{rep}", work / f"flow-{rep}"
                for label, when in (("full", AS_OF), ("unchanged", NEXT_DAY)):
                    runs[label] = run_stages(label, registry, stages_dir, when,
                                             f"bench-{rep}-{label}", sampler)
                    runs[f"flow {label}"] = _flow_run(f"flow {label}", registry_path, flow_dir,
                                                      sampler, when)
                for label in ("full", "unchanged"):
                    plain, flow = runs[label], runs[f"flow {label}"]
                    print(f"rep {rep} {label}: plain {plain.total_s:.1f} s wall "
                          f"{plain.cpu_s:.1f} CPU-s ({plain.listings} listings) | flow "
                          f"{flow.total_s:.1f} s wall {flow.cpu_s:.1f} CPU-s "
                          f"({flow.listings} listings, {len(flow.failed_sources)} failed) | "
                          f"flow/plain wall {flow.total_s / plain.total_s:.2f}x "
                          f"CPU {flow.cpu_s / plain.cpu_s:.2f}x | "
                          f"load {os.getloadavg()[0]:.1f}", flush=True)
        finally:
            sampler.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
