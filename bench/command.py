"""`python -m bench` behind the scenes: parse scales, run, write docs/benchmarks.md, print ratios."""

from __future__ import annotations

import contextlib
import functools
import pickle
import tempfile
from pathlib import Path

from bench.notes import notes_for
from bench.report import write_report
from bench.run import run_bench

DEFAULT_SCALES = "100x100,1000x100,10000x20"
QUICK = {"scales": "20x20", "queries": (10_000,)}


def parse_scales(text: str) -> list[tuple[int, int]]:
    """'100x100,1000x100' -> [(100, 100), (1000, 100)]."""
    out = []
    for part in text.split(","):
        sources, _, events = part.strip().lower().partition("x")
        out.append((int(sources), int(events)))
    return out


def bench_command(*, sources: int | None, events: int | None, scales: str | None, quick: bool,
                  out: Path, flow: bool = True, concurrency: int = 16,
                  query_sizes: tuple[int, ...] = (10_000, 100_000, 1_000_000)) -> str:
    if sources and events:
        chosen = [(sources, events)]
    else:
        chosen = parse_scales(scales or (QUICK["scales"] if quick else DEFAULT_SCALES))
    log = functools.partial(print, flush=True)
    result = run_bench(chosen, query_sizes=QUICK["queries"] if quick else query_sizes,
                       concurrency=concurrency, flow=flow, log=log, startup=not quick,
                       on_progress=lambda partial: write_report(partial, out, notes_for(partial)))
    text = write_report(result, out, notes_for(result))
    with contextlib.suppress(OSError):  # the raw numbers, to re-render the report later
        Path(tempfile.gettempdir(), "peermap-bench-result.pickle").write_bytes(
            pickle.dumps(result))
    log(f"wrote {out}")
    return text


def rerender(out: Path, saved: Path | None = None) -> str:
    """Write the report again from the last run's saved numbers (after editing notes/report)."""
    saved = saved or Path(tempfile.gettempdir(), "peermap-bench-result.pickle")
    result = pickle.loads(saved.read_bytes())  # noqa: S301 - our own file from this machine
    return write_report(result, out, notes_for(result))
