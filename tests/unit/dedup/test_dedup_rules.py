from __future__ import annotations

from pipelines.dedup.rules import DedupIndex, is_duplicate, record_from_fields
from tests.support.paths import DATA
from tools.dedup_quality import evaluate, load_pairs

EVAL = DATA / "dedup_eval.jsonl"


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
