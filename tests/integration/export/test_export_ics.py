"""listings.ics and ics/*.ics: parsed by an independent parser, folded, CRLF, stable UIDs."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.export import ExportSummary, export_snapshot
from pipelines.export.ics import escape_text, fold
from tests.support.export_samples import AS_OF, INJECTION


def _calendars(folder: Path) -> list[Path]:
    return [folder / "listings.ics", *sorted((folder / "ics").glob("*.ics"))]


def _events(path: Path) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return list(cal.walk("VEVENT"))


def test_every_calendar_parses_with_icalendar(exported: ExportSummary) -> None:
    for path in _calendars(exported.folder):
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        assert cal["VERSION"] == "2.0", path.name
        assert cal.subcomponents, f"{path.name} has no component"


def test_lines_end_with_crlf_and_fold_at_75_octets(exported: ExportSummary) -> None:
    for path in _calendars(exported.folder):
        raw = path.read_bytes()
        assert raw.endswith(b"\r\n")
        assert b"\n" not in raw.replace(b"\r\n", b""), f"bare LF in {path.name}"
        for line in raw.split(b"\r\n"):
            assert len(line) <= 75, (path.name, line)
            line.decode("utf-8")  # folding never splits a multi-byte character


def test_listings_ics_holds_only_upcoming_occurrences(exported: ExportSummary) -> None:
    events = _events(exported.folder / "listings.ics")
    assert len(events) == exported.upcoming_occurrences == 5
    starts = [e.decoded("DTSTART") for e in events]
    days = [s.date() if isinstance(s, datetime) else s for s in starts]
    assert all(d >= AS_OF.date() for d in days)


def test_cancelled_occurrence_is_status_cancelled(exported: ExportSummary) -> None:
    events = _events(exported.folder / "listings.ics")
    cancelled = [e for e in events if str(e["STATUS"]) == "CANCELLED"]
    assert [e.decoded("DTSTART").isoformat() for e in cancelled] == ["2026-12-16T00:00:00+00:00"]


def test_injected_title_is_escaped_text_not_structure(exported: ExportSummary) -> None:
    raw = (exported.folder / "listings.ics").read_bytes().replace(b"\r\n ", b"")
    # the injected BEGIN:VEVENT never starts a line of its own
    assert b"\r\nBEGIN:VEVENT\r\nEND:VCALENDAR" not in raw
    events = _events(exported.folder / "listings.ics")
    summaries = [str(e["SUMMARY"]) for e in events]
    assert INJECTION.replace("\r\n", "\n") in summaries


def test_urls_are_http_only(exported: ExportSummary) -> None:
    for event in _events(exported.folder / "listings.ics"):
        if "URL" in event:
            assert str(event["URL"]).startswith(("http://", "https://"))
    assert b"javascript:" not in (exported.folder / "listings.ics").read_bytes()


def test_uids_are_stable_across_exports(published_db: Path, tmp_path: Path,
                                       exported: ExportSummary) -> None:
    later = export_snapshot(published_db, tmp_path / "other", as_of=AS_OF + timedelta(hours=1))
    first = sorted(str(e["UID"]) for e in _events(exported.folder / "listings.ics"))
    second = sorted(str(e["UID"]) for e in _events(later.folder / "listings.ics"))
    assert first == second and len(set(first)) == len(first)


def test_state_and_kind_feeds_split_the_events(exported: ExportSummary) -> None:
    ics = exported.folder / "ics"
    assert len(_events(ics / "state-TX.ics")) == 4  # 3 Austin sessions + online CE serving TX
    assert len(_events(ics / "state-CA.ics")) == 1
    assert len(_events(ics / "kind-consult_group.ics")) == 3
    assert len(_events(ics / "kind-peer_event.ics")) == 2
    assert _events(ics / "kind-supervision.ics") == []


def test_all_day_event_uses_local_dates(exported: ExportSummary) -> None:
    event = next(e for e in _events(exported.folder / "listings.ics")
                 if str(e["SUMMARY"]).startswith("Evil"))
    assert event.decoded("DTSTART").isoformat() == "2026-12-10"
    assert event.decoded("DTEND").isoformat() == "2026-12-11"


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=0, max_size=400))
def test_fold_round_trips_within_75_octets(text: str) -> None:
    line = "DESCRIPTION:" + escape_text(text)
    folded = fold(line)
    assert all(len(piece.encode("utf-8")) <= 75 for piece in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_summary_text_is_rfc5545_escaped_on_the_wire(exported: ExportSummary) -> None:
    raw = (exported.folder / "listings.ics").read_bytes().replace(b"\r\n ", b"").decode()
    line = next(x for x in raw.split("\r\n") if x.startswith("SUMMARY:Evil"))
    assert line == ('SUMMARY:Evil <script>alert("x")</script>\\, group\\; \\\\ "quoted"'
                    '\\nBEGIN:VEVENT\\nEND:VCALENDAR </script><!--')
