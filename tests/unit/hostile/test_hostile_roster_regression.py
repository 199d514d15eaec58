"""Regression: the long Hypothesis profile found roster CSVs that hung the parser (csv.Sniffer's
doublequote regex backtracks catastrophically on a line of many quote characters)."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from spiders.formats import roster
from spiders.formats.roster_table import sniff_delimiter
from spiders.items import ParseContext

CTX = ParseContext(source_id="hostile", url="https://example.org/roster.csv",
                   as_of=datetime(2026, 11, 2, 12, 0, tzinfo=UTC),
                   default_timezone="America/Chicago", default_region="TX")
# Minimised falsifying shape: a quoted cell (so a quote character is "detected") and then a
# line of quotes the doublequote regex must fail to match. 200 quotes took 6-13 s before the fix.
FALSIFYING = [b'Name,City\n,"x",\n' + b'"' * 400 + b" a",
              b'Name,City\n,"x",\n' + b'" ' * 400 + b"a",
              b'Name,City\nAna Ruiz,Austin\n,"x",\n' + b'"' * 2500 + b"a,"]


@pytest.mark.parametrize("body", FALSIFYING, ids=["quotes-space", "quote-space-pairs", "long"])
def test_roster_with_a_line_of_quotes_parses_quickly(body):
    started = time.perf_counter()
    roster.parse(body, CTX)
    assert time.perf_counter() - started < 0.5


def test_rows_still_read_after_a_line_of_quotes():
    body = b'Name,City\nAna Ruiz,Austin\n' + b'"' * 300 + b'\n'
    assert [i.organizer for i in roster.parse(body, CTX).items] == ["Ana Ruiz"]


@pytest.mark.parametrize(("sample", "expected"), [
    ("Name;City;ZIP\nAna;Austin;78701\n", ";"),
    ('Name,Credential\n"Ruiz, Ana","PhD, LPC-S"\n', ","),
    ("Name\tCity\nAna\tAustin, TX\n", "\t"),
    ("Name|City\nAna|Austin\n", "|"),
    ("Name\nAna\n", ","),
])
def test_delimiter_sniffing_reads_the_common_dialects(sample, expected):
    assert sniff_delimiter(sample) == expected
