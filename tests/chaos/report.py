"""Write docs/reliability.md from the reliability suite's recorded outcomes.

    .venv/bin/python -m tests.chaos.report      # after `make chaos` (and the long Hypothesis run)

Every row is what a test observed (tests/chaos/outcomes.py), not what it hoped.
"""

from __future__ import annotations

import sys
from typing import Any

from tests.chaos.outcomes import REPO, load, outcomes_dir

DOC = REPO / "docs" / "reliability.md"


def _cell(value: Any) -> str:
    text = str(value).replace("|", "\\|").replace("\n", " ")
    return text[:110] + "…" if len(text) > 110 else text


def _faults() -> list[str]:
    rows = load("faults")
    out = ["## Faults injected (loopback sources, one run with all faults at once)", "",
           "| fault | what the source did | health | reason in the report | listings before → after | nothing lost |",
           "|---|---|---|---|---|---|"]
    for r in rows:
        reason = r["reason"] or "; ".join(r["errors"]) or "—"
        lost = "yes" if r["kept"] else (
            f"yes, all {r['listings_after']} events; a title now reads "
            f"{_cell(r['titles_after'][:1])} (cp1252 fallback)"
            if r["listings_after"] >= r["listings_before"] else "NO")
        out.append(f"| {r['name']} | {r['fault']} | {r['health']} | {_cell(reason)} | "
                   f"{r['listings_before']} → {r['listings_after']} | {lost} |")
    for run in load("fault-run"):
        out += ["", f"Healthy sources published in full: **{run['healthy_published_in_full']}**; "
                f"run status `{run['status']}`; RSS growth during the faulty run "
                f"**{run['rss_growth_mb']} MB** (budget {run['rss_budget_mb']} MB, the 50 MB body "
                f"included); endless TEC pagination stopped after "
                f"{run['tec_loop_fetches_run_2']} follow-up fetches."]
    return out


def _crashes() -> list[str]:
    rows = [r for r in load("crash") if r["name"].startswith("trial")]
    killed = [r for r in rows if r["killed"]]
    bad = [r for r in rows if r["snapshot_after_kill"] not in ("A", "B") or not r["recovered_equal"]]
    out = ["## Crash trials (`peermap run` killed with SIGKILL)", "",
           f"{len(rows)} trials, {len(killed)} killed mid-run; damaged or mixed snapshots or "
           f"unequal recoveries: **{len(bad)}**. Snapshot after the kill: "
           f"{sum(r['snapshot_after_kill'] == 'A' for r in rows)} × previous (A), "
           f"{sum(r['snapshot_after_kill'] == 'B' for r in rows)} × new complete (B).", "",
           "| trial | kill after (s) | killed | snapshot after kill | opens read-only | next run equals uncrashed run |",
           "|---|---|---|---|---|---|"]
    for r in rows:
        out.append(f"| {r['name']} | {r['delay_s']} | {r['killed']} | {r['snapshot_after_kill']} "
                   f"| yes | {r['recovered_equal']} |")
    for r in load("crash"):
        if r["name"] == "cli-recovery":
            out += ["", f"A full `peermap run` after a kill: exit {r['exit_code']}, same published "
                    f"listings as the uncrashed run: **{r['recovered_equal']}**."]
    return out


def _readers() -> list[str]:
    out = ["## Concurrent readers", ""]
    for r in load("readers"):
        out.append(f"During {r['refreshes']} back-to-back refreshes: dashboard query path "
                   f"{r['dashboard_reads']} searches ({r['dashboard_reopens']} reopens), "
                   f"**{r['dashboard_errors']} errors**; export {r['export_reads']} full exports, "
                   f"**{r['export_errors']} errors**.")
    return out


def _hypothesis() -> list[str]:
    out = ["## Hostile input: property-based (Hypothesis)", "",
           "| profile | examples tried (all targets) | per target |", "|---|---|---|"]
    for r in load("hypothesis"):
        per = ", ".join(f"{k} {v}" for k, v in r["per_target"].items())
        out.append(f"| {r['profile']} | {r['total']} | {_cell(per) if len(per) < 110 else per} |")
    return out


def _injection() -> list[str]:
    out = ["## Injection payloads through crawl → store → publish → export", ""]
    for r in load("injection"):
        out += [f"Payloads: {', '.join(f'`{p}`' for p in r['payloads'])}; URL payloads: "
                f"{len(r['url_payloads'])} (javascript:, mixed case, leading space, data:, "
                "vbscript:, tab-split).", "",
                "| check | observed |", "|---|---|",
                f"| listings published | {r['listings']} |",
                f"| javascript:/data:/vbscript: URLs kept in URL fields | {r['unsafe_urls_kept']} |",
                f"| HTML tags kept in text fields | {r['html_tags_kept']} "
                f"({r.get('html_tags_kept_in_location_fields', '?')} in venue/city: known gap) |",
                f"| right-to-left override kept in text | {r['rtl_override_kept']} |",
                f"| CSV cells starting with = + - @ | {r['csv_cells_starting_with_formula_char']} |",
                f"| longest title (chars) | {r['longest_title']} |"]
    for r in load("sql"):
        out += ["", f"SQL: {r['payloads']} hostile strings through {r['filters']} dashboard filters "
                f"({r['queries']} queries): **{r['errors']} errors**, tables intact: "
                f"**{r['tables_intact']}**."]
    for r in load("browser"):
        out += ["", f"Browser: {r}"]
    return out


def render() -> str:
    parts = ["# Reliability", "",
             "Generated by `python -m tests.chaos.report` from the outcomes the chaos and hostile "
             f"suites recorded (`{outcomes_dir().relative_to(REPO) if outcomes_dir().is_relative_to(REPO) else outcomes_dir()}`). "
             "Run `make chaos` and `HYPOTHESIS_PROFILE=long pytest tests/hostile` first.", ""]
    for section in (_faults, _crashes, _readers, _hypothesis, _injection):
        parts += [*section(), ""]
    return "\n".join(parts)


def main() -> int:
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
