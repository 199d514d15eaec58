"""The demo's peer groups directory page (demo/directory_page.py) against its ground truth."""

from __future__ import annotations

from datetime import UTC, datetime

from demo.catalog import PEER_GROUPS_DIRECTORY, SOURCE_FORMATS, build_catalog
from demo.directory_page import DIRECTORY_PATH
from demo.generate import SOURCE_PATHS, build_site
from spiders.formats.registry import parser_for
from spiders.items import ParseContext

AS_OF = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
SITE = build_site(AS_OF)
TRUTH = {e.title: e for e in build_catalog(AS_OF).events_for(PEER_GROUPS_DIRECTORY)}
CTX = ParseContext(source_id=PEER_GROUPS_DIRECTORY, url="http://127.0.0.1:8765" + DIRECTORY_PATH,
                   as_of=AS_OF, default_timezone="America/Denver", default_region="WY")
RESULT = parser_for(SOURCE_FORMATS[PEER_GROUPS_DIRECTORY])(SITE[DIRECTORY_PATH].body, CTX)


def test_page_is_served_at_the_source_path():
    assert SOURCE_PATHS[PEER_GROUPS_DIRECTORY] == "/directory/peer-groups.html"
    assert b"Fictional demo data" in SITE[DIRECTORY_PATH].body


def test_page_has_no_json_ld():
    assert b"application/ld+json" not in SITE[DIRECTORY_PATH].body


def test_every_catalog_group_is_parsed_without_errors():
    assert RESULT.errors == []
    assert {item.title for item in RESULT.items} == set(TRUTH)


def test_groups_sit_in_states_the_other_sources_barely_cover():
    assert {e.state for e in TRUTH.values()} == {"WY", "ND", "NM", "ME", "KY"}


def test_parsed_rules_match_the_catalog():
    assert {i.title: i.rrule for i in RESULT.items} == {t: e.rrule for t, e in TRUTH.items()}


def test_first_starts_are_the_catalog_series_next_occurrences_in_local_time():
    for item in RESULT.items:
        event = TRUTH[item.title]
        start = datetime.fromisoformat(item.start or "")
        assert start >= AS_OF
        # Same wall-clock time as the series start (which may be in daylight time).
        assert (start.hour, start.minute) == (event.start.hour, event.start.minute), item.title
        assert item.timezone == event.timezone


def test_online_groups_have_no_location():
    online = [i for i in RESULT.items if TRUTH[i.title].attendance_mode == "online"]
    assert online and all(i.location_text is None and i.attendance_mode == "online"
                          for i in online)


def test_script_links_never_become_contacts():
    assert all(i.contact_url is None or i.contact_url.startswith("http") for i in RESULT.items)
    assert all(i.contact_email == TRUTH[i.title].contact_email for i in RESULT.items)
