from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from store_builders import AS_OF, listing, result

from pipelines.dedup import DedupIndex, evaluate, is_duplicate, load_pairs, record_from_fields

EVAL = Path(__file__).resolve().parents[1] / "data" / "dedup_eval.jsonl"


def _rec(**fields):
    base = {"source_id": "a", "title": "EMDR Consultation Group", "city": "Austin",
            "start": "2026-12-03T18:00:00-06:00", "attendance_mode": "in_person"}
    return record_from_fields({**base, **fields}, fields.get("id", "x"))


def test_labelled_pairs_reach_f1_target():
    pairs = load_pairs(EVAL)
    metrics = evaluate(pairs)
    assert len(pairs) >= 150
    assert metrics["f1"] >= 0.9 and metrics["precision"] >= 0.9


def test_reworded_title_same_instant_other_offset_is_duplicate():
    other = _rec(source_id="b", title="Monthly EMDR Consult - Austin",
                 start="2026-12-04T00:10:00+00:00")
    assert is_duplicate(_rec(), other)


def test_same_group_next_month_is_not_duplicate():
    assert not is_duplicate(_rec(), _rec(source_id="b", start="2026-12-31T18:00:00-06:00"))


def test_same_title_other_city_is_not_duplicate():
    assert not is_duplicate(_rec(), _rec(source_id="b", city="Dallas"))


def test_other_topic_same_slot_is_not_duplicate():
    assert not is_duplicate(_rec(), _rec(source_id="b", title="DBT Consultation Group"))


def test_index_blocks_by_day():
    index = DedupIndex(_rec(id=f"r{d}", start=f"2026-12-{d:02d}T18:00:00-06:00")
                       for d in range(1, 29))
    assert len(list(index.candidates(_rec(source_id="b")))) == 3


def test_store_links_the_same_event_from_two_sources(store):
    store.record_run("r1", AS_OF, [
        result("assoc", [listing("u1")]),
        result("eventbrite", [listing("e1", source_id="eventbrite",
                                      title="EMDR Consult Group | Austin")]),
    ])
    merged = store.listings()
    assert len(merged) == 1
    assert merged[0].source_ids == ["assoc", "eventbrite"]
    later = AS_OF + timedelta(days=1)
    store.record_run("r2", later, [result("eventbrite", [listing(
        "e1", source_id="eventbrite", title="EMDR Consult Group | Austin")])])
    assert [x.id for x in store.listings()] == [merged[0].id]
