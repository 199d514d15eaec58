"""`python -m bench` (make bench): run the benchmarks and write docs/benchmarks.md."""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.command import bench_command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sources", type=int, help="S sources (with --events)")
    parser.add_argument("--events", type=int, help="E events per source")
    parser.add_argument("--scales", help="scales like 100x100,1000x100")
    parser.add_argument("--quick", action="store_true", help="20x20 and 10k queries only")
    parser.add_argument("--out", type=Path, default=Path("docs/benchmarks.md"), help="report file")
    args = parser.parse_args(argv)
    bench_command(sources=args.sources, events=args.events, scales=args.scales, quick=args.quick,
                  out=args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
