"""Write docs/benchmarks.md from one `BenchResult`: machine, table, ratios, missed targets."""

from __future__ import annotations

from pathlib import Path

from bench.run import BenchResult, ScaleResult
from bench.search_report import carried_section

TARGET_FULL_S = 120.0
TARGET_RSS_MB = 1536.0
TARGET_CRAWL_RATIO = 3.0
TARGET_UNCHANGED_RATIO = 0.10
TARGET_QUERY_P95_MS = 50.0


def _f(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "n/a"


def _scale_table(scale: ScaleResult) -> list[str]:
    full = scale.runs.get("full")
    lines = [f"### {scale.sources:,} sources × {scale.events} events "
             f"({scale.documents:,} documents)", "",
             "| run | wall s | CPU s | listings | listings/s | peak RSS MB | vs full | vs bare | "
             "HTTP 200/304 | stages (wall s) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    bare = scale.bare
    lines.append(f"| bare aiohttp fetch + parse | {_f(bare.seconds)} | {_f(scale.bare_cpu_s)} | "
                 f"{bare.items:,} "
                 f"(raw) | {_f(bare.items / bare.seconds if bare.seconds else 0, 0)} | "
                 f"{_f(scale.bare_rss_mb, 0)} | | 1.00× | {bare.documents:,}/0 | |")
    for label, run in scale.runs.items():
        http = run.extra.get("http", {})
        stages = ", ".join(f"{k} {v:.1f}" for k, v in run.seconds.items())
        lines.append(
            f"| {label} | {_f(run.total_s)} | {_f(run.cpu_s)} | {run.listings:,} | "
            f"{_f(run.listings_per_s, 0)} | "
            f"{_f(run.peak_rss_mb, 0)} | {_ratio(run.total_s, full.total_s) if full else ''} | "
            f"{_ratio(run.total_s, bare.seconds)} | {http.get(200, 0)}/{http.get(304, 0)} | "
            f"{stages} |")
    if full:
        crawl = full.seconds.get("crawl", 0.0)
        lines += ["", f"- crawl stage alone (Scrapy, fetch + parse): {_f(crawl)} s = "
                  f"**{_ratio(crawl, bare.seconds)} the bare fetch + parse**"]
        ingest = sum(full.seconds.get(k, 0.0) for k in ("normalize+classify", "geocode", "store"))
        if full.listings:
            per10k = 10_000 / full.listings
            lines.append(
                "- ingest alone per 10k listings: normalize+classify "
                f"{_f(full.seconds.get('normalize+classify', 0) * per10k)} s, geocode "
                f"{_f(full.seconds.get('geocode', 0) * per10k)} s, store "
                f"{_f(full.seconds.get('store', 0) * per10k)} s — total "
                f"{_f(ingest * per10k)} s")
        if full.failed_sources:
            lines.append(f"- failed sources in the full run: {len(full.failed_sources)} "
                         f"(e.g. {', '.join(full.failed_sources[:3])})")
    return lines + [""]


def _query_table(result: BenchResult) -> list[str]:
    if not result.queries:
        return []
    lines = ["## Dashboard query path (filter + radius + text)", "",
             "`dashboard.queries.search_all` with kind, free, 100-mile radius around New York "
             "and a text query, against the bare DuckDB radius query (`bench/dashboard_queries.py`"
             "), on synthetic snapshots.", "",
             "| listings | bare p50 ms | bare p95 ms | query path p50 ms | query path p95 ms | "
             "p50 ratio |", "|---:|---:|---:|---:|---:|---:|"]
    for row in result.queries:
        lines.append(f"| {row.listings:,} | {row.bare_p50_ms} | {row.bare_p95_ms} | "
                     f"{row.path_p50_ms} | {row.path_p95_ms} | {row.ratio_p50:.1f}× |")
    return lines + [""]


def _targets(result: BenchResult, notes: list[str]) -> list[str]:
    lines = ["## Targets", "", "| target | measured | met |", "|---|---|---|"]
    big = max((s for s in result.scales if s.sources >= 1000), key=lambda s: s.sources,
              default=None)
    full = big.runs.get("full") if big else None
    if not (big and full):
        lines.append("| 1,000×100 refresh ≤ 120 s, ≤ 1.5 GB, crawl ≤ 3× bare, unchanged ≤ 10% | "
                     "not measured in this run | n/a |")
    if big and full:
        tag = f"{big.sources:,}×{big.events}"
        lines.append(f"| {tag} refreshed ≤ {TARGET_FULL_S:.0f} s | {_f(full.total_s)} s | "
                     f"{'yes' if full.total_s <= TARGET_FULL_S else '**no**'} |")
        peak = max(r.peak_rss_mb for r in big.runs.values())
        lines.append(f"| peak RSS ≤ 1.5 GB | {_f(peak, 0)} MB | "
                     f"{'yes' if peak <= TARGET_RSS_MB else '**no**'} |")
        crawl_ratio = full.seconds.get("crawl", 0) / big.bare.seconds if big.bare.seconds else 0
        lines.append(f"| crawl within {TARGET_CRAWL_RATIO:.0f}× of bare fetch | "
                     f"{crawl_ratio:.2f}× | {'yes' if crawl_ratio <= TARGET_CRAWL_RATIO else '**no**'} |")
        unchanged = big.runs.get("unchanged")
        if unchanged:
            share = unchanged.total_s / full.total_s
            lines.append(f"| unchanged re-run ≤ 10% of full | {share:.0%} | "
                         f"{'yes' if share <= TARGET_UNCHANGED_RATIO else '**no**'} |")
    q = next((r for r in result.queries if r.listings == 100_000), None)
    if q:
        lines.append(f"| query p95 ≤ {TARGET_QUERY_P95_MS:.0f} ms at 100k | {q.path_p95_ms} ms | "
                     f"{'yes' if q.path_p95_ms <= TARGET_QUERY_P95_MS else '**no**'} |")
    lines += ["", "## Where targets are missed and why", ""]
    lines += notes or ["(no notes)"]
    return lines + [""]


def write_report(result: BenchResult, out: Path, notes: list[str] | None = None) -> str:
    m = result.machine
    load = ", ".join(f"{x:.2f}" for x in result.load_before)
    load_after = ", ".join(f"{x:.2f}" for x in result.load_after)
    lines = [
        "# PeerMap benchmarks", "",
        "Generated by `python -m bench` (`make bench`); do not edit by hand. Synthetic, fictional "
        "world served from many 127.0.0.x loopback addresses (5 sources per address, robots.txt, "
        "ETag/Last-Modified, 304s) by a separate process; crawls run with `fast=True` (no "
        "politeness delay, at most 2 connections per host).", "",
        f"- run started {result.started}, took {_f(result.seconds / 60)} min",
        f"- machine: {m.get('cpus')} CPUs, {m.get('memory_gb')} GB, {m.get('platform')}",
        f"- **load average (1/5/15 min) before: {load}; after: {load_after}** — the machine is "
        "shared with other engineers, so wall times are noisy and pessimistic",
        f"- Python {m.get('python')}, Scrapy {m.get('scrapy')}, Prefect {m.get('prefect')}, "
        f"DuckDB {m.get('duckdb')}, aiohttp {m.get('aiohttp')}",
        "- RSS: this process plus its children (Prefect's ephemeral API server included), the "
        "benchmark web's process excluded", "",
        "## Refresh at scale", "",
        "Runs: *full* = plain stage functions (pipelines/flows/stages.py + pipelines/crawl/runner.py) on an "
        "empty data dir; *flow* = the Prefect `refresh_flow` on its own empty data dir; "
        "*unchanged* = the same again with nothing changed; *1% changed* = 1% of events "
        "retitled (spread over sources, so most documents stay the same).", "",
    ]
    for scale in result.scales:
        lines += _scale_table(scale)
    lines += _query_table(result)
    lines += carried_section(out)  # measured apart: python -m bench.dashboard_search --write
    lines += _targets(result, notes or [])
    text = "\n".join(lines)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return text
