"""Recurrence rules in plain words."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from pipelines.normalize.recurrence import schedule_text

CHI = ZoneInfo("America/Chicago")
START = datetime(2026, 1, 8, 12, 0, tzinfo=CHI)
END = datetime(2026, 1, 8, 13, 0, tzinfo=CHI)


@pytest.mark.parametrize(("rrule", "tz", "expected"), [
    ("FREQ=MONTHLY;BYDAY=2TH,4TH", "America/Chicago", "2nd & 4th Thursday, 12:00–13:00 Central"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "America/New_York",
     "Every other Monday, 12:00–13:00 Eastern"),
    ("FREQ=MONTHLY;BYDAY=-1FR", "America/Los_Angeles",
     "Last Friday of the month, 12:00–13:00 Pacific"),
    ("FREQ=MONTHLY;BYDAY=TH;BYSETPOS=1", "America/Denver", "1st Thursday, 12:00–13:00 Mountain"),
    ("FREQ=WEEKLY;BYDAY=TU", "Europe/Berlin", "Weekly on Tuesday, 12:00–13:00 Europe/Berlin"),
    ("FREQ=WEEKLY", "America/Chicago", "Weekly on Thursday, 12:00–13:00 Central"),
    ("FREQ=DAILY", "America/Chicago", "Daily, 12:00–13:00 Central"),
    ("RRULE:FREQ=MONTHLY;BYMONTHDAY=15", "America/Chicago",
     "Monthly on day 15, 12:00–13:00 Central"),
])
def test_schedule_text(rrule, tz, expected):
    assert schedule_text(START, END, rrule, tz) == expected


def test_one_off_has_no_schedule_text():
    assert schedule_text(START, END, None, "America/Chicago") is None


def test_weekly_on_several_days():
    text = schedule_text(START, None, "FREQ=WEEKLY;BYDAY=TU,TH", None)
    assert text == "Weekly on Tuesday & Thursday, 12:00"
