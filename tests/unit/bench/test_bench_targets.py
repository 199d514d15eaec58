"""docs/benchmarks.md's target table is judged from the run's own numbers (issue 16's bars)."""

from __future__ import annotations

from bench.bare import BareResult
from bench.notes import notes_for
from bench.query_path import QueryRow
from bench.run import BenchResult, ScaleResult
from bench.stages import StageRun
from bench.startup import StartupResult
from bench.targets import growth_rows, target_rows


def _run(label: str, total: float, rss: float = 500.0, listings: int = 10_000) -> StageRun:
    return StageRun(label=label, seconds={"crawl": total * 0.6, "store": total * 0.4},
                    total_s=total, listings=listings, peak_rss_mb=rss, cpu_s=total)


def _scale(sources: int, events: int, runs: dict[str, StageRun], bare_s: float) -> ScaleResult:
    return ScaleResult(sources, events, sources * 10, BareResult(bare_s, sources * 10, 0, 0, 0),
                       300.0, bare_s, runs)


def _result() -> BenchResult:
    small = _scale(100, 100, {"full": _run("full", 10.0, rss=500),
                              "flow full": _run("flow full", 11.0),
                              "unchanged": _run("unchanged", 0.9),
                              "1% changed": _run("1% changed", 2.0)}, 1.0)
    big = _scale(1000, 100, {"full": _run("full", 90.0, rss=560, listings=100_000),
                             "unchanged": _run("unchanged", 30.0, rss=560, listings=100_000)}, 4.0)
    huge = _scale(10_000, 20, {"full": _run("full", 200.0, rss=700, listings=200_000)}, 20.0)
    return BenchResult(started="2026-12-02T00:00:00+00:00", load_before=(0.5, 0.5, 0.5),
                       scales=[small, big, huge],
                       queries=[QueryRow(100_000, 10.0, 12.0, 20.0, 24.0, 1.0),
                                QueryRow(1_000_000, 40.0, 50.0, 70.0, 75.0, 9.0)],
                       machine={"cpus": 2}, startup=StartupResult(0.25, 1.4, 18.0, True))


def _met(what_starts: str) -> bool | None:
    return next(r.met for r in target_rows(_result()) if r.what.startswith(what_starts))


def test_full_refresh_over_60_s_is_missed() -> None:
    assert _met("1,000×100 full refresh") is False


def test_flow_within_1_2_of_plain_is_met() -> None:
    assert _met("100×100 as the Prefect flow") is True


def test_rss_ceiling_and_flatness_are_judged_from_the_full_runs() -> None:
    assert _met("peak RSS, 1,000×100") is True
    assert _met("peak RSS from 100 to 1,000") is True  # 500 → 560 MB: +12%


def test_unchanged_share_is_taken_at_the_largest_scale_that_ran_it() -> None:
    row = next(r for r in target_rows(_result()) if r.what.startswith("unchanged"))
    assert "1,000×100" in row.what and row.measured == "33% of full" and row.met is False


def test_query_bars_differ_per_size() -> None:
    assert _met("query p95 at 100,000") is True and _met("query p95 at 1,000,000") is False


def test_startup_rows_use_their_own_bars() -> None:
    assert _met("`peermap --help`") is True
    assert _met("`peermap preview`") is False
    assert _met("`peermap demo") is True


def test_unmeasured_targets_say_so() -> None:
    result = _result()
    result.startup, result.queries = None, []
    rows = {r.what: r for r in target_rows(result)}
    assert rows["`peermap demo --no-serve`"].met is None
    assert rows["query p95 at 100,000 listings"].measured == "not measured in this run"


def test_growth_rows_compare_cost_per_listing_with_the_smallest_scale() -> None:
    lines = growth_rows(_result())
    assert lines[-1].startswith("| 10,000×20 | 200,000 | 200.0 | 1.00 | 1.00× |")


def test_each_missed_run_target_gets_its_stage_profile_and_next_fix() -> None:
    notes = "\n".join(notes_for(_result()))
    assert "**1,000×100 full refresh, plain stages** (90.0 s wall" in notes
    assert "crawl 54.0 s (60%)" in notes and "Largest part: the crawl" in notes
    assert "**unchanged next-day re-run, 1,000×100**" in notes
