"""The calendar feed server over a real published snapshot, on an ephemeral loopback port: a share
link's search comes back as the page's listings, in the card calendar's own series form."""

from __future__ import annotations

import os
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import icalendar
import pytest

from dashboard import feed_calendar, page_search, queries
from dashboard.feed import FeedServer
from dashboard.feed_calendar import (
    CAP_HEADER,
    LISTED_HEADER,
    LISTING_CAP,
    MATCHED_HEADER,
    NOT_FOUND,
    FeedSource,
)
from dashboard.ics_calendar import frame_to_ics
from dashboard.search_state import from_query_params
from dashboard.where import resolve_place
from pipelines.core.config import Paths
from pipelines.core.model import Occurrence
from tests.support.apptest import card_titles, run_app
from tests.support.dashboard_samples import (
    AS_OF,
    NY,
    listing,
    publish_sample,
    sample_listings,
    sample_sources,
)
from tests.support.snapshots import publish_listings

WEEKLY = "Queens IFS Consultation Circle"


def weekly_listing():
    """Wednesdays 19:00-20:30 New York, four stored meetings, the second one cancelled."""
    first = datetime(2026, 3, 4, 19, 0, tzinfo=ZoneInfo(NY))
    meetings = [first + timedelta(weeks=n) for n in range(4)]
    return listing("h-weekly", WEEKLY, attendance_mode="in_person", lat=40.7282, lon=-73.7949,
                   city="Queens", region="NY", timezone=NY, is_free=True,
                   start=first.isoformat(), end=(first + timedelta(minutes=90)).isoformat(),
                   rrule="FREQ=WEEKLY;BYDAY=WE",
                   occurrences=[Occurrence(start=m.isoformat(),
                                           end=(m + timedelta(minutes=90)).isoformat(),
                                           status="cancelled" if n == 1 else "scheduled")
                                for n, m in enumerate(meetings)])


@pytest.fixture(scope="module")
def published_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples and the weekly group, published once by the real code (tests read copies)."""
    return publish_sample(tmp_path_factory.mktemp("feed-snapshot") / "peermap.duckdb",
                          [*sample_listings(), weekly_listing()]).path


@pytest.fixture
def feed_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, published_once: Path) -> Path:
    published = Paths(tmp_path).published
    published.parent.mkdir(parents=True)
    shutil.copyfile(published_once, published)
    monkeypatch.setenv("PEERMAP_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PEERMAP_AS_OF", AS_OF.isoformat())
    return tmp_path


@pytest.fixture
def feed_url(feed_dir: Path) -> Iterator[str]:
    server = FeedServer(FeedSource(feed_dir), "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.base_url
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


def feed(base: str, params: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    return get(f"{base}/calendar.ics?{urlencode(params)}")


def events(body: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(body).walk("VEVENT"))


def page_calendar(feed_dir: Path, params: dict[str, str]) -> tuple[list[str], bytes]:
    """(titles, "Add all to calendar" bytes) of the dashboard's query for these share params."""
    search = from_query_params(params)
    origin = resolve_place(search.where).origin
    search = page_search.zoned(search, origin)
    con = queries.open_snapshot(Paths(feed_dir).published)
    try:
        results = queries.search_all(con, search, origin, AS_OF)
    finally:
        con.close()
    listed = page_search.shown_frame(results, search)
    calendar = frame_to_ics(listed, results.calendar, AS_OF)
    assert calendar is not None
    return [str(t) for t in listed["title"]], calendar


SHARE = {"where": "10001", "radius": "100"}


def test_feed_lists_the_listings_of_the_dashboard_query(feed_dir, feed_url):
    status, headers, body = feed(feed_url, SHARE)
    assert status == 200
    assert headers["Content-Type"] == "text/calendar; charset=utf-8"
    titles, download = page_calendar(feed_dir, SHARE)
    assert {str(e["SUMMARY"]) for e in events(body)} == set(titles)
    assert sorted(str(e["UID"]) for e in events(body)) == \
        sorted(str(e["UID"]) for e in events(download))


def test_feed_holds_the_cards_of_the_page_for_the_same_link(feed_dir, feed_url):
    params = {"where": "10001", "kind": "consult_group"}
    at = run_app(params)
    assert not at.exception
    status, _, body = feed(feed_url, params)
    assert status == 200
    assert sorted(str(e["SUMMARY"]) for e in events(body)) == sorted(card_titles(at))


def test_a_recurring_listing_is_one_series_in_its_own_zone(feed_url):
    _, _, body = feed(feed_url, SHARE)
    (series,) = [e for e in events(body) if str(e["SUMMARY"]) == WEEKLY]
    assert str(series["DTSTART"].params["TZID"]) == NY
    assert series["RRULE"] == icalendar.vRecur.from_ical("FREQ=WEEKLY;BYDAY=WE")
    assert series.decoded("DTEND") - series.decoded("DTSTART") == timedelta(minutes=90)
    assert "EXDATE" in series  # the cancelled meeting


def test_cap_is_stated_in_a_header_and_the_calendar_description(feed_url):
    _, headers, body = feed(feed_url, SHARE)
    assert headers[CAP_HEADER] == str(LISTING_CAP)
    description = str(icalendar.Calendar.from_ical(body)["X-WR-CALDESC"])
    assert f"at most {LISTING_CAP} listings" in description


def test_a_repeated_poll_with_the_etag_is_not_modified(feed_url):
    _, headers, _ = feed(feed_url, SHARE)
    url = f"{feed_url}/calendar.ics?{urlencode(SHARE)}"
    status, again, body = get(url, {"If-None-Match": headers["ETag"]})
    assert (status, body, again["ETag"]) == (304, b"", headers["ETag"])
    assert get(url, {"If-Modified-Since": headers["Last-Modified"]})[0] == 304


def test_a_swapped_snapshot_changes_the_feed(feed_dir, feed_url, tmp_path_factory):
    _, before, _ = feed(feed_url, SHARE)
    staged = tmp_path_factory.mktemp("next") / "peermap.duckdb"
    newcomer = listing("z-new", "Hoboken Couples Therapy Consult", attendance_mode="in_person",
                       lat=40.7440, lon=-74.0324, city="Hoboken", region="NJ", timezone=NY,
                       next_start=AS_OF + timedelta(days=3))
    publish_listings(staged, [*sample_listings(), newcomer], sample_sources(), as_of=AS_OF)
    os.replace(staged, Paths(feed_dir).published)
    status, after, body = feed(feed_url, SHARE)
    assert status == 200 and after["ETag"] != before["ETag"]
    titles = {str(e["SUMMARY"]) for e in events(body)}
    assert "Hoboken Couples Therapy Consult" in titles and WEEKLY not in titles
    old = get(f"{feed_url}/calendar.ics?{urlencode(SHARE)}", {"If-None-Match": before["ETag"]})
    assert old[0] == 200


@pytest.mark.parametrize("params", [
    {"radius": "99999999999999999999", "within": "-5", "tz": "../../etc/passwd",
     "kind": "<script>,supervision", "sort": "DROP TABLE"},
    {"where": "10001", "q": "x' OR 1=1; --", "lic": "ZZ", "max": "nan"},
])
def test_hostile_values_fall_back_to_defaults_as_on_the_page(feed_url, params):
    status, headers, body = feed(feed_url, params)
    assert status == 200, body
    assert headers["Content-Type"].startswith("text/calendar")
    assert b"<script>" not in body


@pytest.mark.parametrize(("params", "message"), [
    ({"where": "Nowhereville, ZZ"}, b"not found"),
    ({"where": "Kansas City"}, b"several places"),
])
def test_a_place_the_page_cannot_search_is_a_one_line_400(feed_url, params, message):
    status, headers, body = feed(feed_url, params)
    assert status == 400 and message in body
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    assert body.count(b"\n") == 1


def test_an_overlong_query_is_refused(feed_url):
    status, _, body = get(f"{feed_url}/calendar.ics?q={'a' * 5000}")
    assert status == 414 and body.count(b"\n") == 1


@pytest.mark.parametrize("path", ["/", "/calendar.ics/", "/../published/peermap.duckdb",
                                  "/published/", "/calendar.ICS", "/dashboard/feed.py"])
def test_any_other_path_is_404_without_a_listing(feed_url, path):
    status, headers, body = get(feed_url + path)
    assert status == 404
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    assert body == NOT_FOUND.encode() + b"\n"  # the same line for every path: nothing listed


def test_writes_are_refused(feed_url):
    request = urllib.request.Request(f"{feed_url}/calendar.ics", data=b"x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=30)  # noqa: S310 - loopback
    assert error.value.code == 405


def test_no_snapshot_yet_is_a_503(tmp_path):
    answer = FeedSource(tmp_path).answer("/calendar.ics?where=10001", {})
    assert answer.status == 503 and b"no data published yet" in answer.body


def test_a_search_over_the_cap_says_how_many_it_left_out(feed_dir, monkeypatch):
    monkeypatch.setattr(feed_calendar, "LISTING_CAP", 2)
    answer = FeedSource(feed_dir).answer(f"/calendar.ics?{urlencode(SHARE)}", {})
    headers = dict(answer.headers)
    assert answer.status == 200 and headers[CAP_HEADER] == "2"
    assert headers[LISTED_HEADER] == "2" and int(headers[MATCHED_HEADER]) > 2
    description = str(icalendar.Calendar.from_ical(answer.body)["X-WR-CALDESC"])
    assert f"only the first 2 of the {headers[MATCHED_HEADER]}" in description
    assert len({str(e["SUMMARY"]) for e in events(answer.body)}) == 2
