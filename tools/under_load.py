"""Run a command several times in a row while CPU-bound processes load the machine.

    python tools/under_load.py --runs 3 --burners 2 -- python -m pytest -q

`make test-under-load` uses it to show the suite does not depend on an idle machine. Each burner
is a separate process spinning on arithmetic (no I/O), started before the first run and stopped
after the last. Exit status 0 only when every run passed; a summary line per run is printed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import subprocess
import sys
import time


def _burn() -> None:  # pragma: no cover - runs in the burner processes
    x = 0
    while True:
        x = (x * 1103515245 + 12345) % 2147483648


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--burners", type=int, default=2)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command after --")
    burners = [multiprocessing.Process(target=_burn, daemon=True) for _ in range(args.burners)]
    for burner in burners:
        burner.start()
    outcomes: list[tuple[int, float]] = []
    try:
        for run in range(1, args.runs + 1):
            started = time.monotonic()
            code = subprocess.call(command)
            outcomes.append((code, time.monotonic() - started))
            print(f"under load ({args.burners} burners): run {run}/{args.runs} "
                  f"{'passed' if code == 0 else f'FAILED (exit {code})'} in "
                  f"{outcomes[-1][1]:.0f} s", flush=True)
    finally:
        for burner in burners:
            burner.terminate()
        for burner in burners:
            burner.join(5)
    failed = sum(code != 0 for code, _ in outcomes)
    print(f"under load: {args.runs - failed}/{args.runs} runs passed", flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
