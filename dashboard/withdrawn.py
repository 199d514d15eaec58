"""Honour an organizer's removal at once: a listing whose suggestion was removed leaves the map
and the result lists on the next page load, not at the next refresh.

The published snapshot still holds it until the next run (when the store suppresses it); the
dashboard reads the removed ids from the submission store (the one file it may read besides the
snapshot) and drops the listings whose own source is that suggestion. Exported dataset files are
written by the run and change at the next run (docs/operations.md).
"""

from __future__ import annotations

import dataclasses

import duckdb
import pandas as pd

from dashboard.queries import SearchResults

UID_PREFIX = "submission-"  # pipelines/submissions/to_raw.py: uid of a suggestion's RawItem

_HIDDEN_SQL = """
SELECT l.id FROM listings l JOIN sources s ON s.id = l.source_id
WHERE s.format = 'submissions' AND list_contains($uids, l.source_uid)
"""


def hidden_listing_ids(con: duckdb.DuckDBPyConnection, removed: frozenset[int]) -> frozenset[str]:
    """Published listings that come from a removed suggestion."""
    if not removed:
        return frozenset()
    uids = [f"{UID_PREFIX}{sid}" for sid in sorted(removed)]
    cur = con.cursor()
    try:
        cur.execute("USE snapshot")
        rows = cur.execute(_HIDDEN_SQL, {"uids": uids}).fetchall()
    finally:
        cur.close()
    return frozenset(str(r[0]) for r in rows)


def _drop(frame: pd.DataFrame, hidden: frozenset[str]) -> pd.DataFrame:
    if frame.empty or "id" not in frame:
        return frame
    return frame[~frame["id"].isin(hidden)].reset_index(drop=True)


def without(results: SearchResults, hidden: frozenset[str]) -> SearchResults:
    """The same results without the hidden listings (a new object: cached results stay whole)."""
    if not hidden:
        return results
    return dataclasses.replace(
        results, local=_drop(results.local, hidden), online=_drop(results.online, hidden),
        occurrences={k: v for k, v in results.occurrences.items() if k not in hidden},
        calendar={k: v for k, v in results.calendar.items() if k not in hidden})
