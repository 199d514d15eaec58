"""Ground-truth counts of the fictional catalog (demo/catalog.py) for a fixed as_of."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from demo.catalog import BROKEN, JSONLD_PAGES, build_catalog
from pipelines.core.model import AUDIENCES, KINDS

AS_OF = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def catalog():
    return build_catalog(AS_OF)


def test_at_least_150_distinct_listings(catalog):
    assert len(catalog.distinct_listing_keys()) >= 150


def test_listings_span_at_least_ten_states(catalog):
    assert len(catalog.states()) >= 10


def test_at_least_three_cancelled_listings(catalog):
    assert len(catalog.cancelled()) >= 3


def test_at_least_five_cross_source_duplicates(catalog):
    groups = catalog.duplicate_groups()
    assert len(groups) >= 5
    for members in groups.values():
        assert len({m.source_id for m in members}) == 2
        assert len({m.city for m in members}) == 1
        assert abs(members[0].start - members[1].start) <= timedelta(minutes=15)


def test_at_least_three_items_not_for_therapists(catalog):
    others = catalog.by_kind("other")
    assert len(others) >= 3
    titles = " ".join(e.title.lower() for e in others)
    assert "yoga" in titles and "farmers market" in titles and "craft" in titles


def test_labels_use_model_vocabulary(catalog):
    for entry in catalog.entries():
        assert entry.kind in KINDS
        assert set(entry.audience) <= set(AUDIENCES)


def test_keys_are_unique(catalog):
    keys = [e.key for e in catalog.entries()]
    assert len(keys) == len(set(keys))


def test_only_intended_duplicates_share_a_title(catalog):
    twins = {e.title for e in catalog.events if e.duplicate_group}
    singles = [e.title for e in catalog.events if not e.duplicate_group]
    assert len(singles) == len(set(singles))
    assert not twins & set(singles)


def test_one_off_events_fall_within_horizon_or_recent_past(catalog):
    for event in catalog.events:
        if event.rrule is None:
            assert AS_OF - timedelta(days=31) <= event.start <= AS_OF + timedelta(days=91)


def test_some_one_off_events_are_in_the_past(catalog):
    assert sum(1 for e in catalog.events if e.rrule is None and e.end < AS_OF) >= 2


def test_spanish_listings_exist(catalog):
    assert sum(1 for e in catalog.events if "es" in e.languages) >= 2


def test_modes_cover_in_person_online_and_hybrid(catalog):
    assert {e.attendance_mode for e in catalog.events} == {"in_person", "online", "hybrid"}


def test_dates_move_with_as_of():
    later = build_catalog(AS_OF + timedelta(days=365))
    first = build_catalog(AS_OF)
    a = next(e for e in first.events if e.source_id == JSONLD_PAGES)
    b = next(e for e in later.events if e.key == a.key)
    assert b.start - a.start == timedelta(days=365)


def test_broken_source_has_no_listings(catalog):
    assert not [e for e in catalog.entries() if e.source_id == BROKEN]


def test_contact_addresses_are_fictional_and_ascii(catalog):
    for person in catalog.supervisors:
        assert person.email.endswith("@example.org") and person.email.isascii()
        assert "555-01" in person.phone
        assert person.website is None or person.website.isascii()


def test_truth_rows_label_every_entry(catalog):
    rows = catalog.truth()
    assert len(rows) == len(list(catalog.entries()))
    assert {r["status"] for r in rows} >= {"scheduled", "cancelled", "postponed"}
    assert sum(1 for r in rows if r["duplicate_group"]) == 2 * len(catalog.duplicate_groups())
