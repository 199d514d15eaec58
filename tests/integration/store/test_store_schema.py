from __future__ import annotations

import duckdb

from pipelines.core.model import LISTING_FIELDS
from pipelines.store import Store
from pipelines.store.schema import migrate, migrations


def test_new_store_records_every_migration(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        versions = [r[0] for r in store.con.execute(
            "SELECT version FROM schema_version ORDER BY version").fetchall()]
    assert versions == [m.version for m in migrations()]
    assert len(versions) >= 2


def test_opening_an_old_store_migrates_it(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    assert migrate(con, upto=1) == 1
    con.close()
    with Store(path) as store:
        assert store.schema_version == len(migrations())
        indexes = store.con.execute(
            "SELECT index_name FROM duckdb_indexes() WHERE table_name = 'change_log'").fetchall()
    assert indexes == [("change_log_listing",)]


def test_listings_table_holds_every_model_field(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        columns = {r[0] for r in store.con.execute("DESCRIBE listings").fetchall()}
    assert set(LISTING_FIELDS) <= columns
    assert {"missing_since", "last_changed", "suppressed"} <= columns


def test_store_does_not_create_geocode_cache(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        tables = {r[0] for r in store.con.execute("SHOW TABLES").fetchall()}
    assert "geocode_cache" not in tables
