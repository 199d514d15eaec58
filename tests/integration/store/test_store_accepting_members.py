"""accepting_members (issue 14) survives store -> published snapshot -> export, and an older
store gains the column through migration 0003 with `unknown` for rows written before it."""

from __future__ import annotations

import csv
import io

import duckdb

from pipelines.export import export_snapshot
from pipelines.publish import publish_store
from pipelines.store import Store
from pipelines.store.schema import migrate
from tests.support.store_builders import AS_OF, listing, result


def test_accepting_members_reaches_snapshot_and_csv(store, tmp_path):
    rows = [listing("s1", kind="supervision", title="Group supervision for AMFTs",
                    accepting_members="waitlist"),
            listing("s2", kind="consult_group", title="EMDR consultation group")]
    store.record_run("r1", AS_OF, [result("assoc", rows)])
    dest = tmp_path / "published" / "peermap.duckdb"
    publish_store(store, dest, AS_OF)
    with duckdb.connect(str(dest), read_only=True) as con:
        published = dict(con.execute("SELECT title, accepting_members FROM listings").fetchall())
    assert published == {"Group supervision for AMFTs": "waitlist",
                         "EMDR consultation group": "unknown"}
    summary = export_snapshot(dest, tmp_path / "downloads", as_of=AS_OF)
    text = (summary.folder / "listings.csv").read_text(encoding="utf-8")
    values = {r["title"]: r["accepting_members"] for r in csv.DictReader(io.StringIO(text))}
    assert values["Group supervision for AMFTs"] == "waitlist"


def test_migration_adds_the_column_with_unknown(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    assert migrate(con, upto=2) == 2
    con.execute("INSERT INTO listings (id, kind, title, source_id) VALUES "
                "('pm_1', 'supervision', 'Old row', 'assoc')")
    con.close()
    with Store(path) as upgraded:
        value = upgraded.con.execute(
            "SELECT accepting_members FROM listings WHERE id = 'pm_1'").fetchall()[0][0]
    assert value == "unknown"
