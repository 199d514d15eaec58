"""Write the published snapshot (docs/data-model.md): a fresh DuckDB file beside `dest`,
checkpointed and closed, then `os.replace`d over it, so readers never see a half-written file.
"""

from __future__ import annotations

import os
import uuid
from datetime import datetime
from pathlib import Path

import duckdb

from pipelines.core.model import LISTING_FIELDS, PRECISION_ORDER, PUBLISHED_KINDS
from pipelines.core.results import PublishSummary
from pipelines.store.rows import iso

# The strictest precision_cap of the listing's sources, as an index into PRECISION_ORDER.
_CAP_CASES = " ".join(f"WHEN '{name}' THEN {n}" for n, name in enumerate(PRECISION_ORDER))
_CAP_LEVEL = (  # data-model constants, not input
    f"(SELECT max(CASE s.precision_cap {_CAP_CASES} ELSE 0 END) FROM sources s "  # noqa: S608
    "WHERE s.id = l.source_id OR list_contains(coalesce(l.source_ids, []), s.id))"
)
# Address text a cap forbids is withheld here, so every reader of the snapshot (the dashboard's
# cards included) shows no more than the dataset export does (pipelines.export.load).
_WITHHELD_ABOVE = {"street": "address", "venue_name": "address", "postal_code": "postal_code",
                   "city": "city", "region": "region"}


def _field(name: str) -> str:
    if name not in _WITHHELD_ABOVE:
        return f'l."{name}"'
    level = PRECISION_ORDER.index(_WITHHELD_ABOVE[name])
    return (f'CASE WHEN coalesce({_CAP_LEVEL}, 0) > {level} THEN NULL ELSE l."{name}" END '
            f'AS "{name}"')


_FIELDS = ", ".join(_field(c) for c in LISTING_FIELDS)  # data-model constants, not input
_VISIBLE = (
    "list_contains(?, l.kind) AND NOT l.suppressed "
    "AND (l.missing_since IS NULL OR CAST(l.missing_since AS TIMESTAMPTZ) > ?)"
)
LISTINGS_SQL = f"""
SELECT {_FIELDS},
       coalesce(
         (SELECT min(o.start) FROM occurrences o
           WHERE o.listing_id = l.id AND o.start >= ? AND o.status <> 'cancelled'),
         CASE WHEN NOT EXISTS (SELECT 1 FROM occurrences o WHERE o.listing_id = l.id)
                   AND TRY_CAST(l.start AS TIMESTAMPTZ) >= ?
              THEN TRY_CAST(l.start AS TIMESTAMPTZ) END
       ) AS next_start
FROM listings l WHERE {_VISIBLE} ORDER BY l.id
"""  # noqa: S608
OCCURRENCES_SQL = f"""
SELECT o.listing_id, o.start, o."end", o.status, o.title
FROM occurrences o JOIN listings l ON l.id = o.listing_id
WHERE {_VISIBLE} ORDER BY o.listing_id, o.start
"""  # noqa: S608
SOURCES_SQL = """
SELECT id, name, url, format, enabled, coalesce(health, 'new') AS health, last_run_at,
       last_success_at, last_error, item_count, terms, attribution, precision_cap, homepage,
       (SELECT min(r.as_of) FROM source_runs r WHERE r.source_id = sources.id
          AND r.health = 'broken' AND sources.health = 'broken'
          AND r.as_of > coalesce(sources.last_success_at, TIMESTAMPTZ '1970-01-01 00:00:00+00'))
         AS broken_since
FROM sources ORDER BY id
"""
# The last runs of each source, compact, for the Sources page's health history.
HISTORY_RUNS = 30
HISTORY_SQL = """
SELECT source_id, as_of, ok, coalesce(health, CASE WHEN ok THEN 'ok' ELSE 'broken' END) AS health,
       parsed, errors
FROM source_runs
QUALIFY row_number() OVER (PARTITION BY source_id ORDER BY as_of DESC, run_id DESC) <= ?
ORDER BY source_id, as_of
"""
COUNTS_SQL = """
SELECT count(*) FILTER (WHERE NOT list_contains(?, kind)),
       count(*) FILTER (WHERE list_contains(?, kind) AND suppressed),
       count(*) FILTER (WHERE list_contains(?, kind) AND NOT suppressed
                        AND CAST(missing_since AS TIMESTAMPTZ) <= ?)
FROM listings
"""


def publish(con: duckdb.DuckDBPyConnection, dest: Path, as_of: datetime, cutoff: datetime,
            schema_version: int, published_at: datetime) -> PublishSummary:
    kinds = list(PUBLISHED_KINDS)
    listings = con.sql(LISTINGS_SQL, params=[as_of, as_of, kinds, cutoff]).to_arrow_table()
    occurrences = con.sql(OCCURRENCES_SQL, params=[kinds, cutoff]).to_arrow_table()
    sources = con.sql(SOURCES_SQL).to_arrow_table()
    history = con.sql(HISTORY_SQL, params=[HISTORY_RUNS]).to_arrow_table()
    # fetchall, not fetchone: an unfinished result blocks the next query on this connection
    other, suppressed, missing = con.execute(COUNTS_SQL, [kinds, kinds, kinds, cutoff]).fetchall()[0]
    runs = con.execute("SELECT run_id FROM crawl_runs WHERE as_of <= ? ORDER BY as_of DESC "
                       "LIMIT 1", [as_of]).fetchall()
    meta = {"published_at": iso(published_at), "as_of": iso(as_of),
            "run_id": runs[0][0] if runs else "", "schema_version": str(schema_version)}

    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{uuid.uuid4().hex}.tmp")
    try:
        out = duckdb.connect(str(tmp))
        try:
            out.execute("SET TimeZone = 'UTC'")
            for name, table in (("listings", listings), ("occurrences", occurrences),
                                ("sources", sources), ("source_history", history)):
                out.register("staged", table)
                out.execute(f"CREATE TABLE {name} AS SELECT * FROM staged")  # noqa: S608
                out.unregister("staged")
            out.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
            out.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))
            out.execute("CHECKPOINT")
        finally:
            out.close()
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
    return PublishSummary(path=str(dest), as_of=iso(as_of), listings=listings.num_rows,
                          occurrences=occurrences.num_rows, sources=sources.num_rows,
                          withheld_suppressed=suppressed, withheld_missing=missing,
                          withheld_other_kind=other)
