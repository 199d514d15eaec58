"""Source health after a run (pure): ok, degraded or broken, with the reason in words."""

from __future__ import annotations

from statistics import median

DROP_RATIO = 0.5  # degraded when the item count falls below half the recent median
ERROR_RATIO = 0.2  # degraded when errors/parsed exceeds this
HISTORY_RUNS = 5


def assess_health(
    ok: bool, parsed: int, errors: int, history: list[int], error_reason: str | None = None,
    assumed_utc: int = 0, *, events_seen: int | None = None,
) -> tuple[str, str | None]:
    """`history`: parsed counts of this source's previous ok runs, newest first.

    `empty`: the documents were fetched and hold something (`events_seen` > 0 or errors) but
    not one listing came out. `assumed_utc` listings keep the health but are named in the reason.
    """
    if not ok:
        return "broken", error_reason or "fetch failed"
    if parsed == 0 and not any(history[:HISTORY_RUNS]) and (events_seen or errors):
        return "empty", f"0 listings from {events_seen or 0} events seen ({errors} errors)"
    recent = history[:HISTORY_RUNS]
    typical = median(recent) if recent else 0
    if parsed == 0 and any(recent):
        return "broken", f"0 items; recent runs had a median of {typical:g}"
    if recent and typical > 0 and parsed < typical * DROP_RATIO:
        return "degraded", f"{parsed} items, below half the recent median of {typical:g}"
    if errors and (parsed == 0 or errors / parsed > ERROR_RATIO):
        return "degraded", f"{errors} errors for {parsed} items"
    if assumed_utc:
        return "ok", f"{assumed_utc} listings state no time zone; times read as UTC"
    return "ok", None
