"""The "where targets are missed and why" section: for each missed target, the run's own stage
profile (where the wall time went) and the fix that would attack the largest part next.

The stage shares come from the run being reported; `NEXT_FIX` names, per stage, what profiling
(pyinstrument/py-spy on this world, docs/benchmarks-notes.md) found behind that stage's cost.
"""

from __future__ import annotations

from bench.run import BenchResult, ScaleResult
from bench.stages import StageRun
from bench.targets import target_rows

NEXT_FIX = {
    "crawl": "the crawl: with one crawler for all sources (no per-source `Crawler`/settings "
             "copy any more), a 304 re-run's crawl is led by the parse cache's JSON reads (JSON → "
             "`RawItem`), the HTTP cache's gzip files and Twisted/asyncio plumbing "
             "(`python -m bench.rerun --profile-crawl`, docs/benchmarks-notes.md); next: one "
             "pickled file of `RawItem`s per document, or reuse the store's rows for a 304 and "
             "skip the raw items entirely",
    "normalize+classify": "normalize+classify: pure Python per listing on one core (the GIL); "
                          "next: run ingest for finished sources in the parse worker processes "
                          "while the crawl goes on",
    "store": "the store merge: change detection and dedup probes per listing in Python "
             "(pipelines/store/merge.py); next: set-based change detection and id resolution in "
             "DuckDB over a staged Arrow table, Python only for the fuzzy dedup candidates",
    "geocode": "geocoding: per-listing lookups; next: geocode distinct place texts once per run",
    "publish": "publish: the snapshot copy; next: publish only changed sources' rows",
    "export": "the export: every file rewritten each run; next: write only files whose "
              "content changed",
    "flow": "the flow: Prefect task state round-trips and the API server; see the flow row",
}


def _share(part: float, whole: float) -> str:
    return f"{part / whole:.0%}" if whole else "n/a"


def _profile(run: StageRun) -> str:
    parts = sorted(run.seconds.items(), key=lambda kv: -kv[1])
    return ", ".join(f"{k} {v:.1f} s ({_share(v, run.total_s)})" for k, v in parts)


def _largest(run: StageRun) -> str:
    return max(run.seconds.items(), key=lambda kv: kv[1])[0] if run.seconds else "crawl"


def _run_note(title: str, scale: ScaleResult, run: StageRun) -> str:
    return (f"- **{title}** ({run.total_s:.1f} s wall, "
            f"{run.cpu_s:.1f} CPU-s): {_profile(run)}. Largest part: "
            f"{NEXT_FIX.get(_largest(run), _largest(run))}.")


def notes_for(result: BenchResult) -> list[str]:
    load = result.load_before[0]
    cpus = result.machine.get("cpus") or 1
    notes = [f"- **Shared machine.** 1-minute load was {load:.1f} on {cpus} CPUs when the run "
             f"started ({result.load_after[0]:.1f} at the end): wall times are inflated roughly "
             "by load/CPUs; ratios measured side by side in this run are the steadier numbers."]
    rows = [row for row in target_rows(result) if row.met is False]
    missed = {row.what for row in rows}
    scales = {scale.sources: scale for scale in result.scales}
    for row in rows:
        if row.run and (scale := scales.get(row.run[0])) and (run := scale.runs.get(row.run[1])):
            notes.append(_run_note(row.what, scale, run))
    if any("Prefect flow" in what for what in missed):
        notes.append("- **Prefect flow vs plain stages.** The flow adds its API server (a "
                     "process of its own, counted in RSS), task state round-trips and the "
                     "report artifact on top of the same stage functions.")
    if any("RSS" in what for what in missed):
        notes.append("- **Peak RSS.** Every stage after the crawl holds all sources' raw items "
                     "and listings at once (crawl → ingest → store run as whole-run steps), so "
                     "memory grows with the number of listings; next: stream per batch of "
                     "sources into staged store tables and merge from them.")
    if any("query p95" in what for what in missed):
        notes.append("- **Query path.** `search_all` runs one statement per search; the rest "
                     "is building pandas frames for the list, the map and the downloads.")
    if any("peermap" in what for what in missed):
        s = getattr(result, "startup", None)
        notes.append(f"- **Start-up.** `--help` {s.help_cpu_s if s else '?'} CPU-s, `preview` "
                     f"{s.preview_cpu_s if s else '?'} CPU-s, demo {s.demo_wall_s if s else '?'} "
                     "s: import cost (Scrapy, DuckDB, pandas for preview) and, for the demo, a "
                     "whole refresh with the Prefect flow and its server.")
    return notes
