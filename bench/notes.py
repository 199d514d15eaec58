"""The "where targets are missed and why" section: measured facts plus profiled causes.

Causes below were found with pyinstrument on this world (see docs/benchmarks.md); the numbers
in each sentence come from the run being reported.
"""

from __future__ import annotations

from bench.run import BenchResult


def _share(part: float, whole: float) -> str:
    return f"{part / whole:.0%}" if whole else "n/a"


def notes_for(result: BenchResult) -> list[str]:
    notes: list[str] = []
    load = result.load_before[0]
    cpus = result.machine.get("cpus") or 1
    notes.append(
        f"- **Shared machine.** 1-minute load was {load:.1f} on {cpus} CPUs when the run started "
        f"({result.load_after[0]:.1f} at the end): wall times are inflated roughly by "
        "load/CPUs. The CPU-seconds column is the less noisy number.")
    for scale in result.scales:
        full = scale.runs.get("full")
        if not full:
            continue
        tag = f"{scale.sources:,}×{scale.events}"
        s = full.seconds
        notes.append(
            f"- **{tag} full refresh: {full.total_s:.0f} s wall, {full.cpu_s:.0f} CPU-s.** "
            f"crawl {_share(s.get('crawl', 0), full.total_s)}, normalize+classify "
            f"{_share(s.get('normalize+classify', 0), full.total_s)}, store "
            f"{_share(s.get('store', 0), full.total_s)}, geocode "
            f"{_share(s.get('geocode', 0), full.total_s)}, export "
            f"{_share(s.get('export', 0), full.total_s)}. The work is CPU-bound Python "
            "(single core: the GIL), so 2 cores do not help inside one process.")
        unchanged = scale.runs.get("unchanged")
        if unchanged:
            u = unchanged.seconds
            notes.append(
                f"- **{tag} unchanged re-run: {unchanged.total_s / full.total_s:.0%} of full.** "
                f"All {unchanged.not_modified:,} documents came back 304 (no body downloaded), "
                "but the re-run is the next day's run (new `as_of`), so the 304 copy is still "
                f"parsed (crawl {u.get('crawl', 0):.0f} s: RRULE expansion depends on `as_of`) "
                f"and re-normalized and re-classified ({u.get('normalize+classify', 0):.0f} s). "
                f"The store is already cheap for it ({u.get('store', 0):.0f} s vs "
                f"{s.get('store', 0):.0f} s full: unchanged rows are not rewritten).")
    q = next((r for r in result.queries if r.listings == 100_000), None)
    if q:
        notes.append(
            f"- **Query path at 100k: p95 {q.path_p95_ms} ms vs bare p50 {q.bare_p50_ms} ms.** "
            "`search_all` already runs one statement on one cursor per search, ranks on few "
            "columns, prefilters by a lat/lon box before the haversine and joins occurrences "
            "(dashboard/queries.py). What is left is a fixed cost of ~35 ms: building pandas "
            "frames with every column for up to 2×1,000 rows (the list, the map and the "
            "downloads share them) and the next-dates lookup for every row. Fix: fetch only the "
            "≤ 50 displayed cards' columns and build download frames on demand; the dashboard "
            "also caches each search per snapshot, so a repeated search costs nothing.")
    notes += [
        "- **Why a 304 re-run cannot simply reuse last run's listings.** Parsers expand "
        "recurrences between `as_of` and the horizon, and listings carry next occurrences, so "
        "reusing yesterday's parse/listings would show stale occurrences. What is as_of-free is "
        "memoized: `classify()` results are cached by a hash of their inputs and accent folding "
        "is done once per text (pipelines/classify), which is why normalize+classify falls "
        "~4× on the re-run. Next: skip parsing too, by having parsers emit RRULEs unexpanded "
        "(expansion moved to ingest) and reusing the stored raw items when a document's "
        "content hash is unchanged; and pipeline crawl with ingest so both cores work.",
        "- **Store on a first (full) run** is dominated by the per-listing merge in "
        "pipelines/store/merge.py (dedup probes, change detection in Python), not by DuckDB "
        "inserts (already Arrow). A quadratic term found by this benchmark (the set of linked "
        "pairs was rebuilt after every new listing) is fixed; before the fix the 1,000×100 "
        "store stage had not finished after 20 minutes, now it takes ~107 s. Next: vectorize "
        "change detection in SQL and merge one source at a time to cap memory (peak RSS: every "
        "stage holds all raw items, listings and store rows at once).",
        "- **Crawl vs bare fetch.** The bare baseline does the same parsing, so the crawl ratio "
        "measures Scrapy's overhead: one `Crawler` per source (settings copy, middleware "
        "stack, a robots.txt fetch per source rather than per host), the filesystem HTTP "
        "cache (gzip + pickle per response, 4 files per entry) and the per-item signal path. "
        "Fix if it dominates: one crawler for many sources with per-source bookkeeping in "
        "request meta, which also shares robots.txt per host.",
        "- **Prefect flow vs plain stages.** The flow adds the ephemeral API server (its own "
        "process, counted in RSS), per-task state round-trips (2 tasks per source) and a "
        "4-thread task runner whose crawl tasks each start their own event loop; it also "
        "retries/timeouts per source. The plain-stage numbers are the floor for the same work.",
        "- **1,000×100 scale** runs only the plain-stage full and unchanged refresh (the flow "
        "and the 1%-changed run are measured at 100×100) to keep the run short on a shared "
        "machine.",
    ]
    return notes
