"""Issue 16's targets, judged from one `BenchResult`: each row says what was measured, the bar,
and whether it was met — or that this run did not measure it."""

from __future__ import annotations

from dataclasses import dataclass

from bench.run import BenchResult, ScaleResult

FULL_S = 60.0            # 1,000 × 100 full refresh, plain stages
FULL_VS_BARE = 15.0      # … and at most this many times the bare fetch + parse
FLOW_VS_PLAIN = 1.2      # the Prefect flow against the plain stages
RSS_MB = 1024.0          # peak at 1,000 × 100
RSS_FLAT = 0.20          # ± from 100 to 1,000 sources
UNCHANGED_SHARE = 0.10   # unchanged next-day re-run / full
CHANGED_SHARE = 0.15     # 1% of events changed / full
QUERY_P95_MS = {100_000: 25.0, 1_000_000: 60.0}
HELP_CPU_S = 0.3
PREVIEW_CPU_S = 1.0
DEMO_S = 20.0


@dataclass
class TargetRow:
    what: str
    measured: str
    target: str
    met: bool | None  # None: not measured in this run
    run: tuple[int, str] | None = None  # (sources, run label) whose profile explains a miss


def _scale(result: BenchResult, sources: int) -> ScaleResult | None:
    return next((s for s in result.scales if s.sources == sources and "full" in s.runs), None)


def _largest_with(result: BenchResult, label: str) -> ScaleResult | None:
    return max((s for s in result.scales if label in s.runs and "full" in s.runs),
               key=lambda s: s.sources, default=None)


def _tag(scale: ScaleResult) -> str:
    return f"{scale.sources:,}×{scale.events}"


def _missing(what: str, target: str) -> TargetRow:
    return TargetRow(what, "not measured in this run", target, None)


def target_rows(result: BenchResult) -> list[TargetRow]:
    rows: list[TargetRow] = []
    big = _scale(result, 1000)
    if big:
        full, bare = big.runs["full"], big.bare.seconds
        ratio = full.total_s / bare if bare else float("inf")
        rows.append(TargetRow(f"{_tag(big)} full refresh, plain stages",
                              f"{full.total_s:,.1f} s = {ratio:.1f}× the bare fetch + parse",
                              f"≤ {FULL_S:.0f} s and ≤ {FULL_VS_BARE:.0f}× bare",
                              full.total_s <= FULL_S and ratio <= FULL_VS_BARE,
                              (big.sources, "full")))
    else:
        rows.append(_missing("1,000×100 full refresh, plain stages", f"≤ {FULL_S:.0f} s"))
    flow_scale = _largest_with(result, "flow full")
    if flow_scale:
        flow, full = flow_scale.runs["flow full"], flow_scale.runs["full"]
        share = flow.total_s / full.total_s
        rows.append(TargetRow(f"{_tag(flow_scale)} as the Prefect flow",
                              f"{share:.2f}× plain ({flow.total_s:,.1f} s vs {full.total_s:,.1f} s)",
                              f"≤ {FLOW_VS_PLAIN}× plain", share <= FLOW_VS_PLAIN))
    else:
        rows.append(_missing("the Prefect flow", f"≤ {FLOW_VS_PLAIN}× plain"))
    small = _scale(result, 100)
    if big:
        peak = max(r.peak_rss_mb for r in big.runs.values())
        rows.append(TargetRow(f"peak RSS, {_tag(big)}", f"{peak:,.0f} MB", f"≤ {RSS_MB:,.0f} MB",
                              peak <= RSS_MB))
        if small:
            low = small.runs["full"].peak_rss_mb
            high = big.runs["full"].peak_rss_mb
            growth = high / low - 1 if low else float("inf")
            rows.append(TargetRow("peak RSS from 100 to 1,000 sources (full runs)",
                                  f"{low:,.0f} → {high:,.0f} MB ({growth:+.0%})",
                                  f"flat (±{RSS_FLAT:.0%})", abs(growth) <= RSS_FLAT))
    unchanged = _largest_with(result, "unchanged")
    if unchanged:
        share = unchanged.runs["unchanged"].total_s / unchanged.runs["full"].total_s
        rows.append(TargetRow(f"unchanged next-day re-run, {_tag(unchanged)}", f"{share:.0%} of full",
                              f"≤ {UNCHANGED_SHARE:.0%}", share <= UNCHANGED_SHARE,
                              (unchanged.sources, "unchanged")))
    else:
        rows.append(_missing("unchanged next-day re-run", f"≤ {UNCHANGED_SHARE:.0%}"))
    changed = _largest_with(result, "1% changed")
    if changed:
        share = changed.runs["1% changed"].total_s / changed.runs["full"].total_s
        rows.append(TargetRow(f"1% of events changed, {_tag(changed)}", f"{share:.0%} of full",
                              f"≤ {CHANGED_SHARE:.0%}", share <= CHANGED_SHARE,
                              (changed.sources, "1% changed")))
    for size, bar in QUERY_P95_MS.items():
        q = next((r for r in result.queries if r.listings == size), None)
        what = f"query p95 at {size:,} listings"
        if q is None:
            rows.append(_missing(what, f"≤ {bar:.0f} ms"))
            continue
        ratio = q.path_p95_ms / q.bare_p95_ms if q.bare_p95_ms else float("inf")
        rows.append(TargetRow(what, f"{q.path_p95_ms} ms ({ratio:.1f}× the bare query's p95)",
                              f"≤ {bar:.0f} ms", q.path_p95_ms <= bar))
    s = getattr(result, "startup", None)  # absent in results pickled before it existed
    if s is None:
        rows += [_missing("`peermap --help` / `preview` of a 10-event ICS", "≤ 0.3 / ≤ 1.0 CPU-s"),
                 _missing("`peermap demo --no-serve`", f"≤ {DEMO_S:.0f} s")]
    else:
        rows.append(TargetRow("`peermap --help`", f"{s.help_cpu_s} CPU-s", f"≤ {HELP_CPU_S} CPU-s",
                              s.help_cpu_s <= HELP_CPU_S))
        rows.append(TargetRow("`peermap preview` of a 10-event ICS", f"{s.preview_cpu_s} CPU-s",
                              f"≤ {PREVIEW_CPU_S} CPU-s", s.preview_cpu_s <= PREVIEW_CPU_S))
        demo = f"{s.demo_wall_s} s" + ("" if s.demo_ok else " (exit code not 0)")
        rows.append(TargetRow("`peermap demo --no-serve` (demo sources)", demo, f"≤ {DEMO_S:.0f} s",
                              s.demo_ok and s.demo_wall_s <= DEMO_S))
    return rows


def growth_rows(result: BenchResult) -> list[str]:
    """How the full refresh's cost grows with the number of sources: per 1k listings."""
    lines = ["| scale | listings | full wall s | s per 1k listings | vs the smallest |",
             "|---|---:|---:|---:|---:|"]
    scales = sorted((s for s in result.scales if "full" in s.runs and s.runs["full"].listings),
                    key=lambda s: s.sources)
    if not scales:
        return []
    first = scales[0].runs["full"]
    base = first.total_s / first.listings
    for scale in scales:
        full = scale.runs["full"]
        per = full.total_s / full.listings
        lines.append(f"| {_tag(scale)} | {full.listings:,} | {full.total_s:,.1f} | "
                     f"{per * 1000:.2f} | {per / base:.2f}× |")
    return lines
