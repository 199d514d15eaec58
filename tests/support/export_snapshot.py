"""Build a published snapshot (docs/data-model.md) in a temp folder for export tests.

Kept in one place so it can be swapped for the real publish step later. It writes exactly what it
is given, so tests can also simulate a faulty publish (a kind `other` row, a suppressed flag, a
finer location than the source's precision cap) and check the exporter filters again.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from pipelines.core.model import LIST_FIELDS, LISTING_FIELDS, Listing

_SQL_TYPES = {"float": "DOUBLE", "bool": "BOOLEAN"}
SOURCE_COLUMNS = {
    "id": "VARCHAR", "name": "VARCHAR", "url": "VARCHAR", "format": "VARCHAR",
    "enabled": "BOOLEAN", "health": "VARCHAR", "last_run_at": "TIMESTAMPTZ",
    "last_success_at": "TIMESTAMPTZ", "last_error": "VARCHAR", "item_count": "INTEGER",
    "terms": "VARCHAR", "attribution": "VARCHAR", "precision_cap": "VARCHAR",
}


def _column_type(name: str) -> str:
    if name in LIST_FIELDS:
        return "VARCHAR[]"
    field = next(f for f in dataclasses.fields(Listing) if f.name == name)
    return _SQL_TYPES.get(str(field.type).split(" ")[0], "VARCHAR")


def _next_start(listing: Listing, as_of: datetime) -> datetime | None:
    starts = sorted(datetime.fromisoformat(o.start) for o in listing.occurrences
                    if o.status != "cancelled" and datetime.fromisoformat(o.start) >= as_of)
    return starts[0] if starts else None


def build_snapshot(
    path: Path,
    listings: list[Listing],
    sources: list[dict[str, Any]],
    *,
    as_of: datetime,
    suppressed_ids: set[str] | None = None,
    run_id: str = "run-test",
) -> Path:
    """Write `path` (a DuckDB file) with listings, occurrences, sources and meta tables.

    `suppressed_ids` adds a `suppressed` column (not part of the contract) to simulate a faulty
    publish leaking suppressed rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    try:
        cols = [f'"{n}" {_column_type(n)}' for n in LISTING_FIELDS]
        cols.append("next_start TIMESTAMPTZ")
        if suppressed_ids is not None:
            cols.append("suppressed BOOLEAN")
        con.execute(f"CREATE TABLE listings ({', '.join(cols)})")
        names = [*LISTING_FIELDS, "next_start"] + (["suppressed"] if suppressed_ids is not None
                                                   else [])
        marks = ", ".join("?" for _ in names)
        quoted = ", ".join(f'"{n}"' for n in names)
        for listing in listings:
            row = [getattr(listing, n) for n in LISTING_FIELDS]
            row.append(_next_start(listing, as_of))
            if suppressed_ids is not None:
                row.append(listing.id in suppressed_ids)
            # column names come from the data model, values are bound parameters
            con.execute(f"INSERT INTO listings ({quoted}) VALUES ({marks})", row)  # noqa: S608
        con.execute('CREATE TABLE occurrences (listing_id VARCHAR, "start" TIMESTAMPTZ, '
                    '"end" TIMESTAMPTZ, status VARCHAR, title VARCHAR)')
        for listing in listings:
            for occ in listing.occurrences:
                con.execute("INSERT INTO occurrences VALUES (?, ?, ?, ?, ?)",
                            [listing.id, datetime.fromisoformat(occ.start),
                             datetime.fromisoformat(occ.end) if occ.end else None,
                             occ.status, occ.title])
        con.execute("CREATE TABLE sources ("
                    + ", ".join(f"{n} {t}" for n, t in SOURCE_COLUMNS.items()) + ")")
        source_marks = ", ".join("?" for _ in SOURCE_COLUMNS)
        for src in sources:
            con.execute(f"INSERT INTO sources VALUES ({source_marks})",  # noqa: S608
                        [src.get(n) for n in SOURCE_COLUMNS])
        con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
        for key, value in (("published_at", as_of.isoformat()), ("as_of", as_of.isoformat()),
                           ("run_id", run_id), ("schema_version", "1")):
            con.execute("INSERT INTO meta VALUES (?, ?)", [key, value])
    finally:
        con.close()
    return path
