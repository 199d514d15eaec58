"""docs/benchmarks.md's Dashboard search section: generated from a measurement, merged in place,
and kept when `python -m bench` rewrites the rest of the report."""

from __future__ import annotations

from pathlib import Path

from bench.report import write_report
from bench.run import BenchResult
from bench.search_report import SearchTiming, merge_section, search_section

REPORT = "# PeerMap benchmarks\n\n## Refresh at scale\n\nold table\n\n## Targets\n\n| t |\n"


def timing(*runs_ms: float) -> SearchTiming:
    return SearchTiming(where="Austin, TX", listings=190, cold_ms=4321.0,
                        cards_per_run=[60, 61], runs_ms=list(runs_ms), load=(5.0, 4.0, 3.0),
                        measured_at="2026-12-02 13:00 UTC")


def test_section_reports_median_max_load_and_the_target() -> None:
    text = "\n".join(search_section(timing(1200.0, 1400.0, 1800.0)))
    assert "| 5.00, 4.00, 3.00 | 4,321 ms | 3 | 60–61 | 1,400 ms | 1,800 ms | yes |" in text
    assert "| **no** |" in "\n".join(search_section(timing(1600.0, 1700.0)))
    assert "python -m bench.dashboard_search --runs 3 --write docs/benchmarks.md" in text


def test_merge_puts_the_section_before_targets_then_replaces_it(tmp_path: Path) -> None:
    out = tmp_path / "benchmarks.md"
    out.write_text(REPORT)
    merge_section(out, search_section(timing(1000.0)))
    first = out.read_text()
    assert first.index("## Refresh at scale") < first.index("## Dashboard search") < \
        first.index("## Targets")
    merge_section(out, search_section(timing(2000.0)))
    again = out.read_text()
    assert again.count("## Dashboard search") == 1
    assert "2,000 ms" in again and "1,000 ms" not in again
    assert "old table" in again and "| t |" in again
    assert "\n\n| load average" in again and "\n\n## Targets" in again  # tables stay tables


def test_the_full_bench_report_keeps_the_measured_section(tmp_path: Path) -> None:
    out = tmp_path / "benchmarks.md"
    out.write_text(REPORT)
    merge_section(out, search_section(timing(1234.0)))
    write_report(BenchResult(started="now", load_before=(1.0, 1.0, 1.0)), out)
    text = out.read_text()
    assert "1,234 ms" in text and text.count("## Dashboard search") == 1
    assert "old table" not in text  # the rest is the new run's
