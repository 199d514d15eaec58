"""PARSERS, detect_format and the time zone table."""

from __future__ import annotations

import pytest

from pipelines.core.registry import FETCHED_FORMATS
from spiders.common.timezones import to_iana
from spiders.formats.registry import PARSERS, SITE_PREFIX, detect_format, parser_for
from tests.support.parser_fixtures import fixture_bytes


def test_parsers_cover_registry_formats() -> None:
    assert {k for k in PARSERS if not k.startswith(SITE_PREFIX)} == set(FETCHED_FORMATS)


def test_site_parsers_are_registered_under_site_keys() -> None:
    assert "site:peer_groups_directory" in PARSERS


def test_parser_for_returns_the_registered_parser() -> None:
    assert parser_for("site:peer_groups_directory") is PARSERS["site:peer_groups_directory"]


def test_parser_for_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="site:peer_groups_directory"):
        parser_for("site:nope")


@pytest.mark.parametrize(("relpath", "url", "ctype", "expected"), [
    ("ics/peer_group.ics", "https://x.org/feed", None, "ics"),
    ("tribe/events_page1.json", "https://x.org/wp-json/tribe/events/v1/events", None, "tribe"),
    ("tribe/events_page1.json", "https://x.org/api", "application/json", "tribe"),
    ("jsonld/graph_schedule.html", "https://x.org/events/", "text/html", "jsonld"),
    ("roster/supervisors.csv", "https://x.org/r.csv", None, "roster"),
    ("roster/supervisors.html", "https://x.org/r.html", "text/html", "roster"),
])
def test_detect_format(relpath: str, url: str, ctype: str | None, expected: str) -> None:
    assert detect_format(fixture_bytes(relpath), url, ctype) == expected


def test_detect_format_unknown_json() -> None:
    assert detect_format(b'{"hello": 1}', "https://x.org/api", "application/json") is None


@pytest.mark.parametrize(("name", "iana"), [
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Eastern Standard Time", "America/New_York"),
    ("central standard time", "America/Chicago"),
    ("UTC+0", "UTC"),
    ("UTC-5", "Etc/GMT+5"),
    ("UTC+10", "Etc/GMT-10"),
    ("UTC+5:30", None),
    ("America/Denver", "America/Denver"),
    ("/mozilla.org/20050126_1/Europe/Berlin", "Europe/Berlin"),
    ("Not A Zone", None),
    ("", None),
])
def test_to_iana(name: str, iana: str | None) -> None:
    assert to_iana(name) == iana


def test_no_test_only_parser_stays_registered() -> None:
    """Budget-breaking test parsers (tests/support/budget_parsers.py) live only in parse workers
    or inside `budget_formats_registered()`; registered at collection, every test walking the
    registry would run a memory hog in process."""
    assert not [name for name in PARSERS if name.startswith("site:test_")]
