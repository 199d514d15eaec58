"""`peermap preview` prints, per listing, why kind, mode and audience got their values."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pipelines.cli.main import app

ICS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//North Shore Clinicians//Calendar//EN
BEGIN:VEVENT
UID:consult-2025-03@northshore.example
DTSTAMP:20250201T120000Z
DTSTART:20250314T170000Z
DTEND:20250314T183000Z
SUMMARY:Monthly Peer Consultation Group for LPC Associates
DESCRIPTION:Bring a de-identified case. Now accepting new members. Join us at https://zoom.us/j/5551234567 if you can't come in person.
LOCATION:Hybrid: Salem\\, MA + Zoom
END:VEVENT
BEGIN:VEVENT
UID:freecall@northshore.example
DTSTAMP:20250201T120000Z
DTSTART:20250315T150000Z
SUMMARY:Book a free 15-minute consultation call
DESCRIPTION:New clients: schedule a free phone consultation with one of our therapists.
END:VEVENT
END:VCALENDAR
"""


def _records(tmp_path: Path) -> list[dict]:
    path = tmp_path / "calendar.ics"
    path.write_text(ICS.replace("\n", "\r\n"), encoding="utf-8")
    result = CliRunner().invoke(app, ["preview", str(path), "--as-of", "2025-03-01T00:00:00Z",
                                      "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def test_preview_prints_why_for_kind_mode_and_audience(tmp_path: Path):
    records = {r["title"]: r for r in _records(tmp_path)}
    group = records["Monthly Peer Consultation Group for LPC Associates"]
    assert group["kind"] == "consult_group"
    assert set(group["why"]) >= {"kind", "attendance_mode", "audience"}
    assert "consultation" in group["why"]["kind"]
    assert group["attendance_mode"] == "hybrid" and "Salem" in group["why"]["attendance_mode"]
    assert "associate" in group["why"]["audience"]
    assert group["accepting_members"] == "open"


def test_preview_hybrid_geocodes_the_place_and_keeps_the_link(tmp_path: Path):
    group = next(r for r in _records(tmp_path) if r["kind"] == "consult_group")
    assert (group["city"], group["region"]) == ("Salem", "MA")
    assert group["online_url"] == "https://zoom.us/j/5551234567"
    assert group["lat"] is not None


def test_preview_explains_a_client_consultation_as_other(tmp_path: Path):
    call = next(r for r in _records(tmp_path) if r["title"].startswith("Book a free"))
    assert call["kind"] == "other"
    assert "free consultation" in call["why"]["kind"]
