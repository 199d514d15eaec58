"""listings/occurrences CSV and Parquet, GeoJSON and JSON-LD read back against the snapshot."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from pipelines.core.model import LISTING_FIELDS
from pipelines.export import ExportSummary
from tests.support.export_samples import INJECTION


def _snapshot_counts(db: Path) -> tuple[int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        listings = con.execute("SELECT count(*) FROM listings WHERE kind <> 'other' "
                               "AND NOT suppressed").fetchone()[0]
        occs = con.execute("SELECT count(*) FROM occurrences o JOIN listings l "
                           "ON o.listing_id = l.id WHERE l.kind <> 'other' "
                           "AND NOT l.suppressed").fetchone()[0]
    finally:
        con.close()
    return listings, occs


def _csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def test_csv_and_parquet_row_counts_match_snapshot(published_db: Path,
                                                   exported: ExportSummary) -> None:
    listings, occs = _snapshot_counts(published_db)
    folder = exported.folder
    assert len(_csv(folder / "listings.csv")) == pq.read_table(folder / "listings.parquet")\
        .num_rows == listings == 4
    assert len(_csv(folder / "occurrences.csv")) == pq.read_table(
        folder / "occurrences.parquet").num_rows == occs == 6


def test_columns_are_the_data_model_fields(exported: ExportSummary) -> None:
    header = next(csv.reader((exported.folder / "listings.csv").open(encoding="utf-8")))
    assert header == [*LISTING_FIELDS, "next_start"]
    assert pq.read_schema(exported.folder / "listings.parquet").names == header


def test_lists_are_joined_in_csv_and_real_lists_in_parquet(exported: ExportSummary,
                                                           ids) -> None:
    rows = {r["id"]: r for r in _csv(exported.folder / "listings.csv")}
    assert rows[ids["tx-austin-consult"]]["audience"] == "counselor; mft"
    table = pq.read_table(exported.folder / "listings.parquet").to_pylist()
    austin = next(r for r in table if r["id"] == ids["tx-austin-consult"])
    assert austin["audience"] == ["counselor", "mft"]
    assert austin["languages"] == ["en", "es"]


def test_unsafe_urls_are_dropped_from_every_table(exported: ExportSummary) -> None:
    for name in ("listings.csv", "listings.geojson", "listings.jsonld", "hsds/service.csv"):
        assert b"javascript:" not in (exported.folder / name).read_bytes(), name


def test_geojson_points_and_null_geometry(exported: ExportSummary, ids) -> None:
    data = json.loads((exported.folder / "listings.geojson").read_bytes())
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 4
    by_id = {f["id"]: f for f in data["features"]}
    assert by_id[ids["ce-ethics-online"]]["geometry"] is None
    assert by_id[ids["tx-austin-consult"]]["geometry"] == {
        "type": "Point", "coordinates": [-97.74306, 30.26715]}
    assert "lat" not in by_id[ids["tx-austin-consult"]]["properties"]


def test_injection_is_a_plain_json_string(exported: ExportSummary) -> None:
    for name in ("listings.geojson", "listings.jsonld"):
        raw = (exported.folder / name).read_bytes()
        assert b"<script" not in raw and b"</script" not in raw, name
        titles = json.dumps(json.loads(raw), ensure_ascii=False)
        assert json.dumps(INJECTION, ensure_ascii=False)[1:-1] in titles, name


def test_jsonld_event_shapes(exported: ExportSummary, ids) -> None:
    graph = {n["identifier"]: n for n in
             json.loads((exported.folder / "listings.jsonld").read_bytes())["@graph"]}
    ce = graph[ids["ce-ethics-online"]]
    assert ce["@type"] == "EducationEvent"
    assert ce["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert ce["location"] == {"@type": "VirtualLocation", "url": "https://zoom.example.com/j/1"}
    assert ce["offers"] == {"@type": "AggregateOffer", "lowPrice": 25.0, "highPrice": 40.0,
                            "priceCurrency": "USD"}
    austin = graph[ids["tx-austin-consult"]]
    assert austin["@type"] == "Event" and austin["isAccessibleForFree"] is True
    assert austin["location"]["address"]["addressLocality"] == "Austin"
    assert austin["eventSchedule"] == {
        "@type": "Schedule", "repeatFrequency": "P2W", "byDay": ["https://schema.org/Tuesday"],
        "startDate": "2026-11-03", "startTime": "18:00:00", "endTime": "19:30:00",
        "endDate": "2027-06-01", "scheduleTimezone": "America/Chicago"}
    hybrid = graph[ids["hybrid-injection"]]
    assert [loc["@type"] for loc in hybrid["location"]] == ["Place", "VirtualLocation"]
