"""Smoke properties: any bytes into any parser give a ParseResult, never an exception."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spiders.discover import discover
from spiders.formats.registry import PARSERS, detect_format
from spiders.items import ParseResult
from tests.support.parser_fixtures import make_ctx

PREFIXES = {
    "ics": b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n",
    "tribe": b'{"events": [',
    "jsonld": b'<script type="application/ld+json">{"@type":"Event",',
    "roster": b"Name,City,ZIP\n",
    "site:peer_groups_directory": b'<article class="group"><h3>G</h3><dl><dt>When</dt><dd>',
}
# Bytes that look like the format a little, so the fuzzing reaches past the first check.
bodies = st.one_of(
    st.binary(max_size=2000),
    st.tuples(st.sampled_from(sorted(PREFIXES.values())), st.binary(max_size=1500)).map(
        lambda pair: pair[0] + pair[1]),
    st.text(max_size=1500).map(str.encode),
)
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_parser_never_raises(fmt: str) -> None:
    @FUZZ
    @given(body=bodies)
    def check(body: bytes) -> None:
        started = time.perf_counter()
        result = PARSERS[fmt](body, make_ctx("https://example.org/feed"))
        assert isinstance(result, ParseResult)
        assert time.perf_counter() - started < 2.0
        assert all(isinstance(e, str) for e in result.errors)

    check()


@FUZZ
@given(body=bodies, ctype=st.sampled_from([None, "text/html", "text/csv", "text/calendar"]))
def test_discover_and_detect_never_raise(body: bytes, ctype: str | None) -> None:
    assert detect_format(body, "https://example.org/x", ctype) in (None, *PARSERS)
    assert isinstance(discover(body, "https://example.org/x", ctype), list)
