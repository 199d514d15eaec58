"""One event, one listing per page: JSON-LD and microdata copies are merged field by field.

Fixture tests/fixtures/jsonld/copies_one_event.html is reduced from the real CivicPlus page in
tests/fixtures/realworld/jsonld/cityscrapers_atconj_county_commission.html.
"""

from __future__ import annotations

import pytest

from spiders.formats import jsonld
from spiders.formats.event_copies import are_copies, merge_copies
from spiders.items import ParseResult, RawItem
from tests.support.parser_fixtures import fixture_bytes, make_ctx

PAGE = "https://www.example.gov/meetings/"


@pytest.fixture(scope="module")
def result() -> ParseResult:
    return jsonld.parse(fixture_bytes("jsonld/copies_one_event.html"), make_ctx(PAGE))


def starting(result: ParseResult, prefix: str) -> list[RawItem]:
    return [i for i in result.items if (i.start or "").startswith(prefix)]


def raw(title: str, start: str | None, url: str | None = None) -> RawItem:
    return RawItem(source_id="s", format="jsonld", source_url=PAGE, title=title, start=start,
                   url=url)


def test_one_listing_per_event(result: ParseResult) -> None:
    assert sorted(i.start[:10] for i in result.items if i.start) == [
        "2024-12-17", "2025-01-07", "2025-02-11", "2025-03-11"]


def test_data_vocabulary_summary_is_the_title_and_its_url_is_kept(result: ParseResult) -> None:
    [meeting] = starting(result, "2025-01-07")
    assert meeting.url == ("https://www.example.gov/Home/Components/Calendar/Event/1440/377"
                           "?toggle=all")


def test_jsonld_only_fields_survive_the_merge(result: ParseResult) -> None:
    [meeting] = starting(result, "2025-01-07")
    assert meeting.venue_name == "Atlantic County Institute of Technology"


def test_start_with_offset_beats_floating_copy(result: ParseResult) -> None:
    [group] = starting(result, "2025-02-11")
    assert group.start == "2025-02-11T18:30:00-06:00"
    assert group.end == "2025-02-11T20:00:00-06:00"


def test_microdata_only_fields_fill_the_jsonld_copy(result: ParseResult) -> None:
    [group] = starting(result, "2025-02-11")
    assert (group.url, group.lat, group.lon, group.street) == (
        "https://www.example.gov/events/peer-consultation-group", 38.9717, -95.2353, "12 Elm St")


def test_longer_text_wins(result: ParseResult) -> None:
    [group] = starting(result, "2025-02-11")
    assert group.description.startswith("Monthly peer consultation")


def test_a_cancelled_copy_is_not_outvoted(result: ParseResult) -> None:
    [group] = starting(result, "2025-02-11")
    assert group.status == "EventCancelled"


def test_merged_item_says_how_many_copies(result: ParseResult) -> None:
    [group] = starting(result, "2025-02-11")
    assert group.extra["copies"] == 2


def test_same_title_other_day_is_not_a_copy() -> None:
    assert not are_copies(raw("Group", "2025-02-11T18:30"), raw("Group", "2025-03-11T18:30"))


def test_different_offsets_are_not_copies() -> None:
    assert not are_copies(raw("Group", "2025-02-11T18:30-06:00"),
                          raw("Group", "2025-02-11T18:30-05:00"))


def test_same_url_other_title_is_a_copy() -> None:
    url = "https://www.example.gov/e/1"
    assert are_copies(raw("Board meeting", "2025-02-11T18:30", url),
                      raw("Regular Board Meeting", "2025-02-11T18:30:00", url))


def test_other_url_other_title_same_minute_are_two_events() -> None:
    items, merged = merge_copies([raw("A", "2025-02-11T18:30", "https://x.org/a"),
                                  raw("B", "2025-02-11T18:30", "https://x.org/b")])
    assert (len(items), merged) == (2, 0)


def test_first_copy_uid_is_kept() -> None:
    first, second = raw("A", "2025-02-11T18:30"), raw("A", "2025-02-11T18:30", "https://x.org/a")
    first.uid, second.uid = "uid-1", "https://x.org/a"
    [item], merged = merge_copies([first, second])
    assert (item.uid, item.url, merged) == ("uid-1", "https://x.org/a", 1)
