"""The snapshot folder as a whole: datapackage, SHA256SUMS, HSDS, determinism, pointers, filters."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from datetime import timedelta
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
from frictionless import validate

from pipelines.export import ExportSummary, dashboard_latest, export_snapshot
from pipelines.export.hsds import HSDS_TABLES
from tests.support.export_samples import AS_OF, SOURCES, sample_listings
from tests.support.snapshots import add_suppressions_table, publish_listings

_STAMP = re.compile(rb'^(DTSTAMP:.*|  "created": .*)$', re.M)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_datapackage_is_valid_frictionless(exported: ExportSummary) -> None:
    report = validate(exported.folder / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])[:5]


def test_datapackage_licence_sources_and_counts(exported: ExportSummary) -> None:
    package = json.loads((exported.folder / "datapackage.json").read_bytes())
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    titles = [s["title"] for s in package["sources"]]
    assert "Supervisor Roster" in titles and any("GeoNames" in t for t in titles)
    counts = {r["path"]: r["x_row_count"] for r in package["resources"]}
    assert counts["listings.csv"] == 4 and counts["occurrences.csv"] == 6
    assert set(counts) == {"listings.csv", "occurrences.csv",
                           *(f"hsds/{t}.csv" for t in HSDS_TABLES)}


def test_sha256sums_cover_every_file(exported: ExportSummary) -> None:
    lines = (exported.folder / "SHA256SUMS").read_text().splitlines()
    listed = {}
    for line in lines:
        digest, name = line.split("  ", 1)
        listed[name] = digest
    files = _files(exported.folder)
    assert set(listed) == set(files) - {"SHA256SUMS"}
    for name, data in files.items():
        if name != "SHA256SUMS":
            assert hashlib.sha256(data).hexdigest() == listed[name], name


def test_hsds_tables_have_hsds_columns(exported: ExportSummary) -> None:
    for table, columns in HSDS_TABLES.items():
        with (exported.folder / "hsds" / f"{table}.csv").open(encoding="utf-8") as handle:
            assert next(csv.reader(handle)) == list(columns), table
    with (exported.folder / "hsds" / "schedule.csv").open(encoding="utf-8") as handle:
        austin = next(r for r in csv.DictReader(handle) if r["freq"])
    assert (austin["freq"], austin["interval"], austin["byday"], austin["until"],
            austin["dtstart"]) == ("WEEKLY", "2", "TU", "2027-06-01", "2026-11-03")


def test_exports_identical_apart_from_timestamps(published_db: Path, tmp_path: Path,
                                                 exported: ExportSummary) -> None:
    later = export_snapshot(published_db, tmp_path / "again", as_of=AS_OF + timedelta(hours=2))
    first, second = _files(exported.folder), _files(later.folder)
    assert first.keys() == second.keys()
    stamped = {name for name in first if first[name] != second[name]}
    assert stamped <= {"datapackage.json", "SHA256SUMS", "listings.ics"} | {
        n for n in first if n.startswith("ics/")}
    for name in stamped - {"SHA256SUMS"}:
        assert _STAMP.sub(b"", first[name]) == _STAMP.sub(b"", second[name]), name
    sums = [(a, b) for a, b in zip(first["SHA256SUMS"].splitlines(),
                                   second["SHA256SUMS"].splitlines(), strict=True)
            if a.split()[1].decode() not in stamped]
    assert all(a == b for a, b in sums)


def test_same_as_of_gives_byte_identical_folder(published_db: Path, tmp_path: Path,
                                                exported: ExportSummary) -> None:
    again = export_snapshot(published_db, tmp_path / "again", as_of=AS_OF)
    assert _files(exported.folder) == _files(again.folder)


def test_no_other_kind_or_suppressed_anywhere(exported: ExportSummary, ids) -> None:
    withheld = (ids["zz-other"].encode(), b"Yoga retreat", ids["zz-suppressed"].encode(),
                b"Asked to be removed")
    for name, data in _files(exported.folder).items():
        if name.endswith(".parquet"):
            data = str(pq.read_table(exported.folder / name).to_pylist()).encode()
        for needle in withheld:
            assert needle not in data, (name, needle)
    assert exported.dropped["other_kind"] == 1 and exported.dropped["suppressed"] == 1


def test_suppressions_table_is_honoured(tmp_path: Path) -> None:
    snapshot = publish_listings(tmp_path / "p.duckdb", sample_listings(), SOURCES, as_of=AS_OF)
    suppressed = snapshot.ids["zz-suppressed"]
    con = duckdb.connect(str(snapshot.path), read_only=True)
    assert con.execute("SELECT count(*) FROM listings WHERE id = ?", [suppressed]).fetchall() \
        == [(1,)]  # published (no opt-out in the store): only the table can hide it
    con.close()
    add_suppressions_table(snapshot, ["zz-suppressed"])
    summary = export_snapshot(snapshot.path, tmp_path / "out", as_of=AS_OF)
    listings_csv = (summary.folder / "listings.csv").read_bytes()
    assert suppressed.encode() not in listings_csv and b"Asked to be removed" not in listings_csv


def test_precision_cap_is_applied_again(exported: ExportSummary, ids) -> None:
    for name, data in _files(exported.folder).items():
        if name.endswith(".parquet"):
            data = str(pq.read_table(exported.folder / name).to_pylist()).encode()
        for needle in (b"Private Home", b"77002", b"29.7589", b"-95.3676"):
            assert needle not in data, (name, needle)
    rows = pq.read_table(exported.folder / "listings.parquet").to_pylist()
    roster = next(r for r in rows if r["id"] == ids["roster-supervisor-1"])
    assert (roster["lat"], roster["lon"], roster["geo_precision"]) == (29.76, -95.37, "city")


def test_latest_pointer_and_dashboard_latest(published_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "downloads"
    assert dashboard_latest(out) is None
    export_snapshot(published_db, out, as_of=AS_OF)
    export_snapshot(published_db, out, as_of=AS_OF + timedelta(days=1))
    assert (out / "LATEST").read_text().strip() == "2026-11-21"
    assert (out / "latest").resolve() == (out / "2026-11-21").resolve()
    assert dashboard_latest(out) == out / "2026-11-21"
    (out / "latest").unlink()  # platforms without symlinks still have LATEST
    assert dashboard_latest(out) == out / "2026-11-21"


def test_same_day_export_replaces_folder_cleanly(published_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "downloads"
    export_snapshot(published_db, out, as_of=AS_OF)
    smaller = publish_listings(tmp_path / "small.duckdb", sample_listings()[:1], SOURCES,
                               as_of=AS_OF)
    summary = export_snapshot(smaller.path, out, as_of=AS_OF + timedelta(hours=3))
    assert summary.folder == out / "2026-11-20" and summary.listings == 1
    assert len((out / "2026-11-20" / "listings.csv").read_text().splitlines()) == 2
    assert sorted(p.name for p in out.iterdir()) == ["2026-11-20", "LATEST", "latest"]


def test_sources_attribution_overrides_snapshot_text(published_db: Path, tmp_path: Path) -> None:
    summary = export_snapshot(published_db, tmp_path / "out", as_of=AS_OF,
                              sources_attribution={"roster": "Data: Example Licensing Board"})
    package = json.loads((summary.folder / "datapackage.json").read_bytes())
    roster = next(s for s in package["sources"] if s["title"] == "Supervisor Roster")
    assert roster["description"].startswith("Data: Example Licensing Board")
