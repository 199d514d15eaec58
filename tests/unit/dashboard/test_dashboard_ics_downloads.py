"""Calendar, CSV and GeoJSON downloads of results."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import icalendar
import pandas as pd

from dashboard.downloads import to_csv, to_geojson
from dashboard.ics_calendar import listings_to_ics
from tests.support.dashboard_samples import AS_OF, INJECTION_TITLE, result_row

START = datetime(2026, 3, 3, 23, 0, tzinfo=UTC)


def rows() -> list[dict]:
    return [
        result_row("a", INJECTION_TITLE + "\r\nBEGIN:VEVENT;x,y", lat=40.7, lon=-74.0,
                organizer="=HYPERLINK(\"http://evil\")", next_start=START,
                audience=["counselor", "mft"], source_url="javascript:alert(1)"),
        result_row("b", "Online group", attendance_mode="online", next_start=None),
    ]


def test_ics_parses_and_has_one_event_per_start():
    data = listings_to_ics(rows(), {"a": [START, START.replace(day=10)]}, AS_OF)
    cal = icalendar.Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 2  # "b" has no dated start, so no event
    assert events[0]["SUMMARY"].startswith("<script>")
    assert "BEGIN:VEVENT;x,y" in str(events[0]["SUMMARY"])  # escaped, not a new component


def test_ics_uid_is_stable_across_exports():
    first = icalendar.Calendar.from_ical(listings_to_ics(rows(), {}, AS_OF))
    later = icalendar.Calendar.from_ical(
        listings_to_ics(rows(), {}, AS_OF.replace(day=20)))
    assert [str(e["UID"]) for e in first.walk("VEVENT")] == \
        [str(e["UID"]) for e in later.walk("VEVENT")] == ["a-20260303T230000Z@peermap"]


def test_ics_drops_unsafe_links():
    event = icalendar.Calendar.from_ical(listings_to_ics(rows(), {}, AS_OF)).walk("VEVENT")[0]
    assert "URL" not in event


def test_csv_defuses_spreadsheet_formulas_and_flattens_lists():
    parsed = list(csv.DictReader(io.StringIO(to_csv(pd.DataFrame(rows())).decode())))
    assert parsed[0]["organizer"].startswith("'=")
    assert parsed[0]["audience"] == "counselor; mft"
    assert parsed[0]["source_url"] == ""


def test_geojson_points_and_null_geometry_for_online():
    doc = json.loads(to_geojson(pd.DataFrame(rows())))
    assert doc["features"][0]["geometry"] == {"type": "Point", "coordinates": [-74.0, 40.7]}
    assert doc["features"][1]["geometry"] is None


def test_empty_results_still_download():
    assert json.loads(to_geojson(pd.DataFrame()))["features"] == []
    assert to_csv(pd.DataFrame()).decode().startswith("id,")
