"""Status markers in titles and ISO time helpers."""

from __future__ import annotations

import pytest

from pipelines.normalize.text import clean_title, to_local_iso, to_utc_iso


@pytest.mark.parametrize(("raw", "title", "status"), [
    ("CANCELLED - Peer Consultation Group", "Peer Consultation Group", "cancelled"),
    ("CANCELED: DBT Consult Team", "DBT Consult Team", "cancelled"),
    ("[Postponed] Ethics Workshop", "Ethics Workshop", "postponed"),
    ("(Rescheduled) Supervision Group", "Supervision Group", "rescheduled"),
    ("EMDR Consultation — CANCELLED", "EMDR Consultation", "cancelled"),
    ("Supervision Group (Cancelado)", "Supervision Group", "cancelled"),
    ("Tentative: Spring Mixer", "Spring Mixer", "tentative"),
])
def test_status_markers_are_stripped(raw, title, status):
    cleaned, found, evidence = clean_title(raw)
    assert (cleaned, found) == (title, status)
    assert evidence


@pytest.mark.parametrize("raw", [
    "Cancellation Policies in Private Practice", "Managing Cancelled Sessions",
    "Postponed Grief: A Workshop", "Cancelled",
])
def test_titles_without_a_marker_are_kept(raw):
    assert clean_title(raw) == (raw, None, None)


def test_title_html_is_stripped():
    assert clean_title("<b>Peer</b> &amp; Group")[0] == "Peer & Group"


def test_naive_time_is_read_in_the_zone():
    assert to_utc_iso("2026-03-10T18:00", "America/Chicago") == "2026-03-10T23:00:00+00:00"
    assert to_local_iso("2026-03-10T18:00", "America/Chicago") == "2026-03-10T18:00:00-05:00"


def test_aware_time_is_converted_to_the_zone():
    assert to_local_iso("2026-07-01T17:00:00Z", "America/New_York") == "2026-07-01T13:00:00-04:00"


def test_unparseable_time_is_none():
    assert to_utc_iso("next Tuesday", "America/Chicago") is None
