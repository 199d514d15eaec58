"""The run report operators read: per source, totals, first errors — as Markdown and as a table."""

from __future__ import annotations

from typing import Any

from pipelines.core.results import PublishSummary, RunSummary

COLUMNS = (
    "source", "health", "fetched", "parsed", "new", "updated", "unchanged", "linked", "missing",
    "errors", "assumed_utc", "seconds",
)


def report_rows(summary: RunSummary) -> list[dict[str, Any]]:
    return [
        {
            "source": s.source_id,
            "health": s.health,
            "fetched": s.fetched,
            "parsed": s.parsed,
            "new": s.new,
            "updated": s.updated,
            "unchanged": s.unchanged,
            "linked": s.linked,
            "missing": s.missing,
            "errors": s.errors,
            "assumed_utc": s.assumed_utc,
            "seconds": round(s.duration_s, 2),
            "reason": s.reason or "",
            "first_errors": list(s.error_sample[:3]),
        }
        for s in summary.sources
    ]


def report_dict(summary: RunSummary, published: PublishSummary | None) -> dict[str, Any]:
    return {
        "run_id": summary.run_id,
        "as_of": summary.as_of,
        "status": summary.status,
        "sources": report_rows(summary),
        "totals": summary.totals(),
        "published": None if published is None else {
            "path": published.path,
            "listings": published.listings,
            "occurrences": published.occurrences,
            "withheld_suppressed": published.withheld_suppressed,
            "withheld_missing": published.withheld_missing,
            "withheld_other_kind": published.withheld_other_kind,
        },
    }


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def review_markdown(review: dict[str, Any] | None) -> list[str]:
    """The suggestions' review after publish: what the operator should look at."""
    if not review or not (review.get("checked") or review.get("error")):
        return []
    lines = ["", "## Organizers' suggestions", "",
             f"Checked {review['checked']} pending/approved suggestions; "
             f"{review['with_duplicates']} look like listings already on the map."]
    if review.get("error"):
        lines.append(f"- review failed: {_cell(review['error'])[:300]}")
    for flag in review.get("kind_flags", []):
        lines.append(f"- kind check {_cell(flag)[:300]}")
    return lines


def report_markdown(summary: RunSummary, published: PublishSummary | None,
                    review: dict[str, Any] | None = None) -> str:
    lines = [
        f"# PeerMap refresh `{summary.run_id}`",
        "",
        f"As of **{summary.as_of}** — run status **{summary.status}**.",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    for row in report_rows(summary):
        lines.append("| " + " | ".join(_cell(row[c]) for c in COLUMNS) + " |")
    totals = summary.totals()
    lines.append(
        "| **total** | | " + " | ".join(str(totals[c]) for c in COLUMNS[2:-1]) + " | |"
    )
    if published is not None:
        lines += [
            "",
            f"Published **{published.listings}** listings ({published.occurrences} occurrences) "
            f"to `{published.path}`; withheld: {published.withheld_other_kind} not for therapists, "
            f"{published.withheld_suppressed} suppressed, {published.withheld_missing} missing "
            "past the grace period.",
        ]
    lines += review_markdown(review)
    problems = [r for r in report_rows(summary) if r["health"] != "ok" or r["first_errors"]]
    if problems:
        lines += ["", "## First errors", ""]
        for row in problems:
            detail = row["reason"] or "; ".join(row["first_errors"]) or "see logs"
            lines.append(f"- **{row['source']}** ({row['health']}): {_cell(detail)[:300]}")
            for err in row["first_errors"]:
                if err != row["reason"]:
                    lines.append(f"  - {_cell(err)[:300]}")
    return "\n".join(lines) + "\n"
