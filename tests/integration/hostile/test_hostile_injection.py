"""Injection payloads in every text and URL field of a source, through crawl → store → publish →
export: no javascript:/data: URL survives in a URL field, text is plain, exports escape properly."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import duckdb
import icalendar
import pytest

from pipelines.core.config import Paths
from pipelines.export.tabular import LISTING_COLUMNS, neutralise_formula
from tests.support.hostile_payloads import PAYLOADS, URL_PAYLOADS
from tests.support.hostile_snapshot import run_hostile_pipeline
from tests.support.outcomes import record

pytestmark = pytest.mark.reliability  # recorded for docs/reliability.md

URL_FIELDS = ("url", "online_url", "contact_url", "source_url")
TEXT_FIELDS = ("title", "description", "organizer", "venue_name", "street", "city")
TAG = re.compile(r"<\s*/?\s*(script|img|svg|a|iframe)\b", re.IGNORECASE)
SAFE_SCHEMES = ("http", "https", "mailto", "tel")


def _safe(url: str | None) -> bool:
    return not url or url.split(":", 1)[0].strip().lower() in SAFE_SCHEMES


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    report, folder = run_hostile_pipeline(tmp)
    return tmp, report, folder


def _formula_cells(csv_path: Path, columns: dict[str, str]) -> list[str]:
    """Text cells a spreadsheet would evaluate (start with = + - @ tab CR); numbers excluded."""
    with csv_path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [v for row in rows for k, v in row.items()
            if v and columns.get(k) in ("string", "list") and v[0] in "=+-@\t\r"
            and v != neutralise_formula(v)]


def _rows(db: Path, table: str = "listings") -> list[dict]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cur = con.execute(f"SELECT * FROM {table}")  # noqa: S608 - constant table name
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    finally:
        con.close()


def test_every_payload_item_is_published(hostile_run):
    tmp, report, _ = hostile_run
    assert report["published"]["listings"] == len(PAYLOADS)


@pytest.mark.parametrize("db", ["store", "published"])
def test_no_unsafe_url_in_any_url_field(hostile_run, db):
    tmp, _, _ = hostile_run
    rows = _rows(getattr(Paths(tmp), db))
    assert rows and all(_safe(row.get(f)) for row in rows for f in URL_FIELDS if f in row)


def test_published_title_and_description_are_plain(hostile_run):
    tmp, _, _ = hostile_run
    for row in _rows(Paths(tmp).published):
        for name in ("title", "description", "organizer"):
            assert not TAG.search(row.get(name) or ""), (name, row.get(name))


def test_published_location_text_is_plain(hostile_run):
    tmp, _, _ = hostile_run
    for row in _rows(Paths(tmp).published):
        for name in ("venue_name", "street", "city"):
            assert not TAG.search(row.get(name) or ""), (name, row.get(name))


def test_csv_export_round_trips_every_row(hostile_run):
    _, _, folder = hostile_run
    with (folder / "listings.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(PAYLOADS)
    assert all(_safe(row.get(f)) for row in rows for f in URL_FIELDS if f in row)


def test_csv_export_has_no_cell_a_spreadsheet_would_evaluate(hostile_run):
    _, _, folder = hostile_run
    assert _formula_cells(folder / "listings.csv", LISTING_COLUMNS) == []
    title_cells = (folder / "listings.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in title_cells  # the payload is kept, as literal text


def test_geojson_export_is_valid_and_safe(hostile_run):
    _, _, folder = hostile_run
    data = json.loads((folder / "listings.geojson").read_text(encoding="utf-8"))
    props = [f["properties"] for f in data["features"]]
    assert all(_safe(p.get(f)) for p in props for f in URL_FIELDS if isinstance(p.get(f), str))


def test_ics_export_holds_exactly_the_published_events(hostile_run):
    """A payload with separators or newlines must not add, split or inject calendar lines."""
    _, _, folder = hostile_run
    calendar = icalendar.Calendar.from_ical((folder / "listings.ics").read_bytes())
    uids = {str(e.get("UID")) for e in calendar.walk("VEVENT")}
    urls = [str(e.get("URL")) for e in calendar.walk("VEVENT") if e.get("URL")]
    assert len(uids) == len(PAYLOADS) and all(_safe(u) for u in urls)


def test_jsonld_export_has_no_unsafe_url(hostile_run):
    _, _, folder = hostile_run
    text = (folder / "listings.jsonld").read_text(encoding="utf-8")
    json.loads(text)
    assert not re.search(r'"(url|sameAs|@id)"\s*:\s*"\s*(javascript|data|vbscript):', text, re.I)


def test_injection_outcome_is_clean_and_recorded(hostile_run):
    """The whole-pipeline tally for docs/reliability.md, written only once it is checked."""
    tmp, _, folder = hostile_run
    rows = _rows(Paths(tmp).published)
    text = " ".join(str(row.get(f) or "") for row in rows for f in TEXT_FIELDS)
    outcome = {
        "payloads": sorted(PAYLOADS), "url_payloads": list(URL_PAYLOADS),
        "listings": len(rows),
        "unsafe_urls_kept": sum(not _safe(row.get(f)) for row in rows for f in URL_FIELDS),
        "html_tags_kept": len(TAG.findall(text)),
        "html_tags_kept_in_location_fields": sum(
            len(TAG.findall(row.get(f) or "")) for row in rows for f in ("venue_name", "city")),
        "rtl_override_kept": "\u202e" in text,
        "csv_cells_starting_with_formula_char": len(
            _formula_cells(folder / "listings.csv", LISTING_COLUMNS)),
        "longest_title": max(len(row["title"]) for row in rows),
    }
    assert outcome["listings"] == len(PAYLOADS)
    assert outcome["unsafe_urls_kept"] == 0
    assert outcome["html_tags_kept"] == 0
    assert outcome["csv_cells_starting_with_formula_char"] == 0
    record("injection", "pipeline", outcome)
