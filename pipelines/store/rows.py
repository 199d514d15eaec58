"""Listing <-> store row conversion, the staged Arrow tables, and small time helpers."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime
from typing import Any

import pyarrow as pa

from pipelines.core.model import LIST_FIELDS, LISTING_FIELDS, Listing, Occurrence
from pipelines.dedup.rules import parse_start

# Fields the store owns: whatever a source says about them is ignored.
STORE_OWNED = frozenset(
    {"id", "first_seen", "last_seen", "last_changed", "missing_since", "source_ids"}
)
# Fields compared between runs for the change log ("occurrences" is the canonical JSON).
COMPARED_FIELDS: tuple[str, ...] = tuple(
    f for f in LISTING_FIELDS if f not in STORE_OWNED
) + ("occurrences_json",)
ROW_COLUMNS: tuple[str, ...] = LISTING_FIELDS + ("occurrences_json", "suppressed")


def _arrow_type(name: str) -> pa.DataType:
    if name in LIST_FIELDS:
        return pa.list_(pa.string())
    annotation = str(next(f.type for f in dataclasses.fields(Listing) if f.name == name)
                     ) if name in LISTING_FIELDS else ("bool" if name == "suppressed" else "str")
    if annotation.startswith("float"):
        return pa.float64()
    if annotation.startswith("bool"):
        return pa.bool_()
    return pa.string()


LISTING_SCHEMA = pa.schema([(c, _arrow_type(c)) for c in ROW_COLUMNS])
OCCURRENCE_SCHEMA = pa.schema([("listing_id", pa.string()), ("start", pa.string()),
                               ("end", pa.string()), ("status", pa.string()),
                               ("title", pa.string())])


def iso(moment: datetime) -> str:
    """UTC ISO 8601 text, second precision: sorts and compares as text."""
    if moment.tzinfo is None:
        raise ValueError("as_of must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def occurrences_json(occurrences: list[Occurrence]) -> str:
    return json.dumps([dataclasses.asdict(o) for o in occurrences], sort_keys=True)


def listing_to_row(listing: Listing) -> dict[str, Any]:
    data = listing.to_dict()
    row = {name: data.get(name) for name in LISTING_FIELDS}
    for name in LIST_FIELDS:
        row[name] = list(row[name] or [])
    row["occurrences_json"] = occurrences_json(listing.occurrences)
    row["suppressed"] = False
    return row


def row_to_listing(row: dict[str, Any]) -> Listing:
    data = {k: v for k, v in row.items() if k in LISTING_FIELDS}
    for name in LIST_FIELDS:
        data[name] = list(data.get(name) or [])
    data["occurrences"] = json.loads(row.get("occurrences_json") or "[]")
    return Listing.from_dict(data)


def rows_table(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist([{c: r.get(c) for c in ROW_COLUMNS} for r in rows],
                                schema=LISTING_SCHEMA)


def occurrences_table(rows: list[dict[str, Any]]) -> pa.Table:
    out = []
    for row in rows:
        for occ in json.loads(row.get("occurrences_json") or "[]"):
            out.append({"listing_id": row["id"], "start": occ.get("start"),
                        "end": occ.get("end"), "status": occ.get("status"),
                        "title": occ.get("title")})
    return pa.Table.from_pylist(out, schema=OCCURRENCE_SCHEMA)


def _as_utc(value: str | None) -> datetime | None:
    parsed = parse_start(value)
    if parsed is None:
        return None
    if isinstance(parsed, datetime):
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    assert isinstance(parsed, date)
    return datetime(parsed.year, parsed.month, parsed.day, 23, 59, 59, tzinfo=UTC)


def start_key(value: str | None) -> str | None:
    """The start as a UTC minute, so "18:00-06:00" and "00:00Z" compare equal."""
    moment = _as_utc(value)
    return moment.strftime("%Y-%m-%dT%H:%M") if moment else value


def is_upcoming(row: dict[str, Any], as_of: datetime) -> bool:
    """Standing offers and series with a rule are always current; dated ones until they end."""
    if row.get("rrule"):
        return True
    moments = [row.get("start"), row.get("end")]
    for occ in json.loads(row.get("occurrences_json") or "[]"):
        moments += [occ.get("start"), occ.get("end")]
    parsed = [m for m in (_as_utc(v) for v in moments) if m is not None]
    if not parsed:
        return True
    return max(parsed) >= as_of
