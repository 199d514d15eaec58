"""Dataset downloads: one versioned folder per day with CSV, Parquet, GeoJSON, ICS, JSON-LD,
HSDS and a Frictionless datapackage, built only from the published snapshot (read-only).

    export_snapshot(published_db, out_dir, as_of=...) -> ExportSummary
    dashboard_latest(out_dir) -> Path | None
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pipelines.export.datapackage import render_datapackage
from pipelines.export.geojson import write_geojson
from pipelines.export.hsds import write_hsds
from pipelines.export.ics import upcoming_pairs
from pipelines.export.ics_files import write_calendars
from pipelines.export.jsonld import write_jsonld
from pipelines.export.load import read_snapshot
from pipelines.export.snapshot import (
    dashboard_latest,
    new_staging_dir,
    point_latest,
    promote,
    write_sha256sums,
)
from pipelines.export.tabular import write_tables

__all__ = ["ExportError", "ExportSummary", "dashboard_latest", "export_snapshot"]


class ExportError(RuntimeError):
    """The export could not be produced (missing snapshot, naive as_of)."""


@dataclass
class ExportSummary:
    folder: Path  # out_dir/<YYYY-MM-DD>
    version: str  # the folder name
    as_of: datetime
    listings: int
    occurrences: int
    upcoming_occurrences: int  # occurrences not yet over (listings.ics holds them as series)
    files: dict[str, int] = field(default_factory=dict)  # relative path -> bytes
    hsds_rows: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)  # defensive filters that fired


def export_snapshot(
    published_db: Path,
    out_dir: Path,
    *,
    as_of: datetime,
    sources_attribution: Mapping[str, str] | None = None,
) -> ExportSummary:
    """Write out_dir/<as_of date>/ from the published snapshot and point out_dir/latest at it.

    `sources_attribution` maps source id -> attribution text, overriding the snapshot's
    `sources.attribution` in datapackage.json. A second export the same day replaces the folder.
    """
    if as_of.tzinfo is None or as_of.utcoffset() is None:
        raise ExportError("as_of must be timezone-aware")
    published_db, out_dir = Path(published_db), Path(out_dir)
    if not published_db.is_file():
        raise ExportError(f"published snapshot not found: {published_db}")
    as_of_utc = as_of.astimezone(UTC)
    version = as_of.date().isoformat()
    data = read_snapshot(published_db)
    staging = new_staging_dir(out_dir, version)
    try:
        write_tables(staging, data.listings, data.occurrences)
        write_geojson(staging, data.listings)
        write_calendars(staging, data.listings, data.occurrences, as_of_utc)
        write_jsonld(staging, data.listings)
        source_names = {str(s["id"]): str(s.get("name") or s["id"]) for s in data.sources}
        hsds_rows = write_hsds(staging, data.listings, source_names)
        counts = {"listings": len(data.listings), "occurrences": len(data.occurrences),
                  **{f"hsds-{k}": v for k, v in hsds_rows.items()}}
        (staging / "datapackage.json").write_bytes(render_datapackage(
            staging, version=version, as_of=as_of_utc, counts=counts, sources=data.sources,
            attribution_overrides=dict(sources_attribution or {}), meta=data.meta))
        write_sha256sums(staging)
        files = {p.relative_to(staging).as_posix(): p.stat().st_size
                 for p in sorted(staging.rglob("*")) if p.is_file()}
        folder = promote(staging, out_dir, version)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    point_latest(out_dir, version)
    return ExportSummary(
        folder=folder, version=version, as_of=as_of, listings=len(data.listings),
        occurrences=len(data.occurrences),
        upcoming_occurrences=len(upcoming_pairs(data.listings, data.occurrences, as_of_utc)),
        files=files, hsds_rows=hsds_rows, dropped=data.dropped)
