"""Parse once per content: a cached parse (reused across days) equals a direct parse."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from spiders.formats.registry import parser_for
from spiders.items import ParseContext, ParseResult
from spiders.parse_cache import parse_cached
from tests.support.paths import FIXTURES

ICS_FILES = sorted((FIXTURES / "ics").glob("*.ics")) + sorted(
    (FIXTURES / "realworld" / "ics").glob("*.ics"))
# Days inside one 7-day epoch, across an epoch boundary, and at a horizon edge of the fixtures.
AS_OFS = [datetime(2026, 3, 2, 12, tzinfo=UTC) + timedelta(days=d, hours=h)
          for d, h in ((0, 0), (1, 0), (3, 7), (6, 23), (7, 0), (11, 5))] + [
    datetime(2012, 1, 1, tzinfo=UTC), datetime(2019, 6, 15, 18, tzinfo=UTC)]


def _context(path: Path, as_of: datetime, tz: str | None = None) -> ParseContext:
    return ParseContext(source_id="s", url=path.as_uri(), as_of=as_of, default_timezone=tz,
                        horizon_days=90)


def _plain(result: ParseResult) -> dict[str, object]:
    data = asdict(result)
    data.pop("occurrence_spans")
    return data


@pytest.mark.parametrize("path", ICS_FILES, ids=lambda p: p.name)
def test_cached_ics_parse_equals_direct_parse_on_every_day(path: Path, tmp_path: Path) -> None:
    body = path.read_bytes()
    reused_any = False
    for tz in (None, "America/Chicago"):
        for as_of in AS_OFS:
            direct = parser_for("ics")(body, _context(path, as_of, tz))
            cached, reused = parse_cached("ics", body, _context(path, as_of, tz), tmp_path)
            reused_any |= reused
            assert _plain(cached) == _plain(direct), f"{path.name} as_of={as_of} tz={tz}"
    assert reused_any  # the later days of an epoch came from the cache


def test_a_second_day_is_served_from_the_cache(tmp_path: Path) -> None:
    path = FIXTURES / "ics" / "peer_group.ics"
    body = path.read_bytes()
    _, first = parse_cached("ics", body, _context(path, AS_OFS[0]), tmp_path)
    _, second = parse_cached("ics", body, _context(path, AS_OFS[1]), tmp_path)
    _, changed = parse_cached("ics", body + b"\r\n", _context(path, AS_OFS[1]), tmp_path)
    assert (first, second, changed) == (False, True, False)


@pytest.mark.parametrize("fmt,name", [("tribe", "tribe/events_page1.json"),
                                      ("jsonld", "jsonld/graph_schedule.html"),
                                      ("roster", "roster/supervisors.csv")])
def test_as_of_free_formats_are_reused_unchanged(fmt: str, name: str, tmp_path: Path) -> None:
    path = FIXTURES / name
    body = path.read_bytes()
    ctx = _context(path, AS_OFS[0])
    if fmt == "roster":
        ctx.columns.update({"name": "Name"})
    direct = parser_for(fmt)(body, ctx)
    parse_cached(fmt, body, ctx, tmp_path)
    cached, reused = parse_cached(fmt, body, ctx, tmp_path)
    assert reused and _plain(cached) == _plain(direct)


def test_site_parsers_are_never_cached(tmp_path: Path) -> None:
    path = FIXTURES / "sites" / "peer_groups_directory.html"
    ctx = _context(path, AS_OFS[0])
    parse_cached("site:peer_groups_directory", path.read_bytes(), ctx, tmp_path)
    _, reused = parse_cached("site:peer_groups_directory", path.read_bytes(), ctx, tmp_path)
    assert not reused and not list(tmp_path.iterdir())
