"""listings.csv carries venue_name and street wherever the source's precision_cap allows them."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

from pipelines.export import ExportSummary, export_snapshot
from pipelines.export.load import cap_geography
from tests.support.export_samples import AS_OF, SOURCES, sample_listings
from tests.support.snapshots import publish_listings


def _csv_rows(folder: Path) -> dict[str, dict[str, str]]:
    with (folder / "listings.csv").open(encoding="utf-8", newline="") as fh:
        return {row["id"]: row for row in csv.DictReader(fh)}


def test_uncapped_source_publishes_venue_and_street(exported: ExportSummary,
                                                   ids: dict[str, str]) -> None:
    austin = _csv_rows(exported.folder)[ids["tx-austin-consult"]]
    assert (austin["venue_name"], austin["street"]) == ("Community Room", "100 Congress Ave")


def test_street_survives_a_point_geocoded_only_to_its_zip(tmp_path: Path) -> None:
    """The demo's case: an address geocoded at ZIP precision still has a published street."""
    listings = [dataclasses.replace(sample_listings()[0], lat=30.27, lon=-97.74,
                                    geo_precision="postal_code")]
    published = publish_listings(tmp_path / "p.duckdb", listings, SOURCES, as_of=AS_OF)
    row = _csv_rows(export_snapshot(published.path, tmp_path / "out", as_of=AS_OF).folder)[
        published.ids["tx-austin-consult"]]
    assert (row["venue_name"], row["street"], row["postal_code"]) == (
        "Community Room", "100 Congress Ave", "78701")


def test_city_cap_withholds_street_and_venue(exported: ExportSummary,
                                            ids: dict[str, str]) -> None:
    roster = _csv_rows(exported.folder)[ids["roster-supervisor-1"]]
    assert (roster["street"], roster["venue_name"], roster["postal_code"]) == ("", "", "")
    assert roster["city"] == "Houston"


def test_cap_geography_keeps_address_text_apart_from_coordinate_rounding() -> None:
    row = {"street": "1 Main St", "venue_name": "Hall", "postal_code": "78701",
           "city": "Austin", "region": "TX", "lat": 30.26715, "lon": -97.74306,
           "geo_precision": "postal_code"}
    cap_geography(row, None)
    assert (row["street"], row["venue_name"], row["lat"]) == ("1 Main St", "Hall", 30.27)
    capped = {**row, "lat": 30.26715, "lon": -97.74306}
    cap_geography(capped, "postal_code")
    assert (capped["street"], capped["venue_name"], capped["postal_code"]) == (
        None, None, "78701")
