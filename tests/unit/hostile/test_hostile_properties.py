"""Hostile input, property-based: every parser and text extractor survives anything, quickly.

HYPOTHESIS_PROFILE picks the budget: "ci" (default, small, for `make test`) or "long" (the
≥100,000-example run recorded in docs/reliability.md). Each target counts the examples it tried.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.classify import classify
from pipelines.classify.cost import classify_cost
from pipelines.geocode.prep import prepare
from pipelines.ingest.listing import raw_items_to_listings
from pipelines.normalize.text import (
    clean_title,
    html_to_text,
    normalize_email,
    normalize_phone,
    parse_iso,
    safe_url,
    to_aware,
    to_local_iso,
)
from spiders.discover import discover
from spiders.formats.registry import PARSERS, detect_format
from spiders.items import ParseContext, ParseResult, RawItem
from tests.support.outcomes import record

pytestmark = pytest.mark.reliability  # recorded for docs/reliability.md

AS_OF = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
SLOW_S = 2.0  # one example over this is a hang, not a slow machine
settings.register_profile("ci", max_examples=25, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=6000, deadline=None,
                          suppress_health_check=list(HealthCheck))
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)
TRIED: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def _record_examples_tried():
    """After this file's properties ran, write the per-target example counts for the report
    (docs/reliability.md); a fixture, not a test, so it asserts nothing and needs no order."""
    yield
    if TRIED:
        record("hypothesis", PROFILE, {"profile": PROFILE, "total": sum(TRIED.values()),
                                       "per_target": dict(sorted(TRIED.items()))})

PREFIXES = [b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:", b'{"events": [{"title": ',
            b'<script type="application/ld+json">{"@type":"Event","name":',
            b"Name,City,ZIP,Credential\n", b"\xef\xbb\xbf", b"<html><body><table><tr><td>"]
HOSTILE_TEXT = ["<script>alert(1)</script>", "javascript:alert(1)", "\u202e", "\x00", "&#0;",
                "DTSTART;TZID=Mars/Olympus:99999999T999999", "$-1e309", "9" * 400, "\ud7ff",
                "[x](javascript:alert(1))", "RRULE:FREQ=SECONDLY;COUNT=999999999",
                ',"x",\n' + '"' * 300 + " a"]  # hung csv.Sniffer (test_hostile_roster_regression)
texts = st.one_of(st.text(max_size=600),
                  st.lists(st.sampled_from(HOSTILE_TEXT) | st.text(max_size=40), max_size=12)
                  .map("".join))
bodies = st.one_of(st.binary(max_size=3000),
                   st.tuples(st.sampled_from(PREFIXES), st.binary(max_size=2000)).map(b"".join),
                   st.tuples(st.sampled_from(PREFIXES), texts).map(
                       lambda p: p[0] + p[1].encode("utf-8", "surrogatepass")))


def _timed(name: str, call, *args, **kwargs):
    started = time.perf_counter()
    result = call(*args, **kwargs)
    assert time.perf_counter() - started < SLOW_S, f"{name} took too long"
    TRIED[name] += 1
    return result


def _ctx(url: str = "https://example.org/feed") -> ParseContext:
    return ParseContext(source_id="hostile", url=url, as_of=AS_OF,
                        default_timezone="America/Chicago", default_region="TX")


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_format_parser_survives_any_bytes(fmt):
    @given(body=bodies)
    def check(body: bytes) -> None:
        assert isinstance(_timed(f"parse:{fmt}", PARSERS[fmt], body, _ctx()), ParseResult)
    check()


@given(body=bodies, ctype=st.none() | st.sampled_from(["text/html", "text/calendar", "x/\x00"]))
def test_format_detection_and_discovery_survive_any_bytes(body, ctype):
    guess = _timed("detect_format", detect_format, body, "https://example.org/x", ctype)
    assert guess is None or guess in PARSERS
    assert isinstance(_timed("discover", discover, body, "https://example.org/x", ctype), list)


@given(text=texts)
def test_text_extractors_survive_any_text(text):
    assert isinstance(_timed("html_to_text", html_to_text, text), str)
    title, *_ = _timed("clean_title", clean_title, text)
    assert isinstance(title, str)
    email = _timed("normalize_email", normalize_email, text)
    assert email is None or "@" in email
    phone = _timed("normalize_phone", normalize_phone, text)
    assert phone is None or isinstance(phone, str)
    _timed("prepare(geocode)", prepare, text)


@given(text=texts)
def test_safe_url_only_passes_safe_schemes(text):
    url = _timed("safe_url", safe_url, text)
    assert url is None or url.split(":", 1)[0].lower() in ("http", "https", "mailto", "tel")


@given(text=texts, tz=st.none() | st.sampled_from(["America/Chicago", "Mars/Base", "", "UTC+5"]))
def test_date_parsers_survive_any_text(text, tz):
    parsed = _timed("parse_iso", parse_iso, text)
    assert parsed is None or isinstance(parsed, datetime | date)
    aware = _timed("to_aware", to_aware, text, tz)
    assert aware is None or aware.tzinfo is not None
    local = _timed("to_local_iso", to_local_iso, text, tz)
    assert local is None or isinstance(local, str)


@given(title=texts, description=texts, cost=st.none() | texts,
       low=st.none() | st.floats(allow_nan=True), location=st.none() | texts)
def test_classifiers_survive_any_text(title, description, cost, low, location):
    assert _timed("classify", classify, title, description, location_text=location, cost_text=cost,
           cost_min=low) is not None
    assert _timed("classify_cost", classify_cost, description, cost_text=cost, is_free=None,
           cost_min=low, cost_max=None, currency=None, extra={}) is not None


@given(title=texts, description=texts, start=st.none() | texts, rrule=st.none() | texts,
       url=st.none() | texts, city=st.none() | texts)
def test_ingest_never_raises_for_a_hostile_item(title, description, start, rrule, url, city):
    raw = RawItem(source_id="hostile", format="ics", source_url="https://example.org/f",
                  title=title, description=description, start=start, rrule=rrule, url=url,
                  city=city, online_url=url, contact_url=url)
    listings, _errors = _timed("raw_items_to_listings", raw_items_to_listings, [raw], as_of=AS_OF)
    for listing in listings:
        for value in (listing.url, listing.online_url):
            assert value is None or value.split(":", 1)[0].lower() in ("http", "https")
