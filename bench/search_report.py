"""The "Dashboard search" section of docs/benchmarks.md: rendered from one measurement
(`python -m bench.dashboard_search --write docs/benchmarks.md`) and carried over unchanged when
`python -m bench` rewrites the rest of the report (that run does not time the dashboard)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

HEADING = "## Dashboard search"
TARGET_MS = 1500.0
COMMAND = ("PEERMAP_DATA_DIR=var PEERMAP_AS_OF={as_of} "
           "python -m bench.dashboard_search --runs {runs} --write docs/benchmarks.md")


@dataclass
class SearchTiming:
    where: str
    listings: int  # in the snapshot searched
    cold_ms: float
    cards_per_run: list[int] = field(default_factory=list)
    runs_ms: list[float] = field(default_factory=list)
    load: tuple[float, float, float] = (0.0, 0.0, 0.0)
    measured_at: str = ""
    as_of: str = "<the snapshot's as-of>"  # PEERMAP_AS_OF the app ran with

    @property
    def median_ms(self) -> float:
        ordered = sorted(self.runs_ms)
        mid = len(ordered) // 2
        return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2

    @property
    def max_ms(self) -> float:
        return max(self.runs_ms)


def load_average() -> tuple[float, float, float]:
    try:
        return os.getloadavg()
    except OSError:
        return (0.0, 0.0, 0.0)


def search_section(timing: SearchTiming) -> list[str]:
    load = ", ".join(f"{x:.2f}" for x in timing.load)
    met = "yes" if timing.median_ms <= TARGET_MS else "**no**"
    cards = f"{min(timing.cards_per_run)}–{max(timing.cards_per_run)}" \
        if timing.cards_per_run else "?"
    return [
        HEADING, "",
        "One search end to end as a browser session runs it — script, query, and every card "
        "rendered (≤ 50 cards per list) — through Streamlit's AppTest in one kept session, each "
        "run a new radius so nothing is served from the cache (`bench/dashboard_search.py`). "
        f"Snapshot of {timing.listings:,} listings, “{timing.where}”, measured "
        f"{timing.measured_at}:", "",
        "    " + COMMAND.format(runs=len(timing.runs_ms), as_of=timing.as_of), "",
        "| load average (1/5/15 min) | first run (cold) | searches | cards per search | median | "
        "max | median ≤ 1.5 s |",
        "|---|---:|---:|---:|---:|---:|---|",
        f"| {load} | {timing.cold_ms:,.0f} ms | {len(timing.runs_ms)} | {cards} | "
        f"{timing.median_ms:,.0f} ms | {timing.max_ms:,.0f} ms | {met} |", "",
        "The cold first run pays imports, the gazetteer load and the snapshot connection. The "
        "query itself is ~150 ms (the query-path table above); the rest is Streamlit's element "
        "serialisation for the cards, and on a loaded shared machine the contention.", "",
    ]


def split_section(text: str) -> tuple[str, list[str], str]:
    """(before, the section's lines or [], after) of a report's Dashboard search section."""
    lines = text.splitlines()
    try:
        start = lines.index(HEADING)
    except ValueError:
        return text, [], ""
    stop = next((n for n in range(start + 1, len(lines)) if lines[n].startswith("## ")),
                len(lines))
    before = "\n".join(lines[:start])
    after = "\n".join(lines[stop:])
    return before, lines[start:stop], after


def carried_section(out: Path) -> list[str]:
    """The section of the report already at `out` (kept when the full bench rewrites it)."""
    if not out.exists():
        return []
    return split_section(out.read_text(encoding="utf-8"))[1]


def merge_section(out: Path, section: list[str]) -> str:
    """Put `section` in place of the report's Dashboard search section (before Targets when
    the report has none yet)."""
    text = out.read_text(encoding="utf-8") if out.exists() else "# PeerMap benchmarks\n"
    before, old, after = split_section(text)
    if not old:
        marker = "\n## Targets"
        head, sep, tail = text.partition(marker)
        before, after = (head, sep.lstrip("\n") + tail) if sep else (text, "")
    body = "\n".join(section).rstrip("\n") + "\n"
    merged = before.rstrip("\n") + "\n\n" + body + ("\n" + after if after else "")
    merged = merged.rstrip("\n") + "\n"
    out.write_text(merged, encoding="utf-8")
    return merged
