"""listings.ics and ics/*.ics: parsed by an independent parser, folded, CRLF, stable UIDs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import icalendar
import recurring_ical_events
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.export import ExportSummary, export_snapshot
from pipelines.export.ics import escape_text, event_uid, fold
from tests.support.export_samples import AS_OF, INJECTION

WITHHELD = ("zz-other", "zz-suppressed")  # conftest.py leaks these into the snapshot


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


def _stored(published_db: Path) -> tuple[dict[str, dict], dict[str, list[tuple]]]:
    """(listing id -> its row, listing id -> its occurrences) from the snapshot's tables."""
    con = duckdb.connect(str(published_db), read_only=True)
    try:
        con.execute("SET TimeZone = 'UTC'")
        listings = {r[0]: {"start": r[1], "timezone": r[2], "all_day": r[3], "kind": r[4]}
                    for r in con.execute(
                        "SELECT id, start, timezone, all_day, kind FROM listings").fetchall()}
        rows = con.execute('SELECT listing_id, start, "end", status FROM occurrences '
                           "ORDER BY listing_id, start").fetchall()
    finally:
        con.close()
    occurrences: dict[str, list[tuple]] = {}
    for listing_id, start, end, status in rows:
        occurrences.setdefault(listing_id, []).append((start, end, status))
    return listings, occurrences


def _uid_owners(listings: dict[str, dict], occurrences: dict[str, list[tuple]]) -> dict[str, str]:
    """UID -> listing id: a series' UID names its first start, a single VEVENT's its own."""
    owners = {}
    for listing_id, row in listings.items():
        starts = [o[0] for o in occurrences.get(listing_id, [])]
        if row["start"] and len(row["start"]) > 10:
            starts.append(datetime.fromisoformat(row["start"]))
        for start in starts:
            owners[event_uid(listing_id, start.astimezone(UTC))] = listing_id
    return owners


def _as_shown(value: date | datetime | None, row: dict) -> date | datetime | None:
    """A stored instant as the calendar shows it: a local date for an all-day listing."""
    if row["all_day"] and isinstance(value, datetime):
        return value.astimezone(ZoneInfo(row["timezone"])).date()
    return value


def test_every_calendar_expands_to_exactly_the_stored_occurrences(
        exported: ExportSummary, published_db: Path, ids: dict[str, str]) -> None:
    """A calendar app's view (recurring_ical_events, over the stored horizon) of each file is,
    listing by listing, the snapshot's scheduled occurrences not yet over: starts and ends."""
    listings, occurrences = _stored(published_db)
    for uid in WITHHELD:  # leaked into the snapshot on purpose; the exporter drops them
        occurrences.pop(ids[uid])
    owners = _uid_owners(listings, occurrences)
    horizon = max(o[0] for occs in occurrences.values() for o in occs) + timedelta(seconds=1)
    for path in _calendars(exported.folder):
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        shown: dict[str, list[tuple]] = {}
        for event in recurring_ical_events.of(cal).between(AS_OF, horizon):
            if str(event.get("STATUS")) == "CANCELLED":
                continue
            shown.setdefault(owners[str(event["UID"])], []).append(
                (event.decoded("DTSTART"), event.decoded("DTEND")))
        for listing_id, got in shown.items():
            row = listings[listing_id]
            expected = [(_as_shown(s, row), _as_shown(e, row))
                        for s, e, status in occurrences[listing_id]
                        if status != "cancelled" and (e or s) >= AS_OF and s < horizon]
            assert sorted(got) == expected, (path.name, listing_id)
        if path.name == "listings.ics":  # every listing with an upcoming meeting is in it
            assert set(shown) == {i for i, occs in occurrences.items()
                                  if any(s >= AS_OF and st != "cancelled" for s, _, st in occs)}
        if path.name.startswith("kind-") and shown:
            assert {listings[i]["kind"] for i in shown} == {path.stem.removeprefix("kind-")}


def test_a_recurring_listing_is_one_series_vevent_in_its_own_zone(
        exported: ExportSummary) -> None:
    (series,) = [e for e in _events(exported.folder / "listings.ics")
                 if str(e["SUMMARY"]) == "Austin Peer Consultation"]
    assert str(series["DTSTART"].params["TZID"]) == "America/Chicago"
    assert series["RRULE"] == icalendar.vRecur.from_ical(
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270601T000000Z")
    assert series.decoded("DTEND") - series.decoded("DTSTART") == timedelta(minutes=90)
    cal = icalendar.Calendar.from_ical((exported.folder / "listings.ics").read_bytes())
    assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["America/Chicago"]


def test_a_cancelled_meeting_of_a_series_is_an_exdate(exported: ExportSummary) -> None:
    (series,) = [e for e in _events(exported.folder / "listings.ics") if "RRULE" in e]
    values = series["EXDATE"] if isinstance(series["EXDATE"], list) else [series["EXDATE"]]
    excluded = [d.dt for value in values for d in value.dts]
    assert [d.isoformat() for d in excluded] == ["2026-12-15T18:00:00-06:00"]


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
    assert len(_events(ics / "state-TX.ics")) == 2  # the Austin series + online CE serving TX
    assert len(_events(ics / "state-CA.ics")) == 1
    assert len(_events(ics / "kind-consult_group.ics")) == 1
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
