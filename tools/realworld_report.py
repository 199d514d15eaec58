"""Print how many facts of the real-world corpus manifest PeerMap gets right, and every miss.

    python -m tools.realworld_report             # tally (all / dev / test) and every miss
    python -m tools.realworld_report --split dev # misses of the tuning split only

The walk itself is tests/support/realworld_manifest.py (also used by the manifest test).
"""

from __future__ import annotations

import argparse

from tests.support.realworld_manifest import describe, walk


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), help="list misses of one split only")
    parser.add_argument("--tracebacks", action="store_true", help="print tracebacks in full")
    args = parser.parse_args(argv)
    tally = walk()
    print(tally.summary())
    misses = tally.misses(args.split)
    print(f"\nmisses ({len(misses)}):")
    for outcome in misses:
        print("  " + describe(outcome))
    if tally.tracebacks:
        print(f"\ntracebacks ({len(tally.tracebacks)}):")
        for text in tally.tracebacks:
            print("  " + (text if args.tracebacks else text.splitlines()[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
