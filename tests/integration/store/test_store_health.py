from __future__ import annotations

from datetime import timedelta

from pipelines.store.health import assess_health
from tests.support.store_builders import AS_OF, listing, result


def test_fetch_failure_is_broken():
    assert assess_health(False, 0, 1, [10], "HTTP 503") == ("broken", "HTTP 503")


def test_zero_items_where_there_used_to_be_some_is_broken():
    assert assess_health(True, 0, 0, [10, 12])[0] == "broken"


def test_count_below_half_the_median_is_degraded():
    assert assess_health(True, 4, 0, [10, 10, 9, 11, 10, 100])[0] == "degraded"


def test_many_parse_errors_is_degraded():
    assert assess_health(True, 10, 3, [10])[0] == "degraded"


def test_steady_source_is_ok():
    assert assess_health(True, 9, 1, [10, 10]) == ("ok", None)


def test_health_is_stored_per_run_and_on_the_source(store):
    items = [listing(f"u{n}", title=f"Group {n}") for n in range(10)]
    for n in range(3):
        store.record_run(f"r{n}", AS_OF + timedelta(days=n), [result("assoc", items)])
    summary = store.record_run("r9", AS_OF + timedelta(days=5), [result("assoc", items[:3])])
    assert summary.sources[0].health == "degraded"
    assert [r["health"] for r in store.source_runs("assoc")] == ["ok", "ok", "ok", "degraded"]
    health = store.source_health()[0]
    assert (health["health"], health["item_count"]) == ("degraded", 3)
    assert health["last_success_at"] == AS_OF + timedelta(days=5)


def test_failed_run_marks_source_broken_and_keeps_last_success(store):
    store.record_run("r1", AS_OF, [result("assoc", [listing("u1")])])
    store.record_run("r2", AS_OF + timedelta(days=1),
                     [result("assoc", [], ok=False, error_reason="timeout")])
    health = store.source_health()[0]
    assert (health["health"], health["reason"]) == ("broken", "timeout")
    assert health["last_success_at"] == AS_OF
