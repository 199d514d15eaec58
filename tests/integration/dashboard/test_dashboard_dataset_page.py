"""The downloads page serves the latest export snapshot, file by file."""

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.dataset_files import latest_files, package_summary, row_count, zip_all
from pipelines.export import export_snapshot
from tests.support.dashboard_samples import build_sample_snapshot
from tests.support.paths import DASHBOARD

PAGE = DASHBOARD / "pages" / "2_Download_the_dataset.py"
AS_OF = datetime(2026, 3, 1, 12, tzinfo=UTC)


def exported(tmp_path: Path) -> Path:
    build_sample_snapshot(tmp_path)
    export_snapshot(tmp_path / "published" / "peermap.duckdb", tmp_path / "exports", as_of=AS_OF)
    return tmp_path


def test_latest_files_lists_every_format(tmp_path):
    folder, files = latest_files(exported(tmp_path) / "exports")
    names = {f.name for f in files}
    assert folder.name == "2026-03-01"
    assert {"listings.csv", "listings.parquet", "listings.geojson", "listings.ics",
            "listings.jsonld", "datapackage.json", "SHA256SUMS"} <= names
    assert any(n.startswith("hsds/") for n in names)


def test_package_summary_reads_licence_and_rows(tmp_path):
    folder, _ = latest_files(exported(tmp_path) / "exports")
    summary = package_summary(folder)
    assert summary["licence"] and summary["rows"]


def test_page_offers_a_download_per_file(tmp_path, monkeypatch):
    data = exported(tmp_path)
    monkeypatch.setenv("PEERMAP_DATA_DIR", str(data))
    at = AppTest.from_file(str(PAGE), default_timeout=30).run()
    assert not at.exception
    _, files = latest_files(data / "exports")
    assert len(at.get("download_button")) == len(files) + 1  # + "Download all (zip)"


def test_page_without_export_says_how_to_make_one(tmp_path, monkeypatch):
    monkeypatch.setenv("PEERMAP_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(str(PAGE), default_timeout=30).run()
    assert "No dataset export yet" in at.info[0].value


def test_listings_csv_comes_first_and_empty_calendars_are_not_offered(tmp_path):
    from pipelines.export.ics import render_calendar

    out = exported(tmp_path) / "exports"
    folder, _ = latest_files(out)
    (folder / "ics" / "state-WY.ics").write_bytes(render_calendar("PeerMap — WY", []))
    _, files = latest_files(out)
    assert files[0].name == "listings.csv"
    assert "ics/state-WY.ics" not in {f.name for f in files}
    assert any(f.name == "listings.ics" for f in files)


def test_row_counts_and_the_download_all_zip(tmp_path):
    folder, files = latest_files(exported(tmp_path) / "exports")
    listings = next(f for f in files if f.name == "listings.csv")
    assert row_count(listings.path) == len(listings.path.read_text().splitlines()) - 1 > 0
    names = zipfile.ZipFile(io.BytesIO(zip_all(folder))).namelist()
    assert f"{folder.name}/listings.csv" in names and f"{folder.name}/SHA256SUMS" in names
