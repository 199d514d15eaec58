"""The built demo site: deterministic, labelled fictional, and valid in every format."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime

import icalendar
import pytest
from selectolax.lexbor import LexborHTMLParser

from demo.catalog import GOOGLE_ICS, JSONLD_PAGES, OUTLOOK_ICS, ROSTER_CSV, ROSTER_HTML, TEC_API
from demo.generate import SOURCE_PATHS, build_site
from demo.rosters import CSV_COLUMNS, HTML_COLUMNS
from demo.tribe_api import TEC_HOME_PATH, TEC_ICAL_PATH

AS_OF = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def site():
    return build_site(AS_OF)


def _jsonld_blocks(body: bytes) -> list[object]:
    tree = LexborHTMLParser(body.decode("utf-8"))
    return [json.loads(node.text()) for node in tree.css('script[type="application/ld+json"]')]


def test_site_is_deterministic_for_fixed_as_of(site):
    again = build_site(AS_OF)
    assert {k: (v.body, v.last_modified) for k, v in site.items()} == {
        k: (v.body, v.last_modified) for k, v in again.items()}


def test_seed_changes_the_generated_listings(site):
    other = build_site(AS_OF, seed=8)
    path = SOURCE_PATHS[GOOGLE_ICS]
    assert other[path].body != site[path].body


def test_every_source_document_says_fictional(site):
    for source_id, path in SOURCE_PATHS.items():
        if site[path].status == 200:
            assert b"Fictional demo data" in site[path].body, source_id


def test_every_served_document_says_fictional(site):
    missing = [path for path, res in site.items()
               if res.status == 200 and b"Fictional demo data" not in res.body]
    assert missing == []


def test_google_feed_parses_with_override_and_cancelled_occurrence(site):
    cal = icalendar.Calendar.from_ical(site[SOURCE_PATHS[GOOGLE_ICS]].body)
    assert cal["X-WR-TIMEZONE"] == "America/Chicago"
    events = list(cal.walk("VEVENT"))
    overrides = [e for e in events if "RECURRENCE-ID" in e]
    assert any(e["STATUS"] == "CANCELLED" for e in overrides)
    assert any(e["STATUS"] == "CONFIRMED" for e in overrides)
    assert any("EXDATE" in e and "RRULE" in e for e in events)


def test_outlook_feed_uses_windows_zone_and_multi_exdate_line(site):
    body = site[SOURCE_PATHS[OUTLOOK_ICS]].body.decode("utf-8")
    assert "TZID=Central Standard Time:" in body
    unfolded = body.replace("\r\n ", "")
    assert re.search(r"^EXDATE;TZID=Central Standard Time:\d{8}T\d{6}(,\d{8}T\d{6}){2,}",
                     unfolded, re.M)
    cal = icalendar.Calendar.from_ical(body)
    assert len(list(cal.walk("VEVENT"))) >= 20


def test_tec_pages_chain_by_next_rest_url(site):
    url_path = SOURCE_PATHS[TEC_API]
    pages = 0
    key: str | None = url_path
    while key:
        data = json.loads(site[key].body)
        pages += 1
        nxt = data.get("next_rest_url")
        key = None
        if nxt:
            m = re.search(r"\?page=(\d+)&per_page=(\d+)", nxt)
            assert m
            key = f"{url_path}?page={m[1]}&per_page={m[2]}"
    assert pages >= 3


def test_tec_events_vary_venue_and_organizer_shapes(site):
    events = []
    for key, res in site.items():
        if key.endswith("per_page=50"):
            events += json.loads(res.body)["events"]
    assert any(e["venue"] == [] for e in events)
    assert any(isinstance(e["venue"], dict) for e in events)
    assert any(isinstance(e["organizer"], list) for e in events)
    assert any(isinstance(e["organizer"], dict) for e in events)
    assert any("&#" in e["title"] for e in events)
    assert all(e["utc_start_date"] and "cost_details" in e for e in events)


def test_tec_home_page_advertises_api_and_ical(site):
    page = site[TEC_HOME_PATH].body.decode()
    assert '<meta name="tec-api-version" content="v1">' in page
    assert 'type="text/calendar"' in page and "?ical=1" in page
    icalendar.Calendar.from_ical(site[TEC_ICAL_PATH].body)


def test_organizer_page_itemlist_has_full_and_link_only_entries(site):
    (item_list,) = _jsonld_blocks(site[SOURCE_PATHS[JSONLD_PAGES]].body)
    elements = item_list["itemListElement"]
    link_only = [e for e in elements if "item" not in e]
    assert link_only and all(set(e) >= {"url", "name"} for e in link_only)
    for entry in link_only:
        path = entry["url"].split("8765", 1)[1]
        (event,) = _jsonld_blocks(site[path].body)
        assert event["@type"] == "Event" and event["startDate"]


def test_script_in_descriptions_cannot_close_the_jsonld_element(site):
    pages = [site[SOURCE_PATHS[JSONLD_PAGES]].body] + [
        res.body for path, res in site.items() if path.startswith("/e/")]
    hostile = 0
    for body in pages:
        text = body.decode()
        assert text.count("</script>") == text.count('<script type="application/ld+json">')
        hostile += sum("alert(" in json.dumps(block) for block in _jsonld_blocks(body))
    assert hostile >= 1  # the hostile text is there, as data inside the JSON


def test_csv_roster_reads_with_declared_headers(site):
    text = site[SOURCE_PATHS[ROSTER_CSV]].body.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) >= 20
    assert set(CSV_COLUMNS.values()) == set(rows[0])
    assert any("sliding scale" in r["Fee"] for r in rows)
    assert {r["Telehealth"] for r in rows} == {"yes", "no"}


def test_html_roster_table_has_declared_headers(site):
    tree = LexborHTMLParser(site[SOURCE_PATHS[ROSTER_HTML]].body.decode())
    headers = [th.text() for th in tree.css("table#supervisors thead th")]
    assert headers == list(HTML_COLUMNS.values())
    assert len(tree.css("table#supervisors tbody tr")) >= 20


def test_robots_disallows_private_only(site):
    robots = site["/robots.txt"].body.decode()
    assert "Disallow: /private/" in robots
