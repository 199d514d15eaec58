"""No listing in either real-world corpus has a `+00:00` start unless the file said so
(`time_basis` explicit) or the listing says it assumed UTC (`assumed_utc`, counted: the
preview summary gives the number)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipelines.cli.preview import PreviewResult
from pipelines.core.model import Listing
from pipelines.ingest.listing import raw_items_to_listings
from pipelines.normalize.address import fill_address_from_location
from spiders.formats.registry import detect_format, parser_for
from spiders.items import ParseContext
from tests.support.paths import FIXTURES, REALWORLD

AS_OF = datetime(2000, 1, 1, tzinfo=UTC)  # every file's events lie after it
FOLDER_FORMAT = {"ics": "ics", "tribe": "tribe", "jsonld": "jsonld", "roster": "roster"}


def corpus_files() -> list[Path]:
    files = []
    for root in (FIXTURES / "realworld", REALWORLD):
        for folder in FOLDER_FORMAT:
            files += sorted(p for p in (root / folder).glob("*") if p.is_file())
    return files


def corpus_listings(path: Path) -> tuple[str, list[Listing]]:
    """(format, listings) of one corpus file, through the ingest path."""
    body = path.read_bytes()
    fmt = FOLDER_FORMAT[path.parent.name]
    if path.parent.name == "jsonld" and detect_format(body, path.name, None) not in (
            "jsonld", None):
        fmt = detect_format(body, path.name, None) or fmt
    ctx = ParseContext(source_id="rw", url=f"https://example.org/{path.name}", as_of=AS_OF,
                       horizon_days=1)
    items = parser_for(fmt)(body, ctx).items
    for item in items:
        fill_address_from_location(item)
    listings, _ = raw_items_to_listings(items, as_of=AS_OF, horizon_days=1)
    return fmt, listings


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: f"{p.parent.parent.name}/"
                         f"{p.parent.name}/{p.name}")
def test_no_unexplained_utc_start(path: Path) -> None:
    _fmt, listings = corpus_listings(path)
    silent = [(x.title, x.start, x.time_basis) for x in listings
              if x.start and x.start.endswith("+00:00") and not x.all_day
              and x.time_basis not in ("explicit", "assumed_utc")]
    assert silent == []
    assert all(x.time_basis is not None for x in listings if x.start)


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: f"{p.parent.parent.name}/"
                         f"{p.parent.name}/{p.name}")
def test_assumed_utc_listings_are_counted_in_the_summary(path: Path) -> None:
    fmt, listings = corpus_listings(path)
    assumed = sum(x.time_basis == "assumed_utc" for x in listings)
    summary = PreviewResult(format=fmt, listings=listings).summary()
    assert (f"{assumed} with no stated time zone" in summary) is (assumed > 0)
