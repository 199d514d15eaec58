"""Occurrences of the listed rows, read from the snapshot: the next starts on the cards and
every upcoming occurrence for the calendars (one scan for both in a search)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import duckdb

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def upcoming(cur: duckdb.DuckDBPyConnection, listing_ids: list[str], as_of: datetime,
              per_listing: int) -> dict[str, list[datetime]]:
    if not listing_ids:
        return {}
    # A hash join on the (small) id list instead of testing every occurrence against the list.
    # epoch microseconds, not TIMESTAMPTZ: Python-side zone handling per value costs more than
    # the query; the datetimes are built here in UTC (the session zone).
    rows = cur.execute(
        "SELECT o.listing_id, epoch_us(o.start) FROM occurrences o "
        "JOIN (SELECT DISTINCT unnest($ids) AS listing_id) wanted USING (listing_id) "
        "WHERE o.start >= $as_of AND coalesce(o.status, 'scheduled') <> 'cancelled' "
        "QUALIFY row_number() OVER (PARTITION BY o.listing_id ORDER BY o.start) <= $n "
        "ORDER BY o.listing_id, o.start",
        {"ids": listing_ids, "as_of": as_of, "n": per_listing},
    ).fetchall()
    out: dict[str, list[datetime]] = {}
    for listing_id, micros in rows:
        out.setdefault(listing_id, []).append(_EPOCH + timedelta(microseconds=micros))
    return out


def calendar_occurrences(cur: duckdb.DuckDBPyConnection, listing_ids: list[str],
                          as_of: datetime) -> dict[str, list[dict[str, Any]]]:
    if not listing_ids:
        return {}
    rows = cur.execute(
        'SELECT o.listing_id, epoch_us(o.start), epoch_us(o."end"), o.status, o.title '
        "FROM occurrences o "
        "JOIN (SELECT DISTINCT unnest($ids) AS listing_id) wanted USING (listing_id) "
        'WHERE coalesce(o."end", o.start) >= $as_of ORDER BY o.listing_id, o.start',
        {"ids": listing_ids, "as_of": as_of},
    ).fetchall()
    out: dict[str, list[dict[str, Any]]] = {}
    for listing_id, start, end, status, title in rows:
        out.setdefault(listing_id, []).append({
            "start": _EPOCH + timedelta(microseconds=start),
            "end": None if end is None else _EPOCH + timedelta(microseconds=end),
            "status": status, "title": title})
    return out


def listed_occurrences(cur: duckdb.DuckDBPyConnection, listing_ids: list[str],
                        as_of: datetime, per_listing: int
                        ) -> tuple[dict[str, list[datetime]], dict[str, list[dict[str, Any]]]]:
    """(upcoming, calendar_occurrences) of the same rows from one scan of occurrences."""
    if not listing_ids:
        return {}, {}
    rows = cur.execute(
        'SELECT o.listing_id, epoch_us(o.start), epoch_us(o."end"), o.status, o.title, '
        'coalesce(o."end", o.start) >= $as_of, o.start >= $as_of FROM occurrences o '
        "JOIN (SELECT DISTINCT unnest($ids) AS listing_id) wanted USING (listing_id) "
        'WHERE coalesce(o."end", o.start) >= $as_of OR o.start >= $as_of '
        "ORDER BY o.listing_id, o.start",
        {"ids": listing_ids, "as_of": as_of},
    ).fetchall()
    upcoming: dict[str, list[datetime]] = {}
    calendar: dict[str, list[dict[str, Any]]] = {}
    for listing_id, start, end, status, title, on_calendar, ahead in rows:
        start_at = _EPOCH + timedelta(microseconds=start)
        if on_calendar:
            calendar.setdefault(listing_id, []).append({
                "start": start_at,
                "end": None if end is None else _EPOCH + timedelta(microseconds=end),
                "status": status, "title": title})
        if ahead and (status or "scheduled") != "cancelled":
            starts = upcoming.setdefault(listing_id, [])
            if len(starts) < per_listing:
                starts.append(start_at)
    return upcoming, calendar
