"""Calendar, CSV and GeoJSON downloads of results."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import icalendar
import pandas as pd

from dashboard.downloads import to_csv, to_geojson
from dashboard.ics_calendar import listings_to_ics
from tests.support.dashboard_samples import AS_OF, INJECTION_TITLE, result_row

START = datetime(2026, 3, 3, 23, 0, tzinfo=UTC)
SERIES = datetime(2026, 3, 17, 22, 0, tzinfo=UTC)  # Tuesdays 18:00 New York (after DST starts)


def rows() -> list[dict]:
    return [
        result_row("a", INJECTION_TITLE + "\r\nBEGIN:VEVENT;x,y", lat=40.7, lon=-74.0,
                organizer="=HYPERLINK(\"http://evil\")", next_start=START,
                audience=["counselor", "mft"], source_url="javascript:alert(1)"),
        result_row("b", "Online group", attendance_mode="online", next_start=None),
    ]


def _occ(start: datetime, minutes: int = 90, status: str = "scheduled") -> dict:
    return {"start": start, "end": start + timedelta(minutes=minutes), "status": status}


def test_ics_parses_and_has_one_event_per_start_with_its_real_end():
    data = listings_to_ics(rows(), {"a": [_occ(START), _occ(START.replace(day=10), 45)]},
                           AS_OF)
    cal = icalendar.Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 2  # "b" has no dated start, so no event
    assert [e.decoded("DTEND") - e.decoded("DTSTART") for e in events] == [
        timedelta(minutes=90), timedelta(minutes=45)]
    assert events[0]["SUMMARY"].startswith("<script>")
    assert "BEGIN:VEVENT;x,y" in str(events[0]["SUMMARY"])  # escaped, not a new component


def test_listing_without_a_date_offers_no_calendar():
    assert listings_to_ics([rows()[1]], {}, AS_OF) is None


def test_recurring_listing_is_one_series_with_rrule_exdate_and_its_length():
    row = result_row("r", "Weekly consult", timezone="America/New_York",
                  rrule="FREQ=WEEKLY;BYDAY=TU", start="2026-03-17T18:00:00-04:00",
                  end="2026-03-17T19:30:00-04:00", next_start=SERIES)
    cancelled = _occ(SERIES + timedelta(days=7), status="cancelled")
    cal = icalendar.Calendar.from_ical(listings_to_ics([row], {"r": [_occ(SERIES), cancelled]},
                                                       AS_OF))
    (event,) = cal.walk("VEVENT")
    assert event["RRULE"]["FREQ"] == ["WEEKLY"] and event["RRULE"]["BYDAY"] == ["TU"]
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=90)
    excluded = [d.dt for d in event["EXDATE"].dts]
    assert [d.astimezone(UTC) for d in excluded] == [SERIES + timedelta(days=7)]
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["America/New_York"]


def test_series_excludes_dropped_and_moved_dates_and_adds_the_moved_one():
    """The source's EXDATE (no occurrence stored) and a moved meeting: the calendar expands to
    exactly the stored meetings, not the bare rule."""
    row = result_row("m", "Weekly consult", timezone="America/New_York",
                     rrule="FREQ=WEEKLY;BYDAY=TU", start="2026-03-17T18:00:00-04:00",
                     end="2026-03-17T19:30:00-04:00", next_start=SERIES)
    week = timedelta(days=7)
    moved = SERIES + 2 * week + timedelta(days=1)  # the third Tuesday's meeting, on Wednesday
    stored = [_occ(SERIES), _occ(moved), _occ(SERIES + 3 * week)]  # week 2: dropped by the source
    cal = icalendar.Calendar.from_ical(listings_to_ics([row], {"m": stored}, AS_OF))
    (event,) = cal.walk("VEVENT")
    excluded = sorted(d.dt.astimezone(UTC) for d in event["EXDATE"].dts)
    assert excluded == [SERIES + week, SERIES + 2 * week]
    assert [d.dt.astimezone(UTC) for d in event["RDATE"].dts] == [moved]
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=90)


def test_ics_uid_is_stable_across_exports():
    occs = {"a": [_occ(START)]}
    first = icalendar.Calendar.from_ical(listings_to_ics(rows(), occs, AS_OF))
    later = icalendar.Calendar.from_ical(listings_to_ics(rows(), occs, AS_OF.replace(day=2)))
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert uids == [str(e["UID"]) for e in later.walk("VEVENT")] and len(uids) == 1


def test_ics_drops_unsafe_links():
    cal = icalendar.Calendar.from_ical(listings_to_ics(rows(), {"a": [_occ(START)]}, AS_OF))
    assert "URL" not in cal.walk("VEVENT")[0]


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
