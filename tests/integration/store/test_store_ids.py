from __future__ import annotations

import dataclasses
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.store import Store
from tests.support.store_builders import AS_OF, listing, result


def _ids(store):
    return {(x.source_id, x.source_uid): x.id for x in store.listings()}


def test_first_sighting_gets_short_deterministic_id(tmp_path):
    ids = []
    for n in range(2):
        with Store(tmp_path / f"s{n}.duckdb") as store:
            store.record_run("r1", AS_OF, [result("assoc", [listing("u1")])])
            ids.append(store.listings()[0].id)
    assert ids[0] == ids[1]
    assert ids[0].startswith("pm_") and len(ids[0]) == 15


def test_recrawl_keeps_the_id(store):
    store.record_run("r1", AS_OF, [result("assoc", [listing("u1")])])
    first = store.listings()[0].id
    store.record_run("r2", AS_OF + timedelta(days=1), [result("assoc", [listing("u1")])])
    assert [x.id for x in store.listings()] == [first]


def test_uid_rewrite_keeps_the_id(store):
    store.record_run("r1", AS_OF, [result("assoc", [listing("u1"), listing("u2", title="DBT")])])
    before = {x.title: x.id for x in store.listings()}
    rewritten = [listing("NEW-u1"), listing("NEW-u2", title="DBT")]
    summary = store.record_run("r2", AS_OF + timedelta(days=1), [result("assoc", rewritten)])
    after = {x.title: x.id for x in store.listings()}
    assert after == before
    assert summary.sources[0].new == 0
    assert {x["source_uid"] for x in store.links(before["DBT"])} == {"NEW-u2"}


def test_field_change_is_logged_and_sets_last_changed(store):
    store.record_run("r1", AS_OF, [result("assoc", [listing("u1")])])
    later = AS_OF + timedelta(days=1)
    summary = store.record_run("r2", later, [result("assoc", [listing("u1", city="Round Rock")])])
    got = store.listings()[0]
    assert summary.sources[0].updated == 1
    assert got.city == "Round Rock"
    assert got.last_changed == later.isoformat()
    assert got.first_seen == AS_OF.isoformat()
    log = store.history(got.id)
    assert [(e["field"], e["old"], e["new"]) for e in log] == [("city", '"Austin"', '"Round Rock"')]


def test_same_input_twice_changes_only_last_seen(store):
    items = [listing("u1"), listing("u2", title="DBT", city="Dallas")]
    store.record_run("r1", AS_OF, [result("assoc", items)])
    before = [x.to_dict() for x in store.listings()]
    later = AS_OF + timedelta(hours=6)
    summary = store.record_run("r2", later, [result("assoc", items)])
    after = [x.to_dict() for x in store.listings()]
    assert summary.sources[0].unchanged == 2
    assert [{**a, "last_seen": None} for a in after] == [{**b, "last_seen": None} for b in before]
    assert {a["last_seen"] for a in after} == {later.isoformat()}
    assert store.con.execute("SELECT count(*) FROM change_log").fetchall()[0][0] == 0


titles = st.text(alphabet="abcdefgh XYZ-&", min_size=1, max_size=20).filter(str.strip)
cities = st.sampled_from(["Austin", "Dallas", None])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(titles, cities, st.integers(1, 60)), min_size=1, max_size=6))
def test_idempotence_property(tmp_path_factory, specs):
    items = [listing(f"u{n}", title=t, city=c, days=d) for n, (t, c, d) in enumerate(specs)]
    with Store(tmp_path_factory.mktemp("idem") / "s.duckdb") as store:
        store.record_run("r1", AS_OF, [result("assoc", items)])
        first = [dataclasses.replace(x, last_seen=None) for x in store.listings()]
        store.record_run("r2", AS_OF + timedelta(days=1), [result("assoc", items)])
        second = [dataclasses.replace(x, last_seen=None) for x in store.listings()]
    assert first == second
