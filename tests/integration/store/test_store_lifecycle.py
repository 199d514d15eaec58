from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.publish import publish_store
from pipelines.store import Store
from tests.support.store_builders import AS_OF, listing, result


def _published_ids(store, tmp_path, as_of):
    import duckdb
    dest = tmp_path / "pub" / "peermap.duckdb"
    publish_store(store, dest, as_of)
    with duckdb.connect(str(dest), read_only=True) as con:
        return {r[0] for r in con.execute("SELECT id FROM listings").fetchall()}


def test_vanished_listing_gets_missing_since_not_deleted(store):
    store.record_run("r1", AS_OF, [result("assoc", [listing("u1"), listing("u2", title="DBT")])])
    later = AS_OF + timedelta(days=1)
    summary = store.record_run("r2", later, [result("assoc", [listing("u1")])])
    by_title = {x.title: x for x in store.listings()}
    assert summary.sources[0].missing == 1
    assert by_title["DBT"].missing_since == later.isoformat()
    assert by_title["EMDR Consultation Group"].missing_since is None


def test_missing_listing_stays_published_within_grace_then_leaves(store, tmp_path):
    store.record_run("r1", AS_OF, [result("assoc", [listing("u1", days=40)])])
    lid = store.listings()[0].id
    store.record_run("r2", AS_OF + timedelta(days=1), [result("assoc", [])])
    assert lid in _published_ids(store, tmp_path, AS_OF + timedelta(days=14))
    assert lid not in _published_ids(store, tmp_path, AS_OF + timedelta(days=15, hours=1))


def test_missing_listing_comes_back_when_seen_again(store):
    store.record_run("r1", AS_OF, [result("assoc", [listing("u1")])])
    store.record_run("r2", AS_OF + timedelta(days=1), [result("assoc", [])])
    store.record_run("r3", AS_OF + timedelta(days=2), [result("assoc", [listing("u1")])])
    assert store.listings()[0].missing_since is None


def test_past_event_dropping_off_a_feed_is_not_missing(store):
    store.record_run("r1", AS_OF, [result("assoc", [listing("u1", days=1)])])
    store.record_run("r2", AS_OF + timedelta(days=3), [result("assoc", [])])
    assert store.listings()[0].missing_since is None


def test_failed_source_keeps_its_listings_untouched(store):
    store.record_run("r1", AS_OF, [result("assoc", [listing("u1")])])
    before = store.listings()
    summary = store.record_run("r2", AS_OF + timedelta(days=1), [result("assoc", [], ok=False)])
    assert store.listings() == before
    assert summary.status == "failed"


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(1, 50), min_size=1, max_size=8, unique=True),
       st.lists(st.booleans(), min_size=1, max_size=4))
def test_a_failing_source_loses_nothing(tmp_path_factory, days, outcomes):
    items = [listing(f"u{d}", title=f"Group {d}", days=d) for d in days]
    with Store(tmp_path_factory.mktemp("fail") / "s.duckdb") as store:
        store.record_run("r0", AS_OF, [result("assoc", items)])
        before = store.listings()
        for n, _ in enumerate(outcomes, start=1):
            store.record_run(f"r{n}", AS_OF + timedelta(hours=n),
                             [result("assoc", items[:1], ok=False)])
        assert store.listings() == before


def test_exception_mid_run_rolls_back_everything(store, monkeypatch):
    store.record_run("r1", AS_OF, [result("assoc", [listing("u1")])])
    before = store.listings()

    def boom(*_a, **_k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_write_raw", boom)
    with pytest.raises(RuntimeError):
        store.record_run("r2", AS_OF + timedelta(days=1),
                         [result("assoc", [listing("u1", city="Dallas"), listing("u9")])])
    assert store.listings() == before
    assert store.con.execute("SELECT count(*) FROM crawl_runs").fetchall()[0][0] == 1
    assert store.con.execute("SELECT count(*) FROM source_runs").fetchall()[0][0] == 1
