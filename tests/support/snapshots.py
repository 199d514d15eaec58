"""Published snapshots for tests, built by the real code, never hand-written.

Listings (pipelines.core.model.Listing) and sources (pipelines.core.registry.Source) are recorded
with the real store (`Store.record_run` with `SourceResult`s) and published with
`pipelines.publish.publish_store`, so the snapshot has exactly the schema the product writes.
The store assigns listing ids (pipelines/store/merge.py `new_listing_id`); `Published.ids` maps
each source uid (the listing's `source_uid`, else the id it was built with) to its published id.

A test that deliberately simulates a FAULTY publish (the exporter's defensive filters, a leaked
suppressed row) mutates the real published file afterwards with a clearly named helper below,
like tests/support/hostile_snapshot.add_raw_payload_rows does for injection payloads.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb

from pipelines.core.model import Listing
from pipelines.core.registry import Source
from pipelines.core.results import PublishSummary, SourceResult
from pipelines.publish import publish_store
from pipelines.store import Store

LAST_SUCCESS_BEFORE_FAILURE = timedelta(days=3)


@dataclass(frozen=True)
class Published:
    path: Path
    store_path: Path
    ids: dict[str, str]  # source uid -> published (store-assigned) listing id
    summary: PublishSummary

    @property
    def uids(self) -> dict[str, str]:
        """Published id -> source uid: read query results back in the test's own names."""
        return {listing_id: uid for uid, listing_id in self.ids.items()}


def source(source_id: str, name: str | None = None, fmt: str = "ics", url: str | None = None,
           **fields: Any) -> Source:
    """A registry entry with readable defaults (any other Source field can be given)."""
    return Source(id=source_id, name=name or source_id.title(), format=fmt,
                  url=url or f"https://{source_id}.example.org/feed", **fields)


def _uid(listing: Listing) -> str:
    return listing.source_uid or listing.id


def _result(src: Source, listings: list[Listing], ok: bool = True,
            error_reason: str | None = None) -> SourceResult:
    return SourceResult(source=src, ok=ok, listings=listings if ok else [],
                        fetched=1 if ok else 0, error_reason=error_reason,
                        raw_items=[{"uid": _uid(i), "title": i.title} for i in listings] if ok
                        else [])


def publish_listings(
    dest: Path,
    listings: Iterable[Listing],
    sources: Iterable[Source],
    *,
    as_of: datetime,
    failed: Mapping[str, str] | None = None,
    suppressed_uids: Iterable[str] = (),
    run_id: str = "run-test",
) -> Published:
    """Record `listings` (grouped by source_id) in a fresh store beside `dest`, publish to `dest`.

    `failed` = {source_id: reason}: that source succeeded LAST_SUCCESS_BEFORE_FAILURE earlier
    (with its listings) and its fetch fails at `as_of`, so the snapshot reports it broken with a
    last success. `suppressed_uids` become real `listing_id` opt-out rules before publishing."""
    failed = dict(failed or {})
    registry = {s.id: s for s in sources}
    by_source: dict[str, list[Listing]] = {sid: [] for sid in registry}
    for item in listings:
        by_source.setdefault(item.source_id, []).append(item)
    missing = set(by_source) - set(registry)
    if missing:
        raise ValueError(f"listings name sources that were not given: {sorted(missing)}")

    store_path = dest.with_name(dest.stem + ".store.duckdb")
    store_path.unlink(missing_ok=True)
    Path(f"{store_path}.wal").unlink(missing_ok=True)
    with Store(store_path) as store:
        store.sync_sources(registry.values())
        if failed:
            store.record_run(f"{run_id}-before", as_of - LAST_SUCCESS_BEFORE_FAILURE,
                             [_result(registry[sid], by_source[sid]) for sid in failed])
        store.record_run(run_id, as_of, [
            _result(src, by_source[sid], ok=sid not in failed, error_reason=failed.get(sid))
            for sid, src in registry.items()])
        ids = {uid: listing_id for sid, uid, listing_id in store.con.execute(
            "SELECT source_id, source_uid, listing_id FROM listing_sources").fetchall()
            if sid is not None}
        for uid in suppressed_uids:
            store.suppress("listing_id", ids[uid], reason="test opt-out", created_at=as_of)
        summary = publish_store(store, dest, as_of)
    return Published(dest, store_path, ids, summary)


# -- simulated faulty publishes: mutate the REAL published file ---------------------------------
def _rewrite(published: Path, sql: list[tuple[str, list[object]]],
             attach_store: Path | None = None) -> None:
    """Run `sql` on a copy of the published file, then swap it in atomically."""
    tmp = published.with_name(published.name + ".faulty-tmp")
    shutil.copyfile(published, tmp)
    con = duckdb.connect(str(tmp))
    try:
        con.execute("SET TimeZone = 'UTC'")
        if attach_store is not None:
            con.execute(f"ATTACH '{attach_store}' AS store (READ_ONLY)")
        for statement, params in sql:
            con.execute(statement, params)
        if attach_store is not None:
            con.execute("DETACH store")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, published)


def leak_withheld_listings(snapshot: Published, uids: Iterable[str], *, as_of: datetime,
                           with_suppressed_column: bool = False) -> None:
    """Simulate a publish bug: copy listings the real publish withheld (kind other, suppressed)
    from the store into the published file, with their occurrences. `with_suppressed_column`
    also adds the store's `suppressed` flag as a column (not part of the snapshot contract)."""
    ids = [snapshot.ids[uid] for uid in uids]
    con = duckdb.connect(str(snapshot.path), read_only=True)
    try:
        columns = [r[0] for r in con.execute("DESCRIBE listings").fetchall()]
    finally:
        con.close()
    kept = [c for c in columns if c != "next_start"]
    select = ", ".join(f'l."{c}"' for c in kept)
    statements: list[tuple[str, list[object]]] = []
    if with_suppressed_column:
        statements.append(("ALTER TABLE listings ADD COLUMN suppressed BOOLEAN DEFAULT false", []))
        select += ", l.suppressed"
    statements += [
        (f"INSERT INTO listings BY NAME SELECT {select}, (SELECT min(o.start) "  # noqa: S608
         "FROM store.occurrences o WHERE o.listing_id = l.id AND o.start >= ? "
         "AND o.status <> 'cancelled') AS next_start FROM store.listings l "
         "WHERE list_contains(?, l.id)", [as_of, ids]),
        ('INSERT INTO occurrences BY NAME SELECT listing_id, start, "end", status, title '
         "FROM store.occurrences WHERE list_contains(?, listing_id)", [ids]),
    ]
    _rewrite(snapshot.path, statements, attach_store=snapshot.store_path)


def add_suppressions_table(snapshot: Published, uids: Iterable[str]) -> None:
    """Simulate an older publish that shipped a `suppressions` table (listing ids to hide)
    beside rows it should have withheld itself."""
    ids = [snapshot.ids[uid] for uid in uids]
    _rewrite(snapshot.path, [("CREATE TABLE suppressions AS SELECT unnest(?::VARCHAR[]) "
                              "AS listing_id", [ids])])
