"""Expansion keeps local wall-clock time across the US DST switches; EXDATE/RDATE honoured."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from pipelines.normalize.recurrence import expand

NY = ZoneInfo("America/New_York")
AS_OF = datetime(2026, 2, 20, tzinfo=UTC)


def _starts(pairs):
    return [s.isoformat() for s, _ in pairs]


def test_every_other_week_stays_at_local_time_across_march_switch():
    start = datetime(2026, 2, 23, 18, 0, tzinfo=NY)
    pairs = expand(start, None, "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", [], [], AS_OF, 35)
    assert _starts(pairs) == [
        "2026-02-23T18:00:00-05:00", "2026-03-09T18:00:00-04:00", "2026-03-23T18:00:00-04:00",
    ]


def test_last_friday_stays_at_local_time_across_november_switch():
    start = datetime(2026, 9, 25, 18, 0, tzinfo=NY)
    as_of = datetime(2026, 10, 1, tzinfo=UTC)
    pairs = expand(start, None, "FREQ=MONTHLY;BYDAY=-1FR", [], [], as_of, 70)
    assert _starts(pairs) == ["2026-10-30T18:00:00-04:00", "2026-11-27T18:00:00-05:00"]


def test_end_keeps_the_duration():
    start = datetime(2026, 3, 2, 18, 30, tzinfo=NY)
    end = datetime(2026, 3, 2, 20, 0, tzinfo=NY)
    pairs = expand(start, end, "FREQ=WEEKLY", [], [], AS_OF, 20)
    assert [(s.isoformat(), e.isoformat()) for s, e in pairs] == [
        ("2026-03-02T18:30:00-05:00", "2026-03-02T20:00:00-05:00"),
        ("2026-03-09T18:30:00-04:00", "2026-03-09T20:00:00-04:00"),
    ]


def test_exdate_in_utc_removes_the_local_occurrence():
    start = datetime(2026, 3, 2, 18, 0, tzinfo=NY)
    pairs = expand(start, None, "FREQ=WEEKLY", ["2026-03-09T22:00:00Z"], [], AS_OF, 14)
    assert _starts(pairs) == ["2026-03-02T18:00:00-05:00"]


def test_date_only_exdate_removes_that_day():
    start = datetime(2026, 3, 2, 18, 0, tzinfo=NY)
    pairs = expand(start, None, "FREQ=WEEKLY", ["2026-03-02"], [], AS_OF, 20)
    assert _starts(pairs) == ["2026-03-09T18:00:00-04:00"]


def test_rdate_adds_an_occurrence():
    start = datetime(2026, 3, 2, 18, 0, tzinfo=NY)
    pairs = expand(start, None, "FREQ=MONTHLY;COUNT=1", [], ["2026-03-12T18:00:00"], AS_OF, 30)
    assert _starts(pairs) == ["2026-03-02T18:00:00-05:00", "2026-03-12T18:00:00-04:00"]


def test_utc_until_is_respected():
    start = datetime(2026, 3, 2, 18, 0, tzinfo=NY)
    pairs = expand(start, None, "FREQ=WEEKLY;UNTIL=20260309T215900Z", [], [], AS_OF, 60)
    assert _starts(pairs) == ["2026-03-02T18:00:00-05:00"]


def test_one_off_outside_window_is_empty():
    start = datetime(2025, 1, 6, 18, 0, tzinfo=NY)
    assert expand(start, None, None, [], [], AS_OF, 90) == []


def test_past_occurrences_are_not_returned():
    start = datetime(2025, 1, 5, 18, 0, tzinfo=NY)
    pairs = expand(start, None, "FREQ=WEEKLY;BYDAY=MO", [], [], AS_OF, 7)
    assert _starts(pairs) == ["2026-02-23T18:00:00-05:00"]
