"""The hostile feed through the real pipeline (crawl → store → publish → export), and a variant
of its published snapshot with the raw payloads written straight into every text and URL column
(what the dashboard must survive even if the pipeline's cleaning ever regressed)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import duckdb

from pipelines.core.config import Paths
from pipelines.export import export_snapshot
from tests.support.chaos_sources import AS_OF, plain_refresh, write_registry
from tests.support.fixture_server import FixtureServer, Route
from tests.support.hostile_payloads import PAYLOADS, URL_PAYLOADS, hostile_ics

URL_COLUMNS = ("url", "online_url", "contact_url", "source_url")
TEXT_COLUMNS = ("title", "description", "organizer", "venue_name", "street", "city",
                "schedule_text", "cost_text", "contact_email", "contact_phone")
RAW_SUFFIX = "-raw"


def run_hostile_pipeline(data_dir: Path) -> tuple[dict[str, Any], Path]:
    """Serve the hostile ICS on loopback, refresh into data_dir, export; (report, export folder)."""
    with FixtureServer({"/hostile.ics": Route(hostile_ics(), content_type="text/calendar")}) as s:
        registry = write_registry(data_dir / "sources.toml",
                                  [("hostile", s.url("/hostile.ics"), "ics")])
        report = plain_refresh(registry, data_dir, AS_OF, "hostile-1")
    paths = Paths(data_dir)
    export = export_snapshot(paths.published, paths.exports, as_of=AS_OF)
    return report, export.folder


def add_raw_payload_rows(published: Path) -> int:
    """Clone every published listing as '<id>-raw' with a raw payload in every text column and a
    hostile URL in every URL column (occurrences cloned too); replace the file atomically."""
    tmp = published.with_name(published.name + ".raw-tmp")
    shutil.copyfile(published, tmp)
    con = duckdb.connect(str(tmp))
    try:
        columns = {r[0] for r in con.execute("DESCRIBE listings").fetchall()}
        ids = [r[0] for r in con.execute("SELECT id FROM listings ORDER BY id").fetchall()]
        payloads = list(PAYLOADS.values())
        for n, listing_id in enumerate(ids):
            new_id = listing_id + RAW_SUFFIX
            con.execute("CREATE OR REPLACE TEMP TABLE clone AS SELECT * FROM listings WHERE id = ?",
                        [listing_id])
            sets = {"id": new_id, "attendance_mode": "hybrid"}  # hybrid: online link shown too
            sets |= {c: payloads[(n + k) % len(payloads)][:300]
                     for k, c in enumerate(TEXT_COLUMNS) if c in columns}
            sets |= {c: URL_PAYLOADS[(n + k) % len(URL_PAYLOADS)]
                     for k, c in enumerate(URL_COLUMNS) if c in columns}
            assignments = ", ".join(f'"{c}" = ?' for c in sets)
            con.execute(f"UPDATE clone SET {assignments}", list(sets.values()))  # noqa: S608
            con.execute("INSERT INTO listings SELECT * FROM clone")
            con.execute("CREATE OR REPLACE TEMP TABLE occ AS SELECT * FROM occurrences "
                        "WHERE listing_id = ?", [listing_id])
            con.execute("UPDATE occ SET listing_id = ?", [new_id])
            con.execute("INSERT INTO occurrences SELECT * FROM occ")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, published)
    return len(ids)
