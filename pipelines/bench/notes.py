"""The "where targets are missed and why" section: measured facts plus profiled causes.

Causes below were found with pyinstrument on this world (see docs/benchmarks.md); the numbers
in each sentence come from the run being reported.
"""

from __future__ import annotations

from pipelines.bench.run import BenchResult


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
            "`search_all` runs three statements per search (local list with distance, online "
            "list, next occurrences), each on a fresh cursor that first re-runs `USE snapshot` "
            "and `SET TimeZone`, and converts results to pandas; the text filter ILIKEs title, "
            "description and organizer of every row; `upcoming_starts` filters occurrences "
            "with `list_contains($ids, listing_id)`, evaluated per occurrence row. Fixes (owner "
            "of dashboard/queries.py): a semi-join (`listing_id IN (SELECT unnest($ids))`), "
            "one statement for local + online, a lower-cased search column built at publish "
            "time (or DuckDB's fts index), and a cached cursor per session.")
    notes += [
        "- **Why a 304 re-run cannot simply reuse last run's listings.** Parsers expand "
        "recurrences between `as_of` and the horizon, and listings carry next occurrences, so "
        "reusing yesterday's parse/listings would show stale occurrences. What is as_of-free and "
        "cacheable: classification. pyinstrument puts `classify()` at ~80% of "
        "normalize+classify, and `classify.text.fold` (accent folding) is recomputed by every "
        "one of the ~9 classifiers for the same text (~35% of classify). Fix (owners of "
        "pipelines/classify and pipelines/ingest.py): fold once per listing and memoize "
        "`classify()` by a hash of its text inputs (an LRU or a table keyed by content hash in "
        "the store); an unchanged source then costs parse + recurrence + store only. Parse "
        "could skip too if parsers emitted RRULEs unexpanded and expansion moved to ingest.",
        "- **Store on a first (full) run** is dominated by the per-listing merge in "
        "pipelines/store/merge.py, not by DuckDB inserts (already Arrow). It has a quadratic "
        "term: `RunMerge._place` drops `_linked_cache` after every new listing, and the next "
        "dedup probe that finds a candidate from another source rebuilds the set of all links "
        "(probed: 3,175 rebuilds over 5.7 M link entries for 3,375 listings; grows as n²). Fix "
        "(owner of pipelines/store): add `(sid, linked_to)` to the cached set instead of "
        "discarding it. Re-runs are much cheaper (links exist, unchanged rows are not written).",
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
