from __future__ import annotations

import dataclasses
from datetime import timedelta

import duckdb
import pytest

from pipelines.core.model import LISTING_FIELDS, Occurrence
from pipelines.core.results import SourceResult
from pipelines.publish import publish_store
from tests.support.store_builders import AS_OF, listing, result, src


def _series():
    occs = [Occurrence(start=(AS_OF + timedelta(days=d)).isoformat()) for d in (-7, 3, 10)]
    return listing("s1", title="Weekly Peer Group", occurrences=occs,
                   start=occs[0].start, rrule="FREQ=WEEKLY")


def test_snapshot_tables_follow_the_data_model(store, tmp_path):
    store.record_run("r1", AS_OF, [result("assoc", [_series()])])
    dest = tmp_path / "published" / "peermap.duckdb"
    summary = publish_store(store, dest, AS_OF)
    with duckdb.connect(str(dest), read_only=True) as con:
        tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
        columns = [r[0] for r in con.execute("DESCRIBE listings").fetchall()]
        next_start, = con.execute("SELECT next_start FROM listings").fetchall()[0]
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        source_cols = [r[0] for r in con.execute("DESCRIBE sources").fetchall()]
    assert tables == {"listings", "occurrences", "sources", "source_history", "meta"}
    assert columns == [*LISTING_FIELDS, "next_start"]
    assert next_start == AS_OF + timedelta(days=3)
    assert meta["run_id"] == "r1" and meta["as_of"] == AS_OF.isoformat()
    assert {"health", "last_success_at", "precision_cap", "attribution", "homepage",
            "broken_since"} <= set(source_cols)
    assert (summary.listings, summary.occurrences) == (1, 3)


def test_kind_other_is_stored_but_not_published(store, tmp_path):
    store.record_run("r1", AS_OF, [result("assoc", [listing("u1"), listing("u2", kind="other",
                                                                            title="Yoga")])])
    summary = publish_store(store, tmp_path / "p.duckdb", AS_OF)
    assert (summary.listings, summary.withheld_other_kind) == (1, 1)
    assert len(store.listings(include_other=True)) == 2
    assert len(store.listings(include_other=False)) == 1


def test_reader_opened_before_keeps_working_and_old_snapshot_is_whole(store, tmp_path):
    dest = tmp_path / "peermap.duckdb"
    store.record_run("r1", AS_OF, [result("assoc", [listing("u1")])])
    publish_store(store, dest, AS_OF)
    reader = duckdb.connect(str(dest), read_only=True)
    store.record_run("r2", AS_OF + timedelta(hours=1),
                     [result("assoc", [listing("u1"), listing("u2", title="DBT")])])
    publish_store(store, dest, AS_OF + timedelta(hours=1))
    assert reader.execute("SELECT count(*) FROM listings").fetchall() == [(1,)]
    reader.close()
    with duckdb.connect(str(dest), read_only=True) as fresh:
        assert fresh.execute("SELECT count(*) FROM listings").fetchall() == [(2,)]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_failed_publish_leaves_the_old_snapshot(store, tmp_path, monkeypatch):
    dest = tmp_path / "peermap.duckdb"
    store.record_run("r1", AS_OF, [result("assoc", [listing("u1")])])
    publish_store(store, dest, AS_OF)
    before = dest.read_bytes()

    def boom(*_a):
        raise OSError("disk full")

    monkeypatch.setattr("pipelines.publish.snapshot.os.replace", boom)
    with pytest.raises(OSError):
        publish_store(store, dest, AS_OF + timedelta(hours=1))
    assert dest.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_snapshot_carries_each_sources_run_history_and_broken_since(store, tmp_path):
    store.record_run("r1", AS_OF, [result("assoc", [_series()])])
    later = AS_OF + timedelta(days=1)
    store.record_run("r2", later, [result("assoc", [], ok=False,
                                          errors=["HTTP 503 from the feed"])])
    dest = tmp_path / "published" / "peermap.duckdb"
    publish_store(store, dest, later)
    with duckdb.connect(str(dest), read_only=True) as con:
        con.execute("SET TimeZone = 'UTC'")
        history = con.execute("SELECT source_id, ok, health FROM source_history "
                              "ORDER BY as_of").fetchall()
        health, broken_since = con.execute(
            "SELECT health, broken_since FROM sources WHERE id = 'assoc'").fetchall()[0]
    assert [(h[0], h[1]) for h in history] == [("assoc", True), ("assoc", False)]
    assert health == "broken" and broken_since == later


@pytest.mark.parametrize(("cap", "kept"), [
    (None, ("Oak Room", "12 Elm St", "78701", "Austin", "TX")),
    ("address", ("Oak Room", "12 Elm St", "78701", "Austin", "TX")),
    ("postal_code", (None, None, "78701", "Austin", "TX")),
    ("city", (None, None, None, "Austin", "TX")),
    ("region", (None, None, None, None, "TX")),
])
def test_snapshot_withholds_the_address_text_the_source_cap_forbids(store, tmp_path, cap, kept):
    source = dataclasses.replace(src("roster"), precision_cap=cap)
    home = listing("h1", source_id="roster", venue_name="Oak Room", street="12 Elm St",
                   postal_code="78701", region="TX")
    store.record_run("r1", AS_OF, [SourceResult(source=source, ok=True, listings=[home],
                                                fetched=1, raw_items=[{"uid": "h1"}])])
    dest = tmp_path / "p.duckdb"
    publish_store(store, dest, AS_OF)
    with duckdb.connect(str(dest), read_only=True) as con:
        row = con.execute("SELECT venue_name, street, postal_code, city, region "
                          "FROM listings").fetchall()[0]
    assert row == kept
